"""Python's cyclic garbage collector, spared work on objects that live for the whole build.

Paused where a build makes tens of thousands of objects that hold no cycles (the publication
models): each collection those allocations set off also walks the objects the build made
before. Once the models are built, everything alive (them, the application, the modules) is
moved out of the collector's sight until the build finishes (``gc.freeze``), so the
collections of the read and write phases walk only what those phases make.
"""

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


def freeze_long_lived(*_args: object) -> None:
    """After the bibliography is loaded: what is alive now lives until the build ends."""
    gc.freeze()


def thaw(*_args: object) -> None:
    """At the end of a build: all of it collectable again (a process may build more than once)."""
    gc.unfreeze()
