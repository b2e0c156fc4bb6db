"""Query terms on what richer sources say (author:, id:/arxiv:, upvotes:, year:) and on the
user's own history (seen:, read:, starred:), and the orders by upvotes and published date."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import QueryError
from tui.core.model import Link, Paper, PaperMeta
from tui.core.search import SORT_MODES, QueryEngine, next_sort, parse_query, sort_rows

TODAY = date(2026, 3, 11)


def paper(number: int, title: str, meta: PaperMeta | None = None, *,
          links: tuple[Link, ...] = (), first_seen: str = "2026-03-11T09:00:00+00:00") -> Paper:
    return Paper(id=f"{number:04x}{'ab' * 4}", title=title, abstract=f"Abstract {number}.",
                 links=links, digest_dates=("2026-03-11",), first_seen=first_seen,
                 position=number, meta=meta)


PAPERS = [
    paper(0, "Lattice routing", PaperMeta(
        authors=("Ada Lovelace", "Charles Babbage"), arxiv_id="2503.01234",
        published="2025-03-02", upvotes=42)),
    paper(1, "Conflict bias", PaperMeta(
        authors=("Émilie du Châtelet", "Sophie Germain"), arxiv_id="2503.04321",
        published="2024-12-30", upvotes=7)),
    paper(2, "Dutch names", PaperMeta(
        authors=("Jan van der Berg", "Piet Jansen"), arxiv_id="hep-th/9901001",
        published="1999-01-04", upvotes=0)),
    paper(3, "Two half matches", PaperMeta(
        authors=("Anna Berg", "Jan van der Meer"), published="2025-07-01")),
    paper(4, "Known from the page only",
          links=(Link("https://arxiv.org/abs/2401.00001v3", "page"),
                 Link("https://github.com/owner/repo", "code")),
          first_seen="2026-03-10T09:00:00+00:00"),
    paper(5, "Also upvoted", PaperMeta(authors=("Grace Hopper",), upvotes=42,
                                       published="2025-03-02")),
]


@dataclass
class FakeState:
    read: dict[str, str] = field(default_factory=dict)  # paper id -> when marked
    starred: dict[str, str] = field(default_factory=dict)

    def read_ids(self) -> set[str]:
        return set(self.read)

    def starred_ids(self) -> set[str]:
        return set(self.starred)

    def noted_ids(self) -> set[str]:
        return set()

    def tag_ids(self, tag: str) -> set[str]:
        return set()

    def tag_counts(self) -> dict[str, int]:
        return {}

    def read_times(self) -> dict[str, str]:
        return self.read

    def starred_times(self) -> dict[str, str]:
        return self.starred


@pytest.fixture(scope="module")
def engine() -> QueryEngine:
    engine = QueryEngine(PAPERS)
    engine.today = lambda: TODAY
    return engine


def found(engine: QueryEngine, query: str, state: FakeState | None = None) -> list[int]:
    return sorted(engine.search(query, state).indices.tolist())


# ----- author: -----------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("author:lovelace", [0]),
    ("author:Babbage", [0]),  # any author, not only the first
    ("author:lovelase", [0]),  # a typo
    ("author:chatelet", [1]),  # accents do not matter, either way
    ("author:CHÂTELET", [1]),
    ("author:emilie", [1]),
    ("author:love", [0]),  # a prefix, as while typing
    ('author:"van der Berg"', [2]),
    ('author:"du chatelet"', [1]),
    ('author:"ada lovelase"', [0]),
    ('author:"lovelace, ada"', [0]),  # names are written both ways round
    ("author:hopper OR author:germain", [1, 5]),
])
def test_author_finds_any_author_forgiving_accents_and_typos(
        engine: QueryEngine, query: str, expected: list[int]) -> None:
    assert found(engine, query) == expected


def test_the_words_of_one_author_term_must_all_be_one_author(engine: QueryEngine) -> None:
    # Paper 3 has an "Anna Berg" and a "Jan van der Meer": no van der Berg among them.
    assert found(engine, 'author:"van der berg"') == [2]
    assert found(engine, 'author:"anna meer"') == []
    assert found(engine, "author:jan") == [2, 3]
    # Unquoted, the next words are free text, as after title:.
    assert found(engine, "author:jan dutch") == [2]


def test_negated_author_keeps_papers_without_authors(engine: QueryEngine) -> None:
    assert found(engine, "-author:lovelace") == [1, 2, 3, 4, 5]
    assert found(engine, "routing -author:lovelace") == []


# ----- id: / arxiv: / pasted links ---------------------------------------------------------

@pytest.mark.parametrize("query", [
    "id:2503.01234", "id:2503.01234v2", "arxiv:2503.01234", "arXiv:2503.01234v1",
    "id:https://arxiv.org/abs/2503.01234", "id:arxiv.org/pdf/2503.01234v2.pdf",
    "https://arxiv.org/abs/2503.01234v3", "https://arxiv.org/pdf/2503.01234",
    "http://www.arxiv.org/html/2503.01234v1", "arxiv.org/abs/2503.01234/",
    "2503.01234", "2503.01234v4", 'id:"https://arxiv.org/abs/2503.01234"',
])
def test_a_pasted_arxiv_id_or_link_finds_its_paper(engine: QueryEngine, query: str) -> None:
    assert found(engine, query) == [0]


def test_old_style_ids_and_arxiv_links_of_page_papers_are_found(engine: QueryEngine) -> None:
    assert found(engine, "id:hep-th/9901001v2") == [2]
    assert found(engine, "https://arxiv.org/abs/hep-th/9901001") == [2]
    assert found(engine, "hep-th/9901001") == [2]
    # A paper known from the page text: its arXiv link says which it is.
    assert found(engine, "arxiv:2401.00001") == [4]


def test_id_takes_a_paperdeck_id_or_its_first_digits(engine: QueryEngine) -> None:
    assert found(engine, f"id:{PAPERS[3].id}") == [3]
    assert found(engine, f"id:{PAPERS[3].id[:4].upper()}") == [3]
    assert found(engine, f"-id:{PAPERS[3].id}") == [0, 1, 2, 4, 5]


def test_id_finds_a_paper_by_an_id_it_had_before() -> None:
    # Another machine first saw the paper under another title: the library keeps that id as
    # an alias, and `mark`, `note` and `id:` all take it.
    old = "abcdef012345"
    engine = QueryEngine(PAPERS, aliases={old: PAPERS[2].id, "fedcba000000": "gone00000000"})
    assert found(engine, f"id:{old}") == [2]
    assert found(engine, f"id:{old[:6]}") == [2]
    assert found(engine, "id:fedcba") == []  # an alias of a paper not in the library
    assert found(engine, f"-id:{old}") == [0, 1, 3, 4, 5]


def test_other_links_stay_phrase_searches() -> None:
    (term,), = parse_query("https://github.com/owner/repo").clauses
    assert (term.kind, term.value) == ("phrase", "github.com/owner/repo")
    (term,), = parse_query('"2503.01234"').clauses  # quoted: the user asked for the text
    assert term.kind == "phrase"


def test_an_unknown_arxiv_id_finds_nothing(engine: QueryEngine) -> None:
    assert found(engine, "2612.99999") == []
    assert found(engine, "-2503.01234") == [1, 2, 3, 4, 5]


# ----- upvotes: / year: --------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("upvotes:42", [0, 5]), ("upvotes:=7", [1]), ("upvotes:>=7", [0, 1, 5]),
    ("upvotes:>7", [0, 5]), ("upvotes:<7", [2]), ("upvotes:<=7", [1, 2]),
    ("-upvotes:>=7", [2, 3, 4]),  # no count is not "fewer than 7", but it is "not >= 7"
    ("year:2025", [0, 3, 5]), ("year:>=2025", [0, 3, 5]), ("year:<2025", [1, 2]),
    ("year:>1999", [0, 1, 3, 5]), ("year:<=1999", [2]),
])
def test_counts_and_years_compare(engine: QueryEngine, query: str, expected: list[int]) -> None:
    assert found(engine, query) == expected


# ----- seen: / read: / starred: ------------------------------------------------------------

STATE = FakeState(
    read={PAPERS[0].id: "2026-03-11T08:00:00.000001+00:00",
          PAPERS[1].id: "2026-03-05T12:00:00+00:00",
          PAPERS[2].id: "2026-02-20T12:00:00+00:00"},
    starred={PAPERS[1].id: "2026-03-10T12:00:00+00:00",
             PAPERS[3].id: "2026-03-11T12:00:00+00:00"})


@pytest.fixture
def utc() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.parametrize(("query", "expected"), [
    ("starred:yesterday", [1]), ("starred:today", [3]), ("read:today", [0]),
    ("read:7d", [0, 1]), ("read:1d", [0]), ("read:>=2026-03-01", [0, 1]),
    ("read:<2026-03-05", [2]), ("read:<=2026-03-05", [1, 2]), ("read:2026-03-05", [1]),
    ("read:>2026-03-05", [0]), ("-read:7d", [2, 3, 4, 5]),
    ("seen:today", [0, 1, 2, 3, 5]), ("seen:yesterday", [4]),
    ("starred:7d read:7d", [1]),
])
def test_history_dates(engine: QueryEngine, utc: None, query: str,
                       expected: list[int]) -> None:
    assert found(engine, query, STATE) == expected


def test_history_days_are_local_days(engine: QueryEngine) -> None:
    """20:00 UTC on 10 March is already 11 March in New Zealand (UTC+13)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "NZST-13")
        time.tzset()
        try:
            state = FakeState(starred={PAPERS[0].id: "2026-03-10T20:00:00+00:00"})
            assert found(engine, "starred:today", state) == [0]
            assert found(engine, "starred:2026-03-10", state) == []
        finally:
            patch.undo()
            time.tzset()


