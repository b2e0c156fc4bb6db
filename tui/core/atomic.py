"""Crash-safe file writes: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

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


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes] | Callable[[BinaryIO], None],
                       *, overwrite: bool = True) -> None:
    """Write data (bytes, chunks of them, or a function writing to the open file, such as a
    pickle.dump that never holds the whole document) to path via a temp file in the same
    folder, fsync, then rename over it.

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
            elif callable(data):
                data(handle)
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


def check_destination(path: Path, *, force: bool) -> Path:
    """Refuse, before anything is rendered or written, a file a user did not mean to write:
    a folder, a device or FIFO, an existing file without force, or one in a folder that does
    not exist (a typo in the folder must not create folders silently)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise WriteError(f"{path} is a directory; give a file name")
    if path.exists() and not path.is_file():  # --force must not replace /dev/stdout or a FIFO
        raise WriteError(f"{path} is not a regular file; give a file name, or - for stdout")
    if path.exists() and not force:
        raise WriteError(f"{path} already exists (use --force to overwrite)")
    if not path.parent.is_dir():
        raise WriteError(f"folder {path.parent} does not exist; create it first")
    return path


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
