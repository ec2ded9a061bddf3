"""Where an import writes: only inside its output folder, never through a symlink that leads out
of it (``--force`` into a folder that holds one), never from a file outside the source."""

from __future__ import annotations

import posixpath
from pathlib import Path


class OutsidePath(ValueError):
    """A path that would leave the source or the output folder."""


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, every symlink followed, is ``root`` or within it."""
    real, top = path.resolve(), root.resolve()
    return real == top or top in real.parents


def destination(out: Path, rel: str, replaced: list[str] | None = None) -> Path:
    """The path to write ``rel`` (relative to ``out``) at. A symlink on the way that leads out of
    ``out`` is removed (its target is left alone, a real folder takes its place), as is a symlink
    in the file's own place; ``replaced`` collects their names."""
    norm = posixpath.normpath(rel.replace("\\", "/"))
    if posixpath.isabs(norm) or norm == ".." or norm.startswith("../") or norm == ".":
        raise OutsidePath(f"{rel!r} is not a path inside the output folder")
    parts = norm.split("/")
    path = out
    for index, part in enumerate(parts):
        path = path / part
        last = index == len(parts) - 1
        if path.is_symlink() and (last or not inside(out, path)):
            path.unlink()
            if replaced is not None:
                replaced.append("/".join(parts[: index + 1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
