"""Digest variants users actually have: CRLF, BOM, latin-1, broken blocks, hostile bytes."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.errors import DigestError
from tui.core.parser import parse_digest

TODAY = date(2026, 11, 29)
ABSTRACT = ("We study a thing at length. " * 12).strip()
HEADER = ("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n"
          "byAK and the research community\n\n")


def digest(*papers: tuple[str, str], date_line: str = "Mar 11") -> str:
    body = "".join(f"{title}\n\n{abstract}\n\n" for title, abstract in papers)
    return f"{HEADER}{date_line}\n\n{body}"


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_digest(data, import_date=TODAY)


def test_crlf_and_bom_parse_like_lf() -> None:
    text = digest(("Alpha Paper", ABSTRACT), ("Beta Paper", ABSTRACT))
    plain = parse(text)
    crlf = parse(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert [p.title for p in crlf.papers] == ["Alpha Paper", "Beta Paper"]
    assert [(p.id, p.abstract) for p in crlf.papers] == [(p.id, p.abstract) for p in plain.papers]
    assert crlf.diagnostics == []


def test_latin1_falls_back_with_a_warning() -> None:
    text = digest(("Café Réseau", ABSTRACT))
    result = parse(text.encode("latin-1"))
    assert result.papers[0].title == "Café Réseau"
    assert any("not valid UTF-8" in d.message for d in result.diagnostics)


def test_title_without_abstract_is_kept_with_a_warning_and_line_number() -> None:
    text = f"{HEADER}Mar 11\n\nLonely Title\n\nGood Title\n\n{ABSTRACT}\n\n"
    result = parse(text)
    assert [p.title for p in result.papers] == ["Lonely Title", "Good Title"]
    assert result.papers[1].abstract == ABSTRACT
    (diag,) = result.diagnostics
    assert diag.line == 11 and "without an abstract" in diag.message


def test_duplicate_paper_in_one_digest_is_reported_and_skipped() -> None:
    text = digest(("Same Paper", ABSTRACT), ("Other", ABSTRACT), ("same  PAPER", ABSTRACT))
    result = parse(text)
    assert [p.title for p in result.papers] == ["Same Paper", "Other"]
    (diag,) = result.diagnostics
    assert "duplicate of the paper on line 11" in diag.message and diag.line == 19


def test_unrecognised_block_is_a_warning_and_good_papers_stay() -> None:
    text = digest(("First", ABSTRACT)) + f"{ABSTRACT}\n\n" + "Second\n\n" + ABSTRACT + "\n"
    result = parse(text)
    assert [p.title for p in result.papers] == ["First", "Second"]
    assert any("unrecognised block" in d.message for d in result.diagnostics)


def test_control_characters_and_escape_sequences_are_removed() -> None:
    title = "Evil\x1b[2J\x1b]52;c;aGk=\x07 Title\x07\x08\x9b31m"
    abstract = ABSTRACT + " \x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\ end\x00"
    result = parse(digest((title, abstract)))
    paper = result.papers[0]
    assert paper.title == "Evil Title"
    for text in (paper.title, paper.abstract):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n \r\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (b"<!DOCTYPE html><html><body><h1>Daily Papers</h1></body></html>", "HTML page"),
        (b"just a line\n\nanother line\n", "no papers"),
    ],
)
def test_files_that_are_not_digests_are_rejected(data: bytes, message: str) -> None:
    with pytest.raises(DigestError, match=message):
        parse(data)


def test_digest_without_date_line_uses_import_day() -> None:
    result = parse(f"Alpha\n\n{ABSTRACT}\n")
    assert result.papers[0].digest_dates == ("2026-11-29",)
    assert any("no date line" in d.message for d in result.diagnostics)


def test_second_date_line_starts_a_new_day() -> None:
    text = digest(("Alpha", ABSTRACT)) + "Mar 12\n\n" + f"Beta\n\n{ABSTRACT}\n"
    result = parse(text)
    assert [p.digest_dates for p in result.papers] == [("2026-03-11",), ("2026-03-12",)]


def test_leap_day_looks_back_to_a_leap_year() -> None:
    result = parse_digest(digest(("Alpha", ABSTRACT), date_line="Feb 29").encode(),
                          import_date=date(2027, 3, 1))
    assert result.date == "2024-02-29"


def test_only_http_links_are_links() -> None:
    abstract = ABSTRACT + (" javascript:alert(1) file:///etc/passwd ftp://x.org "
                           "https://gitlab.com/a/b; http://example.org/p?q=1).")
    paper = parse(digest(("Alpha", abstract))).papers[0]
    assert [(link.url, link.kind) for link in paper.links] == [
        ("https://gitlab.com/a/b", "code"), ("http://example.org/p?q=1", "page")]
