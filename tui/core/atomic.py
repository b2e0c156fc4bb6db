"""Crash-safe file writes: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tui.core.errors import WriteError

TEMP_SUFFIX = ".tmp-paperdeck"


def _default_mode() -> int:
    # mkstemp makes 0600 files; a new file should get what open() would give it (the umask).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _default_mode()


def fsync_dir(folder: Path) -> None:
    """Persist a rename: without it a power cut can forget the new directory entry."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = True
                       ) -> None:
    """Write data (bytes, or chunks of them) to path via a temp file in the same folder,
    fsync, then rename over it.

    With overwrite=False an existing file is left alone and WriteError is raised.
    On any failure the temp file is removed and the old file is untouched.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise WriteError(f"{path} already exists (use --force to overwrite)")
    if path.is_symlink():
        # Rename over the link's target, not the link: a symlinked dotfile stays a symlink,
        # and /dev/stdout (-> /proc/self/fd/1) is never replaced by a file.
        target = path.resolve()
        if str(target).startswith("/proc/"):
            raise WriteError(f"cannot write {path}: not a regular file")
        path = target
    if path.exists() and not path.is_file():  # renaming over a FIFO or device replaces it
        raise WriteError(f"cannot write {path}: not a regular file")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        # Keep a rewritten file's permissions; a new one gets the usual umask-based mode.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = _NEW_FILE_MODE
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # link() fails if the target appeared meanwhile: never clobber.
            try:
                os.link(tmp_name, path)
            except FileExistsError as exc:
                raise WriteError(f"{path} already exists (use --force to overwrite)") from exc
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, path)
        fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def atomic_write_text(path: Path, text: str, *, overwrite: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temp files a killed process left behind; returns what was removed."""
    removed = []
    if not folder.is_dir():
        return removed
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed
