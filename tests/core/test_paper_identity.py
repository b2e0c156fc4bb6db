"""One paper, whichever source it came from: matched by arXiv id, id, alias or folded title;
a richer sighting fills what a poorer one lacked and never erases it; ids never change."""

from __future__ import annotations

from tui.core.model import Paper, PaperMeta
from tui.core.paper_merge import PaperMerger
from tui.core.text import paper_id


def page(title: str, abstract: str = "An abstract.", date: str = "2026-12-01") -> Paper:
    return Paper(paper_id(title), title, abstract, digest_dates=(date,))


def rich(title: str, arxiv: str = "", date: str = "2026-12-02", **meta: object) -> Paper:
    return Paper(paper_id(title), title, "The arXiv abstract.", digest_dates=(date,),
                 meta=PaperMeta(arxiv_id=arxiv, **meta))  # type: ignore[arg-type]


def merged_after(*digests: list[Paper]) -> PaperMerger:
    merger = PaperMerger()
    for seq, papers in enumerate(digests):
        merger.add_digest(papers, seq, f"sha{seq}", f"2026-12-0{seq + 1}T08:00:00+00:00")
    return merger


def test_page_then_api_is_one_paper_with_the_pages_id_and_the_apis_details() -> None:
    merger = merged_after([page("Attention Is All You Need")],
                          [rich("Attention is all you need", "1706.03762",
                                authors=("Ashish Vaswani", "Noam Shazeer"), upvotes=12)])
    [paper] = merger.merged.values()
    assert paper.id == paper_id("Attention Is All You Need")
    assert paper.authors == ("Ashish Vaswani", "Noam Shazeer")
    assert paper.arxiv_id == "1706.03762"
    assert paper.title == "Attention is all you need"  # the richer source's title
    assert paper.abstract == "The arXiv abstract."
    assert paper.digest_dates == ("2026-12-01", "2026-12-02")


def test_a_new_arxiv_version_title_stays_one_paper_and_its_title_id_is_an_alias() -> None:
    merger = merged_after([rich("Old Title of a Paper", "2512.00001")],
                          [rich("A Better Title of the Paper", "2512.00001")],
                          [page("A Better Title of the Paper", date="2026-12-04")])
    [paper] = merger.merged.values()
    assert paper.id == paper_id("Old Title of a Paper")
    assert paper.title == "A Better Title of the Paper"
    assert merger.aliases == {paper_id("A Better Title of the Paper"): paper.id}
    assert "2026-12-04" in paper.digest_dates  # the page copy found it through the alias


def test_a_poorer_source_never_erases_what_a_richer_one_gave() -> None:
    merger = merged_after([rich("Some Paper Title", "2512.00002", authors=("A. Author",),
                                upvotes=5, github_repo="https://github.com/a/b")],
                          [page("Some paper title", abstract="Page abstract.")],
                          [rich("Some Paper Title", "2512.00002", upvotes=9)])
    [paper] = merger.merged.values()
    assert paper.title == "Some Paper Title"  # the page's title does not replace the API's
    assert paper.abstract == "The arXiv abstract."
    assert paper.authors == ("A. Author",)
    assert paper.meta is not None
    assert paper.meta.upvotes == 9 and paper.meta.github_repo == "https://github.com/a/b"


def test_accents_do_not_make_two_papers() -> None:
    merger = merged_after([page("Café: Learning Résumés")], [page("Cafe: Learning Resumes")])
    assert len(merger.merged) == 1
    merger = merged_after([page("Cafe: Learning Resumes")], [page("Café: Learning Résumés")])
    assert len(merger.merged) == 1


def test_one_title_on_two_arxiv_papers_is_two_papers_with_distinct_ids() -> None:
    merger = merged_after([rich("Scaling Laws", "2512.00003")],
                          [rich("Scaling Laws", "2512.00004")])
    ids = list(merger.merged)
    assert len(ids) == 2 and ids[0] == paper_id("Scaling Laws") and ids[1] != ids[0]
