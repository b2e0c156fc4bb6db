"""Citation keys: `familyYEARword` for papers with authors, the older form without, and the same
key for a paper whichever papers an export holds (DECISIONS "Citation keys")."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.export import render
from tui.core.export.keys import KeyCache, citation_keys, compute_keys
from tui.core.model import Paper, PaperMeta, PaperState

TODAY = date(2026, 11, 29)


def paper(pid: str, title: str, *authors: str, published: str = "2025-01-03",
          digest: str = "2026-03-11") -> Paper:
    meta = PaperMeta(authors=authors, published=published) if authors or published else None
    return Paper(id=pid, title=title, abstract="", digest_dates=(digest,), meta=meta)


def keys_of(*papers: Paper) -> list[str]:
    return citation_keys([(p, PaperState()) for p in papers])


def test_key_is_family_year_first_title_word() -> None:
    assert keys_of(paper("a1", "Notes on the Analytical Engine", "Ada Lovelace")) == [
        "lovelace2025notes"]
    # Stopwords skipped, the family name folded to ASCII with its particle, as split.
    assert keys_of(paper("a2", "The Ninth Symphony", "Ludwig van Beethoven")) == [
        "vanbeethoven2025ninth"]
    assert keys_of(paper("a3", "Über Räume", "Zoë Ångström")) == ["angstrom2025uber"]
    assert keys_of(paper("a4", "Lattice Routing", "Lovelace, Ada", "Charles Babbage")) == [
        "lovelace2025lattice"]


def test_year_is_the_arxiv_date_else_the_digest_date() -> None:
    assert keys_of(paper("a1", "Engines", "Ada Lovelace", published="")) == ["lovelace2026engines"]
    assert keys_of(paper("a1", "Engines", "Ada Lovelace", published="junk")) == [
        "lovelace2026engines"]


def test_papers_without_authors_keep_the_older_form() -> None:
    assert keys_of(paper("deadbeef00", "DSPy: Compiling LMs", published="")) == [
        "dspy2026dead"]
    # A family name with no ASCII in it says nothing readable: the older form too.
    assert keys_of(paper("c0ffee", "Kanji Paper", "田中 太郎")) == ["kanji2025c0ff"]


def test_a_shared_key_gives_both_papers_a_suffix_from_their_ids() -> None:
    one = paper("aaaa1111", "Engines of thought", "Ada Lovelace")
    two = paper("bbbb2222", "Engines of war", "Augusta Ada Lovelace")
    other = paper("cccc3333", "Looms", "Ada Lovelace")
    assert keys_of(one, two, other) == ["lovelace2025enginesaaaa", "lovelace2025enginesbbbb",
                                        "lovelace2025looms"]
    # The suffix grows only as far as it must to tell them apart.
    near = paper("aaaa1199", "Engines again", "Ada Lovelace")
    assert keys_of(one, near) == ["lovelace2025enginesaaaa1111", "lovelace2025enginesaaaa1199"]


def test_a_key_depends_on_the_library_not_on_the_export() -> None:
    one = paper("aaaa1111", "Engines of thought", "Ada Lovelace")
    two = paper("bbbb2222", "Engines of war", "Ada Lovelace")
    library = [one, two, paper("cccc3333", "Looms", "Ada Lovelace")]
    alone = citation_keys([(two, PaperState())], library)
    together = citation_keys([(p, PaperState()) for p in library], library)
    assert alone == ["lovelace2025enginesbbbb"] == together[1:2]
    text = render("bibtex", [(two, PaperState())], today=TODAY, library=library)
    assert "@misc{lovelace2025enginesbbbb," in text
    # Every format uses the same key.
    assert "ID  - lovelace2025enginesbbbb" in render("ris", [(two, PaperState())], today=TODAY,
                                                      library=library)
    assert '"id": "lovelace2025enginesbbbb"' in render("csljson", [(two, PaperState())],
                                                       today=TODAY, library=library)


def test_a_paper_outside_the_library_still_gets_a_unique_key() -> None:
    library = [paper("aaaa1111", "Engines", "Ada Lovelace")]
    stranger = paper("bbbb2222", "Engines", "Ada Lovelace")
    keys = citation_keys([(library[0], PaperState()), (stranger, PaperState())], library)
    assert keys == ["lovelace2025enginesaaaa", "lovelace2025enginesbbbb"]


def test_the_cache_follows_the_library_list() -> None:
    cache = KeyCache()
    papers = [paper("aaaa1111", "Engines", "Ada Lovelace")]
    first = cache.keys_of(papers)
    assert cache.keys_of(papers) is first  # the same list: not computed again
    grown = [*papers, paper("bbbb2222", "Engines", "Ada Lovelace")]  # as an import replaces it
    assert cache.keys_of(grown)["aaaa1111"] == "lovelace2025enginesaaaa"


def test_a_plain_key_equal_to_a_suffixed_one_is_numbered() -> None:
    # "deep2025a1b2" both as author Deep + title word "a1b2"... and title "Deep" + id "a1b2".
    by_author = paper("ffff0000", "A1b2 results", "Jo Deep")
    by_title = paper("a1b2ffff", "Deep nets", published="2025-01-03")
    keys = compute_keys([by_author, by_title])
    assert sorted(keys.values()) == ["deep2025a1b2", "deep2025a1b2x1"]
    assert keys == compute_keys([by_title, by_author])  # not by library order


ids = st.text("0123456789abcdef", min_size=6, max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(ids, st.sampled_from(["Engines", "Looms", "The Engines"]),
                          st.sampled_from(["", "Ada Lovelace", "Lovelace, Augusta", "Guo"])),
                min_size=1, max_size=12, unique_by=lambda t: t[0]),
       st.data())
def test_keys_are_unique_and_any_subset_keeps_them(rows, data) -> None:
    library = [paper(pid, title, *([author] if author else [])) for pid, title, author in rows]
    keys = compute_keys(library)
    assert len(set(keys.values())) == len(library)
    assert all(key.isascii() and key == key.lower() and key.isalnum() for key in keys.values())
    subset = data.draw(st.lists(st.sampled_from(library), unique_by=lambda p: p.id))
    assert citation_keys([(p, PaperState()) for p in subset], library) == [
        keys[p.id] for p in subset]


def test_the_bibtex_header_counts_its_entries_in_words() -> None:
    one = Paper("aaaa00000001", "One", "", meta=PaperMeta(authors=("Ada Lovelace",)))
    two = Paper("aaaa00000002", "Two", "")
    assert "1 entry (" in render("bibtex", [(one, PaperState())], today=TODAY)
    assert "2 entries (" in render("bibtex", [(one, PaperState()), (two, PaperState())],
                                   today=TODAY)
