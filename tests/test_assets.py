"""Static files: no config value changed at run time (a no-change rebuild says nothing about
the configuration), every file in ``_static``, and sphinx-design's CSS and tabs script only on
the pages that use its components."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ANSI, write_project
from sphinx.testing.util import SphinxTestApp

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
html_theme = "{theme}"
html_static_path = ["_static"]
"""

FILES = {
    "index.md": """
        # Home

        ```{toctree}
        :hidden:

        cards
        tabs
        ```

        ```{publication} doe2024
        :title: Sparse Experts
        :authors: Jane Q. Doe
        :year: 2024
        :code: https://github.com/janedoe/sparse
        ```

        ```{profile}
        ```
    """,
    "cards.md": """
        # Cards

        ```{card} A card
        Text.
        ```
    """,
    "tabs.md": """
        # Tabs

        ````{tab-set}
        ```{tab-item} One
        First.
        ```
        ```{tab-item} Two
        Second.
        ```
        ````
    """,
    "_static/custom.css": "body { color: black; }\n",
}


def _build(srcdir: Path, buildername: str = "html") -> tuple[SphinxTestApp, str, str]:
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=srcdir / "_build", status=status, warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, ANSI.sub("", status.getvalue()), ANSI.sub("", warning.getvalue())


def _project(tmp_path: Path, theme: str = "researcher") -> Path:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF.format(theme=theme), **FILES})
    return srcdir


def _head_assets(outdir: Path, page: str) -> list[str]:
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    urls = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    urls += [script["src"] for script in soup.select("script[src]")]
    return [url.split("?", 1)[0].rsplit("/", 1)[-1] for url in urls]


def test_a_no_change_rebuild_does_not_report_a_changed_configuration(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    app, status, warnings = _build(srcdir)
    assert "WARNING" not in warnings, warnings
    assert list(app.config.html_static_path) == ["_static"]  # as conf.py wrote it
    app, status, warnings = _build(srcdir)
    assert "loading pickled environment" in status
    assert "configuration has changed" not in status, status
    assert "0 added, 0 changed, 0 removed" in status


def test_every_static_file_is_in_the_output_and_the_users_own_wins(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    (srcdir / "_static" / "sphinx-researcher.js").write_text("// mine\n", encoding="utf-8")
    app, _status, _warnings = _build(srcdir)
    static = Path(app.outdir) / "_static"
    for name in ("sphinx-researcher.css", "sphinx-design.min.css", "design-tabs.js", "custom.css"):
        assert (static / name).is_file(), name
    assert (static / "sphinx-researcher.js").read_text(encoding="utf-8") == "// mine\n"
    packaged = Path(__file__).resolve().parents[1] / "sphinx_researcher" / "static" / "sphinx-researcher.css"
    assert (static / "sphinx-researcher.css").read_bytes() == packaged.read_bytes()


def test_sphinx_design_assets_only_where_its_components_are(tmp_path: Path) -> None:
    app, _status, warnings = _build(_project(tmp_path))
    assert "WARNING" not in warnings, warnings
    outdir = Path(app.outdir)
    home = _head_assets(outdir, "index")
    # Publication buttons and profile icons are styled by sphinx-researcher.css itself.
    assert "sphinx-researcher.css" in home and "sphinx-researcher.js" in home
    assert "sphinx-design.min.css" not in home and "design-tabs.js" not in home
    cards = _head_assets(outdir, "cards")
    assert "sphinx-design.min.css" in cards and "design-tabs.js" not in cards
    tabs = _head_assets(outdir, "tabs")
    assert "sphinx-design.min.css" in tabs and "design-tabs.js" in tabs
    assert "sphinx-design.min.css" not in _head_assets(outdir, "genindex")


def test_epub_carries_the_extensions_stylesheet(tmp_path: Path) -> None:
    app, _status, _warnings = _build(_project(tmp_path, "alabaster"), "epub")
    static = Path(app.outdir) / "_static"
    assert (static / "sphinx-researcher.css").is_file()
    opf = (Path(app.outdir) / "content.opf").read_text(encoding="utf-8")
    assert "_static/sphinx-researcher.css" in opf
    assert list(app.config.html_static_path) == ["_static"]
