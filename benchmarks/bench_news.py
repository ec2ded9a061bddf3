"""How long an incremental build takes after editing one news item, against a clean build.

A site of 200 news items over 10 pages, a home page with ``{recent-news}`` and the Atom
feed on. Not a test: run ``python benchmarks/bench_news.py`` and read the ratio (target
≤ 0.25).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sphinx.application import Sphinx

CONF = """\
extensions = ["sphinx_researcher"]
project = "Bench"
researcher_name = "Jane Q. Doe"
html_baseurl = "https://jane.example.org/"
researcher_news_feed = "news.xml"
"""


def news_page(page: int, items: int, edited: bool = False) -> str:
    lines = [f"# News {page}", "", "```{news}", ":limit: 5", ""]
    for n in range(items):
        year, month, day = 2010 + (page + n) % 15, 1 + n % 12, 1 + (page * 7 + n) % 28
        text = "An **edited** item" if edited and n == 0 else f"Item {n} of page {page}"
        lines.append(f"- {year}-{month:02d}-{day:02d}: {text}, see [home](index.md) and *more*.")
    lines.append("```")
    return "\n".join(lines) + "\n"


def write_site(srcdir: Path, pages: int, items: int) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    toctree = "\n".join(f"news{p}" for p in range(pages))
    index = f"# Home\n\n```{{recent-news}}\n:limit: 10\n:archive: news0\n```\n\n```{{toctree}}\n{toctree}\n```\n"
    (srcdir / "index.md").write_text(index, encoding="utf-8")
    for page in range(pages):
        (srcdir / f"news{page}.md").write_text(news_page(page, items // pages), encoding="utf-8")


def timed_build(srcdir: Path, outdir: Path) -> float:
    start = time.perf_counter()
    app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", "html", status=None, warning=None)
    app.build()
    return time.perf_counter() - start


def run_once(root: Path, pages: int, items: int) -> tuple[float, float, float]:
    srcdir, outdir = root / "src", root / "out"
    write_site(srcdir, pages, items)
    clean = timed_build(srcdir, outdir)
    edited = srcdir / f"news{pages // 2}.md"
    edited.write_text(news_page(pages // 2, items // pages, edited=True), encoding="utf-8")
    incremental = timed_build(srcdir, outdir)
    html = (outdir / "index.html").read_text(encoding="utf-8")
    feed = (outdir / "news.xml").read_text(encoding="utf-8")
    assert "edited" in feed and html.count("sr-news-item") == 10
    unchanged = timed_build(srcdir, outdir)  # Sphinx's own floor: nothing to read or write
    return clean, incremental, unchanged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run_once(Path(tmp), args.pages, args.items)  # warm-up: imports are not what we measure
    results = []
    for _run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run_once(Path(tmp), args.pages, args.items))
    clean = min(r[0] for r in results)
    incremental = min(r[1] for r in results)
    unchanged = min(r[2] for r in results)
    print(f"{args.items} news items over {args.pages} pages, best of {args.runs} runs (noise only ever slows a run)")
    print(f"clean build:        {clean:.2f} s")
    print(f"incremental build:  {incremental:.2f} s (one news item edited)")
    print(f"no-change build:    {unchanged:.2f} s (the floor: start-up, static files, index pages)")
    print(f"ratio:              {incremental / clean:.2f} (target <= 0.25; floor {unchanged / clean:.2f})")


if __name__ == "__main__":
    main()
