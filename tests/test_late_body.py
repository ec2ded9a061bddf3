"""A long page is written from a stand-in and spooled publication HTML (``html/late_body.py``)
and comes out byte for byte as Sphinx writes it the normal way: every host theme, html and
dirhtml, ``-j 2``; a template that does not take the stand-in as it is gets the normal path;
the template never renders the long body itself."""

from __future__ import annotations

import importlib.util
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from conftest import write_project
from sphinx.testing.util import SphinxTestApp

from sphinx_researcher.html import late_body

THEMES = {"alabaster": "alabaster", "researcher": "sphinx_researcher", "furo": "furo",
          "pydata_sphinx_theme": "pydata_sphinx_theme"}
NAMES = ["Doe, Jane Q.", "M{\\\"u}ller, Hans", "Kate{\\v r}ina Dvořák", "Łukasz Żółć", "王 小明"]


def bib(count: int = 40) -> str:
    entries = []
    for n in range(count):
        authors = " and ".join(NAMES[(n + k) % len(NAMES)] for k in range(3))
        entries.append(
            f"@article{{paper{n},\n  title = {{Paper {n}: Caf{{\\'e}} \\& <Tags> with $\\alpha$}},\n"
            f"  author = {{{authors}}},\n  journal = {{Journal {n % 4}}},\n  year = {{{2000 + n % 20}}},\n"
            f"  doi = {{10.1000/x{n}}},\n"
            f"  abstract = {{An abstract with \"quotes\"\n\nand a second paragraph.}},\n}}\n")
    return "\n".join(entries)


CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
html_theme = "{theme}"
{extra}
"""
HOME = "# Jane Q. Doe\n\n```{publications}\n:group-by: year\n```\n\nThe end.\n"


def build(tmp_path: Path, name: str, theme: str = "alabaster", builder: str = "html", extra: str = "",
          files: dict[str, str] | None = None, listener: Any = None, **kwargs: Any) -> dict[str, bytes]:
    src = tmp_path / name
    write_project(src, {"conf.py": CONF.format(theme=theme, extra=extra), "index.md": HOME, "papers.bib": bib(),
                        "other.md": "# Other\n\nA short page.\n", **(files or {})})
    app = SphinxTestApp(builder, srcdir=src, builddir=tmp_path / f"_build-{name}", status=StringIO(),
                        warning=StringIO(), confoverrides={"html_theme": theme}, **kwargs)
    if listener is not None:
        app.connect("html-page-context", listener, priority=1001)
    try:
        app.build()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def normal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        patch.setattr(late_body, "LONG_BODY", 10**12)  # nothing spooled, no body taken out
        return build(tmp_path, "normal", **kwargs)


def assert_same(late: dict[str, bytes], reference: dict[str, bytes]) -> None:
    assert late.keys() == reference.keys()
    assert [name for name in late if late[name] != reference[name]] == []
    assert not any(b"sr-late-body" in data for data in late.values())


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("theme", list(THEMES))
def test_a_long_page_is_the_page_sphinx_writes(tmp_path, monkeypatch, theme: str, builder: str) -> None:
    if importlib.util.find_spec(THEMES[theme]) is None:
        pytest.skip(f"{theme} is not installed")
    bodies: list[str] = []
    monkeypatch.setattr(late_body, "LONG_BODY", 4000)  # the 40 papers are "long": most are spooled
    late = build(tmp_path, "late", theme, builder,
                 listener=lambda app, page, template, context, doctree: bodies.append(context.get("body", "")))
    # The template rendered the home page around a stand-in, the short page around its body.
    assert any(body.startswith("sr-late-body-") for body in bodies)
    assert any("A short page." in body for body in bodies)
    index = late["index.html"].decode()
    assert index.count('class="sr-publication"') == 40 and "Kateřina" in index and "王 小明" in index
    assert_same(late, normal(tmp_path, monkeypatch, theme=theme, builder=builder))


def test_parallel_write_gives_the_same_pages(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(late_body, "LONG_BODY", 4000)
    extra_docs = {f"page{n}.md": f"# Page {n}\n\n```{{publications}}\n```\n" for n in range(4)}
    late = build(tmp_path, "parallel", files=extra_docs, parallel=2)
    serial = build(tmp_path, "serial", files=extra_docs)
    assert len(late) >= 7
    assert_same(late, serial)


TWICE = """{% extends "!page.html" %}
{% block body %}{{ body }}<aside hidden>{{ body|striptags|truncate(40) }}</aside>{% endblock %}
"""


def test_a_template_that_filters_the_body_gets_the_normal_path(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(late_body, "LONG_BODY", 4000)
    files = {"_templates/page.html": TWICE}
    extra = 'templates_path = ["_templates"]'
    late = build(tmp_path, "late", extra=extra, files=files)
    assert "<aside hidden>" in late["index.html"].decode()
    assert_same(late, normal(tmp_path, monkeypatch, extra=extra, files=files))


def test_short_pages_are_left_alone(tmp_path) -> None:
    bodies: list[str] = []
    build(tmp_path, "short",
          listener=lambda app, page, template, context, doctree: bodies.append(context.get("body", "")))
    assert bodies and not any(body.startswith("sr-late-body-") for body in bodies)


def test_without_room_for_a_spool_the_page_stays_in_memory(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(late_body, "LONG_BODY", 4000)
    writes = []

    class FullDisk:
        def __init__(self) -> None:
            self.file = __import__("io").BytesIO()
            self.ranges: list[tuple[int, int]] = []

        def add(self, data: bytes) -> int:
            writes.append(len(data))
            if len(writes) > 3:  # a few pieces are spooled, then the disk is full
                raise OSError(28, "No space left on device")
            return late_body._Spool.add(self, data)  # type: ignore[arg-type]

        read = late_body._Spool.read
        close = late_body._Spool.close

    monkeypatch.setattr(late_body, "_Spool", FullDisk)
    late = build(tmp_path, "full")
    assert len(writes) == 4
    assert_same(late, normal(tmp_path, monkeypatch))
