"""Wrong or stale output (issue 8): incremental builds after config edits equal clean builds,
{recent-news} copies keep ids unique and follow {pub} titles, a bad {pub} key in a news item is
reported once, and every epub page is well-formed XHTML."""

from __future__ import annotations

import re
import textwrap
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import PNG, run_build, write_project

CONF = """\
extensions = ["sphinx_researcher"]
project = "Site"
html_theme = "researcher"
html_baseurl = "https://jane.example.org/"
researcher_news_feed = "news.xml"
researcher_bibtex_files = ["papers.bib"]
researcher_name = "Jane Q. Doe"
researcher_profile = {"role": "PhD candidate", "affiliation": "Example University"}
"""

BIB = """\
@inproceedings{doe2024sparse,
  title = {SparseX: Sparse Experts},
  author = {Doe, Jane Q. and Zhang, Wei},
  booktitle = {CVPR},
  year = {2024},
  abstract = {Short.},
}

@article{doe2022graphs,
  title = {Graphs},
  author = {Doe, J. Q.},
  journal = {JMLR},
  year = {2022},
}
"""

SITE = {
    "conf.py": CONF,
    "papers.bib": BIB,
    "index.md": "# Home\n\n```{recent-news}\n:limit: 2\n```\n\n```{toctree}\nnews\npapers\nhighlights\n```\n",
    # Sphinx itself rewrites a page whose toctree holds a page read again: this one has none.
    "highlights.md": "# Highlights\n\n```{recent-news}\n:limit: 2\n```\n",
    "papers.md": "# Papers\n\n```{publications}\n```\n",
    "news.md": """\
        # News

        ```{recent-news}
        :limit: 3
        ```

        ```{news}
        - 2024-06: {pub}`doe2024sparse` is out, see the note[^n] and [below](#here).

          (here)=
          More text.
        - 2024-05: Second.
        - 2023-01: An old item.
        - 2022-01: The oldest item.
        ```

        [^n]: A footnote.
        """,
}


def html_pages(outdir: Path) -> dict[str, str]:
    skip = {"genindex.html", "search.html"}
    # Sphinx's own ``?v=`` checksum of documentation_options.js lags one incremental build.
    return {
        str(p.relative_to(outdir)): re.sub(r"\s+", " ", re.sub(r"\?v=[0-9a-f]+", "", p.read_text(encoding="utf-8")))
        for p in sorted(outdir.rglob("*.html"))
        if p.name not in skip
    }


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_incremental_equals_clean(srcdir: Path, incremental_out: Path, clean_out: Path) -> None:
    incremental = run_build(srcdir, outdir=incremental_out)
    clean = run_build(srcdir, outdir=clean_out)
    assert html_pages(incremental.outdir) == html_pages(clean.outdir)
    assert incremental.text("news.xml") == clean.text("news.xml")
    assert incremental.warning_lines() == [] and clean.warning_lines() == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"role": "PhD candidate"', '"role": "Postdoc"'),
        ('researcher_name = "Jane Q. Doe"', 'researcher_name = "Wei Zhang"'),
        ('project = "Site"', 'project = "Site"\nlanguage = "zh_CN"'),
        ('"affiliation": "Example University"', '"affiliation": "Other Institute", "location": "Rome"'),
        ('html_theme = "researcher"', 'html_theme = "researcher"\nhtml_theme_options = {"nav_title": "JQD"}'),
    ],
    ids=["profile", "name", "language", "profile-keys", "theme-options"],
)
def test_incremental_after_a_config_edit_equals_clean(tmp_path: Path, old: str, new: str) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, SITE)
    first = run_build(srcdir, outdir=tmp_path / "inc")
    assert "PhD candidate" in first.html("pub/doe2024sparse")
    edit(srcdir, "conf.py", old, new)
    assert_incremental_equals_clean(srcdir, tmp_path / "inc", tmp_path / "clean")


def test_per_paper_pages_follow_the_language(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, SITE)
    run_build(srcdir, outdir=tmp_path / "inc")
    edit(srcdir, "conf.py", 'project = "Site"', 'project = "Site"\nlanguage = "zh_CN"')
    again = run_build(srcdir, outdir=tmp_path / "inc")
    page = again.soup("pub/doe2024sparse")
    assert page.html["lang"].startswith("zh")
    assert "Abstract" not in page.select_one(".sr-abstract summary").text


