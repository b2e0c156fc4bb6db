"""arXiv identifiers as people paste them: bare ids, "arXiv:" forms, abs/pdf/html links.

New-style ids are YYMM.NNNN(N) (since 2007), old-style archive/YYMMNNN ("hep-th/9901001",
"math.GT/0309136"). A version suffix ("v2") is dropped: a paper is one paper across versions.
"""

from __future__ import annotations

import re

_NEW = r"\d{4}\.\d{4,5}"
_OLD = r"[a-z][a-z-]*(?:\.[A-Za-z]{2})?/\d{7}"
_ID = rf"(?P<id>{_NEW}|{_OLD})(?:v\d+)?"
_BARE = re.compile(rf"(?:arxiv:\s*)?{_ID}", re.IGNORECASE)
_LINK = re.compile(
    rf"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/{_ID}(?:\.pdf)?/?"
    r"(?:[?#]\S*)?", re.IGNORECASE)


def arxiv_id_of(text: str) -> str | None:
    """The arXiv id (without version) that `text` is, whole: a bare id, "arXiv:ID" or an
    arxiv.org abs/pdf/html link; None for anything else."""
    text = text.strip()
    match = _BARE.fullmatch(text) or _LINK.fullmatch(text)
    if match is None:
        return None
    archive, slash, number = match.group("id").partition("/")
    if not slash:
        return archive
    group, dot, subject = archive.partition(".")  # "math.GT": the subject class stays upper
    return f"{group.lower()}{dot}{subject.upper()}{slash}{number}"


def abs_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv_id}"
