"""Text typed in a dialog when the terminal closed: kept beside the state, never in it (so never
exported, merged or synced), and offered back by the next dialog on that paper."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from tui.core.atomic import atomic_write_text

DRAFTS_FILE = "drafts.json"


@dataclass(frozen=True)
class Draft:
    text: str
    started_from: str  # what the dialog opened with: newer saved text makes the draft stale


@runtime_checkable
class DraftHolder(Protocol):
    """A dialog whose unsaved text is kept as a draft when the terminal closes."""

    draft_kind: str
    paper_id: str  # "" when the dialog is not about one paper

    def draft_to_keep(self) -> Draft | None: ...


def _path(home: Path) -> Path:
    return Path(home) / DRAFTS_FILE


def _load(home: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_path(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or not ours: a draft is a convenience, not state
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items()
            if isinstance(value, dict) and isinstance(value.get("text"), str)
            and isinstance(value.get("started_from"), str)}


def _save(home: Path, drafts: dict[str, dict[str, str]]) -> None:
    if drafts:
        atomic_write_text(_path(home), json.dumps(drafts, ensure_ascii=False, indent=1))
    else:
        with contextlib.suppress(FileNotFoundError):
            _path(home).unlink()


def keep_draft(home: Path, kind: str, paper_id: str, draft: Draft) -> None:
    drafts = _load(home)
    drafts[f"{kind}:{paper_id}"] = {"text": draft.text, "started_from": draft.started_from}
    _save(home, drafts)


def find_draft(home: Path, kind: str, paper_id: str) -> Draft | None:
    entry = _load(home).get(f"{kind}:{paper_id}")
    return None if entry is None else Draft(entry["text"], entry["started_from"])


def drop_draft(home: Path, kind: str, paper_id: str) -> None:
    drafts = _load(home)
    if drafts.pop(f"{kind}:{paper_id}", None) is not None:
        _save(home, drafts)
