"""At most one run of an action per interval while requests keep coming, and one where they stop.

The first request after a pause runs at once; a burst of requests (a held key) runs the action
at most every `interval` seconds, and once more after the last request. No Textual: the
screen hands in its `set_timer`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Stoppable(Protocol):
    def stop(self) -> None: ...


class Throttle:
    def __init__(
        self,
        interval: float,
        action: Callable[[], None],
        set_timer: Callable[[float, Callable[[], None]], Stoppable],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._interval = interval
        self._action = action
        self._set_timer = set_timer
        self._clock = clock
        self._timer: Stoppable | None = None
        self._ran_at = float("-inf")

    def request(self) -> None:
        """Run the action now if it has not run for an interval, else once it has."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        waited = self._clock() - self._ran_at
        if waited >= self._interval:
            self.now()
        else:
            self._timer = self._set_timer(self._interval - waited, self.now)

    def now(self) -> None:
        """Run the action at once (a request still pending runs as well, when it is due)."""
        self._ran_at = self._clock()
        self._action()
