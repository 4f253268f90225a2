"""Python's garbage collector, set for a backend that holds a large, long-lived app.

Reflex's compiled pages and states, and footquiz's content, are millions of objects that live
as long as the process, and by default every full collection walks all of them again. Under
1000 patients (Redis, 2 workers) the workers spent about 30 s of a 130 s run collecting, in
pauses of up to 650 ms during which no answer moved. :func:`freeze_after_start` puts what
exists once a worker has started into the collector's permanent generation, so collections
walk only the objects made since: 9 s in all, no pause over 100 ms. Raising the collector's
thresholds as well made it worse (young collections of 50,000 objects took 100-200 ms each).

The full collections that remained were still a third of the collector's time: each event's
state tree is a cycle (parent and substates), so the middle generation fills steadily and
Python walks everything every tenth time it is collected. :data:`FULL_EVERY` makes that
every hundredth (uvicorn, Redis, 2 workers, 1000 patients: 14-16 full collections of about
90 ms per worker became 2, and the collector's time per worker fell from 3.4-4.2 s to 2.6).

Since the Redis manager frees each event's tree itself (``footquiz/sessions.py``), a young
collection finds almost nothing to free, so :data:`YOUNG_EVERY` makes them rarer too.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

FULL_EVERY = 100
"""A full collection after this many collections of the middle generation (Python: 10)."""
YOUNG_EVERY = 10_000
"""A young collection after this many more objects made than freed (Python: 700). Under 1000
patients (Redis, 2 workers) the workers made about 1,900 and 1,300 young collections of about
0.6 ms each; 50,000 was no better."""


@asynccontextmanager
async def freeze_after_start() -> AsyncIterator[None]:
    """Lifespan task: collect once, then leave the start-up objects out of later collections.

    Young collections come 14 times, full ones ten times less often than Python's default.
    """
    gc.collect()
    gc.freeze()
    _, middle, _ = gc.get_threshold()
    gc.set_threshold(YOUNG_EVERY, middle, FULL_EVERY)
    yield
