"""Nothing a user writes injects markup or script: every option, argument and config value."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

P = "<script>alert(1)</script>"
Q = '"onmouseover=alert(1) x="'
T = "</title><img src=x onerror=alert(1)>"
A = "'><svg onload=alert(1)>"
EVIL = f"{P}{Q}{T}{A}"
# Only as a value of a key=value list: no comma there.
EVIL_LINK = "https://e.org/?q=" + EVIL.replace(",", "")

CONF = f"""
extensions = ["sphinx_researcher"]
researcher_name = {EVIL!r}
researcher_name_variants = [{EVIL!r}]
researcher_profile = {{
    "role": {EVIL!r}, "affiliation": {EVIL!r}, "location": {EVIL!r},
    "email": {("x" + EVIL + "@" + EVIL)!r},
    "links": {{"github": {EVIL!r}, "website": {EVIL_LINK!r}, {EVIL!r}: "https://e.org"}},
}}
html_baseurl = "https://jane.example.org/"
"""

MYST = f"""
# Home

```{{profile}}
:name: {EVIL}
:role: {EVIL}
:email: a{EVIL}@b.org
:links: github={EVIL.replace(",", "")}, Label {EVIL.replace(",", "").replace("=", "")}={EVIL_LINK}
```

```{{news}}
:class: {EVIL.replace(",", "")}

- 2024-05: Plain text item.
```

```{{timeline}}
- 2019 – present: Plain text entry.
```

```{{badge}} {EVIL}
:message: {EVIL}
:link: {EVIL_LINK}
```

Role: {{badge}}`{EVIL.replace("|", "").replace("<", "").replace("`", "")}|{EVIL.replace("<", "").replace("`", "")}`

```{{publication}} key{EVIL.replace(" ", "")}
:title: {EVIL}
:authors: {EVIL.replace(",", "")}*, Jane Doe†
:venue: {EVIL}
:abbr: {EVIL}
:year: 2024
:url: {EVIL_LINK}
:code: {EVIL_LINK}
:links: {EVIL.replace(",", "").replace("=", "")}={EVIL_LINK}
:tldr: {EVIL}
:award: {EVIL}
:note: {EVIL}
:image-alt: {EVIL}
:keywords: {EVIL}
```
"""

RST = f"""
Home
====

.. news::

   - 2024-05: {EVIL}

.. timeline::

   - 2019 – present: {EVIL}

.. profile::

   {EVIL}

.. publication:: k
   :title: {EVIL}

   {EVIL}
"""


def _check(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], (element.name, handlers)
        for name in ("href", "src", "xlink:href"):
            value = element.get(name)
            if isinstance(value, str):
                assert not value.replace("\t", "").strip().lower().startswith(("javascript:", "vbscript:")), value
    assert not soup.find("img", src="x")
    for script in soup.find_all("script"):
        body = script.string or ""
        assert "alert(1)" not in body or script.get("type") == "application/ld+json", script
        if script.get("type") == "application/ld+json":
            assert "</" not in body
            json.loads(body)
    # The only <title> is the page's own, in the head.
    assert len(soup.find_all("title", recursive=True)) - len(soup.select("svg title")) == 1
    assert "<script>alert" not in html


@pytest.mark.parametrize("theme", ["alabaster", "researcher"])
def test_myst_options_and_config_are_escaped(build, theme: str) -> None:
    built = build({"conf.py": CONF + f"html_theme = {theme!r}\n", "index.md": MYST})
    assert "Traceback" not in built.warnings
    html = built.html()
    _check(html)
    # The text is shown, escaped, not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rst_content_is_escaped(build) -> None:
    built = build({"conf.py": CONF, "index.rst": RST})
    assert "Traceback" not in built.warnings
    html = built.html()
    _check(html)
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5


@pytest.mark.parametrize("builder", ["singlehtml", "dirhtml", "epub"])
def test_other_html_builders_escape(build, builder: str) -> None:
    built = build({"conf.py": CONF, "index.md": MYST}, builder)
    assert "Traceback" not in built.warnings
    name = {"singlehtml": "index.html", "dirhtml": "index.html", "epub": "index.xhtml"}[builder]
    _check(built.text(name))


def test_plain_builders_survive(build) -> None:
    for builder in ("text", "latex", "man", "texinfo", "xml"):
        built = build({"conf.py": CONF, "index.md": MYST}, builder)
        assert "Traceback" not in built.warnings, builder


BIB_EVIL = EVIL.replace("{", "").replace("}", "").replace(",", "")
BIB = f"""
@inproceedings{{evil2024,
  title = {{{BIB_EVIL}}},
  author = {{{BIB_EVIL} and Doe, Jane Q.}},
  booktitle = {{{BIB_EVIL}}},
  year = {{2024}},
  abbr = {{{BIB_EVIL}}},
  award = {{{BIB_EVIL}}},
  abstract = {{{BIB_EVIL}}},
  keywords = {{{BIB_EVIL}}},
  url = {{javascript:alert(1)}},
  code = {{ JaVaScRiPt:alert(1)}},
  pdf = {{https://e.org/?q={BIB_EVIL}}},
  doi = {{10.1000/{BIB_EVIL}}},
}}
"""


def test_bibtex_fields_are_escaped_in_lists_per_paper_pages_and_feed(build) -> None:
    conf = CONF + 'researcher_bibtex_files = ["papers.bib"]\nresearcher_news_feed = "news.xml"\n'
    # (Raw HTML written in a MyST body is the author's own markup, as in any Markdown: not tested.)
    page = "# Home\n\n```{publications}\n```\n\n```{news}\n- 2024: Out now: {pub}`evil2024`\n```\n"
    built = build({"conf.py": conf, "index.md": page, "papers.bib": BIB})
    assert "Traceback" not in built.warnings
    assert "[researcher.url]" in built.warnings  # the script URLs are named, not emitted
    _check(built.html())
    [paper] = list((built.outdir / "pub").glob("*.html"))
    _check(paper.read_text(encoding="utf-8"))
    feed = built.text("news.xml")
    assert "alert(1)</script>" not in feed.replace("&lt;/script&gt;", "")  # escaped inside the Atom XML
    assert "javascript:" not in feed.lower()
