"""Wrong staff PINs: a few tries free, then a wait that doubles, up to an hour's lockout.

Kept in the backend process (never in the tab, which a client controls), per device and per
client address: a new tab, a new token or several tabs at once share their address's count.
A right PIN clears both. Nothing here sees the PIN itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FREE_TRIES = 3
FIRST_WAIT_S = 30.0
LOCKOUT_S = 3600.0
FORGET_AFTER_S = 24 * 3600.0


@dataclass
class Record:
    """One device's or address's wrong tries in a row, and until when it must wait."""

    wrong: int = 0
    wait_until: float = 0.0
    last: float = 0.0


def wait_after(wrong: int) -> float:
    """Seconds to wait after this many wrong tries in a row: 0, 0, 0, 30, 60, ... 3600."""
    if wrong < FREE_TRIES:
        return 0.0
    return min(LOCKOUT_S, FIRST_WAIT_S * 2 ** (wrong - FREE_TRIES))


@dataclass
class Backoff:
    """Wrong tries per key (a device, an address), with the clock injectable for tests."""

    clock: Callable[[], float] = time.monotonic
    records: dict[str, Record] = field(default_factory=dict)

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before any of these keys may try again (0: now)."""
        now = self.clock()
        return max((r.wait_until - now for k in keys if (r := self.records.get(k))), default=0.0)

    def failed(self, keys: Iterable[str]) -> tuple[int, float]:
        """Count a wrong try for each key: the most wrong tries in a row, and the wait now."""
        now = self.clock()
        if len(self.records) > 10_000:
            self.records = {k: r for k, r in self.records.items() if now - r.last < FORGET_AFTER_S}
        worst = 0
        for key in keys:
            record = self.records.setdefault(key, Record())
            record.wrong += 1
            record.last = now
            record.wait_until = now + wait_after(record.wrong)
            worst = max(worst, record.wrong)
        return worst, max(0.0, wait_after(worst))

    def succeeded(self, keys: Iterable[str]) -> None:
        """A right PIN: these keys start again from nothing."""
        for key in keys:
            self.records.pop(key, None)
