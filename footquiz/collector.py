"""Python's garbage collector, set for a backend that holds a large, long-lived app.

Reflex's compiled pages and states, and footquiz's content, are millions of objects that live
as long as the process, and by default every full collection walks all of them again. Under
1000 patients (Redis, 2 workers) the workers spent about 30 s of a 130 s run collecting, in
pauses of up to 650 ms during which no answer moved. :func:`freeze_after_start` puts what
exists once a worker has started into the collector's permanent generation, so collections
walk only the objects made since: 9 s in all, no pause over 100 ms. Raising the collector's
thresholds as well made it worse (young collections of 50,000 objects took 100-200 ms each).
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


@asynccontextmanager
async def freeze_after_start() -> AsyncIterator[None]:
    """Lifespan task: collect once, then leave the start-up objects out of later collections."""
    gc.collect()
    gc.freeze()
    yield
