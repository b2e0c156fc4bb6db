"""The paper record shared by the parser, the library, the query engine and the exporters."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    kind: str  # "code" (GitHub, GitLab, Hugging Face) or "page"


@dataclass(slots=True)
class Paper:
    """One paper in the library; the same paper in several digests is one Paper."""

    id: str
    title: str
    abstract: str
    links: tuple[Link, ...] = ()
    digest_dates: tuple[str, ...] = ()  # ISO dates (YYYY-MM-DD) of the digests it appeared in
    first_seen: str = ""  # ISO timestamp of the import that first brought it in
    first_import: int = 0  # sequence number of that import (0 = first import ever)
    digests: tuple[str, ...] = ()  # sha256 of each digest it appeared in
    position: int = 0  # 0-based position in the digest it was first seen in

    @property
    def has_code(self) -> bool:
        return any(link.kind == "code" for link in self.links)

    @property
    def latest_date(self) -> str:
        return max(self.digest_dates) if self.digest_dates else ""


@dataclass(slots=True)
class Diagnostic:
    """A problem found while parsing, tied to a 1-based line number of the digest."""

    line: int
    message: str
    level: str = "warning"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class ParseResult:
    papers: list[Paper] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    date: str = ""  # ISO date of the (first) digest date line


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


UNTOUCHED = PaperState()
