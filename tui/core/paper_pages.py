"""The web pages of a paper that keys open: its PDF, its arXiv abstract page, its Hugging Face
page. A paper without an arXiv id (known from the saved page text only) gets an arXiv search
for its title instead, which finds it in one click when arXiv has it."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from tui.core.arxiv_ids import abs_url, pdf_url
from tui.core.links import is_openable
from tui.core.model import Paper
from tui.core.text import CONTROL_CHARS

HF_PAPERS = "https://huggingface.co/papers/"
ARXIV_SEARCH = "https://arxiv.org/search/"


def title_search(title: str) -> str:
    """arXiv's search of titles for this one (its words, not a phrase: a title that changed
    between versions by a word or a colon is still found)."""
    words = " ".join(CONTROL_CHARS.sub(" ", title).split())
    return f"{ARXIV_SEARCH}?{urlencode({'query': words, 'searchtype': 'title'}, quote_via=quote)}"


def pdf_page(paper: Paper) -> str:
    """The PDF as the source gave it (when it is an http(s) link), else arXiv's."""
    meta = paper.meta
    if meta is not None and meta.pdf_url and is_openable(meta.pdf_url):
        return meta.pdf_url
    if paper.arxiv_id:
        return pdf_url(paper.arxiv_id)
    if meta is not None and meta.pdf_url:
        return meta.pdf_url  # not http(s): refused where links are opened, with the reason
    return title_search(paper.title)


def abstract_page(paper: Paper) -> str:
    return abs_url(paper.arxiv_id) if paper.arxiv_id else title_search(paper.title)


def hugging_face_page(paper: Paper) -> str:
    return HF_PAPERS + paper.arxiv_id if paper.arxiv_id else title_search(paper.title)
