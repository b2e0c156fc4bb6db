"""The pages p, a and H open: a paper's PDF, arXiv page, Hugging Face page, or a title search."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from tui.core.links import is_openable
from tui.core.model import Paper, PaperMeta
from tui.core.paper_pages import abstract_page, hugging_face_page, pdf_page, title_search


def paper(title: str = "Attention Is All You Need", **meta: object) -> Paper:
    return Paper("0" * 16, title, "", meta=PaperMeta(**meta) if meta else None)  # type: ignore[arg-type]


def test_a_paper_with_an_arxiv_id_opens_arxiv_and_hugging_face() -> None:
    known = paper(arxiv_id="2503.01234")
    assert pdf_page(known) == "https://arxiv.org/pdf/2503.01234"
    assert abstract_page(known) == "https://arxiv.org/abs/2503.01234"
    assert hugging_face_page(known) == "https://huggingface.co/papers/2503.01234"
    old_style = paper(arxiv_id="hep-th/9901001")
    assert abstract_page(old_style) == "https://arxiv.org/abs/hep-th/9901001"


def test_the_sources_pdf_link_wins_when_it_is_http() -> None:
    given_pdf = paper(arxiv_id="2503.01234", pdf_url="https://arxiv.org/pdf/2503.01234v2")
    assert pdf_page(given_pdf) == "https://arxiv.org/pdf/2503.01234v2"
    hostile = paper(arxiv_id="2503.01234", pdf_url="javascript:alert(1)")
    assert pdf_page(hostile) == "https://arxiv.org/pdf/2503.01234"
    # With no id to fall back on, the link is what there is: the opener refuses it, saying why.
    assert pdf_page(paper(pdf_url="file:///etc/passwd")) == "file:///etc/passwd"
    assert pdf_page(paper(pdf_url="http://example.org/a.pdf")) == "http://example.org/a.pdf"


def test_a_paper_without_an_id_gets_a_title_search_from_every_key() -> None:
    plain = paper("Attention Is All You Need")
    search = "https://arxiv.org/search/?query=Attention%20Is%20All%20You%20Need&searchtype=title"
    assert pdf_page(plain) == abstract_page(plain) == hugging_face_page(plain) == search
    assert abstract_page(paper("Title", authors=("A B",))) == title_search("Title")


@given(st.text())
def test_a_title_search_is_an_arxiv_link_holding_the_titles_words(title: str) -> None:
    url = title_search(title)
    assert is_openable(url)
    parts = urlsplit(url)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", "arxiv.org", "/search/")
    assert not any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url)
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["searchtype"] == ["title"]
    words = " ".join(title.split())
    assert query["query"] == [" ".join("".join(
        " " if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch for ch in words).split())]
