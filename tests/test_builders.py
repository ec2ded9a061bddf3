"""Every builder: html family in full, LaTeX a printable CV, the rest never fails; -j 2 == -j 1;
reStructuredText == MyST; snapshots of the HTML that matters."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import PNG
from snapshot_util import assert_snapshot, normalise_html, normalise_xml

CONF = """
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
author = "Jane Q. Doe"
copyright = "2024, Jane Q. Doe"
version = release = "1"
researcher_name = "Jane Q. Doe"
researcher_name_variants = ["J. Q. Doe"]
researcher_profile = {
    "photo": "jane.png", "role": "PhD candidate", "affiliation": "Example University",
    "email": "jane@example.org", "links": {"github": "janedoe"},
}
"""

INDEX = """
# Jane Q. Doe

```{toctree}
cv
```

```{profile}
A short bio.
```

## News

```{news}
:limit: 2

- 2024-05: Paper accepted.
- 2024-02-14: Code released.
- 2023: Scholarship.
```

## Selected publications

```{publication} doe2024sparse
:title: Sparse Experts for Tiny Vision Models
:authors: Jane Q. Doe*, Wei Zhang*, John Smith†
:venue: CVPR
:year: 2024
:arxiv: 2405.01234
:code: https://github.com/janedoe/sparse-experts
:tldr: Tiny experts, half the latency.

An abstract.
```

```{publication} doe2023dense
:title: Dense Baselines Revisited
:authors: Maria Rossi, J. Q. Doe
:venue: ICCV
:year: 2023
```

Badges: {badge}`arXiv|2405.01234 <https://arxiv.org/abs/2405.01234>` {badge}`stars|42`
"""

CV = """
# CV

```{timeline}
- 2019-09 – present: Ph.D., Example University.
- 2015-09 – 2019-06: B.S., Example University.
```

