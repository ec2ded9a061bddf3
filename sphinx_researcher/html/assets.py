"""The extension's CSS and its one small script, added for html builders only."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent.parent / "static"
CSS_FILE = "sphinx-researcher.css"
JS_FILE = "sphinx-researcher.js"


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static_path = list(app.config.html_static_path)
    if str(STATIC_DIR) not in static_path:
        # First, so a user's own file of the same name in html_static_path wins.
        app.config.html_static_path = [str(STATIC_DIR), *static_path]
    app.add_css_file(CSS_FILE)
    app.add_js_file(JS_FILE, loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
