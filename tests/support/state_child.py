"""A second process for the state-store tests: `python state_child.py HOME MODE [ARG]`.

It logs what it did, one line each, flushed, to stdout (the tests point stdout at a file so a
SIGKILL loses nothing already logged):
  burst   make changes forever; after each is acknowledged, log "<n> <unix time>";
          after each save, log "save <start> <end>"
  hold    as the CLI/TUI do: signal flush; one change, log "ready", hold ARG seconds, close
  signal  install the SIGTERM/SIGHUP flush, no background writes, change, log "changed", sleep
  atexit  no background writes, change, exit without close(): the atexit hook must flush
"""

from __future__ import annotations

import random
import sys
import threading
import time
from pathlib import Path

from tui.core.state import StateStore, install_signal_flush

_LOG_LOCK = threading.Lock()  # the writer thread logs saves too


def log(line: str) -> None:
    with _LOG_LOCK:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def burst(home: Path) -> None:
    store = StateStore.open(home)
    storage = store._storage
    real_write = storage.write_bytes

    def timed_write(payload: bytes) -> None:  # so a failure can say how long saves took
        started = time.time()
        real_write(payload)
        log(f"save {started:.6f} {time.time():.6f}")

    storage.write_bytes = timed_write  # type: ignore[method-assign]
    log("ready")
    n = 0
    while True:
        pid = f"k{n}"
        store.set_starred([pid], True)
        if n % 5 == 0:
            store.add_tag([pid], "burst")
        if n % 7 == 0:
            store.set_notes(pid, f"note {n}")
        log(f"{n} {time.time():.6f}")
        n += 1
        time.sleep(random.uniform(0.0005, 0.008))  # a busy user, not a busy loop


def main() -> None:
    home, mode = Path(sys.argv[1]), sys.argv[2]
    if mode == "burst":
        burst(home)
    elif mode == "hold":
        store = StateStore.open(home)
        install_signal_flush(store)
        store.set_starred(["held"], True)
        log("ready")
        time.sleep(float(sys.argv[3]))
        store.close()
        log("closed")
    elif mode == "signal":
        store = StateStore.open(home, write_delay=3600)
        install_signal_flush(store)
        store.set_starred(["sig"], True)
        store.set_notes("sig", "kept through the signal")
        log("changed")
        time.sleep(60)
    elif mode == "atexit":
        store = StateStore.open(home, write_delay=3600)
        store.add_tag(["late"], "atexit")
        log("changed")


if __name__ == "__main__":
    main()
