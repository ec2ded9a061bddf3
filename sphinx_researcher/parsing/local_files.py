"""Local files named by users (PDFs, images): checked, and registered so Sphinx copies them."""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..model.links import is_absolute

ROOT_MARK = "/"  # a model URL starting with this is relative to the site root


def is_local(path: str) -> bool:
    return bool(path) and not is_absolute(path) and not path.startswith(("#", "mailto:"))


def find_local(env: BuildEnvironment, docname: str, path: str, search_dirs: tuple[str, ...] = ()) -> str | None:
    """The srcdir-relative path of a local file (relative to the document, or ``/`` for the
    source root, or a bare name in one of ``search_dirs``), or None if it does not exist."""
    candidates = [path] + [f"/{d.strip('/')}/{path}" for d in search_dirs if d and "/" not in path.strip("/")]
    for candidate in candidates:
        rel, absolute = env.relfn2path(candidate, docname)
        if Path(absolute).is_file():
            return rel
    return None


def file_inside(root: str | Path, rel: str) -> Path | None:
    """``root/rel`` if it is an existing file inside ``root`` (no ``..`` or link out of it)."""
    base = Path(root).resolve()
    path = (base / rel.lstrip("/")).resolve()
    return path if path.is_file() and path.is_relative_to(base) else None


def register_download(env: BuildEnvironment, docname: str, rel: str) -> str:
    """Have the builder copy ``rel`` to ``_downloads/`` and return its root-relative URL."""
    env.note_dependency(rel)
    filename = env.dlfiles.add_file(docname, rel)
    return f"{ROOT_MARK}_downloads/{filename}"
