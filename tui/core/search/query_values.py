"""The values of the counting and dating qualifiers: `upvotes:>=10`, `year:2025`,
`starred:yesterday`, `read:7d`, `seen:>=2026-03-01`.

Each value becomes an inclusive range, so the engine compares one array against two bounds.
Dates of the user's own history are local days (the day the user lived them), counted as
ordinals (date.toordinal()); `today` is asked for by the caller, so a test can fix it.
An invalid value is a QueryError with the same one line in the filter bar and the CLI.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.errors import QueryError

NUMBER_QUALIFIERS = ("upvotes", "year")
DAY_QUALIFIERS = ("seen", "read", "starred")
BIG = 2 ** 62  # no bound
_COMPARISON = re.compile(r"(?P<op>>=|<=|>|<|=)?(?P<rest>.*)", re.DOTALL)
_COUNT = re.compile(r"\d{1,18}")
_YEAR = re.compile(r"\d{4}")
_DAYS = re.compile(r"(?P<n>\d{1,5})d", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

NUMBER_HINTS = {
    "upvotes": "a number, as in upvotes:10 or upvotes:>=10",
    "year": "a year, as in year:2025 or year:>=2024",
}
DAY_HINT = "today, yesterday, 7d or a date (2026-03-01, >=2026-03-01)"


def _bounds(op: str, lo: int, hi: int) -> tuple[int, int]:
    """The range that `op` makes of the value's own range [lo, hi] (a number, or a day)."""
    if op == ">=":
        return lo, BIG
    if op == ">":
        return hi + 1, BIG
    if op == "<=":
        return -BIG, hi
    if op == "<":
        return -BIG, lo - 1
    return lo, hi


def number_range(key: str, value: str) -> tuple[int, int]:
    """[lo, hi] of `upvotes:` or `year:`; QueryError for anything but the documented forms."""
    match = _COMPARISON.fullmatch(value.strip())
    assert match is not None  # every group is optional
    rest = match.group("rest")
    pattern = _YEAR if key == "year" else _COUNT
    if not pattern.fullmatch(rest):
        raise QueryError(f"{key}: takes {NUMBER_HINTS[key]} (got {value!r})")
    number = int(rest)
    return _bounds(match.group("op") or "=", number, number)


def day_range(key: str, value: str, today: date) -> tuple[int, int]:
    """[lo, hi] as local-day ordinals of `seen:`, `read:`, `starred:`."""
    match = _COMPARISON.fullmatch(value.strip())
    assert match is not None
    op, rest = match.group("op") or "=", match.group("rest").lower()
    day = today.toordinal()
    if not match.group("op"):  # the relative forms take no comparison
        if rest == "today":
            return day, day
        if rest == "yesterday":
            return day - 1, day - 1
        days = _DAYS.fullmatch(rest)
        if days and int(days.group("n")) > 0:
            return day - int(days.group("n")) + 1, day
    if _DATE.fullmatch(rest):
        try:
            when = date.fromisoformat(rest).toordinal()
        except ValueError:
            raise QueryError(f"{key}: {rest!r} is no date (YYYY-MM-DD)") from None
        return _bounds(op, when, when)
    raise QueryError(f"{key}: takes {DAY_HINT} (got {value!r})")