```{badge} license
:message: MIT
```
"""


def _files() -> dict[str, str | bytes]:
    return {"conf.py": CONF, "index.md": INDEX, "cv.md": CV, "jane.png": PNG}


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo",
                                     "xml", "pseudoxml", "gettext"])
def test_builder_succeeds_without_warnings(build, builder: str) -> None:
    built = build(_files(), builder)
    assert built.warning_lines() == [], built.warnings
    assert any(built.outdir.iterdir())


def test_latex_is_a_printable_cv(build) -> None:
    built = build(_files(), "latex")
    tex = "".join(p.read_text(encoding="utf-8") for p in sorted(built.outdir.glob("*.tex")))
    # Publications numbered, one list for consecutive ones.
    listing = tex[tex.index(r"\begin{enumerate}"): tex.index(r"\end{enumerate}")]
    assert listing.count(r"\item") == 2
    assert "Sparse Experts" in listing and "Dense Baselines" in listing
    # The researcher's name in bold, in every spelling.
    assert re.search(r"\\(?:textbf|sphinxstylestrong)\{Jane Q\. Doe\}\*", tex)
    assert re.search(r"\\(?:textbf|sphinxstylestrong)\{J\. Q\. Doe\}", tex)
    assert "equal contribution" in tex
    # News as a list with its dates; the timeline as a date column beside each entry.
    assert tex.count(r"\begin{itemize}") >= 1
    assert r"\sphinxstylestrong{May 2024}" in tex
    assert r"\begin{list}" in tex and r"\item[{Sep 2019 \textendash{} present}]" in tex
    # Badges as text; no web assets.
    assert "arXiv: 2405.01234" in tex and "license: MIT" in tex
    assert "<svg" not in tex and "sr-" not in tex.replace("sr-pub", "")
    assert not list(built.outdir.rglob("*.css")) and not list(built.outdir.rglob("*.js"))


def test_text_output(build) -> None:
    built = build(_files(), "text")
    text = " ".join(built.text("index.txt").split())  # the writer wraps long lines
    assert "* **May 2024** — Paper accepted." in text
    assert "1. **Jane Q. Doe***, Wei Zhang*, John Smith†. *Sparse Experts for Tiny Vision Models*." in text
    assert "2. Maria Rossi, **J. Q. Doe**. *Dense Baselines Revisited*. ICCV, 2023." in text
    assert "arXiv: 2405.01234" in text and "stars: 42" in text
    cv = built.text("cv.txt")
    assert "**Sep 2019 – present** — Ph.D., Example University." in cv


def test_man_and_texinfo_keep_the_content(build) -> None:
    man = build(_files(), "man")
    page = "".join(p.read_text(encoding="utf-8") for p in man.outdir.rglob("*.1"))
    assert "Sparse Experts" in page and "May 2024" in page
    info = build(_files(), "texinfo")
    texi = "".join(p.read_text(encoding="utf-8") for p in info.outdir.glob("*.texi"))
    assert "Sparse Experts" in texi and "Sep 2019" in texi


def test_gettext_collects_the_bodies(build) -> None:
    built = build(_files(), "gettext")
    pot = "".join(p.read_text(encoding="utf-8") for p in built.outdir.rglob("*.pot"))
    assert "Paper accepted." in pot and "A short bio." in pot


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


@pytest.mark.parametrize(
    ("builder", "pages"),
    [
        ("singlehtml", ["index.html"]),
        ("dirhtml", ["index.html", "cv/index.html"]),
        ("epub", ["index.xhtml", "cv.xhtml"]),
    ],
)
def test_html_family_gets_full_output(build, builder: str, pages: list[str]) -> None:
    built = build(_files(), builder)
    html = "".join(built.text(page) for page in pages)
    soup = BeautifulSoup(html, "html.parser")
    for hook in ("sr-profile", "sr-news", "sr-news-item", "sr-date", "sr-publication", "sr-pub-title",
                 "sr-pub-authors", "sr-author", "sr-me", "sr-equal", "sr-corresponding", "sr-pub-venue",
                 "sr-pub-links", "sr-pub-tldr", "sr-abstract", "sr-bibtex", "sr-badge", "sr-timeline"):
        assert soup.select(f".{hook}"), (builder, hook)
    for page in pages:
        duplicates = [i for i, n in Counter(_ids(built.text(page))).items() if n > 1]
        assert duplicates == [], (page, duplicates)


def test_singlehtml_badge_ids_unique_across_pages(build) -> None:
    built = build(_files(), "singlehtml")
    html = built.text("index.html")
    assert len(BeautifulSoup(html, "html.parser").select(".sr-badge")) >= 3  # the paper's arXiv is a button, not a badge
    assert [i for i, n in Counter(_ids(html)).items() if n > 1] == []


def test_dirhtml_links_from_a_subfolder(build) -> None:
    files = _files()
    files["cv.md"] = CV + "\n```{profile}\n:links: cv=cv.pdf\n```\n"
    files["cv.pdf"] = b"%PDF-1.4\n"
    built = build(files, "dirhtml")
    assert built.warning_lines() == []
    soup = BeautifulSoup(built.text("cv/index.html"), "html.parser")
    for element in soup.select(".sr-profile img[src], .sr-profile a.sr-link-cv"):
        target = element.get("src") or element["href"]
        assert (built.outdir / "cv" / target).resolve().is_file(), target


def test_html_assets_only_for_html(build) -> None:
    built = build(_files())
    head = built.soup().head
    assert head.select_one('link[href*="sphinx-researcher.css"]') is not None
    assert head.select_one('script[src*="sphinx-researcher.js"]') is not None


# -- parallel and reStructuredText -------------------------------------------------------------------


def _many_pages() -> dict[str, str | bytes]:
    files = _files()
    names = [f"page{i}" for i in range(8)]
    files["index.md"] = INDEX.replace("cv\n```", "cv\n" + "\n".join(names) + "\n```")
    for i, name in enumerate(names):
        files[f"{name}.md"] = (
            f"# Page {i}\n\n```{{news}}\n- 2024-0{i + 1}: Item {i}.\n- 2023: Older {i}.\n```\n\n"
            f"```{{publication}} p{i}\n:title: Paper {i}\n:authors: Jane Q. Doe, Other {i}†\n:year: 202{i}\n```\n\n"
            f"{{badge}}`page|{i}`\n"
        )
    return files


def test_parallel_build_equals_serial(build) -> None:
    serial = build(_many_pages(), parallel=1)
    parallel = build(_many_pages(), parallel=2)
    assert serial.warning_lines() == [] and parallel.warning_lines() == []
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        one, two = (built.outdir / page for built in (serial, parallel))
        assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8"), page


RST_INDEX = """
Jane Q. Doe
===========

