"""A site in two languages: one source, Sphinx's gettext catalogs (locale_dirs) for the second,
researcher_languages for the hreflang alternates and the theme's language switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_build

EXAMPLE = ROOT / "example_site"
EN, ZH = "https://jane-doe.example.org/en/", "https://jane-doe.example.org/zh-cn/"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    srcdir = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    return srcdir


def _alternates(soup: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select("head link[rel=alternate][hreflang]")}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_example_site_builds_in_both_languages(example: Path, tmp_path: Path, language: str) -> None:
    built = run_build(example, "html", outdir=tmp_path / f"out-{language}", confoverrides={"language": language})
    assert built.warning_lines() == [], built.warnings
    cv = built.soup("cv")
    tag = "zh-CN" if language == "zh_CN" else "en"
    assert cv.html["lang"] == tag
    # Every page points at itself in each language, and at the English one as x-default.
    assert _alternates(cv) == {"en": EN + "cv.html", "zh-CN": ZH + "cv.html", "x-default": EN + "cv.html"}
    assert _alternates(built.soup("news"))["zh-CN"] == ZH + "news.html"
    # The switch: the current language as text, the other as a link to the same page.
    switch = cv.select_one("header nav.sr-lang")
    assert switch is not None
    current = switch.select_one("[aria-current]")
    others = {a["hreflang"]: a["href"] for a in switch.select("a")}
    if language == "en":
        assert current.get_text() == "English" and others == {"zh-CN": ZH + "cv.html"}
        assert switch["aria-label"] == "Language"
    else:
        assert current.get_text() == "中文" and others == {"en": EN + "cv.html"}
        assert switch["aria-label"] == "语言"
    # The language being built gives the absolute URLs (canonical, feed).
    canonical = cv.select_one("link[rel=canonical]")
    assert canonical is not None and canonical["href"] == (EN if language == "en" else ZH) + "cv.html"
    headings = [h.get_text().rstrip("¶") for h in cv.select("h1, h2")]
    news = built.html("news")
    if language == "en":
        assert headings[:3] == ["CV", "Education", "Positions"]
        assert "May 2024" in news and "Older news" in news
    else:
        # Translated pages, labels of the extension and dates in Chinese; untranslated text stays.
        assert headings[:3] == ["简历", "教育背景", "工作经历"]
        assert "2024年5月" in news and "较早的新闻" in news
        assert "我正在寻找 2025 年夏季的研究实习机会。" in built.html("index")
        assert "The list below is written from" in built.html("publications")  # not translated: English
        assert built.soup("publications").h1.get_text().rstrip("¶") == "论文"


SITE = {
    "index.md": "# Home\n\nHello.\n",
}


def test_no_languages_no_alternates(build) -> None:
    built = build(SITE, confoverrides={"html_theme": "researcher"})
    assert built.warning_lines() == []
    soup = built.soup()
    assert _alternates(soup) == {} and soup.select_one("nav.sr-lang") is None


def test_alternates_under_another_theme_and_bad_urls(build) -> None:
    conf = (
        'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\nlanguage = "de"\n'
        'researcher_languages = {"de": "https://x.example/de", "fr": "javascript:alert(1)", "en": "/en/"}\n'
    )
    built = build({**SITE, "conf.py": conf})
    problems = [line for line in built.warning_lines() if "researcher.config" in line]
    assert len(problems) == 2 and all("conf.py:4" in line for line in problems), built.warnings
    soup = built.soup()
    assert soup.html["lang"] == "de"
    assert _alternates(soup) == {"de": "https://x.example/de/index.html", "x-default": "https://x.example/de/index.html"}
    assert "javascript" not in built.html()
    assert soup.select_one("nav.sr-lang") is None  # the switch is the researcher theme's


def test_singlehtml_names_its_own_page_not_an_anchor_it_lacks(example: Path, tmp_path: Path) -> None:
    # Sphinx's target of a page there is "#document-index", an id the one page does not have.
    built = run_build(example, "singlehtml", outdir=tmp_path / "single")
    soup = built.soup()
    assert soup.select_one("link[rel=canonical]")["href"] == EN
    assert _alternates(soup) == {"en": EN, "zh-CN": ZH, "x-default": EN}
    assert "#document-index" not in (built.outdir / "index.html").read_text(encoding="utf-8")
