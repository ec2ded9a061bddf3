"""Per-paper pages written from one rendering of the theme (``html/page_shell.py``) are the
pages Sphinx's ``handle_page`` writes, byte for byte: tricky titles, every host theme, html and
dirhtml, incremental and parallel builds; and every page takes the normal path whenever the
shell cannot be trusted (a foreign ``html-page-context`` listener, a template that decides by
the title, a sidebar pattern matching some pages)."""

from __future__ import annotations

import importlib.util
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from conftest import write_project
from sphinx.testing.util import SphinxTestApp

from sphinx_researcher.html import page_shell

THEMES = {
    "alabaster": "alabaster",
    "researcher": "sphinx_researcher",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
}

# Titles that escape, strip and quote differently: quotes, &, <, TeX math, non-ASCII, long,
# and several of each, so the first of a kind is checked against the normal path and the
# others come from the shell.
TITLES = [
    "Sparse Experts",
    r'Robust \& "Quoted" Learning',
    r"Tags <b> and </i> in a Title \& More",
    "Caf{\\'e} Networks: Z{\\\"u}rich, Kraków and Ångström",
    r"Convergence of $\alpha$-Nets with $O(n^2)$ Steps",
    r"Single 'Quotes' and \& Ampersands",
    "Learning " + " ".join(["Very"] * 30) + " Long Titles",
    "Emoji 🙂 and Ελληνικά",
    r"Another $\beta$ Title",
    r"More \& <Angles> Here",
    "Plain Title Nine",
    "Plain Title Ten",
    "Naïve Bayes, Again",
]


def bib() -> str:
    entries = []
    for number, title in enumerate(TITLES):
        entries.append(
            f"@inproceedings{{doe{2010 + number}paper,\n  title = {{{title}}},\n"
            f"  author = {{Doe, Jane Q. and M{{\\\"u}}ller, Hans}},\n  booktitle = {{Proc. <Conf> \\& Co}},\n"
            f"  year = {{{2010 + number}}},\n  doi = {{10.1000/x{number}}},\n  url = {{https://example.org/{number}}},\n"
            f"  abstract = {{An abstract with <angles> \\& \"quotes\".}},\n}}\n"
        )
    return "\n".join(entries)


CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
researcher_publication_pages = True
html_baseurl = "https://jane.example.org/"
researcher_languages = {{"en": "https://jane.example.org/", "de": "https://jane.example.org/de/"}}
html_theme = "{theme}"
{extra}
"""
HOME = "# Jane Q. Doe\n\n```{publications}\n:group-by: year\n```\n"


def files(theme: str = "alabaster", extra: str = "") -> dict[str, str | bytes]:
    return {"conf.py": CONF.format(theme=theme, extra=extra), "index.md": HOME, "papers.bib": bib()}


def run(srcdir: Path, builder: str = "html", outdir: Path | None = None, listener: Any = None,
        theme: str = "alabaster", **kwargs: Any) -> tuple[Path, page_shell.ShellReport]:
    builddir = outdir or srcdir.parent / f"_build-{srcdir.name}"
    # sphinx.testing builds with "basic" where conf.py names alabaster, unless told
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, status=StringIO(), warning=StringIO(),
                        confoverrides={"html_theme": theme}, **kwargs)
    if listener is not None:
        app.connect("html-page-context", listener)
    try:
        app.build()
        report = page_shell.REPORTS.get(app, page_shell.ShellReport(reason="no per-paper pages"))
    finally:
        app.cleanup()
    return Path(app.outdir), report


def pub_files(outdir: Path) -> dict[str, bytes]:
    folder = outdir / "pub"
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def reference(tmp_path: Path, project: dict[str, str | bytes], builder: str, monkeypatch: pytest.MonkeyPatch,
              **kwargs: Any) -> dict[str, bytes]:
    """The same project with every page written the normal way."""
    src = tmp_path / "reference"
    write_project(src, project)
    with monkeypatch.context() as patch:
        patch.setattr(page_shell, "ENABLED", False)
        outdir, report = run(src, builder, **kwargs)
    assert report.from_shell == 0 and report.reason == "switched off"
    return pub_files(outdir)


def assert_same(shell: dict[str, bytes], normal: dict[str, bytes]) -> None:
    assert shell.keys() == normal.keys()
    different = [name for name in shell if shell[name] != normal[name]]
    assert not different, f"differ from the normal path: {different}"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("theme", list(THEMES))
def test_pages_from_the_shell_are_the_normal_pages(tmp_path, monkeypatch, theme: str, builder: str) -> None:
    if importlib.util.find_spec(THEMES[theme]) is None:
        pytest.skip(f"{theme} is not installed")
    project = files(theme)
    src = tmp_path / "shell"
    write_project(src, project)
    outdir, report = run(src, builder, theme=theme)
    assert report.reason == "", report.reason
    # Most pages come from the shell (the first and the trickiest titles are checked the normal way).
    assert report.from_shell >= 6 and report.from_shell + report.normal == len(TITLES)
    assert report.verified >= 3
    shell = pub_files(outdir)
    page = "doe2012paper/index.html" if builder == "dirhtml" else "doe2012paper.html"
    text = shell[page].decode()
    assert "Tags &lt;b&gt; and &lt;/i&gt; in a Title &amp; More" in text and page_shell.TOKEN not in text
    assert_same(shell, reference(tmp_path, project, builder, monkeypatch, theme=theme))


def test_a_foreign_listener_sees_every_page(tmp_path) -> None:
    seen: list[str] = []

    def listener(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        seen.append(pagename)
        context["metatags"] = context.get("metatags", "") + f'<meta name="x-seen" content="{pagename}">\n'

    src = tmp_path / "foreign"
    write_project(src, files())
    outdir, report = run(src, listener=listener)
    assert report.from_shell == 0 and report.foreign and "listener" in report.reason
    pages = {name.removesuffix(".html") for name in pub_files(outdir) if name.endswith(".html")}
    assert len(pages) == len(TITLES) and {f"pub/{name}" for name in pages} <= set(seen)
    for name in pages:  # and each page is the one it saw
        assert f'content="pub/{name}"' in (outdir / "pub" / f"{name}.html").read_text(encoding="utf-8")


def test_a_listener_in_conf_py_is_foreign_too(tmp_path, monkeypatch) -> None:
    extra = ("def setup(app):\n    app.connect('html-page-context', lambda app, page, template, context, doctree:"
             " context.update(metatags=context.get('metatags', '')"
             " + '<meta name=\"x-page\" content=\"' + page + '\">'))")
    project = files(extra=extra)
    src = tmp_path / "confpy"
    write_project(src, project)
    outdir, report = run(src)
    assert report.from_shell == 0 and report.foreign
    shell = pub_files(outdir)
    assert b'<meta name="x-page" content="pub/doe2015paper">' in shell["doe2015paper.html"]
    assert_same(shell, reference(tmp_path, project, "html", monkeypatch))


def _with_page_template(tmp_path, name: str, extrahead: str):
    """A site whose page.html adds ``extrahead``, built: (project, outdir, report)."""
    project = files(extra='templates_path = ["_templates"]')
    project["_templates/page.html"] = ('{% extends "!page.html" %}{% block extrahead %}{{ super() }}'
                                       + extrahead + "{% endblock %}")
    src = tmp_path / name
    write_project(src, project)
    return (project, *run(src))


def test_a_template_deciding_by_the_title_drops_the_shell(tmp_path, monkeypatch) -> None:
    # The stand-in title is short; the longest title (checked) makes the template add a tag.
    project, outdir, report = _with_page_template(
        tmp_path, "template", '{% if title|length > 60 %}<meta name="x-long" content="yes">{% endif %}')
    assert "is not the shell's" in report.reason
    assert report.from_shell == 0  # the longest title is checked before any page comes from the shell
    shell = pub_files(outdir)
    assert b'name="x-long"' in shell["doe2016paper.html"]
    assert_same(shell, reference(tmp_path, project, "html", monkeypatch))


def test_a_filter_the_shell_does_not_know_drops_it(tmp_path, monkeypatch) -> None:
    project, outdir, report = _with_page_template(tmp_path, "upper", '<meta name="x" content="{{ title|upper }}">')
    assert report.from_shell == 0 and "changed" in report.reason  # the marks are upper-cased too
    assert_same(pub_files(outdir), reference(tmp_path, project, "html", monkeypatch))


def test_a_sidebar_pattern_for_some_pages_sends_them_the_normal_way(tmp_path, monkeypatch) -> None:
    project = files(extra='html_sidebars = {"pub/doe201[0-4]paper": ["searchbox.html"]}')
    src = tmp_path / "sidebars"
    write_project(src, project)
    outdir, report = run(src)
    assert report.reason == "" and report.from_shell >= 4 and report.normal >= 5
    shell = pub_files(outdir)
    logo = b'class="logo"'  # alabaster's default sidebars (about.html) have it, the pattern's not
    assert logo not in shell["doe2011paper.html"] and logo in shell["doe2020paper.html"]
    assert_same(shell, reference(tmp_path, project, "html", monkeypatch))


def test_incremental_rebuild_equals_a_clean_build(tmp_path) -> None:
    src = tmp_path / "inc"
    write_project(src, files())
    out = tmp_path / "inc-out"
    run(src, outdir=out)
    changed = bib().replace("Plain Title Nine", "Plain Title Nine, Revised & Extended").replace(
        "Proc. <Conf>", "Proc. <Conference>", 1)
    (src / "papers.bib").write_text(changed, encoding="utf-8")
    outdir, report = run(src, outdir=out)
    assert report.reason == ""
    clean_src = tmp_path / "clean"
    write_project(clean_src, files())
    (clean_src / "papers.bib").write_text(changed, encoding="utf-8")
    clean_out, clean_report = run(clean_src)
    assert clean_report.from_shell >= 6
    incremental = pub_files(outdir)
    assert b"Plain Title Nine, Revised &amp; Extended" in incremental["doe2020paper.html"]
    assert_same(incremental, pub_files(clean_out))


def test_parallel_build_equals_serial(tmp_path) -> None:
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    write_project(serial_src, files("researcher"))
    write_project(parallel_src, files("researcher"))
    serial, _report = run(serial_src, theme="researcher")
    parallel, report = run(parallel_src, parallel=2, theme="researcher")
    assert report.from_shell >= 6
    assert_same(pub_files(parallel), pub_files(serial))


def test_pick_checks_takes_the_trickiest_titles() -> None:
    titles = [(f"pub/p{i}", "plain") for i in range(600)]
    titles[3] = ("pub/amp", "A & B")
    titles[5] = ("pub/uni", "Zürich")
    titles[7] = ("pub/tex", r"$\alpha$")
    titles[9] = ("pub/long", "x" * 300)
    chosen = page_shell.pick_checks(titles)
    assert {"pub/amp", "pub/uni", "pub/tex", "pub/long", "pub/p0", "pub/p256", "pub/p512"} == chosen


def test_a_page_using_sphinx_design_takes_the_normal_path(tmp_path, monkeypatch) -> None:
    # A body with a sphinx-design component keeps sphinx-design's stylesheet (prune_design_assets
    # decides by the body): that page cannot come from the stand-in's shell.
    from sphinx_researcher.html import publication_pages

    original = publication_pages.page_body

    def with_card(app: Any, pub: Any, target: Any, extras: Any = None, kit: Any = None) -> str:
        body = original(app, pub, target, extras, kit)
        return body + '<div class="sd-card">card</div>' if pub.key == "doe2015paper" else body

    monkeypatch.setattr(publication_pages, "page_body", with_card)
    project = files()
    src = tmp_path / "design"
    write_project(src, project)
    outdir, report = run(src)
    assert report.reason == "" and report.from_shell >= 6
    shell = pub_files(outdir)
    assert b"sphinx-design" in shell["doe2015paper.html"] and b"sphinx-design" not in shell["doe2020paper.html"]
    assert_same(shell, reference(tmp_path, project, "html", monkeypatch))


def test_a_page_without_a_description_takes_the_normal_path(tmp_path, monkeypatch) -> None:
    # No authors, venue or year: no description meta tag of its own, so the researcher theme
    # writes the site's; the shell (whose stand-in has one) must not serve it.
    project = files("researcher")
    project["papers.bib"] = str(project["papers.bib"]) + "\n@misc{bare2000note,\n  title = {A Bare Note},\n}\n"
    src = tmp_path / "bare"
    write_project(src, project)
    outdir, report = run(src, theme="researcher")
    assert report.reason == "" and report.from_shell >= 6
    shell = pub_files(outdir)
    assert shell["bare2000note.html"].count(b'name="description"') == 1
    assert_same(shell, reference(tmp_path, project, "html", monkeypatch, theme="researcher"))
