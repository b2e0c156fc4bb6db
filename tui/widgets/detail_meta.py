"""The detail pane's lines for what a richer source said of a paper (PaperMeta): authors,
arXiv id and dates, Hugging Face upvotes and comments, code and project links, keywords.

Only the lines a paper has are written, and a paper known from the page text alone (no meta)
gets none, so it looks as it always did. Every value is outside text: cleaned, appended as
plain text to a rich Text, never parsed as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text

from tui.core.links import split_userinfo
from tui.core.model import PaperMeta
from tui.widgets.literal import clean, clip

FIRST_AUTHORS = 4  # named under the title when there are more than MANY_AUTHORS
MANY_AUTHORS = 6
# The whole list, at the end of the pane: a 3,000-author collaboration is 200 lines there, and
# laying out 5,000 hostile ones on every cursor move would cost more than a key-repeat.
ALL_AUTHORS_SHOWN = 3_000
AUTHOR_CHARS = 200  # one name, on a line of its own at most
LABEL = 8  # "Digest  ": the pane's labels and the column their values start at

StyleOf = Callable[[str], Style]


def _name(author: str) -> str:
    return clip(" ".join(clean(author, single_line=True).split()), AUTHOR_CHARS)


def authors_line(authors: Sequence[str]) -> tuple[str, str]:
    """The authors named under the title, and "" or " et al. (N)" when there are many."""
    if len(authors) <= MANY_AUTHORS:
        return ", ".join(_name(a) for a in authors), ""
    return ", ".join(_name(a) for a in authors[:FIRST_AUTHORS]), f" et al. ({len(authors):,})"


def append_authors(text: Text, meta: PaperMeta, style: StyleOf) -> None:
    """The line under the title (no line when the source named no author)."""
    if not meta.authors:
        return
    shown, more = authors_line(meta.authors)
    text.append("Authors " if len(meta.authors) > 1 else "Author  ", style("detail-pane--label"))
    text.append(shown)
    if more:
        text.append(more, style("detail-pane--muted"))  # all of them below the abstract
    text.append("\n")


def shorten_url(url: str, room: int) -> str:
    """Drop the scheme and cut the middle so a link fits one line (y copies it whole)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
            break
    if len(url) <= room:
        return url
    head = room * 2 // 3
    return url[:head] + "…" + url[len(url) - (room - head - 1):]


def _site(url: str, room: int, text: Text, style: StyleOf) -> None:
    """A link as the Links list shows one: the site first, a user name part warned of."""
    site, userinfo = split_userinfo(url)
    text.append(shorten_url(clean(site, single_line=True), max(12, room)),
                style("detail-pane--link"))
    if userinfo:
        user = clip(clean(userinfo, single_line=True), max(8, room - 12))
        text.append(f'\n        ⚠ user name "{user}@"', style("detail-pane--star"))


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def append_meta(text: Text, meta: PaperMeta, style: StyleOf, width: int) -> None:
    """arXiv id, dates, Hugging Face figures, code and project page: a line each that the
    paper has. `width`: the pane's text width, which a link is shortened to fit."""
    label = style("detail-pane--label")
    muted = style("detail-pane--muted")
    room = width - LABEL
    if meta.arxiv_id:
        text.append("arXiv   ", label)
        text.append(clean(meta.arxiv_id, single_line=True))
        text.append("   a abstract · p PDF\n", muted)
    if meta.published or meta.updated:
        text.append("Date    ", label)
        text.append(clean(meta.published or "—", single_line=True))
        if meta.updated and meta.updated != meta.published:
            text.append(f" · updated {clean(meta.updated, single_line=True)}")
        text.append("\n")
    figures = []
    if meta.upvotes is not None:
        figures.append(_count(meta.upvotes, "upvote"))
    if meta.comments is not None:
        figures.append(_count(meta.comments, "comment"))
    if figures:
        text.append("HF      ", label)
        text.append(" · ".join(figures))
        text.append("\n")
    if meta.github_repo or meta.github_stars is not None:
        text.append("Code    ", label)
        stars = "" if meta.github_stars is None else _count(meta.github_stars, "star")
        if meta.github_repo:
            _site(meta.github_repo, room - len(stars) - 3, text, style)
            stars = stars and " · " + stars
        text.append(stars + "\n")
    if meta.project_page:
        text.append("Page    ", label)
        _site(meta.project_page, room, text, style)
        text.append("\n")


def append_keywords(text: Text, meta: PaperMeta, style: StyleOf) -> None:
    words = [w for w in (" ".join(clean(k, single_line=True).split()) for k in meta.keywords)
             if w]
    if words:
        text.append("Keywords\n", style("detail-pane--label"))
        text.append(", ".join(words))
        text.append("\n")


def append_all_authors(text: Text, meta: PaperMeta, style: StyleOf) -> None:
    """Every author, in order, after the abstract (the line under the title names a few)."""
    authors = meta.authors
    text.append(f"\n\nAll {len(authors):,} authors\n", style("detail-pane--label"))
    text.append(", ".join(_name(a) for a in authors[:ALL_AUTHORS_SHOWN]))
    if len(authors) > ALL_AUTHORS_SHOWN:
        text.append(f"\n… and {len(authors) - ALL_AUTHORS_SHOWN:,} more (e exports all)",
                    style("detail-pane--muted"))
