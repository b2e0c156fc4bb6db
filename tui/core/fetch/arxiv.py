"""`paperdeck fetch --arxiv CATEGORY`: the newest listing of an arXiv category through the
export API (`PAPERDECK_ARXIV_URL`, default http://export.arxiv.org/api/query).

The query is `search_query=cat:CATEGORY`, newest submissions first (sortBy=submittedDate,
sortOrder=descending), paged with `start` and `max_results`. "The newest listing" is read as
the papers submitted within a day of the newest one: pages are fetched until an entry is older
than that, or the category runs out, or MAX_PAGES. arXiv's API terms ask for one request every
3 seconds: every request waits for `pause` seconds since the one before (the tests set 0).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui.core.errors import NetworkError, UsageError
from tui.core.fetch.http import ATOM, HttpClient, check_base_url, with_query
from tui.core.text import collapse_whitespace, plural, sanitize

DEFAULT_URL = "http://export.arxiv.org/api/query"
PAUSE = 3.0  # seconds between two requests, as arXiv's API terms ask
PAGE_SIZE = 200
MAX_PAGES = 10  # 2,000 papers: a day of the busiest category is well under that
WINDOW = timedelta(days=1)  # the listing: submitted within a day of the newest paper

_ATOM = "{http://www.w3.org/2005/Atom}"
# Archives of the arXiv category taxonomy; those with subject classes take ARCHIVE.CLASS.
ARCHIVES = frozenset({
    "astro-ph", "cond-mat", "cs", "econ", "eess", "gr-qc", "hep-ex", "hep-lat", "hep-ph",
    "hep-th", "math", "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "q-bio", "q-fin",
    "quant-ph", "stat",
})
_CATEGORY = re.compile(r"(?P<archive>[a-z]+(?:-[a-z]+)?)(?:\.(?P<subject>[a-z]{2,}(?:-[a-z]+)?))?",
                       re.IGNORECASE | re.ASCII)
_LOWER_SUBJECTS = ("physics", "cond-mat")  # physics.acc-ph, cond-mat.str-el; others cs.LG


def check_category(name: str) -> str:
    """The category as arXiv spells it (cs.lg -> cs.LG); UsageError for a name that is not
    one (validated against the archives, so no query text reaches the URL)."""
    match = _CATEGORY.fullmatch(name.strip())
    archive = match["archive"].lower() if match else ""
    if archive not in ARCHIVES:
        raise UsageError(f"not an arXiv category: {sanitize(name)!r} (e.g. cs.LG, math.AG, "
                         "hep-th, cond-mat.str-el)")
    subject = match["subject"] if match else None
    if not subject:
        return archive
    if archive in _LOWER_SUBJECTS or len(subject) > 2:  # cs.LG, but cond-mat.soft
        return f"{archive}.{subject.lower()}"
    return f"{archive}.{subject.upper()}"


def api_url(env: Mapping[str, str]) -> str:
    return check_base_url(env.get("PAPERDECK_ARXIV_URL") or DEFAULT_URL, "PAPERDECK_ARXIV_URL")


def page_url(base: str, category: str, start: int, size: int = PAGE_SIZE) -> str:
    return with_query(base, {"search_query": f"cat:{category}", "sortBy": "submittedDate",
                             "sortOrder": "descending", "start": start, "max_results": size})


class Throttle:
    """At most one request per `pause` seconds, over every category of one fetch."""

    def __init__(self, client: HttpClient, pause: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client, self.pause, self.clock = client, pause, clock
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            self.client.pause(self.pause - (self.clock() - self._last))
        self._last = self.clock()


@dataclass
class Listing:
    category: str
    bodies: list[bytes] = field(default_factory=list)
    papers: int = 0


@dataclass
class ListingReport:
    category: str
    papers: int

    def line(self) -> str:
        if self.papers:
            return f"{self.category}: {plural(self.papers, 'paper')}"
        return f"{self.category}: no papers (is it an arXiv category?)"


def fetch_listing(client: HttpClient, base: str, category: str, throttle: Throttle, *,
                  progress: Callable[[str], None] | None = None) -> Listing:
    listing = Listing(category)
    newest: datetime | None = None
    for page in range(MAX_PAGES):
        if progress:
            progress(f"fetching arXiv {category}" + (f", page {page + 1}" if page else ""))
        url = page_url(base, category, page * PAGE_SIZE)
        throttle.wait()
        body = client.get(url, accept=ATOM).body
        published = _published(url, body)
        if published:
            listing.bodies.append(body)
            listing.papers += len(published)
        known = [p for p in published if p is not None]
        if newest is None and known:
            newest = known[0]
        if len(published) < PAGE_SIZE:
            break
        if newest is not None and known and min(known) < newest - WINDOW:
            break
    return listing


def _published(url: str, body: bytes) -> list[datetime | None]:
    """Each entry's first-version date (None where it has none); an answer that is no Atom
    feed, or arXiv's error feed, is a NetworkError."""
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, LookupError, ValueError) as exc:  # LookupError: an unknown encoding
        raise NetworkError(f"cannot fetch {url}: not a valid Atom feed "
                           f"({collapse_whitespace(sanitize(str(exc)))[:120]})") from None
    if root.tag != f"{_ATOM}feed":
        raise NetworkError(f"cannot fetch {url}: XML, but not an Atom feed")
    dates: list[datetime | None] = []
    for entry in root.iter(f"{_ATOM}entry"):
        ident = entry.findtext(f"{_ATOM}id") or ""
        if "/api/errors" in ident:
            said = collapse_whitespace(sanitize(entry.findtext(f"{_ATOM}summary") or ""))[:200]
            raise NetworkError(f"cannot fetch {url}: arXiv answered with an error: "
                               f"{said or 'no message'}")
        dates.append(_when(entry.findtext(f"{_ATOM}published")))
    return dates


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None


def fetch_listings(client: HttpClient, base: str, categories: Sequence[str], *, pause: float,
                   today: date, progress: Callable[[str], None] | None = None,
                   steps: Callable[[int, int], None] | None = None,
                   ) -> tuple[list[ListingReport], list[tuple[str, bytes]]]:
    throttle = Throttle(client, pause)
    reports: list[ListingReport] = []
    bodies: list[tuple[str, bytes]] = []
    for number, category in enumerate(categories, 1):
        listing = fetch_listing(client, base, category, throttle, progress=progress)
        reports.append(ListingReport(category, listing.papers))
        for page, body in enumerate(listing.bodies):
            suffix = f"-p{page}" if page else ""
            bodies.append((f"arxiv-{category}-{today.isoformat()}{suffix}.xml", body))
        if steps:
            steps(number, len(categories) + 1)
    return reports, bodies
