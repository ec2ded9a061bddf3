"""sitemap.xml (every page and every per-paper page) and robots.txt pointing at it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bib_fixtures import project

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOME = "# Home\n\n```{publications}\n:filter: selected\n```\n\n```{toctree}\npapers\n```\n"
PAPERS = "# Papers\n\n```{publications}\n```\n"


def _locs(built) -> list[str]:
    root = ET.fromstring((built.outdir / "sitemap.xml").read_bytes())
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_every_page_and_robots_allows_crawlers(build) -> None:
    built = build(project({"index.md": HOME, "papers.md": PAPERS}))
    locs = _locs(built)
    assert "https://jane.example.org/index.html" in locs and "https://jane.example.org/papers.html" in locs
    pages = sorted((built.outdir / "pub").glob("*.html"))
    assert pages and all(f"https://jane.example.org/pub/{p.name}" in locs for p in pages)
    assert len(locs) == 2 + len(pages)
    robots = built.text("robots.txt")
    assert "User-agent: *" in robots and "Allow: /" in robots and "Disallow: /" not in robots
    assert "Sitemap: https://jane.example.org/sitemap.xml" in robots


def test_dirhtml_sitemap_uses_folder_urls(build) -> None:
    built = build(project({"index.md": HOME, "papers.md": PAPERS}), "dirhtml")
    locs = _locs(built)
    assert "https://jane.example.org/" in locs and "https://jane.example.org/papers/" in locs
    assert "https://jane.example.org/pub/doe2024sparse/" in locs


def test_no_sitemap_without_baseurl_or_when_off_and_user_robots_kept(build) -> None:
    conf = 'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\n'
    bare = build({"conf.py": conf, "index.md": "# Home\n"})
    assert not (bare.outdir / "sitemap.xml").exists() and not (bare.outdir / "robots.txt").exists()
    off = build({"conf.py": conf + 'html_baseurl = "https://x.org/"\nresearcher_sitemap = False\n', "index.md": "# H\n"})
    assert not (off.outdir / "sitemap.xml").exists()
    own = build({"conf.py": conf + 'html_baseurl = "https://x.org/"\nhtml_extra_path = ["extra"]\n',
                 "extra/robots.txt": "User-agent: *\nDisallow: /private/\n", "index.md": "# H\n"})
    assert own.text("robots.txt") == "User-agent: *\nDisallow: /private/\n"
    assert (own.outdir / "sitemap.xml").is_file()
    assert own.warning_lines() == []


def test_other_builders_write_no_sitemap(build) -> None:
    for name in ("singlehtml", "text", "latex"):
        built = build(project({"index.md": HOME, "papers.md": PAPERS}), name)
        assert not (built.outdir / "sitemap.xml").exists(), name
