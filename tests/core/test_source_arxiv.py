"""arXiv's sources: the export API's Atom feed, a category listing's RSS feed, the listing
e-mail. Each read from a fixture in the documented shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.core.errors import DigestError
from tui.core.parser import ParseResult
from tui.core.sources import parse_source
from tui.core.sources.building import split_names

FIXTURES = Path(__file__).parent.parent / "fixtures"
IMPORT_DAY = date(2025, 3, 5)
LATTICE = "Lattice Routing: Load-Balanced Mixture-of-Experts Without Auxiliary Losses"


def parse(data: bytes | str, source: str = "feed") -> ParseResult:
    raw = data.encode() if isinstance(data, str) else data
    return parse_source(lambda: [raw], size=len(raw), import_date=IMPORT_DAY, source=source)


def fixture(name: str) -> ParseResult:
    return parse((FIXTURES / name).read_bytes(), name)


# ----- Atom ------------------------------------------------------------------------------------
def test_the_atom_feed_gives_ids_without_version_authors_dates_and_categories() -> None:
    result = fixture("arxiv_api_query.atom")
    assert result.date == "2025-03-04"  # the feed's <updated>, 05:00 UTC that day
    assert result.diagnostics == []
    first, second, old = result.papers
    assert first.title == LATTICE  # the title's line break is a space
    assert first.abstract.startswith("Sparse mixture-of-experts") and "\n" not in first.abstract
    assert first.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    meta = first.meta
    assert meta is not None
    assert (meta.arxiv_id, meta.published, meta.updated) == ("2503.01234", "2025-03-02",
                                                             "2025-03-03")
    assert meta.categories == ("cs.LG", "cs.AI", "cs.CL")  # the primary one first
    assert meta.doi == "10.5555/jmlr.2025.01234"
    assert meta.pdf_url == "https://arxiv.org/pdf/2503.01234v2"
    assert second.meta is not None and second.meta.categories == ("stat.ML", "cs.LG")
    assert [link.url for link in second.links] == ["https://example.org/warmup"]
    assert old.arxiv_id == "hep-th/9901001" and old.meta is not None
    assert old.meta.published == "1999-01-01"
    assert all(p.digest_dates == ("2025-03-04",) for p in result.papers)


def test_an_atom_error_entry_is_a_digest_error_with_its_text() -> None:
    with pytest.raises(DigestError, match=r"^arxiv_api_error.atom: the arXiv API answered with "
                                          r"an error: incorrect id format for 1234\.12345$"):
        fixture("arxiv_api_error.atom")


def test_an_empty_atom_feed_has_no_papers() -> None:
    feed = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<updated>2025-03-04T00:00:00-05:00</updated></feed>")
    with pytest.raises(DigestError, match="no papers found in an Atom feed"):
        parse(feed)


def test_an_atom_feed_without_updated_takes_the_import_day() -> None:
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/'
            "2503.01234v1</id><title>T</title><summary>S.</summary></entry></feed>")
    result = parse(feed)
    assert result.date == "2025-03-05"
    assert "entry 1: no date in an Atom feed; using the import day" in str(result.diagnostics[0])


# ----- RSS -------------------------------------------------------------------------------------
def test_the_rss_listing_gives_ids_abstracts_and_authors() -> None:
    result = fixture("arxiv_cs.LG.rss")
    assert result.date == "2025-03-04"
    first, cross, replaced = result.papers
    assert first.title == LATTICE
    assert first.abstract.startswith("Sparse mixture-of-experts")  # no "arXiv:... Abstract:"
    assert first.arxiv_id == "2503.01234"
    assert first.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    assert first.meta is not None and first.meta.categories == ("cs.LG", "cs.AI")
    # Affiliations in brackets are no part of a name; ", and" ends the list.
    assert cross.authors == ("Jean-Baptiste Joseph Fourier", "Carl Friedrich Gauss",
                             "Bernhard Riemann")
    assert replaced.arxiv_id == "2411.00042"


def test_an_rss_item_without_an_id_is_kept_with_a_warning() -> None:
    feed = ("<rss><channel><pubDate>Tue, 04 Mar 2025 00:00:00 -0500</pubDate><item>"
            "<title>No Id Here</title><description>Just words.</description></item>"
            "</channel></rss>")
    result = parse(feed)
    assert [p.title for p in result.papers] == ["No Id Here"]
    assert [str(d) for d in result.diagnostics] == [
        "item 1: no arXiv id in its description, link or guid"]


def test_an_empty_rss_listing_says_so() -> None:
    with pytest.raises(DigestError, match="an empty listing"):
        parse("<rss><channel><title>cs.LG</title></channel></rss>")


# ----- mail ------------------------------------------------------------------------------------
def test_the_listing_mail_reads_every_entry() -> None:
    result = fixture("arxiv_listing_mail.txt")
    assert result.date == "2025-03-04"  # the message's Date header
    assert result.diagnostics == []
    first, second, cross, replaced = result.papers
    assert first.title == LATTICE  # continued on an indented line
    assert first.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    assert first.meta is not None
    assert (first.arxiv_id, first.meta.published) == ("2503.01234", "2025-03-02")
    assert first.meta.categories == ("cs.LG", "cs.AI", "cs.CL")
    assert first.abstract.startswith("Sparse mixture") and first.abstract.endswith("compute.")
    assert [link.url for link in first.links] == [
        "https://github.com/example-lab/lattice-routing"]  # from Comments:
    assert second.meta is not None and second.meta.doi == "10.5555/tok.2025.0009"
    assert cross.title == "A Note on Châtelet's Energy Principle for Neural Networks"
    assert cross.authors == ("Émilie du Châtelet", "Sophie Germain")
    assert cross.abstract.endswith("A second paragraph of the abstract says more.")
    assert replaced.abstract == "" and replaced.meta is not None
    assert replaced.meta.updated == "2025-03-03"
    assert [p.position for p in result.papers] == [0, 1, 2, 3]


def test_a_mail_without_its_headers_takes_the_received_to_day() -> None:
    text = (FIXTURES / "arxiv_listing_mail.txt").read_text()
    body = text[text.index("---"):]
    assert parse(body).date == "2025-03-03"


def test_a_mail_entry_without_a_title_is_skipped_naming_its_line() -> None:
    mail = ("arXiv:2503.01111\nTitle: First\nAuthors: A. One\n\\\\\n  Abstract one.\n\\\\\n"
            "-------------------------\n\\\\\narXiv:2503.02222\nAuthors: B. Two\n\\\\\n"
            "  Abstract two.\n\\\\\n")
    result = parse(mail)
    assert [p.title for p in result.papers] == ["First"]
    assert [str(d) for d in result.diagnostics] == [
        "line 1: no date in an arXiv listing mail; using the import day 2025-03-05",
        "line 9: no Title: line; skipped"]


@pytest.mark.parametrize(("line", "names"), [
    ("A. One, B. Two and C. Three", ("A. One", "B. Two", "C. Three")),
    ("A. One, B. Two, and C. Three", ("A. One", "B. Two", "C. Three")),
    ("Madonna", ("Madonna",)),
    ("A. One (1), B. Two (1 and 2) ((1) MIT, (2) CMU)", ("A. One", "B. Two")),
    (r"Paul Erd\H{o}s, Kurt G\"odel, S\o ren Kierkegaard", ("Paul Erdős", "Kurt Gödel",
                                                             "Søren Kierkegaard")),
    (r"Ji\v{r}\'i Mat\v{e}j\v{c}ek and Fran\c{c}ois Vi\`ete", ("Jiří Matějček",
                                                               "François Viète")),
    ("Ludwig van Beethoven, Jr., A. Two", ("Ludwig van Beethoven Jr.", "A. Two")),
])
def test_author_lines_split_into_names(line: str, names: tuple[str, ...]) -> None:
    assert split_names(line) == names
