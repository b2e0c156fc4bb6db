"""Every export format read back by a real parser: every paper present, every title exact.

What "exact" means per format (the exporters document why):
- json, csv, csljson: the title as stored (csv after undoing the formula-neutralising `'`).
- md, bibtex, ris: these keep a title on one line, so the title with whitespace runs folded to one
  space (`one_line`); digest titles are already in that form, so for them it is the raw title.
- bibtex titles are compared after LaTeX decoding with bibtexparser's LatexDecodingMiddleware
  (pylatexenc), taught the three text macros it lacks (\\textbraceleft, \\textbraceright,
  \\textasciicircum -> '{', '}', '^'); notes there compare with whitespace folded, since TeX
  readers fold it anyway.
- authors come back split as names.py splits them: bibtex through bibtexparser's own name
  splitting (SeparateCoAuthors, SplitNameParts; family = von + last) then LaTeX decoding, with a
  comma inside a name part read as a space (biber allows no more commas); RIS as `Family, Given`;
  CSL-JSON as family / given, read by citeproc-py.
"""

from __future__ import annotations

import csv
import io
import json
import string
from datetime import date

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from tui.core.export import FORMATS, render
from tui.core.export.csv_format import COLUMNS
from tui.core.export.fields import clean, issued, main_url, note_lines, one_line, urls
from tui.core.export.markdown import escape
from tui.core.export.names import split_name
from tui.core.model import Link, Paper, PaperMeta, PaperState
from tui.core.parser import parse_digest
from tui.core.records import paper_record

TODAY = date(2026, 11, 29)

HOSTILE_TITLES = [
    "Braces {unbalanced and } closed {{twice}}",
    "100% of & # _ $ ^ ~ specials",
    r"Backslash \eg \\ and \textbf{bold} \\",
    "Quotes \"double\" 'single' ``tex'' `back` ?` !` -- ---",
    '=HYPERLINK("http://evil")',
    "+1 -1 @SUM(A1) leading formula",
    "Line one\nline two\r\nline three",
    "Ünïcödé — 漢字 😀 ≤ ∑ ñ",
    "[brackets] and [link](http://x) and ![img](y)",
    "*stars* and **bold** and _under_ and `code`",
    "<b>html</b> &amp; &lt; <!-- c -->",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "@misc{evil, title={x}}",
    "ER  - not an end",
    "'quoted start",
    "\ttab start",
    "trailing backslash \\",
]
HOSTILE_NOTES = [
    "",
    "plain note",
    "multi\nline\n\nnote with blank line",
    "@misc{evil,\n title = {pwn}}\n%comment\n}",
    "ER  - \nTY  - JOUR\nKW  - x",
    "=cmd|' /C calc'!A0",
    "# heading?\n- bullet?\n> quote\n    code?\n```fence",
    "emoji 😀 and \\ backslash and $math$",
    "score = 5\n title = {x}\nrating=4",
]


HOSTILE_AUTHORS = [
    "Ludwig van Beethoven",
    "Martin Luther King Jr.",
    "Lovelace, Ada",
    "King, Jr., Martin",
    "Guo",
    "Jean-Pierre Lévy-Bruhl",
    "田中 太郎",
    "Tom and Jerry",
    "AND",
    "others",
    "a, b, c, d",
    "{unbalanced",
    "x} y}",
    "=cmd|' /C calc'!A0",
    "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link",
    "[b]bold[/b] [@click=app.quit]x[/]",
    "\\textbf{x} \\\\ y \\",
    "100% & #_$^~ Specials",
    "@misc{evil, title={x}",
    "ER  - not an end",
    "*Star* _under_ `code`",
    "# Heading",
    "1. List",
    "line\nbreak\u2028here",
    "``tex'' -- ?` x",
    "  ",
    "",
]


def make_meta(i: int) -> PaperMeta | None:
    """Every third paper is known from the page only; the others from a richer source."""
    if i % 3 == 0:
        return None
    count = len(HOSTILE_AUTHORS)
    authors = tuple(HOSTILE_AUTHORS[(i + k) % count] for k in range(i % 5))
    return PaperMeta(authors=authors, arxiv_id=f"2501.{i:05d}" if i % 2 else "",
                     published=f"2025-{i % 12 + 1:02d}-0{i % 9 + 1}" if i % 4 else "",
                     categories=("cs.LG", "stat.ML") if i % 2 else (),
                     doi=f"10.1000/x_{i}{{y}}" if i % 5 == 1 else "")