.. toctree::

   cv

.. profile::

   A short bio.

News
----

.. news::
   :limit: 2

   - 2024-05: Paper accepted.
   - 2024-02-14: Code released.
   - 2023: Scholarship.

Selected publications
---------------------

.. publication:: doe2024sparse
   :title: Sparse Experts for Tiny Vision Models
   :authors: Jane Q. Doe*, Wei Zhang*, John Smith†
   :venue: CVPR
   :year: 2024
   :arxiv: 2405.01234
   :code: https://github.com/janedoe/sparse-experts
   :tldr: Tiny experts, half the latency.

   An abstract.

.. publication:: doe2023dense
   :title: Dense Baselines Revisited
   :authors: Maria Rossi, J. Q. Doe
   :venue: ICCV
   :year: 2023

Badges: :badge:`arXiv|2405.01234 <https://arxiv.org/abs/2405.01234>` :badge:`stars|42`
"""


def _body(built, page: str = "index") -> str:
    body = built.soup(page).select_one('[role="main"]') or built.soup(page).body
    return normalise_html(body)


def test_rst_renders_like_myst(build) -> None:
    myst = build(_files())
    files = _files()
    del files["index.md"]
    files["index.rst"] = RST_INDEX
    rst = build(files)
    assert rst.warning_lines() == []
    assert _body(rst) == _body(myst)


# -- snapshots -------------------------------------------------------------------------------------


def test_snapshot_publication(build) -> None:
    built = build(_files())
    article = built.soup().select_one("article.sr-publication")
    assert_snapshot("publication.html", normalise_html(article))


def test_snapshot_news(build) -> None:
    built = build(_files())
    news = built.soup().select_one(".sr-news")
    assert_snapshot("news.html", normalise_html(news))


def test_snapshot_news_xml(build) -> None:
    built = build({"index.md": "# News\n\n```{news}\n- 2024-05: Paper *accepted*.\n- 2023: Older.\n```\n"}, "xml")
    xml = built.text("index.xml")
    assert_snapshot("news.xml", normalise_xml(xml[xml.index("<bullet_list"):xml.rindex("</bullet_list>") + 14]))


def test_incremental_build_equals_clean(build, tmp_path) -> None:
    from conftest import run_build, write_project

    srcdir = tmp_path / "incremental"
    write_project(srcdir, _files())
    assert run_build(srcdir).warning_lines() == []
    changed: dict[str, str | bytes] = {
        "cv.md": CV.replace("B.S.", "B.Sc.") + "\n{badge}`new|badge`\n",
        "cv.pdf": b"%PDF-1.4\n",
        "index.md": INDEX.replace("```{profile}\n", "```{profile}\n:links: cv=cv.pdf\n\n"),
    }
    write_project(srcdir, {"conf.py": CONF, **changed})
    again = run_build(srcdir)
    assert again.warning_lines() == []
    assert again.soup().select_one("a.sr-link-cv") is not None
    clean = build({**_files(), **changed})
    for page in ("index.html", "cv.html"):
        assert (again.outdir / page).read_text(encoding="utf-8") == (clean.outdir / page).read_text(encoding="utf-8")


def test_plain_citation_after_et_al_has_one_full_stop() -> None:
    from sphinx_researcher.model.person import Author
    from sphinx_researcher.model.publication import Publication
    from sphinx_researcher.render.standard import publication_paragraph

    pub = Publication("k", title="A Survey", authors=(Author("Wei Zhang"), Author("et al.")), year=2022)
    assert publication_paragraph(pub).astext() == "Wei Zhang, et al. A Survey. 2022."
