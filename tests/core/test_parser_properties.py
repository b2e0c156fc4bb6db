"""Property tests: the parser takes any text without raising, and ids ignore case and spacing."""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.errors import DigestError
from tui.core.parser import parse_digest
from tui.core.text import normalize_title, paper_id, sanitize

TODAY = date(2026, 11, 29)
lines = st.lists(
    st.one_of(st.text(max_size=300),
              st.sampled_from(["", "Mar 11", "new", "Subscribe", "\x1b[2J"])),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(lines, st.sampled_from(["\n", "\r\n", "\r"]))
def test_parser_never_raises_anything_but_digest_error(parts: list[str], newline: str) -> None:
    data = newline.join(parts).encode("utf-8", "surrogatepass")
    try:
        result = parse_digest(data, import_date=TODAY)
    except DigestError as exc:
        assert str(exc)
        return
    assert result.papers
    for paper in result.papers:
        for text in (paper.title, paper.abstract):
            assert "\x1b" not in text and "\r" not in text
        assert all(link.url.startswith(("http://", "https://")) for link in paper.links)
    assert all(d.line >= 1 for d in result.diagnostics)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parser_takes_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(DigestError):
        parse_digest(data, import_date=TODAY)


words = st.lists(st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8),
                 min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(words, st.lists(st.sampled_from([" ", "  ", "\t", " \u00a0"]), min_size=6, max_size=6))
def test_id_is_stable_under_case_and_whitespace(parts: list[str], gaps: list[str]) -> None:
    title = " ".join(parts)
    respaced = "".join(p + gaps[i % len(gaps)] for i, p in enumerate(parts))
    assert paper_id(title) == paper_id(respaced)
    assert paper_id(title) == paper_id(title.casefold())
    # Upper-casing is not always reversible (Turkish dotless i): check where it is.
    if title.upper().casefold() == title.casefold():
        assert paper_id(title.upper()) == paper_id(title)
    assert len(paper_id(title)) == 12


def test_a_greek_title_and_its_upper_case_share_an_id() -> None:
    assert paper_id("Ἀρχή ΐ ΰ") == paper_id("Ἀρχή ΐ ΰ".upper())


@given(st.text())
def test_sanitize_leaves_no_control_characters(text: str) -> None:
    clean = sanitize(text)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in clean)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80) | st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
@example("ΐ")  # casefold decomposes it: NFKC once more, or its upper case gets another id
@example("ΐ".upper())
def test_ids_are_what_the_full_normalisation_gives(title: str) -> None:
    # The ASCII shortcut and split() must agree with NFKC + casefold + the two regexes.
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", title).casefold())
    text = re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", "", text)).strip()
    assert normalize_title(title) == text


def _outcome(parse) -> object:  # type: ignore[no-untyped-def]
    try:
        result = parse()
    except DigestError as exc:
        return str(exc)
    return ([(p.id, p.title, p.abstract, p.links, p.digest_dates) for p in result.papers],
            [str(d) for d in result.diagnostics], result.date)


pieces = st.sampled_from(["Mar 11", "A title of a paper", "\n", "\n\n", "\r\n", "\r", " ", "é",
                          "A sentence of an abstract. " * 9, "\x1b[1m", "\u2028", "\t", "\xff",
                          "https://github.com/a/b", "\ufeff", "Subscribe", "x" * 210])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40), st.sampled_from(["utf-8", "cp1252"]),
       st.lists(st.integers(min_value=1, max_value=64), min_size=1, max_size=8))
def test_a_digest_read_in_chunks_parses_as_the_whole(parts: list[str], encoding: str,
                                                     cuts: list[int]) -> None:
    """Imports read a file chunk by chunk: a CRLF, a UTF-8 character or a bad byte split
    across two chunks changes nothing, down to the line numbers of the warnings."""
    from tui.core.parser import parse_chunks

    text = "".join(parts)
    data = (text.encode("utf-8").replace("\xff".encode(), b"\xff") if encoding == "utf-8"
            else text.encode("cp1252", "ignore"))

    def chunks():  # type: ignore[no-untyped-def]
        at, n = 0, 0
        while at < len(data):
            step = cuts[n % len(cuts)]
            yield data[at:at + step]
            at, n = at + step, n + 1

    whole = _outcome(lambda: parse_digest(data, import_date=TODAY))
    assert _outcome(lambda: parse_chunks(chunks, size=len(data), import_date=TODAY)) == whole
