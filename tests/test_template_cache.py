"""Compiled templates are kept between builds, and an edited template is compiled anew."""

from __future__ import annotations

from conftest import run_build, write_project

from sphinx_researcher.html.template_cache import CACHE_DIR

CONF = 'extensions = ["sphinx_researcher"]\ntemplates_path = ["_templates"]\nhtml_theme = "alabaster"\n'
LAYOUT = '{%% extends "!layout.html" %%}{%% block footer %%}<p id="mark">%s</p>{%% endblock %%}\n'


def test_templates_cached_between_builds_and_edits_seen(tmp_path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "index.md": "# Home\n\nText.\n", "_templates/layout.html": LAYOUT % "one"})
    first = run_build(srcdir)
    cached = list((first.outdir.parent / "doctrees" / CACHE_DIR).glob("*.cache"))
    assert cached, "no compiled template was stored"
    assert '<p id="mark">one</p>' in first.html()

    (srcdir / "_templates" / "layout.html").write_text(LAYOUT % "two", encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n\nText, edited.\n", encoding="utf-8")
    second = run_build(srcdir)
    assert '<p id="mark">two</p>' in second.html(), "a stale compiled template was used"


def test_latex_builder_gets_no_template_cache(tmp_path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "index.md": "# Home\n"})
    built = run_build(srcdir, "latex")
    assert not (built.outdir.parent / "doctrees" / CACHE_DIR).exists()
