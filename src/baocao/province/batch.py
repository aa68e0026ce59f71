"""Running one function over many files in parallel processes, results as they complete.

A province's folder holds hundreds of reports; each is independent of the
others, so they are checked and rendered on every core. Each worker process
keeps what it loaded (the Jinja environment, compiled templates), so the cost
of loading is paid once per worker, not once per report.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def parallel(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[R]:
    """`function` of every item, in completion order; in this process when one worker does.

    `function` must turn every failure it expects into a result: one bad file
    must never stop the others. `prepare` runs once in each worker first.
    """
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers <= 1:
        freeze(prepare)
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only batches need it

    initializer = functools.partial(freeze, prepare)
    size = max(1, min(MAX_CHUNK, len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=initializer) as pool:
        futures = [pool.submit(_each, function, chunk) for chunk in chunks]
        for future in as_completed(futures):
            yield from future.result()


MAX_CHUNK = 16
CHUNKS_PER_WORKER = 4
"""Items go to the workers a few at a time, each worker given several chunks: one item per
task cost a round trip between processes per report; a few per task keeps the load even."""


def _each(function: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [function(item) for item in chunk]


def freeze(prepare: Callable[[], None] | None = None) -> None:
    """Load what the work needs, then exempt it from garbage collection, and collect the
    youngest objects less often.

    What is loaded now lives as long as the process; `gc.freeze` spares the
    collector from walking those objects again after every few reports (about
    15 % of a batch's time). A report then makes tens of thousands of objects that
    live until it is done, and little cyclic garbage: collected every 700 new
    objects, Python's default, the same live ones are walked again and again.
    """
    if prepare is not None:
        prepare()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])


YOUNG_GENERATION = 10_000
"""New objects between two collections of the youngest generation (Python's default: 700)."""
