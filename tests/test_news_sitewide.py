"""Site-wide news: {recent-news}, the Atom feed, incremental and parallel builds."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PNG, Built, run_build, write_project
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"

CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane's homepage"
researcher_name = "Jane Q. Doe"
html_baseurl = "https://jane.example.org/"
researcher_news_feed = "news.xml"
"""

# News on three pages (one in a folder); {recent-news} on two pages that are not news pages.
SITE: dict[str, str | bytes] = {
    "conf.py": CONF,
    "index.md": """
        # Home

        ```{toctree}
        home
        news
        old
        sub/more
        sub/show
        other
        ```
        """,
    "home.md": """
        # Welcome

        ```{recent-news}
        :limit: 4
        :archive: news
        ```
        """,
    "news.md": """
        # News

        ```{news}
        - 2024-05: Paper accepted, see [the other page](other.md) and {doc}`other`.
        - 2024-02-14: Code released!
        - 2023: Scholarship.
        ```
        """,
    "old.md": """
        # Old news

        ```{news}
        - 2024-05: Same month, from old.
        - 2021-03: Started the PhD.
        ```
        """,
    "sub/more.md": """
        # More

        ```{news}
        - 2024-06-01: Talk at a workshop.
        - 2022: Moved to a new lab.
        ```
        """,
    "sub/show.md": """
        # Everything

        ```{recent-news}
        :limit: 20
        ```
        """,
    "other.md": "# Other\n",
}


def make_site(root: Path, files: dict[str, str | bytes] = SITE) -> Path:
    srcdir = root / "src"
    write_project(srcdir, files)
    return srcdir


def recent(built: Built, page: str) -> BeautifulSoup:
    block = built.soup(page).select_one(".sr-recent-news")
    assert block is not None, page
    return block


