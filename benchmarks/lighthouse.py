"""Lighthouse on the example site's home page, served from 127.0.0.1 (not a test: a measurement).

    bash .ci/install_web_tools.sh --with-lighthouse
    python benchmarks/lighthouse.py [--runs 3] [--preset mobile|desktop] [--page index.html]

Prints the four category scores (median over the runs) and the page's total byte weight as
Lighthouse counts it, transferred from the local server. Lighthouse 12 runs on Node 20; it
drives Debian's chromium (CHROME_PATH) with the flags this closed network needs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from web_tools import CHROMIUM, CHROMIUM_ARGS, TOOLS, serve  # noqa: E402

LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build_example(outdir: Path) -> None:
    srcdir = outdir.parent / "example_site"
    shutil.copytree(ROOT / "example_site", srcdir, ignore=shutil.ignore_patterns("_build"))
    subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(srcdir), str(outdir)], check=True)


def run_lighthouse(url: str, preset: str, report: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--page", default="index.html")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE} is missing: run `bash .ci/install_web_tools.sh --with-lighthouse`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "html"
        build_example(outdir)
        scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
        weights = []
        with serve(outdir) as base:
            for run in range(args.runs):
                result = run_lighthouse(base + args.page, args.preset, Path(tmp) / f"report{run}.json")
                for category in CATEGORIES:
                    scores[category].append(100 * result["categories"][category]["score"])
                weights.append(result["audits"]["total-byte-weight"]["numericValue"])
    medians = {c: statistics.median(v) for c, v in scores.items()}
    print(f"lighthouse {args.preset}, {args.page}, median of {args.runs}: "
          + " ".join(f"{c}={medians[c]:.0f}" for c in CATEGORIES)
          + f" total-byte-weight={statistics.median(weights) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
