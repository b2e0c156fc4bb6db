"""A TinyDB Storage that never leaves a half-written file and never mistakes a broken one for empty.

TinyDB's own JSONStorage rewrites the file in place and reads a zero-byte file as an empty
database; both lose the user's work after a crash. This one writes through a temp file, fsync and
rename, and raises CorruptStateFile for anything it cannot parse.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.core.atomic import TEMP_SUFFIX, atomic_write_bytes
from tui.core.errors import WriteError
from tui.core.text import replace_surrogates

# A JSON escape of a surrogate half: valid JSON, but a lone one cannot be written back as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class CorruptStateFile(Exception):
    """The bytes on disk are not a JSON object; the message says what is wrong with them."""


def parse_state_bytes(data: bytes) -> dict[str, Any]:
    if not data:
        raise CorruptStateFile("the file is empty (0 bytes)")
    if not data.strip():
        raise CorruptStateFile("the file holds only whitespace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CorruptStateFile("the file is not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (cut off mid-write?)" if exc.pos >= len(text.rstrip()) else ""
        raise CorruptStateFile(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
        ) from None
    except RecursionError:
        raise CorruptStateFile("invalid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise CorruptStateFile("the file is JSON but not an object")
    if _SURROGATE_ESCAPE.search(text):
        document = _without_surrogates(document)
    return document


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {replace_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


class AtomicJSONStorage(Storage):
    """TinyDB storage: read() validates JSON, write() replaces the file atomically."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def read(self) -> dict[str, Any] | None:
        data = self.read_bytes()
        return None if data is None else parse_state_bytes(data)

    def write(self, data: dict[str, Any]) -> None:
        self.write_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def write_bytes(self, payload: bytes) -> None:
        try:
            atomic_write_bytes(self.path, payload)
        except WriteError as exc:
            raise WriteError(f"{exc}; the previous state file is unchanged") from exc
        except OSError as exc:  # atomic_write_bytes wraps most, but not e.g. os.fdopen failures
            raise WriteError(
                f"cannot write {self.path}: {exc.strerror or exc}; "
                "the previous state file is unchanged"
            ) from exc

    def close(self) -> None:
        pass

    def remove_stale_temps(self) -> list[Path]:
        """Temp files of this file only: other writers (the library) share the folder."""
        removed = []
        for leftover in self.path.parent.glob(f".{self.path.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
        return removed