def test_a_state_without_times_knows_no_dates(engine: QueryEngine) -> None:
    assert found(engine, "read:7d") == []
    assert found(engine, "-starred:today") == list(range(len(PAPERS)))


# ----- invalid values ----------------------------------------------------------------------

@pytest.mark.parametrize(("query", "message"), [
    ("upvotes:lots", "upvotes: takes a number, as in upvotes:10 or upvotes:>=10 (got 'lots')"),
    ("year:20x", "year: takes a year, as in year:2025 or year:>=2024 (got '20x')"),
    ("starred:someday", "starred: takes today, yesterday, 7d or a date (2026-03-01, "
                        ">=2026-03-01) (got 'someday')"),
    ("read:0d", "read: takes today, yesterday, 7d or a date (2026-03-01, >=2026-03-01) "
                "(got '0d')"),
    ("seen:2026-02-30", "seen: '2026-02-30' is no date (YYYY-MM-DD)"),
    ("id:nothing", "id: takes an arXiv id or link, or a paperdeck id (got 'nothing')"),
    ("arxiv:cafe", "arxiv: takes an arXiv id (got 'cafe')"),
    ("author:!!", "author: needs a name (got '!!')"),
    ("author:", "author: needs a value (a name)"),
    ("upvotes:", "upvotes: needs a value (a number, as in upvotes:10 or upvotes:>=10)"),
])
def test_invalid_values_say_why_in_one_line(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert str(caught.value) == message


@given(qualifier=st.sampled_from(["author", "id", "arxiv", "upvotes", "year", "seen", "read",
                                  "starred", "-author", "-id"]),
       value=st.text(max_size=60))
def test_any_value_is_a_match_or_a_query_error(engine: QueryEngine, qualifier: str,
                                               value: str) -> None:
    for query in (f"{qualifier}:{value}", f'{qualifier}:"{value}"', value):
        try:
            result = engine.search(query, STATE)
        except QueryError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(0 <= i < len(PAPERS) for i in result.indices.tolist())


# ----- orders ------------------------------------------------------------------------------

def test_sort_by_upvotes_and_published_puts_unknowns_last() -> None:
    everyone = list(range(len(PAPERS)))
    # Ties keep the default order (0 before 5); papers without a count come last.
    assert sort_rows(everyone, "upvotes", PAPERS, set()) == [0, 5, 1, 2, 3, 4]
    assert sort_rows(everyone, "published", PAPERS, set()) == [3, 0, 5, 1, 2, 4]


def test_the_sort_cycle_reaches_the_new_orders() -> None:
    seen, mode = [], SORT_MODES[0]
    for _ in SORT_MODES:
        mode = next_sort(mode)
        seen.append(mode)
    assert {"upvotes", "published"} <= set(seen)