def make_items(titles: list[str], notes: list[str]) -> list[tuple[Paper, PaperState]]:
    items = []
    for i, title in enumerate(titles):
        note = notes[i % len(notes)]
        links = (Link(f"https://example.org/p/{i}?q=a b;c", "page"),) if i % 3 else ()
        paper = Paper(
            id=f"{i:04x}beef{i:04x}",
            title=title,
            abstract=f"Abstract {i}: {title} 50% {{x}}",
            links=links,
            digest_dates=("2026-03-11",),
            first_seen="2026-11-29T00:00:00+00:00",
            meta=make_meta(i),
        )
        state = PaperState(
            read=i % 2 == 0, starred=i % 3 == 0, notes=note, tags=("ml", "to-read")[: i % 3]
        )
        items.append((paper, state))
    return items


@pytest.fixture(scope="module")
def seed_items(request) -> list[tuple[Paper, PaperState]]:
    from tui.core.paths import bundled_seeds

    result = parse_digest(bundled_seeds()[0].read_bytes(), import_date=TODAY)
    assert len(result.papers) > 50
    notes = HOSTILE_NOTES
    return [
        (paper, PaperState(read=i % 2 == 0, starred=i % 5 == 0, notes=notes[i % len(notes)]))
        for i, paper in enumerate(result.papers)
    ]


HOSTILE = make_items(HOSTILE_TITLES, HOSTILE_NOTES)


# --- readers: one real parser per format -------------------------------------------------------


# CommonMark with GitHub's tables and strikethrough: user text must not turn into those either.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Block tokens of the checklist itself; anything else (a table, a heading) came from user text.
CHECKLIST_BLOCKS = {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
                    "paragraph_open", "paragraph_close", "blockquote_open", "blockquote_close",
                    "inline", "heading_open", "heading_close"}


def read_markdown(text: str) -> list[dict]:
    """Per list item: checkbox, star, title text (first line), note text (its blockquote)."""
    tokens = MARKDOWN.parse(text)
    stray = {token.type for token in tokens} - CHECKLIST_BLOCKS
    assert not stray, f"user text became markup: {stray}"
    items: list[dict] = []
    in_quote = 0
    for token in tokens:
        if token.type == "list_item_open" and token.level == 1:
            items.append({"title_line": None, "lines": [], "notes": []})
        elif token.type == "blockquote_open":
            in_quote += 1
        elif token.type == "blockquote_close":
            in_quote -= 1
        elif token.type in ("heading_open", "fence", "code_block", "html_block", "hr") and items:
            raise AssertionError(f"user text became markup: {token.type}")
        elif token.type == "inline" and items:
            item = items[-1]
            if in_quote:
                item["notes"].append(_inline_text(token.children, stop_at_break=False))
            elif item["title_line"] is None:
                item["title_line"] = _inline_text(token.children, stop_at_break=True)
                item["lines"] = _inline_text(token.children, stop_at_break=False).split("\n")
    for item in items:
        line = item["title_line"]
        item["read"] = line.startswith("[x] ")
        assert line.startswith(("[x] ", "[ ] "))
        line = line[4:]
        item["starred"] = line.startswith("**★** ")  # the marker is bold, titles never are
        item["title"] = line[6:] if item["starred"] else line
    return items


def _inline_text(children, *, stop_at_break: bool) -> str:
    parts = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            if stop_at_break:
                break
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("strong_open", "strong_close"):
            parts.append("**")  # only the star marker may be bold: anywhere else it shows
        elif child.type not in ("link_open", "link_close"):
            raise AssertionError(f"user text became markup: {child.type}")
    return "".join(parts)


def _latex_decoder() -> LatexNodes2Text:
    db = get_default_latex_context_db()
    db.add_context_category(
        "paperdeck-test",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexNodes2Text(latex_context=db, math_mode="verbatim")


def read_bibtex(text: str) -> list[dict[str, str]]:
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(decoder=_latex_decoder())]
    )
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    raw = bibtexparser.parse_string(text)
    raw_by_key = {entry.key: entry for entry in raw.entries}
    names = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(),
                                                               SplitNameParts()])
    assert not names.failed_blocks, [b.error for b in names.failed_blocks]
    names_by_key = {entry.key: entry for entry in names.entries}
    decoder = _latex_decoder()
    out = []
    for entry in library.entries:
        fields = {field.key: field.value for field in entry.fields}
        fields["key"] = entry.key
        fields["entry_type"] = entry.entry_type
        raw_fields = raw_by_key[entry.key].fields_dict
        fields["raw_url"] = raw_fields["url"].value if "url" in raw_fields else None
        fields["raw_doi"] = raw_fields["doi"].value if "doi" in raw_fields else None
        author = names_by_key[entry.key].fields_dict.get("author")
        fields["authors"] = [
            tuple(decoder.latex_to_text(" ".join(words))
                  for words in (parts.von + parts.last, parts.first, parts.jr))
            for parts in (author.value if author else [])
        ]
        out.append(fields)
    return out


