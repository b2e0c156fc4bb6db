"""One paper in several digests: how its sightings merge, and the library's default order.

A paper is known by its id (the normalised title); each digest that lists it adds its date
and digest, may give it a better-spelt title or the abstract it lacked, and the newest one
decides where it is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.core.model import Paper

# A space where normal spacing has none: before closing punctuation, after an opening bracket.
_ODD_SPACE = re.compile(r"\s[,.:;!?)\]]|[(\[]\s|\s{2,}")


def title_form_flaws(title: str) -> tuple[bool, int]:
    """How far a title's spelling is from the usual form, least first: ALL CAPS (beyond
    a short acronym), then the count of odd spaces. The same paper arriving again in a
    form with fewer flaws takes that form."""
    letters = [c for c in title if c.isalpha()]
    shouting = len(letters) > 6 and title.upper() == title and title.lower() != title
    return shouting, len(_ODD_SPACE.findall(title))


def merge_digest(merged: dict[str, Paper], papers: Iterable[Paper], seq: int, sha: str,
                 imported_at: str) -> None:
    """Add the papers of import number `seq` (digest `sha`, imported at `imported_at`) to
    `merged`, by id: a new paper as it is, a known one gaining what this digest says of it."""
    for paper in papers:
        existing = merged.get(paper.id)
        if existing is None:
            paper.first_seen = imported_at
            paper.first_import = seq
            paper.digests = (sha,)
            merged[paper.id] = paper
            continue
        if max(paper.digest_dates, default="") >= existing.latest_date:
            # Listed under this digest's date now: in this digest's order, not at
            # its place in an older one (it came after the day's new papers).
            existing.shown_at = (seq, paper.position)
        if sha not in existing.digests:
            existing.digests += (sha,)
        for d in paper.digest_dates:
            if d not in existing.digest_dates:
                existing.digest_dates = tuple(sorted((*existing.digest_dates, d)))
        if paper.title != existing.title and (
                title_form_flaws(paper.title) < title_form_flaws(existing.title)):
            existing.title = paper.title  # same normalised title, so the same id
        if not existing.has_abstract and paper.abstract:
            existing.abstract, existing.links = paper.abstract, paper.links


def sort_default_order(papers: list[Paper]) -> None:
    """Newest digest date first, then the order of the digest itself (in place)."""
    papers.sort(key=lambda p: p.shown_at)
    papers.sort(key=lambda p: p.latest_date, reverse=True)
