"""The raw entries of a .bib file, kept in the doctree folder between builds.

pybtex's lexing is most of the cost of reading a big .bib. When the environment is rebuilt
(a config change, ``-E``) but a .bib file is unchanged, its entries come from a pickle named
by the hash of everything the result depends on: the file's path, bytes and encoding, pybtex's
version and our parser's own source. Any change gives another name, so a stale result is never
read; an unreadable cache file is just parsed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

import pybtex

from ..parsing import bibtex
from ..parsing.bibtex import ParsedBib, parse_bib_text

FOLDER = "sr-bib-cache"


@cache
def _parser_digest() -> str:
    source = Path(bibtex.__file__).read_bytes()
    return hashlib.sha256(source + str(getattr(pybtex, "__version__", "")).encode()).hexdigest()


def cache_key(data_digest: str, encoding: str, path: str) -> str:
    """The name of the cache file of the file ``path`` whose bytes have the SHA-256
    ``data_digest``, read as ``encoding`` (the file is hashed once, for the environment too)."""
    digest = hashlib.sha256(_parser_digest().encode())
    digest.update("\0".join((path, encoding, data_digest)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def cached_parse(doctreedir: str | os.PathLike[str] | None, text: str, path: str, key: str) -> ParsedBib:
    """``parse_bib_text(text, path)``, from the cache file named ``key`` (``cache_key``) when
    this very file was parsed before."""
    if not doctreedir:
        return parse_bib_text(text, path)
    folder = Path(doctreedir) / FOLDER
    file = folder / f"{key}.pickle"
    try:
        with file.open("rb") as handle:
            parsed = pickle.load(handle)
        if isinstance(parsed, ParsedBib):
            return parsed
    except Exception:  # missing, truncated or from another version: parse again
        pass
    parsed = parse_bib_text(text, path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = file.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except OSError:  # a read-only build folder only costs the cache
        pass
    return parsed


def prune(doctreedir: str | os.PathLike[str] | None, keep: set[str]) -> None:
    """Remove cache files of texts no longer in the project (``keep``: their keys)."""
    if not doctreedir:
        return
    folder = Path(doctreedir) / FOLDER
    if not folder.is_dir():
        return
    for file in folder.glob("*.pickle"):
        if file.stem not in keep:
            file.unlink(missing_ok=True)
