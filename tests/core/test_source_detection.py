"""Which reader a file goes to is decided by its content; hostile documents (entity bombs,
deep nesting, escape sequences, random bytes of XML) end as papers or one DigestError line."""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import DigestError
from tui.core.input_limits import read_digest
from tui.core.parser import ParseResult
from tui.core.sources import parse_source, sniff
from tui.core.text import sanitize


def terminal_safe(text: str) -> bool:
    """Nothing that sanitize() would remove (unassigned code points are no escape)."""
    return sanitize(text) == text and "\n" not in text


FIXTURES = Path(__file__).parent.parent / "fixtures"
IMPORT_DAY = date(2025, 3, 5)


def parse(data: bytes | str) -> ParseResult:
    raw = data.encode() if isinstance(data, str) else data
    return parse_source(lambda: [raw], size=len(raw), import_date=IMPORT_DAY, source="f")


@pytest.mark.parametrize(("name", "kind"), [
    ("hf_daily_papers_2025-03-04.json", "hf json"),
    ("arxiv_api_query.atom", "arxiv atom"),
    ("arxiv_api_error.atom", "arxiv atom"),
    ("arxiv_cs.LG.rss", "arxiv rss"),
    ("arxiv_listing_mail.txt", "arxiv mail"),
    ("daily_papers_2025-03-04.txt", "page text"),
])
def test_each_fixture_is_told_by_its_content(name: str, kind: str) -> None:
    assert sniff((FIXTURES / name).read_bytes()) == kind


