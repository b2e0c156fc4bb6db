"""The same paper from the page text, the API JSON, an Atom feed, an RSS listing and a mail is
one paper in the library: one id (the first one it was known by), the richer sources' fields."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tui.core.library import Library

FIXTURES = Path(__file__).parent.parent / "fixtures"
IMPORT_DAY = date(2025, 3, 5)
PAGE = FIXTURES / "daily_papers_2025-03-04.txt"
JSON = FIXTURES / "hf_daily_papers_2025-03-04.json"
ATOM = FIXTURES / "arxiv_api_query.atom"
RSS = FIXTURES / "arxiv_cs.LG.rss"
MAIL = FIXTURES / "arxiv_listing_mail.txt"
ORDERS = {
    "page first": [PAGE, JSON, ATOM, RSS, MAIL],
    "page last": [MAIL, ATOM, JSON, RSS, PAGE],
}


def _lattice(lib: Library) -> list:
    return [p for p in lib.papers if p.title.lower().startswith("lattice routing")]


@pytest.mark.parametrize("order", ORDERS)
def test_one_paper_from_five_sources_one_import_each(home: Path, order: str) -> None:
    lib = Library.open(home, seed_if_empty=False)
    first_ids = []
    for path in ORDERS[order]:
        lib.import_paths([path], today=IMPORT_DAY)
        first_ids.append(_lattice(lib)[0].id)
    (paper,) = _lattice(lib)
    assert set(first_ids) == {first_ids[0]}  # its id never changed
    assert lib.by_arxiv_id("2503.01234") is paper
    meta = paper.meta
    assert meta is not None
    assert paper.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    assert meta.upvotes == 87 and meta.github_stars == 412  # only the JSON has them
    assert meta.github_repo == "https://github.com/example-lab/lattice-routing"
    assert meta.categories[0] == "cs.LG" and meta.published == "2025-03-02"
    assert meta.doi == "10.5555/jmlr.2025.01234"  # only the Atom feed has it
    assert meta.pdf_url == "https://arxiv.org/pdf/2503.01234v2"
    # A richer source's title wins over the page's ("without" in lower case there).
    assert paper.title == "Lattice Routing: Load-Balanced Mixture-of-Experts Without Auxiliary " \
                          "Losses"
    assert paper.digest_dates == ("2025-03-04",)  # one day's list, whatever the source
    assert len(paper.digests) == 5
    # The other paper of the page is in the JSON too: one paper as well.
    assert len([p for p in lib.papers if p.title.startswith("When Retrieved")]) == 1


def test_all_sources_in_one_import_and_rebuilt_from_the_kept_copies(home: Path,
                                                                     tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in ORDERS["page first"]:
        shutil.copy(path, folder / path.name)
    lib = Library.open(home, seed_if_empty=False)
    summary = lib.import_paths([folder], today=IMPORT_DAY)
    assert summary.digests_added == 5
    papers = [(p.id, p.title, p.meta, p.digest_dates) for p in lib.papers]
    assert len(_lattice(lib)) == 1
    shutil.rmtree(folder)
    for cached in (home / "cache").iterdir():
        cached.unlink()
    rebuilt = Library.open(home, seed_if_empty=False)
    assert [(p.id, p.title, p.meta, p.digest_dates) for p in rebuilt.papers] == papers
