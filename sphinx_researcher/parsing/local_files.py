"""Local files named by users (PDFs, images): checked, and registered so Sphinx copies them.

The one rule every local-file slot shares (BibTeX fields, directive options, conf.py values, and
any file written beside a page): a file is published only when it lies inside the source
folder. A .bib often comes from someone else, so ``pdf = {../../.ssh/id_rsa}`` must not copy
anything into the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..model.links import is_absolute

# What a photo may be: the formats every current browser shows (HEIC, TIFF, BMP are not).
PHOTO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})
PHOTO_FORMATS = "PNG, JPEG, GIF, WebP, AVIF or SVG"

ROOT_MARK = "/"  # a model URL starting with this is relative to the site root


def is_existing_file(path: str | Path) -> bool:
    """``Path.is_file`` that never raises: a name too long for the file system, a NUL byte or
    a forbidden character is simply not a file."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def is_local(path: str) -> bool:
    return bool(path) and not is_absolute(path) and not path.startswith(("#", "mailto:"))


class OutsideSource(ValueError):
    """A local path that leaves the source folder (raised by resolvers that only return paths)."""


def inside_folder(folder: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """True when ``path`` (absolute, or relative to ``folder``) stays inside ``folder`` once
    ``..`` and symbolic links are resolved."""
    base = Path(folder).resolve()
    try:
        return (base / path).resolve().is_relative_to(base)
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop
        return False


def file_part(path: str) -> str:
    """A local path without its query and fragment (``me.png?v=2`` is the file ``me.png``)."""
    return path.split("#", 1)[0].split("?", 1)[0]


def source_file(srcdir: str | os.PathLike[str], path: str) -> str | None:
    """``path`` relative to the source root, as a posix path, when it names an existing file
    inside the source folder; else None."""
    if not path or "\0" in path or not inside_folder(srcdir, path):
        return None
    candidate = Path(srcdir, path)
    try:
        if not candidate.is_file():
            return None
    except (OSError, ValueError):
        return None
    return Path(os.path.normpath(path)).as_posix()


def _candidates(path: str, search_dirs: tuple[str, ...]) -> list[str]:
    return [path] + [f"/{d.strip('/')}/{path}" for d in search_dirs if d and "/" not in path.strip("/")]


def find_local(env: BuildEnvironment, docname: str, path: str, search_dirs: tuple[str, ...] = ()) -> str | None:
    """The srcdir-relative path of a local file (relative to the document, or ``/`` for the
    source root, or a bare name in one of ``search_dirs``), or None if it does not exist or
    lies outside the source folder (``local_problem`` says which)."""
    for candidate in _candidates(path, search_dirs):
        found = _relfn2path(env, candidate, docname)
        if found is None or not inside_folder(env.srcdir, found[1]):
            continue
        try:
            if Path(found[1]).is_file():
                return found[0]
        except (OSError, ValueError):
            continue
    return None


def _relfn2path(env: BuildEnvironment, candidate: str, docname: str) -> tuple[str, str] | None:
    try:
        return env.relfn2path(candidate, docname)
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop
        return None


def note_missing(env: BuildEnvironment, docname: str, path: str, search_dirs: tuple[str, ...] = ()) -> None:
    """The current document depends on the file ``find_local`` did not find: Sphinx reads a
    document with a missing dependency again on every build, so the file is shown once it is
    there (and the warning is given again until then)."""
    for candidate in _candidates(path, search_dirs):
        found = _relfn2path(env, candidate, docname)
        if found is not None and inside_folder(env.srcdir, found[1]):
            env.note_dependency(found[1], docname=docname)


def outside_source(env: BuildEnvironment, docname: str, path: str, search_dirs: tuple[str, ...] = ()) -> bool:
    """True when every place ``path`` could name lies outside the source folder."""
    found = [_relfn2path(env, c, docname) for c in _candidates(path, search_dirs)]
    return not any(f is not None and inside_folder(env.srcdir, f[1]) for f in found)


def local_problem(env: BuildEnvironment, docname: str, path: str, what: str, search_dirs: tuple[str, ...] = ()) -> str:
    """The warning for a local file ``find_local`` did not give: outside the source, or missing."""
    if outside_source(env, docname, path, search_dirs):
        return f"{what} {path!r} is outside the source folder; it is not published"
    return f"{what} {path!r} does not exist"


def register_download(env: BuildEnvironment, docname: str, rel: str) -> str:
    """Have the builder copy ``rel`` to ``_downloads/`` and return its root-relative URL."""
    env.note_dependency(rel)
    filename = env.dlfiles.add_file(docname, rel)
    return f"{ROOT_MARK}_downloads/{filename}"
