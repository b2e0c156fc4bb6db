"""The Hugging Face daily papers API JSON: fields in the shape huggingface_hub reads, bad items
skipped or partly kept with a warning naming them, bad documents refused in one line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import DigestError
from tui.core.library import Library
from tui.core.parser import ParseResult
from tui.core.sources import parse_source, sniff
from tui.core.text import sanitize


def terminal_safe(text: str) -> bool:
    """Nothing that sanitize() would remove (unassigned code points are no escape)."""
    return sanitize(text) == text and "\n" not in text


FIXTURES = Path(__file__).parent.parent / "fixtures"
DAY = FIXTURES / "hf_daily_papers_2025-03-04.json"
IMPORT_DAY = date(2025, 3, 5)


def parse(data: bytes | str) -> ParseResult:
    raw = data.encode() if isinstance(data, str) else data
    return parse_source(lambda: [raw], size=len(raw), import_date=IMPORT_DAY, source="day.json")


def item(**paper: object) -> dict:
    base: dict = {"id": "2503.01234", "title": "A Paper", "summary": "An abstract."}
    base.update(paper)
    return {"paper": base, "publishedAt": "2025-03-04T06:00:00.000Z"}


def test_the_fixture_reads_every_usable_item_in_order() -> None:
    result = parse(DAY.read_bytes())
    assert result.date == "2025-03-04"
    titles = [p.title for p in result.papers]
    assert titles == [
        "Lattice Routing: Load-Balanced Mixture-of-Experts Without Auxiliary Losses",
        "When Retrieved Passages Disagree: Measuring Conflict Bias in RAG",
        "Anchor Frames for Minute-Long Video Diffusion",
        "Grammar-Aware Pre-Tokenization for Source Code",
    ]
    assert [p.position for p in result.papers] == [0, 1, 2, 3]
    assert all(p.digest_dates == ("2025-03-04",) for p in result.papers)
    first = result.papers[0]
    assert first.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    meta = first.meta
    assert meta is not None
    assert (meta.arxiv_id, meta.published, meta.upvotes, meta.comments) == (
        "2503.01234", "2025-03-02", 87, 4)
    assert meta.github_repo == "https://github.com/example-lab/lattice-routing"
    assert meta.github_stars == 412
    assert meta.project_page == "https://example-lab.github.io/lattice-routing/"
    assert meta.keywords[:2] == ("mixture-of-experts", "router")
    assert meta.ai_summary.startswith("A differentiable")
    # The repo is code, the project page a page; the repo named again in the abstract is one.
    assert [(link.url, link.kind) for link in first.links] == [
        ("https://github.com/example-lab/lattice-routing", "code"),
        ("https://example-lab.github.io/lattice-routing/", "page"),
    ]
    assert "\n" not in first.abstract and first.abstract.startswith("Sparse mixture")


def test_nulls_and_wrong_types_are_left_out_with_a_warning_naming_the_item() -> None:
    result = parse(DAY.read_bytes())
    second, third, fourth = result.papers[1:]
    assert second.arxiv_id == "2503.02345"  # the version dropped
    assert second.authors == ("Émilie du Châtelet", "Sophie Germain")
    assert second.meta is not None and second.meta.upvotes is None
    assert third.meta is not None and third.authors == () and third.meta.upvotes is None
    assert third.meta.published == "" and third.meta.github_repo == ""
    assert fourth.arxiv_id == "" and fourth.meta is not None and fourth.meta.comments == 2
    warnings = [str(d) for d in result.diagnostics]
    assert "item 3: upvotes '1.2k' is not a count; left out" in warnings
    assert "item 3: githubRepo 'ftp://example.org/anchor' is not an http(s) link; left out" \
        in warnings
    assert "item 4: paper is 'not a dict', not an object; the item's own fields kept" in warnings
    assert "item 5: 'not an object either', not an object; skipped" in warnings
    assert "item 6: no title; skipped" in warnings


@pytest.mark.parametrize(("document", "message"), [
    ('{"error": "Invalid date"}', "the daily papers API answered with an error: Invalid date"),
    ('{"error": "\\u001b[31mboom\\u001b[0m"}', "answered with an error: boom"),
    ("[]", "an empty list: no daily papers in it"),
    ('{"papers": []}', "a JSON object, not the daily papers list"),
    ('[{"paper": {"id": "2503.01234"}}]', "no papers found in the daily papers JSON"),
    ('[{"paper": {"title": "x"}', "not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_documents_without_papers_are_refused_in_one_line(document: str, message: str) -> None:
    with pytest.raises(DigestError) as caught:
        parse(document)
    text = str(caught.value)
    assert message in text and "\n" not in text and "\x1b" not in text
    assert text.startswith("day.json: ")


def test_a_page_text_digest_whose_first_title_has_a_bracket_is_still_page_text() -> None:
    abstract = "We study the thing and find out a great deal about it. " * 5
    for title in ("[Re] Reproducing Lattice Routing", "[2503.01234] A Bracketed Id"):
        text = f"Mar 4\n\n{title}\n\n{abstract}\n\nSecond Paper\n\n{abstract}\n"
        assert sniff(text.encode()) == "page text"
        result = parse(text)
        assert [p.title for p in result.papers] == [title, "Second Paper"]
        assert result.papers[0].meta is None


def test_json_is_told_by_content_with_a_bom_and_blank_lines_first() -> None:
    raw = "\ufeff\n\n  " + json.dumps([item()])
    assert sniff(raw.encode()) == "hf json"
    assert parse(raw.encode()).papers[0].arxiv_id == "2503.01234"


def test_escape_sequences_and_markup_in_names_and_titles_are_text() -> None:
    hostile = item(title="Bold \x1b[1m[b]Claim[/b]\x1b]8;;http://evil\x07 here\u202e",
                   summary="Line one\x1b[2J\nline two\x07.",
                   authors=[{"name": "Eve\x1b[31m [red]Mallory[/red]\x9b1m"}, {"name": "\ud800"}])
    paper = parse(json.dumps([hostile])).papers[0]
    for text in (paper.title, paper.abstract, *paper.authors):
        assert text.isprintable(), text
        assert "\x1b" not in text and "\u202e" not in text
    assert paper.title == "Bold [b]Claim[/b] here"  # markup stays literal text
    assert paper.authors == ("Eve [red]Mallory[/red]", "\ufffd")
    assert paper.abstract == "Line one line two."


def test_five_thousand_authors_are_kept_in_order() -> None:
    names = [{"name": f"Author {i:04d}"} for i in range(5000)]
    paper = parse(json.dumps([item(authors=names)])).papers[0]
    assert len(paper.authors) == 5000
    assert paper.authors[0] == "Author 0000" and paper.authors[-1] == "Author 4999"


def test_duplicates_within_one_response_are_skipped_with_a_warning() -> None:
    result = parse(json.dumps([item(), item(title="Another Title"), item(id="2503.09999")]))
    assert [p.title for p in result.papers] == ["A Paper"]
    assert [str(d) for d in result.diagnostics] == [
        "item 2: arXiv:2503.01234 again (first in item 1); skipped",
        "item 3: duplicate of the paper of item 1; skipped",
    ]


def test_without_any_date_the_import_day_is_used_with_a_warning() -> None:
    result = parse(json.dumps([{"paper": {"title": "A Paper", "summary": "x"}}]))
    assert result.date == "2025-03-05"
    assert result.papers[0].digest_dates == ("2025-03-05",)
    assert "no date in the daily papers JSON" in str(result.diagnostics[0])


def test_the_list_day_is_the_utc_day_of_the_items_publishedAt() -> None:
    late = {**item(), "publishedAt": "2025-03-04T23:30:00-05:00"}  # 04:30 UTC on the 5th
    assert parse(json.dumps([late])).date == "2025-03-05"


def test_a_reimport_of_the_same_json_changes_nothing(home: Path, tmp_path: Path) -> None:
    lib = Library.open(home, seed_if_empty=False)
    first = lib.import_paths([DAY], today=IMPORT_DAY)
    assert (first.new, first.known) == (4, 0)
    log = (home / "imports.json").read_bytes()
    papers = [(p.id, p.title, p.meta) for p in lib.papers]
    again = Library.open(home, seed_if_empty=False).import_paths([DAY], today=IMPORT_DAY)
    assert (again.new, again.known, again.digests_already_kept) == (0, 4, 1)
    assert (home / "imports.json").read_bytes() == log
    reread = Library.open(home, seed_if_empty=False)
    assert [(p.id, p.title, p.meta) for p in reread.papers] == papers
    # Rebuilt from the kept copy (digests/<sha>.txt), the papers are the same.
    for cached in (home / "cache").iterdir():
        cached.unlink()
    rebuilt = Library.open(home, seed_if_empty=False)
    assert [(p.id, p.title, p.meta) for p in rebuilt.papers] == papers


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=5),
    max_leaves=30)
KEYS = ["id", "title", "summary", "authors", "publishedAt", "submittedOnDailyAt", "upvotes",
        "githubRepo", "githubStars", "projectPage", "ai_keywords", "ai_summary", "numComments",
        "paper", "name"]


@given(JSON_VALUES)
def test_any_json_value_is_papers_or_a_digest_error(value: object) -> None:
    try:
        parse(json.dumps(value))
    except DigestError as exc:
        assert "\n" not in str(exc)


@given(st.lists(st.fixed_dictionaries(
    {}, optional={key: JSON_VALUES for key in KEYS}), min_size=1, max_size=6),
    st.lists(st.fixed_dictionaries({}, optional={key: JSON_VALUES for key in KEYS}),
             max_size=3))
def test_mutated_items_never_raise_anything_but_a_digest_error(
        papers: list[dict], items: list[dict]) -> None:
    document = [{**extra, "paper": paper} for paper, extra in zip(papers, items, strict=False)]
    document += [item(**paper) for paper in papers]
    try:
        result = parse(json.dumps(document))
    except DigestError:
        return
    for paper in result.papers:
        assert paper.title and terminal_safe(paper.title)
        assert all(map(terminal_safe, paper.authors))
        assert paper.digest_dates and len(paper.digest_dates[0]) == 10


@pytest.mark.parametrize(("value", "kept"), [(87, 87), (87.0, 87), (0.0, 0), (87.5, None),
                                             (-1.0, None), (float("inf"), None), ("87", None)])
def test_counts_as_the_api_schema_types_them(value: object, kept: int | None) -> None:
    # The API's OpenAPI schema says "number": an integral float is a count, others are not.
    item = {"paper": {"id": "2503.01234", "title": "Counts", "upvotes": value,
                      "githubStars": value}, "numComments": value}
    text = json.dumps([item]).replace("Infinity", "1e999")
    (paper,) = parse(text.encode()).papers
    assert paper.meta is not None
    assert (paper.meta.upvotes, paper.meta.github_stars, paper.meta.comments) == (kept,) * 3
