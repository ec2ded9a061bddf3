"""al-folio inputs the import used to get wrong: code fences in news, LaTeX accents in papers.bib,
unsafe or empty URLs in _data/, odd _config.yml values, ``&`` in plain profile values, URLs with
parentheses, news files of the same name, Windows-1252 text, co-author links to the old site."""

from __future__ import annotations

from pathlib import Path

from conftest import Built, run_build
from import_fixtures import write_site

from sphinx_researcher.cli import main

CONFIG = "first_name: Anna\nlast_name: Muller\nscholar:\n  last_name: [Muller]\n  first_name: [Anna]\n"
ABOUT = "---\nlayout: about\n---\nHome\n"


def imported(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Path, str]:
    source = write_site(tmp_path / "src", {"_config.yml": CONFIG, "_pages/about.md": ABOUT, **files})
    out = tmp_path / "out"
    assert main(["import", "--quiet", str(source), str(out)]) == 0
    return out, (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")


def built_clean(out: Path) -> Built:
    built = run_build(out, "html")
    assert built.warning_lines() == [], built.warnings
    return built


def test_code_fence_in_a_news_item_stays_code(tmp_path: Path) -> None:
    out, _report = imported(tmp_path, {
        "_news/a.md": "---\ndate: 2024-01-01\ninline: true\n---\n```html\n<script src=\"https://w.example.org/w.js\">"
                      "</script><img src=x onerror=alert(1)>\n```\n",
        "_news/b.md": "---\ndate: 2023-01-01\ninline: true\n---\nRun this:\n\n````\n```\nnested\n```\n````\n",
    })
    built = built_clean(out)
    news = built.soup("news")
    assert news.find("script", src=lambda s: "example.org" in (s or "")) is None
    assert news.find("img", attrs={"onerror": True}) is None
    items = news.select(".sr-news-item")
    assert len(items) == 2
    assert "onerror=alert(1)" in items[0].select_one("pre").get_text()
    assert items[1].select_one("pre").get_text().split() == ["```", "nested", "```"]
