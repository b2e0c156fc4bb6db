"""The BibTeX export read by biber and bibtex themselves, where they are installed.

They are not Python packages (Debian: `apt-get install biber texlive-binaries`), so these tests
skip on machines without them; bibtexparser covers the format everywhere else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tui.core.export import render
from tui.core.model import Link, Paper, PaperState
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


def _bib(tmp_path: Path) -> tuple[Path, int]:
    seed = parse_digest(bundled_seeds()[0].read_bytes(), import_date=date(2026, 11, 29)).papers
    hostile = [
        Paper(
            id=f"{i:04x}aa",
            title=t,
            abstract=t,
            links=(Link("https://x.org/{a b}", "page"),),
            digest_dates=("2026-03-11",),
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


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber not installed")
def test_biber_reads_every_entry_without_warnings(tmp_path: Path) -> None:
    bib, count = _bib(tmp_path)
    out = tmp_path / "biber-out.bib"
    run = subprocess.run(
        ["biber", "--tool", "--output-file", str(out), str(bib)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    log = run.stdout + run.stderr
    assert "WARN" not in log and "ERROR" not in log, log
    assert len(re.findall(r"^@misc", out.read_text(encoding="utf-8"), re.M | re.I)) == count


MINI_BST = """MACRO {mar} {"March"}
ENTRY { title } {} {}
FUNCTION {misc} { "\\bibitem{" cite$ * "}" * write$ newline$ title write$ newline$ }
FUNCTION {default.type} { misc }
READ
ITERATE {call.type$}
"""


@pytest.mark.skipif(shutil.which("bibtex") is None, reason="bibtex not installed")
def test_bibtex_reads_every_entry_without_warnings(tmp_path: Path) -> None:
    bib, count = _bib(tmp_path)
    (tmp_path / "mini.bst").write_text(MINI_BST, encoding="utf-8")
    (tmp_path / "doc.aux").write_text(
        f"\\citation{{*}}\n\\bibdata{{{bib.stem}}}\n\\bibstyle{{mini}}\n", encoding="utf-8"
    )
    env = {**os.environ, "BIBINPUTS": ".:", "BSTINPUTS": ".:"}
    run = subprocess.run(
        ["bibtex", "doc"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout
    assert "Warning" not in run.stdout and "error" not in run.stdout.lower(), run.stdout
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\bibitem{") == count
