"""The example site builds clean, uses every directive, and its home page loads nothing from elsewhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_build

EXAMPLE = ROOT / "example_site"
LOADING = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
           "audio": "src", "embed": "src", "object": "data"}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    srcdir = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    return srcdir


def _external_loads(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for name, attr in LOADING.items():
        for element in soup.find_all(name):
            if name == "link" and not {"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(
                element.get("rel", [])
            ):
                continue
            for value in [element.get(attr, ""), *element.get("srcset", "").split(",")]:
                if re.match(r"\s*(https?:)?//", value or ""):
                    found.append(f"<{name} {attr}={value}>")
    found += re.findall(r"@import\s+url\((?:https?:)?//[^)]*\)", html)
    return found


def test_example_site_html(example: Path) -> None:
    built = run_build(example, "html")
    assert built.warning_lines() == [], built.warnings
    index = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert _external_loads(index) == []
    soup = BeautifulSoup(index, "html.parser")
    for hook in ("sr-profile", "sr-news", "sr-news-item", "sr-date", "sr-publication", "sr-pub-title", "sr-pub-authors",
                 "sr-author", "sr-me", "sr-equal", "sr-corresponding", "sr-pub-venue", "sr-pub-links", "sr-pub-tldr",
                 "sr-abstract", "sr-bibtex", "sr-badge", "sr-timeline"):
        assert soup.select(f".{hook}"), hook
    assert soup.select_one(".sr-recent-news li.sr-news-item a[href^='news.html#']") is not None
    news = BeautifulSoup((built.outdir / "news.html").read_text(encoding="utf-8"), "html.parser")
    assert news.select_one(".sr-news details.sr-news-older") is not None
    assert (built.outdir / "news.xml").is_file()
    for css in built.outdir.glob("_static/*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css.name
    cv = BeautifulSoup((built.outdir / "cv.html").read_text(encoding="utf-8"), "html.parser")
    assert len(cv.select("ul.sr-timeline")) >= 5


def test_example_site_latex(example: Path) -> None:
    built = run_build(example, "latex")
    assert built.warning_lines() == [], built.warnings
