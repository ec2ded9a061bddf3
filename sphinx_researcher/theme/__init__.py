"""The ``researcher`` HTML theme: a homepage, not a documentation site."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "researcher"


def setup_theme(app: Sphinx) -> None:
    from .context import add_theme_context, copy_photo

    app.add_html_theme("researcher", str(THEME_DIR))
    app.connect("html-page-context", add_theme_context)
    app.connect("build-finished", copy_photo)


def setup(app: Sphinx) -> dict[str, object]:
    """Entry point for ``sphinx.html_themes``: using the theme alone loads the extension."""
    app.setup_extension("sphinx_researcher")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
