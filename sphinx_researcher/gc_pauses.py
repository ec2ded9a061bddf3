"""Python's cyclic garbage collector, spared work on objects that live for the whole build.

Paused where a build makes tens of thousands of objects that hold no cycles (the publication
models): each collection those allocations set off also walks the objects the build made
before. Once the models are built, everything alive (them, the application, the modules) is
moved out of the collector's sight (``gc.freeze``), so the collections of the read and write
phases walk only what those phases make.

They stay out of its sight after the build: the collection Python runs as it exits would walk
them all (a third of a second after a 2000-entry build, on every ``sphinx-build``). A process
that builds again makes them collectable first thing in its next build, so what the last build
left behind is collected then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = False  # whether this process holds objects we froze (only ours are thawed)


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
    global _frozen
    gc.freeze()
    _frozen = True


def thaw_previous_build(*_args: object) -> None:
    """At the start of a build: what an earlier build in this process froze can be collected."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False