@pytest.mark.parametrize(("head", "kind"), [
    (b"\xef\xbb\xbf\r\n [{\"paper\": {}}]", "hf json"),
    (b'{"error": "x"}', "hf json"),
    (b"[1, 2]", "hf json"),
    (b"[Re] A Title\n\nAn abstract.", "page text"),
    (b"[2503.01234] A Title\n\nAn abstract.", "page text"),
    (b"{Braces} in a title\n\nAn abstract.", "page text"),
    (b'<?xml version="1.0"?>\n<!-- a comment -->\n<feed xmlns="...">', "arxiv atom"),
    (b"<rss version='2.0'><channel>", "arxiv rss"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="...">', "arxiv rss"),
    (b'<?xml version="1.0"?><!DOCTYPE html><html>', "html"),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    (b"<!doctype html><html>", "html"),
    (b'<?xml version="1.0"?><svg/>', "xml"),
    (b"Title: x\nAuthors: y\n", "page text"),  # no arXiv: line
])
def test_sniffing(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_html_is_refused_as_before_also_as_xhtml(tmp_path: Path) -> None:
    for text in ("<!DOCTYPE html><html><body>x</body></html>",
                 '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD '
                 'XHTML 1.0 Strict//EN" "x"><html><body>x</body></html>'):
        path = tmp_path / "page.xml"
        path.write_text(text)
        with pytest.raises(DigestError, match="HTML page: save the digest page as plain text"):
            read_digest(path)
        with pytest.raises(DigestError, match="HTML page"):
            parse(text)


def test_xml_that_is_no_feed_is_refused() -> None:
    with pytest.raises(DigestError, match=r"^f: an XML document, but neither an Atom nor an RSS"):
        parse('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')


def test_a_json_document_on_one_long_line_is_not_refused_as_a_paragraph(tmp_path: Path) -> None:
    # Over the 4 MB page text limit without a blank line: how the API sends a big day.
    items = [{"paper": {"id": f"2503.{i:05d}", "title": f"Paper {i}", "summary": "x" * 900},
              "publishedAt": "2025-03-04T06:00:00.000Z"} for i in range(5000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(items, separators=(",", ":")))
    assert path.stat().st_size > 4 << 20
    result = parse(read_digest(path))
    assert len(result.papers) == 5000


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol9;</title></entry></feed>"""


@pytest.mark.parametrize("root", ["feed", "rss"])
def test_billion_laughs_is_refused_before_it_expands(root: str) -> None:
    bomb = BILLION_LAUGHS.replace("feed", root)
    tracemalloc.start()
    try:
        with pytest.raises(DigestError, match="declares XML entities"):
            parse(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 << 20  # expanded, &lol9; alone is 3 GB


def test_an_external_entity_is_refused() -> None:
    xxe = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>')
    with pytest.raises(DigestError, match="declares XML entities"):
        parse(xxe)


@pytest.mark.parametrize("document", [
    "<feed>" + "<a>" * 200_000 + "</a>" * 200_000 + "</feed>",
    "<rss><channel>" + "<item>" * 200_000 + "</item>" * 200_000 + "</channel></rss>",
    "[" * 200_000 + "]" * 200_000,
    '{"a":' * 200_000 + "1" + "}" * 200_000,
])
def test_deep_nesting_is_a_digest_error(document: str) -> None:
    with pytest.raises(DigestError):
        parse(document)


def test_escape_sequences_in_feeds_never_reach_the_text() -> None:
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/'
            "2503.01234</id><title>Clean &#x9b;31mTitle[/b]</title><summary>S &#x9d;8;;"
            "http://evil&#x9c; s.</summary><author><name>Eve &#x9b;2J[red]X[/red]</name>"
            "</author></entry></feed>")
    paper = parse(feed).papers[0]
    assert paper.title == "Clean Title[/b]"
    assert paper.abstract == "S s."
    assert paper.authors == ("Eve [red]X[/red]",)
    # A raw ESC is not XML at all.
    with pytest.raises(DigestError, match="not well-formed XML"):
        parse(feed.replace("&#x9b;", "\x1b["))


def test_five_thousand_authors_in_a_feed() -> None:
    authors = "".join(f"<author><name>Author {i:04d}</name></author>" for i in range(5000))
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/'
            f"2503.01234</id><title>Big</title><summary>S.</summary>{authors}</entry></feed>")
    paper = parse(feed).papers[0]
    assert len(paper.authors) == 5000 and paper.authors[-1] == "Author 4999"
    mail = ("arXiv:2503.01234\nTitle: Big\nAuthors: "
            + ", ".join(f"Author {i:04d}" for i in range(5000)) + "\n\\\\\n  Abstract.\n\\\\\n")
    assert parse(mail).papers[0].authors[4999] == "Author 4999"


XML_TOKENS = ["<", ">", "</", "/>", "<?xml version='1.0'?>", "<!--", "-->", "<![CDATA[", "]]>",
              "&amp;", "&#x9b;", "&#0;", "&lol;", "=", '"', "'", " ", "\n", "feed", "rss",
              "channel", "entry", "item", "title", "summary", "description", "author", "name",
              "id", "link", "href", "category", "term", "updated", "pubDate", "arXiv:2503.01234",
              "Announce Type: new Abstract:", "x", "\x1b", "\u00e9", "<!DOCTYPE a [", "]>",
              "<!ENTITY a 'b'>", "2025-03-04T00:00:00Z", "Tue, 04 Mar 2025 00:00:00 -0500"]


@given(st.sampled_from(["<feed>", "<rss><channel>", "<?xml version='1.0'?><feed "
                        "xmlns='http://www.w3.org/2005/Atom'>", "<rdf:RDF>"]),
       st.lists(st.sampled_from(XML_TOKENS), max_size=60))
def test_random_xmlish_text_is_papers_or_a_digest_error(start: str, tokens: list[str]) -> None:
    try:
        result = parse(start + "".join(tokens))
    except DigestError as exc:
        assert "\n" not in str(exc)
        return
    for paper in result.papers:
        assert terminal_safe(paper.title) and all(map(terminal_safe, paper.authors))


MAIL_LINES = ["arXiv:2503.01234", "arXiv:bogus", "Title: A Title", "Title:", "  continued",
              "Authors: A. One, B. Two (1) ((1) X)", "Authors: (", "Categories: cs.LG",
              "Date: Sun, 2 Mar 2025 17:59:58 GMT   (1kb)", "Date: never", "\\\\",
              "\\\\ ( https://arxiv.org/abs/2503.01234 ,  1kb)", "-" * 30, "%%--%%" * 5,
              "replaced with revised version Mon, 3 Mar 2025 12:00:00 GMT", "",
              "  Some abstract text.", "\x1b[31m", r"\'{\i}\v{", "DOI: 10.1/x"]


@given(st.lists(st.sampled_from(MAIL_LINES), max_size=40))
def test_mutated_mail_is_papers_or_a_digest_error(lines: list[str]) -> None:
    text = "arXiv:2503.09999\nTitle: T\nAuthors: A\n" + "\n".join(lines)
    try:
        result = parse(text)
    except DigestError:
        return
    for paper in result.papers:
        assert terminal_safe(paper.title) and all(map(terminal_safe, paper.authors))


@given(st.binary(max_size=200))
def test_random_bytes_after_a_feed_start_never_raise_anything_else(tail: bytes) -> None:
    for start in (b"<feed>", b"<rss>", b"[{", b"arXiv:1\nTitle: t\nAuthors: a\n"):
        with contextlib.suppress(DigestError):
            parse(start + tail)
