"""One paper in several digests: how its sightings merge, and the library's default order.

A paper is known by its id (the normalised title it was first seen under); a later sighting
is the same paper when it has the same arXiv id, id, alias or accent-folded title. Each
digest that lists it adds its date and digest, may give it a better title, the abstract it
lacked, or metadata (authors, arXiv id, ...) a richer source has; the newest one decides
where it is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.core.model import Paper, PaperMeta
from tui.core.search.folding import fold
from tui.core.text import paper_id

# A space where normal spacing has none: before closing punctuation, after an opening bracket.
_ODD_SPACE = re.compile(r"\s[,.:;!?)\]]|[(\[]\s|\s{2,}")


def title_form_flaws(title: str) -> tuple[bool, int]:
    """How far a title's spelling is from the usual form, least first: ALL CAPS (beyond
    a short acronym), then the count of odd spaces. The same paper arriving again in a
    form with fewer flaws takes that form."""
    letters = [c for c in title if c.isalpha()]
    shouting = len(letters) > 6 and title.upper() == title and title.lower() != title
    return shouting, len(_ODD_SPACE.findall(title))


def title_key_id(title: str) -> str:
    """The id of a title with its accents folded: "Café" and "Cafe" are one paper. Equal to
    the title's own id for the (usual) ASCII title."""
    if title.isascii():
        return paper_id(title)
    return paper_id(fold(title))


def better_meta(old: PaperMeta | None, new: PaperMeta | None) -> PaperMeta | None:
    """What two sightings say of a paper together: the newer one's values where it has any,
    the older one's where it has none (a source that lacks a field never erases it)."""
    if new is None or old == new:
        return old
    if old is None:
        return new
    kept = {}
    for name in PaperMeta.__slots__:
        value = getattr(new, name)
        kept[name] = getattr(old, name) if value in ("", (), None) else value
    return PaperMeta(**kept)


class PaperMerger:
    """The library's papers as digests are added to it in import order, matched by arXiv id
    where known, else by id, an alias, or the accent-folded title. A paper keeps the id it
    was first known by, whatever title it is seen under later: its state is keyed by it."""

    def __init__(self, papers: Iterable[Paper] = (), aliases: dict[str, str] | None = None):
        self.merged: dict[str, Paper] = {}
        self.aliases: dict[str, str] = dict(aliases or {})  # another id -> the paper's id
        self._by_arxiv: dict[str, str] = {}
        self._by_folded: dict[str, str] = {}
        for paper in papers:
            self._register(paper)

    def _register(self, paper: Paper) -> None:
        self.merged[paper.id] = paper
        if paper.arxiv_id:
            self._by_arxiv.setdefault(paper.arxiv_id, paper.id)
        if not paper.title.isascii():
            self._by_folded.setdefault(title_key_id(paper.title), paper.id)

    def find(self, paper: Paper) -> Paper | None:
        """The known paper that `paper` (a new sighting) is, if any."""
        merged = self.merged
        if paper.arxiv_id:
            known = self._by_arxiv.get(paper.arxiv_id)
            if known is not None:
                return merged[known]
        found = merged.get(paper.id) or merged.get(self.aliases.get(paper.id, ""))
        if found is None:
            # An ASCII title folds to itself: its key is the sighting's id, looked up above.
            folded = paper.id if paper.title.isascii() else title_key_id(paper.title)
            found = merged.get(folded) or merged.get(self._by_folded.get(folded, ""))
        if found is not None and paper.arxiv_id and found.arxiv_id not in ("", paper.arxiv_id):
            return None  # the same title on two arXiv papers: two papers
        return found

    def known_id(self, paper: Paper) -> str:
        """The id the library knows this sighting by (its own when it is a new paper)."""
        found = self.find(paper)
        return paper.id if found is None else found.id

    def add_digest(self, papers: Iterable[Paper], seq: int, sha: str, imported_at: str) -> None:
        """Add the papers of import number `seq` (digest `sha`, imported at `imported_at`): a
        new paper as it is, a known one gaining what this digest says of it."""
        for paper in papers:
            existing = self.find(paper)
            if existing is None:
                if paper.id in self.merged:  # a title two arXiv papers share
                    paper.id = paper_id(f"{paper.title} arXiv:{paper.arxiv_id}")
                paper.first_seen = imported_at
                paper.first_import = seq
                paper.digests = (sha,)
                self._register(paper)
                continue
            if paper.id != existing.id:
                self.aliases.setdefault(paper.id, existing.id)
            self._update(existing, paper, seq, sha)

    def _update(self, existing: Paper, paper: Paper, seq: int, sha: str) -> None:
        if max(paper.digest_dates, default="") >= existing.latest_date:
            # Listed under this digest's date now: in this digest's order, not at
            # its place in an older one (it came after the day's new papers).
            existing.shown_at = (seq, paper.position)
        if sha not in existing.digests:
            existing.digests += (sha,)
        for d in paper.digest_dates:
            if d not in existing.digest_dates:
                existing.digest_dates = tuple(sorted((*existing.digest_dates, d)))
        if paper.title != existing.title and _takes_title(existing, paper):
            existing.title = paper.title
        if paper.abstract and (not existing.has_abstract
                               or (paper.meta is not None and existing.meta is None)):
            existing.abstract, existing.links = paper.abstract, paper.links
        had_arxiv = existing.arxiv_id
        existing.meta = better_meta(existing.meta, paper.meta)
        if existing.arxiv_id and not had_arxiv:
            self._by_arxiv.setdefault(existing.arxiv_id, existing.id)
        if not paper.title.isascii():
            self._by_folded.setdefault(title_key_id(paper.title), existing.id)


def _takes_title(existing: Paper, paper: Paper) -> bool:
    """A richer source's title (API, arXiv: a paper with metadata) wins over the page's; a
    later arXiv version's title over an earlier one; between two page titles, the better
    form."""
    if paper.meta is not None:
        return True
    if existing.meta is not None:
        return False
    return title_form_flaws(paper.title) < title_form_flaws(existing.title)


def sort_default_order(papers: list[Paper]) -> None:
    """Newest digest date first, then the order of the digest itself (in place)."""
    papers.sort(key=lambda p: p.shown_at)
    papers.sort(key=lambda p: p.latest_date, reverse=True)