def test_a_changed_paper_title_reaches_recent_news_copies_and_the_feed(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, SITE)
    first = run_build(srcdir, outdir=tmp_path / "inc")
    assert "SparseX" in first.soup("index").select_one(".sr-recent-news").text
    edit(srcdir, "papers.bib", "SparseX: Sparse Experts", "MegaX: Sparse Experts")
    assert_incremental_equals_clean(srcdir, tmp_path / "inc", tmp_path / "clean")
    again = run_build(srcdir, outdir=tmp_path / "inc")
    assert "MegaX" in again.soup("index").select_one(".sr-recent-news").text
    assert "MegaX" in again.text("news.xml") and "SparseX" not in again.text("news.xml")


def test_editing_an_item_no_page_shows_rewrites_no_listing(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, SITE)
    first = run_build(srcdir, outdir=tmp_path / "inc")
    home = first.outdir / "highlights.html"
    before = home.stat().st_mtime_ns
    edit(srcdir, "news.md", "The oldest item.", "The oldest item, edited.")
    second = run_build(srcdir, outdir=tmp_path / "inc")
    assert home.stat().st_mtime_ns == before  # {recent-news} :limit: 2 does not show it
    assert "edited" in second.text("news.xml")
    edit(srcdir, "news.md", "- 2024-05: Second.", "- 2024-05: Second, edited.")
    third = run_build(srcdir, outdir=tmp_path / "inc")
    assert home.stat().st_mtime_ns != before
    assert "Second, edited." in third.soup("highlights").select_one(".sr-recent-news").text
    assert_incremental_equals_clean(srcdir, tmp_path / "inc", tmp_path / "clean")


def test_recent_news_on_the_news_page_repeats_no_id(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, SITE)
    built = run_build(srcdir)
    for page in ("news", "index"):
        ids = Counter(tag["id"] for tag in built.soup(page).find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], page
    # Links inside a copy follow its renamed ids; the item's own page keeps the originals.
    soup = built.soup("news")
    copy = soup.select_one(".sr-recent-news .sr-news-item")
    assert copy.find(id="here") is None and copy.find(id=re.compile("here$")) is not None
    assert soup.select_one("#here") is not None


@pytest.mark.parametrize("nitpicky", [False, True])
def test_unknown_pub_key_in_a_news_item_is_reported_once_at_its_line(tmp_path: Path, nitpicky: bool) -> None:
    srcdir = tmp_path / "src"
    conf = CONF + ("nitpicky = True\n" if nitpicky else "")
    write_project(srcdir, {**SITE, "conf.py": conf,
                           "news.md": SITE["news.md"].replace("{pub}`doe2024sparse`", "{pub}`nokey`")})
    built = run_build(srcdir)
    warnings = [w for w in built.warning_lines() if "nokey" in w]
    assert len(warnings) == 1, warnings
    assert re.search(r"news\.md:8: WARNING: .*'nokey'.*\[researcher\.key\]", warnings[0]), warnings


EPUB_SITE = {
    "conf.py": 'extensions = ["sphinx_researcher"]\nproject = "Site"\ncopyright = "2024, J"\nauthor = "J"\n'
    'version = "1"\nresearcher_name = "Jane Q. Doe"\nresearcher_bibtex_files = ["papers.bib"]\n'
    'researcher_profile = {"photo": "me.png", "email": "j@example.org", "links": {"github": "janedoe"}}\n',
    "papers.bib": BIB,
    "me.png": PNG,
    "index.md": textwrap.dedent("""\
        # Home

        ```{profile}
        ```

        ```{recent-news}
        ```

        ```{publications}
        :group-by: year
        ```

        ```{publication}
        :title: With a badge & <marks>
        :authors: Jane Q. Doe*, Wei Zhang†
        :arxiv: 2405.01234
        :image: me.png
        :selected:

        An abstract with *markup*.
        ```

        ```{timeline}
        - 2019-09 – present: Ph.D.
        - 2015: B.S.
        ```

        {badge}`arXiv|2405.01234 <https://arxiv.org/abs/2405.01234>`

        ```{toctree}
        news
        ```
        """),
    "news.md": SITE["news.md"],
}


def test_every_epub_page_is_well_formed_xhtml(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, EPUB_SITE)
    built = run_build(srcdir, "epub")
    assert built.warning_lines() == []
    epub = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        pages = [name for name in archive.namelist() if name.endswith((".xhtml", ".html"))]
        assert any("index" in name for name in pages)
        for name in pages:
            text = archive.read(name)
            try:
                ElementTree.fromstring(text)
            except ElementTree.ParseError as error:
                pytest.fail(f"{name} is not well-formed XML: {error}")
    index = BeautifulSoup((built.outdir / "index.xhtml").read_text(encoding="utf-8"), "html.parser")
    assert index.select("article.sr-publication") and index.select(".sr-recent-news .sr-news-item")
