"""The plain-dict form of a paper with its state: `list --format json` and the json export."""

from __future__ import annotations

from typing import Any

from tui.core.model import Paper, PaperState


def paper_record(paper: Paper, state: PaperState) -> dict[str, Any]:
    return {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "links": [{"url": link.url, "kind": link.kind} for link in paper.links],
        "digest_dates": list(paper.digest_dates),
        "first_seen": paper.first_seen,
        "read": state.read,
        "read_at": state.read_at,
        "starred": state.starred,
        "starred_at": state.starred_at,
        "tags": list(state.tags),
        "notes": state.notes,
        "authors": list(paper.authors),  # in the paper's order; [] when no source named them
        "arxiv_id": paper.arxiv_id or None,  # without version
    }