def _folded(part: str) -> str:
    return " ".join(part.replace(",", " ").split())


def bibtex_names(authors: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The (family, given, suffix) bibtexparser should read for each author written."""
    split = [split_name(one_line(author)) for author in authors]
    return [(_folded(n.family), _folded(n.given), _folded(n.suffix)) for n in split if n.family]


def ris_names(authors: tuple[str, ...]) -> list[str]:
    split = [split_name(one_line(author)) for author in authors]
    return [name.family_first() for name in split if name.family]


def csl_names(authors: tuple[str, ...]) -> list[dict[str, str]]:
    out = []
    for author in authors:
        name = split_name(one_line(author))
        if name.family:
            parts = {"family": name.family, "given": name.given, "suffix": name.suffix}
            out.append({key: value for key, value in parts.items() if value})
    return out


def markdown_authors(authors: tuple[str, ...]) -> str:
    names = [one_line(author) for author in authors if one_line(author)]
    return ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, map(unneutralise, row), strict=True)) for row in body]


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def read_csljson(text: str) -> list[dict]:
    data = json.loads(text)
    source = CiteProcJSON(data)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, citeproc_formatter.plain)
    for item in data:
        bibliography.register(Citation([CitationItem(item["id"])]))
        reference = source[item["id"].lower()]
        assert str(reference["title"]) == item["title"]
        read = [{key: str(value) for key, value in name.items()}
                for name in reference.get("author", [])]
        assert read == item.get("author", [])
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(data)
    return data


# --- the round trips --------------------------------------------------------------------------

SETS = {"hostile": HOSTILE}


@pytest.fixture(params=["hostile", "seed"])
def items(request, seed_items):
    return seed_items if request.param == "seed" else SETS[request.param]


def test_markdown_round_trip(items):
    text = render("md", items, query="is:starred *x*", today=TODAY)
    tokens = MarkdownIt("commonmark").parse(text)
    assert tokens[0].type == "heading_open"
    assert _inline_text(tokens[1].children, stop_at_break=False) == (
        "Reading list — 2026-11-29 — query: is:starred *x*"
    )
    parsed = read_markdown(text)
    assert len(parsed) == len(items)
    for got, (paper, state) in zip(parsed, items, strict=True):
        assert got["title"] == one_line(paper.title)
        if markdown_authors(paper.authors):
            assert got["lines"][1] == markdown_authors(paper.authors)
        else:
            assert len(got["lines"]) == 1 + bool(state.tags)
        assert got["read"] == state.read
        assert got["starred"] == state.starred
        expected_notes = [line.strip() for line in note_lines(state.notes) if line.strip()]
        got_notes = [line for chunk in got["notes"] for line in chunk.split("\n") if line]
        assert got_notes == expected_notes


def test_markdown_escapes_only_what_would_be_markup():
    """Every punctuation mark was escaped (`Qwen2\\.5`, `TinyHelen\\'s`): the file was hard to
    read and edit. Plain punctuation stays as typed; markup characters are still escaped."""
    title = "Qwen2.5 & TinyHelen's (v1.0): 50% faster, ok? yes! snake_case a-b \"q\" #1 @x"
    notes = "e.g. see section 3.2 (p. 4); it's good!\n1999 was a year. And R&D.\nx - y + z"
    paper = Paper(id="abcdef123456", title=title, abstract="", links=(),
                  digest_dates=("2026-03-11",))
    text = render("md", [(paper, PaperState(notes=notes, tags=("c++", "to-read")))],
                  query="is:read -tag:x", today=TODAY)
    assert f"- [ ] {title}" in text
    assert "query: is:read -tag:x" in text
    assert "  tags: c++, to-read" in text
    assert "  > e.g. see section 3.2 (p. 4); it's good!" in text
    assert "  > 1999 was a year. And R&D." in text
    assert escape("*a* _b_ `c` [d](e) <f> &amp; | ~~g~~ $h$ \\") == (
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> \\&amp; \\| \\~\\~g\\~\\~ \\$h\\$ \\\\")
    for line in ("# h", "> q", "- b", "+ b", "1. x", "2) y", "---", "==="):
        assert escape(line, line_start=True) != line, line


def test_markdown_links_to_the_arxiv_page_else_the_first_link():
    html = MarkdownIt("commonmark").render(render("md", HOSTILE, query="", today=TODAY))
    assert 'href="https://arxiv.org/abs/2501.00001"' in html  # paper 1 has an arXiv id
    assert 'href="https://example.org/p/2?q=a%20b%3Bc"' in html  # paper 2 a link only


def test_bibtex_round_trip(items):
    text = render("bibtex", items, query="", today=TODAY)
    entries = read_bibtex(text)
    assert len(entries) == len(items)
    keys = [entry["key"] for entry in entries]
    assert len(set(keys)) == len(keys)
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    for entry, (paper, state) in zip(entries, items, strict=True):
        assert entry["entry_type"] == "misc"
        assert entry["title"] == one_line(paper.title)
        assert entry["authors"] == bibtex_names(paper.authors)
        year, month, _day = issued(paper)
        assert (entry["year"], entry["month"]) == (str(year), months[month - 1])
        assert entry["abstract"] == one_line(paper.abstract)
        if paper.arxiv_id:
            assert entry["eprint"] == paper.arxiv_id
            assert entry["archivePrefix"] == "arXiv"
            assert entry["primaryClass"] == paper.meta.categories[0]
            assert entry["raw_url"] == f"https://arxiv.org/abs/{paper.arxiv_id}"
        else:
            assert "eprint" not in entry
            assert entry["raw_url"] == (main_url(paper).replace(" ", "%20").replace(";", "%3B")
                                        or None)
        if paper.meta is not None and paper.meta.doi:
            assert entry["raw_doi"] == paper.meta.doi.replace("{", "%7B").replace("}", "%7D")
        notes = clean(state.notes).strip()
        if notes:
            assert " ".join(entry["annote"].split()) == " ".join(notes.split())
        else:
            assert "annote" not in entry
        if state.tags:
            assert entry["keywords"] == ", ".join(state.tags)


def test_bibtex_keys_are_readable_and_stable(seed_items):
    first = read_bibtex(render("bibtex", seed_items, query="", today=TODAY))
    again = read_bibtex(render("bibtex", seed_items[::-1], query="", today=TODAY))
    by_title = {e["title"]: e["key"] for e in first}
    assert all(by_title[e["title"]] == e["key"] for e in again)
    dspy = next(e for e in first if e["title"].startswith("DSPy"))
    assert dspy["key"].startswith("dspy2026")


def test_bibtex_protects_capitals():
    text = render(
        "bibtex", HOSTILE[:1] + make_items(["DSPy: Compiling LMs"], [""]), query="", today=TODAY
    )
    assert "title = {{DSPy:} {Compiling} {LMs}}" in text


def test_csv_round_trip(items):
    text = render("csv", items, query="", today=TODAY)
    header, rows = read_csv(text)
    assert header == list(COLUMNS)
    assert len(rows) == len(items)
    for row, (paper, state) in zip(rows, items, strict=True):
        assert row["id"] == paper.id
        assert row["title"] == clean(paper.title)
        assert row["notes"] == clean(state.notes)
        assert row["abstract"] == clean(paper.abstract)
        assert row["read"] == ("true" if state.read else "false")
        assert row["url"] == (paper.links[0].url if paper.links else "")
        assert row["authors"] == "; ".join(one_line(a) for a in paper.authors)
        assert row["arxiv_id"] == paper.arxiv_id


def test_csv_neutralises_formulas():
    text = render("csv", HOSTILE, query="", today=TODAY)
    for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_json_equals_records(items):
    text = render("json", items, query="", today=TODAY)
    assert json.loads(text) == [paper_record(p, s) for p, s in items]


def test_csljson_round_trip(items):
    data = read_csljson(render("csljson", items, query="", today=TODAY))
    assert len(data) == len(items)
    for item, (paper, state) in zip(data, items, strict=True):
        assert item["type"] == "article"
        assert item["title"] == clean(paper.title)
        assert item["issued"] == {"date-parts": [list(issued(paper))]}
        assert item.get("author", []) == csl_names(paper.authors)
        assert item.get("URL") == (main_url(paper).replace(" ", "%20").replace(";", "%3B")
                                   or None)
        assert item.get("number") == (paper.arxiv_id or None)
        assert item.get("DOI") == (paper.meta.doi if paper.meta and paper.meta.doi else None)
        assert item.get("note", "") == (clean(state.notes) if state.notes.strip() else "")


def test_ris_round_trip(items):
    text = render("ris", items, query="", today=TODAY)
    records = rispy.loads(text)
    assert len(records) == len(items)
    for record, (paper, state) in zip(records, items, strict=True):
        assert record["type_of_reference"] == "GEN"
        assert record["title"] == one_line(paper.title)
        assert record["year"] == str(issued(paper)[0])
        assert record.get("authors", []) == ris_names(paper.authors)
        split = [split_name(one_line(author)) for author in paper.authors]
        for written, name in zip(record.get("authors", []), [n for n in split if n.family],
                                 strict=True):
            if not name.suffix and "," not in name.given:  # "Family, Given" splits back
                assert written.split(", ", 1) == [name.family, name.given][: 1 + bool(name.given)]
        assert len(record.get("urls", [])) == len(urls(paper))
        assert record.get("doi") == (paper.meta.doi if paper.meta and paper.meta.doi else None)
        assert record.get("keywords", []) == list(state.tags)
        expected = [line.strip() for line in note_lines(state.notes)]
        if any(expected):
            assert record["notes"] == expected
        else:
            assert "notes" not in record


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_empty_export_is_a_valid_document(fmt):
    text = render(fmt, [], query="nothing", today=TODAY)
    if fmt in ("json", "csljson"):
        assert json.loads(text) == []
    elif fmt in ("csv", "csv-excel"):
        [header] = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        assert tuple(header) == COLUMNS
    elif fmt == "bibtex":
        assert read_bibtex(text) == []
    elif fmt == "ris":
        assert rispy.loads(text) == []
    else:
        assert read_markdown(text) == []
        assert "No papers match." in text


# --- hypothesis: any Unicode title or note ----------------------------------------------------

# Any Unicode, and ASCII punctuation / whitespace dense text, where the escaping bugs live.
texts = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    st.text(string.punctuation + " \n\r\t\x1b\u2028aZ9é", max_size=60),
)


# What the state store allows in a tag: no whitespace, commas, quotes or control characters.
tag_lists = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Z")), min_size=1)
    .map(str.lower)
    .filter(lambda t: not any(c in t for c in ',"') and t.isprintable() and not t.isspace()),
    max_size=3,
    unique=True,
).map(lambda tags: tuple(sorted(tags)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, notes=texts, read=st.booleans(), starred=st.booleans(), tags=tag_lists)
# A title that starts with the md star marker once read back as a starred paper (found by CI).
@example(title="★ 0", notes="", read=False, starred=False, tags=())
@example(title="★ 0", notes="", read=True, starred=True, tags=())
def test_any_text_round_trips_every_format(title, notes, read, starred, tags):
    paper = Paper(
        id="abcdef123456",
        title=title,
        abstract=title,
        links=(Link("https://x.org/a", "page"),),
        digest_dates=("2026-03-11",),
    )
    items = [(paper, PaperState(read=read, starred=starred, notes=notes, tags=tags))]
    for fmt in FORMATS:
        render(fmt, items, query=title, today=TODAY)  # none may raise

    [md] = read_markdown(render("md", items, query=title, today=TODAY))
    assert (md["title"], md["read"], md["starred"]) == (one_line(title), read, starred)

    [bib] = read_bibtex(render("bibtex", items, query=title, today=TODAY))
    assert bib["title"] == one_line(title)
    assert bib.get("keywords", "") == ", ".join(tags)

    _, [row] = read_csv(render("csv", items, query="", today=TODAY))
    assert (row["title"], row["notes"]) == (clean(title), clean(notes))
    assert row["tags"].split(" ") == list(tags) or (row["tags"], tags) == ("", ())

    [record] = json.loads(render("json", items, query="", today=TODAY))
    assert (record["title"], record["notes"]) == (title, notes)

    [csl] = read_csljson(render("csljson", items, query="", today=TODAY))
    assert csl["title"] == clean(title)
    assert csl.get("keyword", "") == ", ".join(tags)

    [ris] = rispy.loads(render("ris", items, query="", today=TODAY))
    assert ris["title"] == one_line(title)
    assert ris.get("keywords", []) == list(tags)
    expected_notes = [line.strip() for line in note_lines(notes)]
    assert ris.get("notes", []) == (expected_notes if any(expected_notes) else [])


# Titles dense in what Markdown reads as markup, and in what it only seems to.
markdown_texts = st.lists(
    st.sampled_from([*string.punctuation, " ", "  ", "a", "Z", "9", "é", "漢", "1.", "#", "- ",
                     "> ", "&amp;", "&#35;", "---", "\n"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.one_of(markdown_texts, texts).filter(one_line),
       notes=st.one_of(markdown_texts, texts), linked=st.booleans())
@example(title="a | b", notes="a | b\n--- | ---", linked=False)
@example(title="~~s~~ $x$ x_y_", notes="text\n===\n1. one\n#. two", linked=True)
@example(title="q #", notes="", linked=False)
def test_any_title_and_note_survive_markdown_rendering_as_literal_text(title, notes, linked):
    paper = Paper(id="abcdef123456", title=title, abstract="",
                  links=(Link("https://x.org/a", "page"),) if linked else (),
                  digest_dates=("2026-03-11",))
    text = render("md", [(paper, PaperState(notes=notes))], query=title, today=TODAY)
    tokens = MARKDOWN.parse(text)
    heading = _inline_text(tokens[1].children, stop_at_break=False)
    expected_scope = f"query: {one_line(title)}" if title.strip() else "all papers"
    assert heading == f"Reading list — 2026-11-29 — {expected_scope}"
    [item] = read_markdown(text)
    assert item["title"] == one_line(title)
    expected_notes = [line.strip() for line in note_lines(notes) if line.strip()]
    assert [line for chunk in item["notes"] for line in chunk.split("\n") if line] == (
        expected_notes)


# --- authors: hostile names through every reader ------------------------------------------------

# Names dense in what splits a BibTeX name list or a name (and, commas, braces, particles,
# suffixes) and in what the formats escape.
name_pieces = st.sampled_from(["and", "AND", "van", "de la", "Jr.", "II", "others", ",", ", ",
                               " ", "{", "}", "\\", "Ada", "é", "%", "~", "-", "@", "$", "#",
                               "``", "--", "=", "\n", "\x1b[1m", "[b]", "*", "_", "1.", "> "])
name_texts = st.one_of(texts, st.lists(name_pieces, max_size=10).map("".join))


def author_paper(authors: tuple[str, ...]) -> Paper:
    return Paper(id="abcdef123456", title="Engines", abstract="", links=(),
                 digest_dates=("2026-03-11",),
                 meta=PaperMeta(authors=authors, arxiv_id="2501.01234", published="2025-02-03",
                                categories=("cs.LG",), doi="10.1000/x"))


def check_authors_in_every_format(authors: tuple[str, ...]) -> None:
    items = [(author_paper(authors), PaperState())]
    for fmt in FORMATS:
        render(fmt, items, query="", today=TODAY)  # none may raise
    [bib] = read_bibtex(render("bibtex", items, query="", today=TODAY))
    assert bib["authors"] == bibtex_names(authors)
    [ris] = rispy.loads(render("ris", items, query="", today=TODAY))
    assert ris.get("authors", []) == ris_names(authors)
    [csl] = read_csljson(render("csljson", items, query="", today=TODAY))
    assert csl.get("author", []) == csl_names(authors)
    _, [row] = read_csv(render("csv", items, query="", today=TODAY))
    assert row["authors"] == "; ".join(one_line(author) for author in authors)
    [record] = json.loads(render("json", items, query="", today=TODAY))
    assert record["authors"] == list(authors)
    [md] = read_markdown(render("md", items, query="", today=TODAY))
    shown = markdown_authors(authors)
    assert md["lines"][1:] == ([shown] if shown else [])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(authors=st.lists(name_texts, max_size=5).map(tuple))
@example(authors=("Tom and Jerry", "a, b, c, d", "King, Jr.,", "others", "{x", "\\y"))
@example(authors=("===",))
@example(authors=("- x", "y"))
def test_any_authors_read_back_from_every_format(authors):
    check_authors_in_every_format(authors)


def test_five_thousand_hostile_authors_read_back_from_every_format():
    authors = tuple(f"{HOSTILE_AUTHORS[i % len(HOSTILE_AUTHORS)]} {i}" for i in range(5000))
    check_authors_in_every_format(authors)
    text = render("bibtex", [(author_paper(authors), PaperState())], query="", today=TODAY)
    assert max(len(line) for line in text.splitlines()) < 200  # one name a line
