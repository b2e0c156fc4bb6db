"""The user's state (read, starred, notes, tags): one store per home, safe against crashes,
kills, rival instances and corruption.

`StateStore` (store.py) is what callers use. Its parts, one idea each: opening.py (the lock,
loading, a read-only instance taking over), writer.py (the background writer), indexes.py (who
is read, starred, noted, tagged), changes.py (a change as new records), undo.py (the history),
schema.py (the records on disk), storage.py (the atomic TinyDB storage), backup.py (daily
backups and recovery), journal.py (changes appended from the shell), lookup.py (a few records
without parsing the whole file), merge.py (export, and merging another machine's export),
signals.py (saving on SIGTERM/SIGHUP).
"""

from tui.core.state.schema import MAX_TAGS_PER_PAPER, TagError, normalize_tag
from tui.core.state.signals import exit_on_signal, install_signal_flush, received_signal
from tui.core.state.store import STATE_FILE, StateStore

__all__ = [
    "MAX_TAGS_PER_PAPER",
    "STATE_FILE",
    "StateStore",
    "TagError",
    "exit_on_signal",
    "install_signal_flush",
    "normalize_tag",
    "received_signal",
]