def main_html(path: Path) -> str:
    """The page's main content, whitespace-normalised (sidebars may legitimately differ)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find(attrs={"role": "main"}) or soup.body
    return re.sub(r"\s+", " ", str(main))


def html_pages(outdir: Path) -> dict[str, str]:
    skip = {"genindex.html", "search.html"}
    return {str(p.relative_to(outdir)): main_html(p) for p in sorted(outdir.rglob("*.html")) if p.name not in skip}


def output_bytes(outdir: Path) -> dict[str, bytes]:
    files = sorted(p for p in outdir.rglob("*") if p.suffix in {".html", ".xml"})
    return {str(p.relative_to(outdir)): p.read_bytes() for p in files}


def edit(srcdir: Path, name: str, text: str) -> None:
    (srcdir / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


# -- what {recent-news} shows ------------------------------------------------------------------


def test_recent_news_newest_first_with_links_to_their_pages(build):
    built = build(SITE)
    assert built.warning_lines() == []
    block = recent(built, "home")
    assert block["class"] == ["sr-news", "sr-recent-news"]
    times = [t["datetime"] for t in block.select("li.sr-news-item time")]
    assert times == ["2024-06-01", "2024-05", "2024-05", "2024-02-14"]  # :limit: 4
    links = [a["href"] for a in block.select("li.sr-news-item a.sr-news-source")]
    # The tie in May 2024 goes by docname ("news" before "old").
    assert links == ["sub/more.html#news-2024-06-01", "news.html#news-2024-05", "old.html#news-2024-05",
                     "news.html#news-2024-02-14"]
    # Each link points at an item that exists on its page.
    for link in links:
        page, anchor = link.split("#")
        assert built.soup(page.removesuffix(".html")).find(id=anchor) is not None
    archive = built.soup("home").select_one("p.sr-news-archive a")
    assert archive is not None and archive["href"] == "news.html" and archive.get_text() == "All news"


def test_recent_news_in_a_folder_resolves_links_for_its_own_page(build):
    built = build(SITE)
    block = recent(built, "sub/show")
    assert [t["datetime"] for t in block.select("time")] == [
        "2024-06-01", "2024-05", "2024-05", "2024-02-14", "2023", "2022", "2021-03"]
    assert block.select_one("a.sr-news-source")["href"] == "more.html#news-2024-06-01"
    assert block.select("a.sr-news-source")[1]["href"] == "../news.html#news-2024-05"
    # The MyST link and the {doc} role inside the item, relative to sub/show.html.
    body_links = [a["href"] for a in block.select(".sr-news-body a")]
    assert body_links == ["../other.html", "../other.html"]
    # Copies carry no ids: the anchors belong to the news pages.
    assert block.select("li[id]") == []


def test_recent_news_default_limit_is_five(build):
    built = build({**SITE, "home.md": "# Welcome\n\n```{recent-news}\n```\n"})
    assert len(recent(built, "home").select("li.sr-news-item")) == 5


def test_bad_limit_is_a_located_warning_and_the_default_is_used(build):
    built = build({**SITE, "home.md": "# Welcome\n\n```{recent-news}\n:limit: many\n```\n"})
    warnings = built.warning_lines()
    assert len(warnings) == 1
    assert re.search(r"home\.md:3: WARNING: recent-news :limit: must be a whole number.*\[researcher\.option\]",
                     warnings[0])
    assert len(recent(built, "home").select("li.sr-news-item")) == 5


def test_unknown_archive_page_is_a_located_warning(build):
    built = build({**SITE, "home.md": "# Welcome\n\n```{recent-news}\n:archive: nowhere\n```\n"})
    assert any("home.md:3" in line and "nowhere" in line for line in built.warning_lines())
    assert recent(built, "home").select("li.sr-news-item")


def test_archive_accepts_a_file_name(build):
    built = build({**SITE, "home.md": "# Welcome\n\n```{recent-news}\n:archive: news.md\n```\n"})
    assert built.warning_lines() == []
    assert built.soup("home").select_one("p.sr-news-archive a")["href"] == "news.html"


def test_no_news_anywhere_builds_cleanly(build):
    built = build({"conf.py": CONF, "index.md": "# Home\n\n```{recent-news}\n:archive: index\n```\n"})
    assert built.warning_lines() == []
    soup = built.soup()
    assert soup.select(".sr-recent-news") == [] and soup.select(".sr-news-item") == []
    assert soup.select_one("p.sr-news-archive")["class"] == ["sr-news-archive"]
    assert soup.select_one("p.sr-news-archive a")["href"] == "#"
    feed = etree.parse(str(built.outdir / "news.xml")).getroot()
    assert feed.findall(f"{ATOM}entry") == []


def test_recent_news_on_a_news_page_keeps_ids_unique(build):
    listing = "\n        ```{recent-news}\n        ```\n"
    built = build({**SITE, "news.md": str(SITE["news.md"]) + listing})
    assert built.warning_lines() == []
    ids = [tag["id"] for tag in built.soup("news").select("[id]")]
    assert len(ids) == len(set(ids))


# -- other builders ----------------------------------------------------------------------------


def test_text_output_lists_recent_news(build):
    built = build(SITE, "text")
    assert built.warning_lines() == []
    text = built.text("home.txt")
    lines = [line for line in text.splitlines() if line.startswith("* ")]
    assert lines == [
        "* **Jun 1, 2024** — Talk at a workshop.",
        "* **May 2024** — Paper accepted, see the other page and Other.",
        "* **May 2024** — Same month, from old.",
        "* **Feb 14, 2024** — Code released!",
    ]
    assert "All news" in text


def test_latex_output_lists_recent_news(build):
    conf = CONF + 'latex_documents = [("index", "cv.tex", "CV", "Jane", "howto")]\n'
    built = build({**SITE, "conf.py": conf}, "latex")
    assert built.warning_lines() == []
    tex = built.text("cv.tex")
    home = tex[tex.index(r"\label{\detokenize{home::doc}}"):tex.index(r"\label{\detokenize{news::doc}}")]
    assert r"\begin{itemize}" in home
    assert home.count(r"\item") == 4
    # Each date links to the page of its item; the "All news" link is web-only: not printed.
    assert r"\hyperref[\detokenize{sub/more::doc}]{\sphinxcrossref{\sphinxstylestrong{Jun 1, 2024}}}" in home
    assert "All news" not in tex
    assert "sr-" not in tex and ".css" not in tex


def test_latex_without_the_news_pages_keeps_plain_dates(build):
    """The item's page is not in the LaTeX document: no URI (NoUri), so no link and no error."""
    conf = CONF + 'latex_documents = [("home", "home.tex", "Home", "Jane", "howto")]\n'
    built = build({**SITE, "conf.py": conf}, "latex")
    tex = built.text("home.tex")
    assert r"\sphinxstylestrong{Jun 1, 2024} — Talk at a workshop." in tex
    assert "hyperref[\\detokenize{sub/more" not in tex


