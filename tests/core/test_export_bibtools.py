"""The BibTeX export read by biber and bibtex themselves, where they are installed.

They are not Python packages (Debian: `apt-get install biber texlive-binaries`), so these tests
skip on machines without them, unless PAPERDECK_REQUIRE_TOOLS=1 (CI) makes that a failure;
bibtexparser covers the format everywhere else. The entries hold authors in hostile forms and one
paper of 5,000 authors; bibtex splits every name with format.name$.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

from tests.support.tools import need_tool
from tui.core.export import render
from tui.core.model import Link, Paper, PaperMeta, PaperState
from tui.core.parser import parse_digest
from tui.core.paths import bundled_seeds

HOSTILE = [
    "Braces {unbalanced and } closed {{twice}}",
    "100% of & # _ $ ^ ~ specials -- ``tex''",
    r"Backslash \eg \\ and \textbf{bold} \\",
    "@misc{evil, title={x}}",
    "Ünïcödé — 漢字 😀",
]
NOTES = ["", "score = 5\n title = {x}\n@misc{y,\n%c", "100% {unbalanced"]
AUTHORS = [
    "Ludwig van Beethoven", "Martin Luther King Jr.", "Lovelace, Ada", "King, Jr., Martin",
    "Guo", "Jean-Pierre Lévy-Bruhl", "田中 太郎", "Tom and Jerry", "AND", "others",
    "a, b, c, d", "{unbalanced", "x} y}", "=cmd|' /C calc'!A0", "\x1b[31mred\x1b[0m",
    "[b]bold[/b]", "\\textbf{x} \\\\ y \\", "100% & #_$^~ Specials", "@misc{evil,",
    "``tex'' -- x", "King, Jr.,", "",
]


def many_authors(hostile: bool) -> tuple[str, ...]:
    """5,000 names: hostile ones for bibtex; for biber the usual forms (its run on 5,000
    hostile names takes minutes; 2,000 of them passed without a warning, in 34 s)."""
    if hostile:
        return tuple(f"{AUTHORS[k % len(AUTHORS)]} {k}" for k in range(5000))
    forms = ("Ann{k} van der Berg{k}", "Lee{k}, Bo{k}", "Martin{k} King{k} Jr.", "Guo{k}",
             "Zoë{k} Ångström-Lévy{k}")
    return tuple(forms[k % len(forms)].format(k=k) for k in range(5000))


def _meta(i: int, *, hostile_crowd: bool) -> PaperMeta:
    authors = tuple(AUTHORS[(i + k) % len(AUTHORS)] for k in range(1 + i % 6))
    if i == 1:
        authors = many_authors(hostile_crowd)
    return PaperMeta(authors=authors, arxiv_id=f"2501.{i:05d}", published="2025-02-03",
                     categories=("cs.LG",), doi="10.1000/x_y{z}" if i % 2 else "")


def _bib(tmp_path: Path, *, hostile_crowd: bool = True) -> tuple[Path, int]:
    seed = parse_digest(bundled_seeds()[0].read_bytes(), import_date=date(2026, 11, 29)).papers
    hostile = [
        Paper(
            id=f"{i:04x}aa",
            title=t,
            abstract=t,
            links=(Link("https://x.org/{a b}", "page"),),
            digest_dates=("2026-03-11",),
            meta=_meta(i, hostile_crowd=hostile_crowd),
        )
        for i, t in enumerate(HOSTILE)
    ]
    items = [
        (paper, PaperState(notes=NOTES[i % len(NOTES)], tags=("a_b", "c&d")))
        for i, paper in enumerate(hostile + seed)
    ]
    path = tmp_path / "export.bib"
    path.write_text(render("bibtex", items, query="x", today=date(2026, 11, 29)), encoding="utf-8")
    return path, len(items)


def test_biber_reads_every_entry_without_warnings(tmp_path: Path) -> None:
    biber = need_tool("biber")
    bib, count = _bib(tmp_path, hostile_crowd=False)
    out = tmp_path / "biber-out.bib"
    run = subprocess.run(
        [biber, "--tool", "--output-file", str(out), str(bib)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    log = run.stdout + run.stderr
    assert "WARN" not in log and "ERROR" not in log, log
    written = out.read_text(encoding="utf-8")
    assert len(re.findall(r"^@misc", written, re.M | re.I)) == count
    assert "van Beethoven, Ludwig" in written and "Lovelace, Ada" in written
    assert len(re.findall(r"^\s*EPRINT = \{2501\.\d{5}\}", written, re.M)) == len(HOSTILE)


# Each name through format.name$, written one by one (a string of 5,000 would pass bibtex's
# string size limit); bibtex warns there about a name it cannot split.
MINI_BST = """MACRO {mar} {"March"}
MACRO {feb} {"February"}
ENTRY { title author } {} {}
INTEGERS { nameptr numnames }
FUNCTION {names}
{ author empty$
    'skip$
    { author num.names$ 'numnames :=
      #1 'nameptr :=
      { nameptr numnames #1 + < }
      { author nameptr "{vv~}{ll}{, jj}{, ff}" format.name$ write$ newline$
        nameptr #1 + 'nameptr := }
      while$ }
  if$ }
FUNCTION {misc}
{ "\\bibitem{" cite$ * "}" * write$ newline$ title write$ newline$ names }
FUNCTION {default.type} { misc }
READ
ITERATE {call.type$}
"""


def test_bibtex_reads_every_entry_without_warnings(tmp_path: Path) -> None:
    bibtex = need_tool("bibtex")
    bib, count = _bib(tmp_path)
    (tmp_path / "mini.bst").write_text(MINI_BST, encoding="utf-8")
    (tmp_path / "doc.aux").write_text(
        f"\\citation{{*}}\n\\bibdata{{{bib.stem}}}\n\\bibstyle{{mini}}\n", encoding="utf-8"
    )
    env = {**os.environ, "BIBINPUTS": ".:", "BSTINPUTS": ".:"}
    run = subprocess.run(
        [bibtex, "doc"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout
    assert "Warning" not in run.stdout and "error" not in run.stdout.lower(), run.stdout
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem{") == count
    assert "van Beethoven, Ludwig" in bbl and "King, Jr., Martin" in bbl
