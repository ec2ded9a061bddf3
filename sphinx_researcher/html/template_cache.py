"""Compiled page templates kept between builds.

Sphinx compiles its Jinja templates again in every build; on a small homepage that is a third
of an incremental rebuild (what ``sphinx-autobuild`` runs on every save). Jinja's own
bytecode cache stores them next to the doctrees and checks each template's source before
reusing it, so an edited template is compiled anew.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

CACHE_DIR = "sr-template-cache"


def enable_template_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return  # not an html builder, or a cache someone else configured
    folder = Path(app.doctreedir) / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only doctree folder: templates are simply compiled as before
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", enable_template_cache)
