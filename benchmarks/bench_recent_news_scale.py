"""Does ``{recent-news}`` scale linearly with the number of pages that show it?

N pages, each with a ``{news}`` of two items and a ``{recent-news}`` of the newest five of the
whole site (so the news grows with the pages too). Not a test: run
``python benchmarks/bench_recent_news_scale.py`` and read the ratio of the clean build of 1000
pages to that of 250 (target <= 4.8; 4.0 is perfectly linear). The pages are orphans, in no
toctree, so the theme's navigation (Sphinx's own cost, pages x toctree) does not hide ours.
It also times an incremental build after editing the oldest item, which no page shows.
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
"""


def page(n: int, edited: bool = False) -> str:
    year, month = 2000 + n % 25, 1 + n % 12
    oldest = "The oldest item, edited" if edited else "The oldest item"
    first = f"- 1990-01: {oldest}.\n" if n == 0 else f"- {year}-{month:02d}-01: Item one of page {n}, see *this*.\n"
    return (
        "---\norphan: true\n---\n"
        f"# Page {n}\n\n```{{recent-news}}\n:limit: 5\n```\n\n```{{news}}\n"
        f"{first}- {year}-{month:02d}-02: Item two of page {n} with a [link](https://example.org/{n}).\n```\n"
    )


def write_site(srcdir: Path, pages: int) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n\n```{recent-news}\n```\n", encoding="utf-8")
    for n in range(pages):
        (srcdir / f"p{n}.md").write_text(page(n), encoding="utf-8")


def timed_build(srcdir: Path, outdir: Path) -> float:
    """CPU seconds of this process (one core; -j 1): on a shared machine, waiting for a core
    would otherwise count as build time."""
    start = time.process_time()
    app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", "html", status=None, warning=None)
    app.build()
    return time.process_time() - start


def run_once(root: Path, pages: int) -> tuple[float, float]:
    srcdir, outdir = root / "src", root / "out"
    write_site(srcdir, pages)
    clean = timed_build(srcdir, outdir)
    (srcdir / "p0.md").write_text(page(0, edited=True), encoding="utf-8")
    incremental = timed_build(srcdir, outdir)
    return clean, incremental


def best(pages: int, runs: int) -> tuple[float, float]:
    results = []
    for _run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run_once(Path(tmp), pages))
    return min(r[0] for r in results), min(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=250)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run_once(Path(tmp), 20)  # warm-up: imports are not what we measure
    small, small_inc = best(args.small, args.runs)
    large, large_inc = best(args.large, args.runs)
    print(f"{{recent-news}} on every page, CPU seconds, best of {args.runs} runs (noise only ever slows a run)")
    print(f"{args.small:5d} pages: clean {small:6.2f} s, after editing an item no page shows {small_inc:6.2f} s")
    print(f"{args.large:5d} pages: clean {large:6.2f} s, after editing an item no page shows {large_inc:6.2f} s")
    linear = args.large / args.small
    print(f"ratio {args.large}/{args.small}: {large / small:.2f} (target <= 4.8; linear = {linear:.1f})")


if __name__ == "__main__":
    main()
