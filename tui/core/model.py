"""The paper record shared by the parser, the library, the query engine and the exporters."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Protocol, cast


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    kind: str  # "code" (GitHub, GitLab, Hugging Face) or "page"

    def __reduce__(self) -> tuple[type[Link], tuple[str, str]]:
        return Link, (self.url, self.kind)  # see PaperMeta.__reduce__


@dataclass(frozen=True, slots=True)
class PaperMeta:
    """What a source richer than the saved page (the Hugging Face API, arXiv, a listing mail)
    says of a paper. A paper known only from the page has none (most of a big library: one
    None each rather than an empty record each)."""

    authors: tuple[str, ...] = ()  # display names, in the paper's order
    arxiv_id: str = ""  # without version ("2503.01234", "hep-th/9901001"); "" unknown
    published: str = ""  # ISO date of the first arXiv version
    updated: str = ""  # ISO date of the latest arXiv version
    upvotes: int | None = None  # Hugging Face upvotes when last seen
    comments: int | None = None  # Hugging Face comments when last seen
    github_repo: str = ""  # URL
    github_stars: int | None = None
    project_page: str = ""  # URL
    keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # arXiv categories, the primary one first
    doi: str = ""
    pdf_url: str = ""  # as the source gave it; else derived from the arXiv id
    ai_summary: str = ""

    def __reduce__(self) -> tuple[type[PaperMeta], tuple[object, ...]]:
        # dataclasses' own pickling looks the fields up again for every object (13 of 27 s
        # of a large import's main process went to unpickling its workers' papers)
        return PaperMeta, _meta_values(self)


_meta_values = attrgetter(*(f.name for f in fields(PaperMeta)))


class AbstractSource(Protocol):
    """Where a paper loaded from the library cache finds its abstract (see abstracts.py)."""

    def text(self, number: int) -> str: ...

    def size(self, number: int) -> int: ...


class Paper:
    """One paper in the library; the same paper in several digests is one Paper.

    A paper loaded from the library cache reads its abstract from the cache file whenever it
    is asked for: at 100,000 papers the abstracts are 90% of the cache, so a start-up does
    not load them."""

    __slots__ = ("_abstract", "_shown_at", "_source", "digest_dates", "digests", "first_import",
                 "first_seen", "id", "links", "meta", "position", "title")

    def __init__(
        self,
        id: str,
        title: str,
        abstract: str,
        links: tuple[Link, ...] = (),
        digest_dates: tuple[str, ...] = (),  # ISO dates (YYYY-MM-DD) of its digests
        first_seen: str = "",  # ISO timestamp of the import that first brought it in
        first_import: int = 0,  # sequence number of that import (0 = first import ever)
        digests: tuple[str, ...] = (),  # sha256 of each digest it appeared in
        position: int = 0,  # 0-based position in the digest it was first seen in
        # (import, position) of the digest that shows it on its latest date: the default
        # order within a date. Unset: (first_import, position).
        shown_at: tuple[int, int] | None = None,
        source: AbstractSource | None = None,  # set: `abstract` is the text's number there
        meta: PaperMeta | None = None,  # None: known from the saved page text only
    ) -> None:
        self.id = id
        self.title = title
        self._abstract: str | int = abstract
        self._source = source
        self.links = links
        self.digest_dates = digest_dates
        self.first_seen = first_seen
        self.first_import = first_import
        self.digests = digests
        self.position = position
        self._shown_at = shown_at  # None (most papers): no tuple kept for each of 100,000
        self.meta = meta

    def __reduce__(self) -> tuple[type[Paper], tuple[object, ...]]:
        # The constructor's arguments: a large import's workers send back 100,000 papers, and
        # the default (a dict of slots, set one by one) cost their main process seconds.
        return Paper, (self.id, self.title, self._abstract, self.links, self.digest_dates,
                       self.first_seen, self.first_import, self.digests, self.position,
                       self._shown_at, self._source, self.meta)

    @property
    def authors(self) -> tuple[str, ...]:
        return self.meta.authors if self.meta is not None else ()

    @property
    def arxiv_id(self) -> str:
        return self.meta.arxiv_id if self.meta is not None else ""

    @property
    def abstract(self) -> str:
        value = self._abstract
        if value.__class__ is str:
            return value  # type: ignore[return-value]
        # Read from the file each time, not kept: kept, every abstract a search index build
        # or an export touched stayed in memory beside the mapped file, twice the text.
        return self._source.text(value)  # type: ignore[union-attr, arg-type]

    @property
    def has_abstract(self) -> bool:
        """Whether the abstract is not empty, without reading it."""
        value = self._abstract
        if value.__class__ is str:
            return bool(value)
        return self._source.size(value) > 0  # type: ignore[union-attr, arg-type]

    @abstract.setter
    def abstract(self, text: str) -> None:
        self._abstract = text

    def drop_read_pages(self) -> None:
        """Let the pages of the cache file its abstract was read from go from this process's
        memory (a build that reads every abstract once would keep them all, the file's size)."""
        drop = getattr(self._source, "drop_pages", None)
        if drop is not None:
            drop()

    @property
    def shown_at(self) -> tuple[int, int]:
        return self._shown_at or (self.first_import, self.position)

    @shown_at.setter
    def shown_at(self, where: tuple[int, int]) -> None:
        self._shown_at = None if where == (self.first_import, self.position) else where

    @property
    def has_code(self) -> bool:
        return any(link.kind == "code" for link in self.links)

    @property
    def latest_date(self) -> str:
        return max(self.digest_dates) if self.digest_dates else ""

    def _fields(self) -> tuple:
        return (self.id, self.title, self.abstract, self.links, self.digest_dates,
                self.first_seen, self.first_import, self.digests, self.position, self.shown_at,
                self.meta)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == cast("Paper", other)._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return f"Paper(id={self.id!r}, title={self.title!r}, digest_dates={self.digest_dates!r})"


@dataclass(frozen=True, slots=True)
class PaperState:
    """The user's own state for one paper; a paper never touched has the default."""

    read: bool = False
    read_at: str | None = None
    starred: bool = False
    starred_at: str | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()  # sorted, unique
    created: str | None = None
    updated: str | None = None
    # Notes edited on two machines concurrently: every version's text, this machine's first
    # (it is `notes`); empty when there is no conflict. Saving the notes resolves it.
    conflict: tuple[str, ...] = ()


UNTOUCHED = PaperState()
