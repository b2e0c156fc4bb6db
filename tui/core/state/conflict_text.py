"""Notes in conflict shown for a person to merge by hand: every version, clearly apart. This is
only ever a draft (shown, or put in the editor); the stored versions stay structured."""

from __future__ import annotations

from collections.abc import Sequence


def version_heading(number: int, total: int) -> str:
    whose = " (this machine)" if number == 1 else ""
    return f"──── notes version {number} of {total}{whose} ────"


def conflict_draft(versions: Sequence[str]) -> str:
    """The versions one after another under headings; merge them and save to resolve."""
    parts = []
    for number, text in enumerate(versions, start=1):
        parts.append(version_heading(number, len(versions)))
        parts.append(text)
    return "\n".join(parts)
