"""Titles that follow each other without abstracts are all kept: no paper becomes another's
abstract (issue 12, point 2)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.parser import HEADER_LINES, parse_digest
from tui.core.text import normalize_title

TODAY = date(2026, 11, 29)
ABSTRACT = ("We study a thing at length. " * 12).strip()
HEADER = "Daily Papers\n\nMar 11\n\n"  # the date line is line 3


def parse(text: str):
    return parse_digest(text.encode("utf-8"), import_date=TODAY)


def test_three_titles_in_a_row_are_three_papers_with_warnings_naming_the_lines() -> None:
    text = f"{HEADER}First Title\n\nSecond Title\n\nThird Title\n\n{ABSTRACT}\n"
    result = parse(text)
    assert [(p.title, p.abstract) for p in result.papers] == [
        ("First Title", ""), ("Second Title", ""), ("Third Title", ABSTRACT)]
    messages = [str(d) for d in result.diagnostics]
    assert "line 7: reads as a title, not as the abstract of the title on line 5: both kept" \
        in messages
    assert "line 5: title without an abstract" in messages
    assert "line 7: title without an abstract" in messages


def test_a_title_without_abstract_at_the_end_is_kept() -> None:
    result = parse(f"{HEADER}First Title\n\n{ABSTRACT}\n\nSecond Title\n\nLast Title\n")
    assert [p.title for p in result.papers] == ["First Title", "Second Title", "Last Title"]


def test_a_one_line_abstract_that_ends_like_a_sentence_stays_an_abstract() -> None:
    text = (f"{HEADER}First Title\n\nA short abstract.\n\nSecond Title\n\n"
            "Code: https://github.com/a/b\n\nThird Title\n\n{ABSTRACT}\n").replace(
                "{ABSTRACT}", ABSTRACT)
    result = parse(text)
    assert [(p.title, p.abstract) for p in result.papers] == [
        ("First Title", "A short abstract."), ("Second Title", "Code: https://github.com/a/b"),
        ("Third Title", ABSTRACT)]
    assert result.diagnostics == []


def test_a_question_title_after_a_title_is_a_paper_of_its_own() -> None:
    result = parse(f"{HEADER}First Title\n\nIs Attention All You Need?\n\nThird\n\n{ABSTRACT}\n")
    assert [p.title for p in result.papers] == ["First Title", "Is Attention All You Need?",
                                                "Third"]


# Realistic titles: a few capitalised words, maybe a colon or a question mark, no full stop.
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).map(str.title)
title = st.builds(lambda words, tail: " ".join(words) + tail,
                  st.lists(word, min_size=1, max_size=12), st.sampled_from(["", "?", ": A Study"])
                  ).filter(lambda t: t.lower() not in HEADER_LINES)  # "New" is page furniture
sentence = st.builds(lambda words: " ".join(words).capitalize() + ".",
                     st.lists(word, min_size=3, max_size=20))
abstract = st.one_of(
    st.just(""),
    st.lists(sentence, min_size=1, max_size=12).map(" ".join),
    st.builds(lambda s: f"{s} Code: https://github.com/x/y", sentence),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(title, abstract), min_size=1, max_size=12,
                unique_by=lambda pair: normalize_title(pair[0])))
def test_any_digest_of_papers_with_and_without_abstracts_keeps_every_title(
        papers: list[tuple[str, str]]) -> None:
    body = "".join(f"{t}\n\n{a}\n\n" if a else f"{t}\n\n" for t, a in papers)
    result = parse(HEADER + body)
    assert [p.title for p in result.papers] == [t for t, _ in papers]
    assert [p.abstract for p in result.papers] == [a for _, a in papers]
