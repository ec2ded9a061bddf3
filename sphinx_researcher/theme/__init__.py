"""The ``researcher`` HTML theme: a homepage, not a documentation site."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "researcher"


def setup_theme(app: Sphinx) -> None:
    from .context import add_theme_context, copy_profile_files, pages_after_photo_change

    app.add_html_theme("researcher", str(THEME_DIR))
    app.connect("html-page-context", add_theme_context)
    app.connect("env-get-updated", pages_after_photo_change)
    app.connect("build-finished", copy_profile_files)


def setup(app: Sphinx) -> dict[str, object]:
    """Entry point for ``sphinx.html_themes``, reached when conf.py names the theme but not
    the extension. Loading the extension this late would miss MyST's source suffixes and
    our environment data, so the theme is registered alone and the user told what to add."""
    if "sphinx_researcher" not in app.extensions:
        from ..config import conf_location
        from ..warnings_ import Subtype, warn

        conf_py = Path(app.confdir) / "conf.py"
        text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""
        warn(
            "html_theme 'researcher' needs the extension: add extensions = [\"sphinx_researcher\"] "
            "to conf.py (without it there is no profile, navigation or directives)",
            Subtype.config,
            conf_location(conf_py, text, "html_theme"),
        )
        app.add_html_theme("researcher", str(THEME_DIR))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
