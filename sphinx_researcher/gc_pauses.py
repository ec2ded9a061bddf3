"""Python's cyclic garbage collector paused where a build makes tens of thousands of objects
that hold no cycles (the publication models): each collection those allocations set off also
walks the objects the build made before."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """The collector off inside, as it was after (an error inside restores it too)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
