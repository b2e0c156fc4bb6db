"""Undo/redo history of state changes: one step per user action, however many papers it touched."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from tui.core.state.schema import Entry

UNDO_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Step:
    description: str
    # (paper id, entry before, entry after); None = the paper had no record.
    changes: tuple[tuple[str, Entry | None, Entry], ...]


class UndoHistory:
    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._undo: deque[Step] = deque(maxlen=limit)
        self._redo: list[Step] = []

    def record(self, step: Step) -> None:
        self._undo.append(step)
        self._redo.clear()  # a new change forks history: the old redo path is gone

    def take_undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        return step

    def take_redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        return step

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