@pytest.mark.parametrize("buildername", ["singlehtml", "dirhtml", "epub", "man", "texinfo", "xml", "gettext"])
def test_other_builders_do_not_fail(build, buildername):
    built = build(SITE, buildername)
    assert [line for line in built.warning_lines() if "researcher" in line or "Traceback" in line] == []


def test_dirhtml_links_and_feed(build):
    built = build(SITE, "dirhtml")
    block = BeautifulSoup((built.outdir / "home" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in block.select(".sr-recent-news a.sr-news-source")]
    assert links[0] == "../sub/more/#news-2024-06-01"
    feed = etree.parse(str(built.outdir / "news.xml")).getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}id").text == "https://jane.example.org/sub/more/#news-2024-06-01"


# -- the feed ----------------------------------------------------------------------------------


def test_feed_is_atom_with_one_entry_per_item(build):
    built = build(SITE)
    feed = etree.parse(str(built.outdir / "news.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Jane's homepage"
    assert feed.findtext(f"{ATOM}updated") == "2024-06-01T00:00:00+00:00"  # the newest item, not the clock
    assert feed.find(f"{ATOM}generator").text == "sphinx-researcher"
    assert feed.find(f"{ATOM}generator").get("uri") is None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 7
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids[:3] == ["https://jane.example.org/sub/more.html#news-2024-06-01",
                       "https://jane.example.org/news.html#news-2024-05",
                       "https://jane.example.org/old.html#news-2024-05"]
    assert len(set(ids)) == 7
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == [
        "2024-06-01", "2024-05-01", "2024-05-01", "2024-02-14", "2023-01-01", "2022-01-01", "2021-03-01"]
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://jane.example.org/")
        assert entry.find(f"{ATOM}content").get("type") == "html"
    content = entries[1].findtext(f"{ATOM}content")
    assert content.startswith("<p>Paper accepted")
    hrefs = re.findall(r'href="([^"]*)"', content)
    assert hrefs == ["https://jane.example.org/other.html", "https://jane.example.org/other.html"]


def test_feed_link_in_every_page_head(build):
    built = build(SITE)
    for page in ("index", "home", "sub/show", "genindex"):
        link = built.soup(page).select_one('head link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None and link["href"] == "https://jane.example.org/news.xml", page


def test_no_feed_without_the_setting_or_outside_html(build):
    plain = CONF.replace('researcher_news_feed = "news.xml"\n', "")
    built = build({**SITE, "conf.py": plain})
    assert not (built.outdir / "news.xml").exists()
    assert built.soup("home").select('link[type="application/atom+xml"]') == []
    single = build(SITE, "singlehtml")
    assert not (single.outdir / "news.xml").exists()


def test_feed_without_baseurl_is_not_written(build):
    built = build({**SITE, "conf.py": CONF.replace('html_baseurl = "https://jane.example.org/"\n', "")})
    assert not (built.outdir / "news.xml").exists()
    assert any("researcher.config" in line and "html_baseurl" in line for line in built.warning_lines())


def test_feed_that_cannot_be_written_is_a_located_warning(build):
    built = build({**SITE, "conf.py": CONF.replace('"news.xml"', '"../outside.xml"')})
    warnings = built.warning_lines()
    assert len(warnings) == 1
    assert re.search(r"conf\.py:5: WARNING: researcher_news_feed '\.\./outside\.xml' holds '\.' or '\.\.'.*"
                     r"no feed is written \[researcher\.feed\]", warnings[0])
    assert not (built.outdir.parent / "outside.xml").exists()


def test_empty_feed_honours_source_date_epoch(build, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = build({"conf.py": CONF, "index.md": "# Home\n"})
    feed = etree.parse(str(built.outdir / "news.xml")).getroot()
    assert feed.findtext(f"{ATOM}updated") == "2023-11-14T22:13:20+00:00"


# -- incremental, parallel and reproducible builds ---------------------------------------------


def test_incremental_build_equals_clean_build(tmp_path):
    srcdir = make_site(tmp_path)
    out = tmp_path / "incremental"
    run_build(srcdir, outdir=out)

    # Add an item to news.md and remove another; home.md and sub/show.md are not touched.
    edit(srcdir, "news.md", """
        # News

        ```{news}
        - 2024-07-01: A brand-new item.
        - 2024-05: Paper accepted, see [the other page](other.md) and {doc}`other`.
        - 2023: Scholarship.
        ```
        """)
    second = run_build(srcdir, outdir=out)
    assert "Code released" not in second.html("home")
    assert recent(second, "home").select_one("time")["datetime"] == "2024-07-01"
    clean = run_build(srcdir, outdir=tmp_path / "clean")
    assert html_pages(second.outdir) == html_pages(clean.outdir)
    assert second.text("news.xml") == clean.text("news.xml")

    # Delete a news page: its items vanish from every listing and from the feed.
    (srcdir / "old.md").unlink()
    edit(srcdir, "index.md", str(SITE["index.md"]).replace("        old\n", ""))
    third = run_build(srcdir, outdir=out)
    assert "from old" not in third.html("home") and "from old" not in third.html("sub/show")
    assert "old.html" not in third.text("news.xml")
    clean = run_build(srcdir, outdir=tmp_path / "clean2")
    expected = html_pages(clean.outdir)  # old.html stays behind in the incremental output folder
    assert {page: html_pages(third.outdir)[page] for page in expected} == expected
    assert third.text("news.xml") == clean.text("news.xml")


def test_unchanged_news_does_not_rewrite_listing_pages(tmp_path):
    srcdir = make_site(tmp_path)
    out = tmp_path / "out"
    first = run_build(srcdir, outdir=out)
    before = {page: (first.outdir / f"{page}.html").stat().st_mtime_ns for page in ("home", "other")}
    edit(srcdir, "other.md", "# Other, renamed\n")
    second = run_build(srcdir, outdir=out)
    assert (second.outdir / "other.html").stat().st_mtime_ns != before["other"]
    assert (second.outdir / "home.html").stat().st_mtime_ns == before["home"]


def test_parallel_build_equals_serial_build(tmp_path):
    srcdir = make_site(tmp_path)
    serial = run_build(srcdir, outdir=tmp_path / "j1")
    parallel = run_build(srcdir, outdir=tmp_path / "j2", parallel=2)
    assert "Paper accepted" in parallel.html("home")
    assert output_bytes(serial.outdir) == output_bytes(parallel.outdir)


def test_two_clean_builds_are_byte_identical(tmp_path):
    srcdir = make_site(tmp_path)
    first = run_build(srcdir, outdir=tmp_path / "a")
    second = run_build(srcdir, outdir=tmp_path / "b")
    assert output_bytes(first.outdir) == output_bytes(second.outdir)
    assert "news.xml" in output_bytes(first.outdir)


@pytest.mark.parametrize("buildername", ["html", "latex", "text"])
def test_no_news_and_no_archive_leaves_nothing(build, buildername):
    built = build({"conf.py": CONF, "index.md": "# Home\n\nBefore.\n\n```{recent-news}\n```\n\nAfter.\n"}, buildername)
    assert built.warning_lines() == []
    if buildername == "html":
        assert built.soup().select("[class^=sr-]") == []
        assert "Before." in built.html() and "After." in built.html()


def test_relative_targets_and_images_in_items_from_a_folder(build):
    """A relative {doc} and an image in sub/page.md still work when shown at the root and in the feed."""
    built = build({
        "conf.py": CONF,
        "index.md": "# Home\n\n```{toctree}\nsub/page\nsub/sibling\n```\n\n```{recent-news}\n```\n",
        "sub/page.md": """
            # Page

            ```{news}
            - 2024-01: See {doc}`sibling` and ![the logo](logo.png)
            ```
            """,
        "sub/sibling.md": "# Sibling\n",
        "sub/logo.png": PNG,
    })
    assert built.warning_lines() == []
    body = recent(built, "index").select_one(".sr-news-body")
    assert body.select_one("a")["href"] == "sub/sibling.html"
    assert body.select_one("img")["src"] == "_images/logo.png"
    assert (built.outdir / "_images" / "logo.png").is_file()
    content = etree.parse(str(built.outdir / "news.xml")).getroot().findtext(f"{ATOM}entry/{ATOM}content")
    assert 'href="https://jane.example.org/sub/sibling.html"' in content
    assert 'src="https://jane.example.org/_images/logo.png"' in content


def test_singlehtml_links_stay_on_the_one_page(build):
    built = build(SITE, "singlehtml")
    links = [a["href"] for a in built.soup().select(".sr-recent-news a.sr-news-source")]
    assert links[:2] == ["#news-2024-06-01", "#news-2024-05"]
    assert len(links) == 4 + 7  # home (:limit: 4) and sub/show (everything)
