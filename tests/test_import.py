"""`sphinx-researcher import`: each template's site converts, builds with -W under the researcher
theme, keeps its news (with the right dates), publications, talks, teaching and languages, and
IMPORT-REPORT.md names what was left out at its file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED, Built, run_build
from import_fixtures import ACADEMICPAGES, ACADHOMEPAGE, ALFOLIO, write_site
from test_example_site import _external_loads

from sphinx_researcher.cli import main
from sphinx_researcher.importers import detect
from sphinx_researcher.parsing.bibtex import parse_bib_text

JEKYLL = SHARED / "data" / "jekyll"
BIB = SHARED / "data" / "bib"


def imported(tmp_path: Path, files: dict[str, str | bytes] | Path, name: str = "site") -> Path:
    source = files if isinstance(files, Path) else write_site(tmp_path / f"{name}-jekyll", files)
    out = tmp_path / name
    assert main(["import", "--quiet", str(source), str(out)]) == 0
    return out


def built_clean(out: Path) -> Built:
    built = run_build(out, "html")
    assert built.warning_lines() == [], built.warnings
    for page in built.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert _external_loads(html) == [], page
        assert "clustrmaps" not in html and "shields.io" not in html, page
    return built


def news_dates(built: Built, page: str = "index") -> list[str]:
    return [t["datetime"] for t in built.soup(page).select(".sr-news .sr-news-item time")]


def report_lines(out: Path) -> list[str]:
    return (out / "IMPORT-REPORT.md").read_text(encoding="utf-8").splitlines()


def has_line(out: Path, location: str, *words: str) -> bool:
    return any(f"`{location}`" in line and all(w in line for w in words) for line in report_lines(out))


def bib_keys(out: Path) -> list[str]:
    parsed = parse_bib_text((out / "papers.bib").read_text(encoding="utf-8"), "papers.bib")
    assert parsed.issues == []
    return [entry.key for entry in parsed.entries]


# ---- detection -------------------------------------------------------------------------------


def test_detects_each_template(tmp_path: Path) -> None:
    for name, files in (("academicpages", ACADEMICPAGES), ("acadhomepage", ACADHOMEPAGE), ("al-folio", ALFOLIO)):
        assert detect(write_site(tmp_path / name, files)) == name


# ---- AcadHomepage ----------------------------------------------------------------------------


def test_acadhomepage_news_dates_publications_and_languages(tmp_path: Path) -> None:
    out = imported(tmp_path, ACADHOMEPAGE)
    built = built_clean(out)
    # Every news item, newest first, with the date as written (unpadded, out of order, from an include).
    assert news_dates(built) == ["2024-06-30", "2023-01-05", "2022-02", "2021-11"]
    assert news_dates(built, "zh") == ["2024-06-30", "2022-02"]
    index = built.soup()
    assert len(index.select(".sr-publication")) == 3
    assert len(built.soup("zh").select(".sr-publication")) == 2
    # The same paper on both language pages is one entry; the Chinese-only paper is another.
    assert len(bib_keys(out)) == 4
    titles = [t.get_text(" ", strip=True) for t in index.select(".sr-pub-title")]
    assert "Sparse Experts for Tiny Models" in titles
    assert index.select_one(".sr-me").get_text(strip=True) == "Jane Q. Doe"
    # Dated sections become timelines: the ambiguous date decided from the file, the two-digit year, "(now)".
    times = [t["datetime"] for t in index.select(".sr-timeline time")]
    assert "2021-04-03" in times and "2020-05-13" in times and "2018-05" in times
    assert "2019-06" in times and "2015-09" in times and "2019-06" in times
    text = index.get_text(" ")
    assert "role-like text {raw}" in text and "% this line is not a MyST comment" in text
    assert index.select_one(".sr-badge") is not None
    assert index.find("b", string="bold") is None  # a {raw} role in imported text is text, not HTML
    assert (built.outdir / "_images").is_dir() or list(built.outdir.rglob("me.png"))
    nav = [a.get_text(strip=True) for a in index.select("nav a")]
    assert any("中文主页" in n for n in nav)


def test_acadhomepage_report_names_what_was_left_out(tmp_path: Path) -> None:
    out = imported(tmp_path, ACADHOMEPAGE)
    assert has_line(out, "_pages/about.md:7", "Liquid", "if")
    assert has_line(out, "_pages/about.md:51", "script", "visitor map")
    assert has_line(out, "_pages/about.md:52", "images/missing.png")
    assert has_line(out, "_pages/about.md:24", "citation count")
    assert has_line(out, "_pages/about.md:40", "03/04/2021", "day first", "2021-04-03", "13/05/2020")
    assert has_line(out, "_pages/about.md:48", "two-digit", "2018")
    assert has_line(out, "_pages/about.md:14", "badge", "license")
    assert has_line(out, "_pages/about.md:44", "now", "ongoing")
    # The news came from an included file: the report names that file.
    assert any("_pages/includes/news.md:1" in line for line in report_lines(out))


# ---- academicpages ---------------------------------------------------------------------------


def test_academicpages_pages_publications_talks_teaching(tmp_path: Path) -> None:
    out = imported(tmp_path, ACADEMICPAGES)
    built = built_clean(out)
    # The navigation order of _data/navigation.yml (the blog is not in it: last).
    nav = [a.get_text(strip=True) for a in built.soup().select("nav a")]
    wanted = ["CV", "Publications", "Talks", "Teaching"]
    assert [n for n in nav if n in wanted] == wanted
    pubs = built.soup("publications").select(".sr-publication")
    assert len(pubs) == 4  # three from _publications/, one only in the spreadsheet
    keys = bib_keys(out)
    assert "doe2024sparse" in keys and "doe2024sparse-2" in keys
    talks = [t["datetime"] for t in built.soup("talks").select(".sr-timeline time")]
    assert talks == ["2023-11-09", "2022-06-01"]
    assert len(built.soup("teaching").select(".sr-timeline li")) == 1
    cv = built.soup("cv")
    assert len(cv.select(".sr-publication")) == 4 and len(cv.select(".sr-timeline time")) == 2
    # The paper's PDF on the old site is copied into the new one.
    assert list(built.outdir.glob("_downloads/*/paper1.pdf"))
    home = built.soup()
    assert home.find("a", string="bad link") is None and "bad link" in home.get_text()
    assert home.select_one("iframe") is None
    assert has_line(out, "_pages/about.md:13", "unsafe URL")
    assert has_line(out, "_pages/about.md:14", "iframe")
    assert has_line(out, "_publications/2024-06-01-sparse-two.md:1", "doe2024sparse", "doe2024sparse-2")
    assert not any("base_path" in line for line in report_lines(out))  # it only sets a URL prefix


# ---- al-folio --------------------------------------------------------------------------------


def test_alfolio_news_bibliography_cv(tmp_path: Path) -> None:
    out = imported(tmp_path, ALFOLIO)
    built = built_clean(out)
    # Dates as written: 23:59 at -04:00 is still 22 October (PyYAML would move it to UTC).
    assert news_dates(built, "news") == ["2016-01-15", "2015-10-22", "2014-03-02"]
    news = built.soup("news")
    assert "✨" in news.get_text()
    assert news.select_one(".sr-news a[href$='announcement-2.html']") is not None
    assert [li.get_text(strip=True) for li in built.soup("news/announcement-2").select("li")][-2:] == ["one", "two"]
    assert len(built.soup().select(".sr-recent-news li")) == 3
    assert len(built.soup().select(".sr-publication")) == 1  # selected papers
    keys = bib_keys(out)
    assert keys == ["doe2024sparse", "doe2024sparse-2", "doe2023dense"]
    pubs = built.soup("publications")
    assert len(pubs.select(".sr-publication")) == 3
    assert list(built.outdir.glob("_downloads/*/sparse.pdf"))
    nav = [a.get_text(strip=True) for a in built.soup().select("nav a")]
    assert [n for n in nav if n in ("Publications", "Teaching", "CV")] == ["Publications", "Teaching", "CV"]
    cv = built.soup("cv")
    assert [t["datetime"] for t in cv.select(".sr-timeline time")][:1] == ["2021"]
    assert has_line(out, "_bibliography/papers.bib:19", "doe2024sparse-2")
    assert has_line(out, "_bibliography/papers.bib:35", "repeats the same paper")
    assert has_line(out, "_bibliography/papers.bib:27", "missing.pdf")
    assert has_line(out, "_pages/teaching.md:8", "stars")
    conf = (out / "conf.py").read_text(encoding="utf-8")
    assert "'scholar': 'ABCDEFG'" in conf and "'github': 'janedoe'" in conf
    # al-folio's co-authors are read as they are: Maria Rossi links to her site in every list.
    assert "researcher_people = 'files/data/coauthors.yml'" in conf, conf
    rossi = [a for a in pubs.select("a.sr-person-link") if a.get_text() == "Maria Rossi"]
    assert rossi and all(a["href"] == "https://example.org/rossi" for a in rossi), rossi


# ---- the shared real inputs ------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not JEKYLL.is_dir(), reason="shared data not present")


@needs_shared
def test_shared_academicpages(tmp_path: Path) -> None:
    out = imported(tmp_path, JEKYLL / "academicpages")
    built = built_clean(out)
    assert len(built.soup("publications").select(".sr-publication")) == 5
    assert len(built.soup("talks").select(".sr-timeline li")) == 4
    assert len(built.soup("teaching").select(".sr-timeline li")) == 2
    assert has_line(out, "_pages/about.md:52", "editing-talk.png")


@needs_shared
def test_shared_acadhomepage(tmp_path: Path) -> None:
    out = imported(tmp_path, JEKYLL / "acad-homepage")
    built = built_clean(out)
    assert news_dates(built) == ["2022-02", "2022-02"]
    assert len(built.soup().select(".sr-publication")) == 2
    assert len(built.soup().select(".sr-timeline")) == 4
    assert has_line(out, "_pages/about.md:11", "Liquid")
    assert has_line(out, "_pages/about.md:22", "dynamic badge")


@needs_shared
def test_shared_alfolio_report_lines_and_missing_bibliography(tmp_path: Path) -> None:
    """The report names each front-matter field at its own line (nested ones too), and the
    bibliography _config.yml names but the source lacks."""
    out = imported(tmp_path, JEKYLL / "al-folio")
    built_clean(out)
    assert has_line(out, "_pages/about.md:9", "prof_pic.jpg")
    assert has_line(out, "_pages/about.md:24", "latest blog posts")
    assert has_line(out, "_pages/cv.md:7", "cv_pdf")
    # The people page is made; what its profiles name but the source lacks is named at its line.
    assert has_line(out, "_pages/profiles.md:13", "prof_pic.jpg", "no such file")
    assert has_line(out, "_pages/profiles.md:22", "about_einstein.md", "no such file")
    assert "555 your office number" in (out / "profiles.md").read_text(encoding="utf-8")
    config = (JEKYLL / "al-folio" / "_config.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(config, 1) if text.strip().startswith("bibliography:"))
    assert has_line(out, f"_config.yml:{line}", "_bibliography/papers.bib", "no publication lists")


@needs_shared
@pytest.mark.parametrize("bib", ["al-folio_demo_papers.bib", "al-folio_chenxiqiu_papers.bib"])
def test_shared_alfolio_with_real_bibliographies(tmp_path: Path, bib: str) -> None:
    source = tmp_path / "al-folio"
    shutil.copytree(JEKYLL / "al-folio", source)
    (source / "_bibliography").mkdir()
    shutil.copy(BIB / bib, source / "_bibliography" / "papers.bib")
    out = imported(tmp_path, source)
    built = built_clean(out)
    expected = {"al-folio_demo_papers.bib": 9, "al-folio_chenxiqiu_papers.bib": 60}[bib]
    assert len(bib_keys(out)) == expected
    assert len(built.soup("publications").select(".sr-publication")) == expected
    assert news_dates(built, "news") == ["2016-01-15", "2015-11-07", "2015-10-22"]


@needs_shared
def test_shared_big_bibliography_with_repeated_keys(tmp_path: Path) -> None:
    """548 entries, 4 repeated keys (one a different paper), syntax errors: every paper kept once."""
    source = tmp_path / "al-folio"
    shutil.copytree(JEKYLL / "al-folio", source)
    (source / "_bibliography").mkdir()
    shutil.copy(BIB / "isle_pubs_hasegawa-johnson.bib", source / "_bibliography" / "papers.bib")
    out = imported(tmp_path, source)
    keys = bib_keys(out)
    # 548 entries: 3 repeats of the same paper left out, one other paper renamed, one with no field at all
    assert len(keys) == len({k.lower() for k in keys}) == 544
    assert "chan2022speech-2" in keys
    assert has_line(out, "_bibliography/papers.bib:5413", "chan2022speech-2")
    assert has_line(out, "_bibliography/papers.bib:184", "syntax error")


# ---- escaping ----------------------------------------------------------------------------------


def test_imported_text_cannot_inject_markup(tmp_path: Path) -> None:
    files = dict(ACADHOMEPAGE)
    files["_pages/about.md"] = """\
        ---
        permalink: /
        ---

        Text with <script>alert(1)</script> and &lt;b&gt;escaped&lt;/b&gt; and <img src=x onerror=alert(1)>.

        ```{raw} html
        <b>fenced raw</b>
        ```

        (target)=
        {eval-rst}`x` :::{note}

        # 🔥 News
        - *2022.02*: <a href="javascript:alert(1)">click</a> <b onclick="x()">bold</b>
        """
    out = imported(tmp_path, files)
    built = built_clean(out)
    html = built.html()
    assert "alert(1)" not in html
    assert "<b>fenced raw</b>" not in html and "&lt;b&gt;fenced raw&lt;/b&gt;" in html
    assert "<b>escaped</b>" not in html and "&lt;b&gt;escaped&lt;/b&gt;" in html
    assert "javascript:" not in html and "onclick" not in html and "onerror" not in html
    assert news_dates(built) == ["2022-02"]
    assert has_line(out, "_pages/about.md:5", "script")


def test_acadhomepage_assembled_from_includes(tmp_path: Path) -> None:
    from import_fixtures import ACADHOMEPAGE_INCLUDES

    out = imported(tmp_path, ACADHOMEPAGE_INCLUDES)
    built = built_clean(out)
    assert news_dates(built) == ["2024-05", "2023-10"]
    index = built.soup()
    # One list per sub-heading of the publications section, in the source's groups.
    groups = [h.get_text(strip=True) for h in index.select("h3")]
    assert any("Speech Synthesis" in g for g in groups) and any("Generative Models" in g for g in groups)
    assert len(index.select(".sr-publication")) == 3
    fastx = next(p for p in index.select(".sr-publication") if "FastX" in p.get_text())
    assert fastx.select_one(".sr-me").get_text(strip=True).startswith("Wei Zhang")  # the bold name in the box
    assert fastx.select(".sr-equal") and fastx.select(".sr-corresponding")  # <sup>*</sup>, <sup>&dagger;</sup>
    assert fastx.select_one(".sr-pub-links a[href='https://github.com/weizhang/fastx']") is not None
    assert index.select_one("table") is not None
    assert has_line(out, "_pages/includes/pub.md:4", "stars")
    assert has_line(out, "_pages/includes/others.md:4", "clustrmaps")
    assert has_line(out, "_pages/about.md:14", "gone.md", "missing")
    conf = (out / "conf.py").read_text(encoding="utf-8")
    assert "researcher_name_variants = ['Wei Zhang', 'W. Zhang']" in conf


def test_acadhomepage_language_page_at_the_top_of_the_repository(tmp_path: Path) -> None:
    files = dict(ACADHOMEPAGE)
    files["zh.md"] = files.pop("_pages/about-zh.md")
    files["README.md"] = "# Not a page\n"
    out = imported(tmp_path, files)
    built = built_clean(out)
    assert news_dates(built, "zh") == ["2024-06-30", "2022-02"]
    assert not (out / "readme.md").exists() and not (out / "README.md").exists()
