"""How fast is a 2000-entry publication list? (a benchmark, not a test: it prints, never asserts)

    python benchmarks/bench_publications.py [--runs 3] [--entries 2000] [--bib FILE]

Builds the same references three ways, interleaved, each in a fresh process and output folder:
  ours   {publications} (per-paper pages off)
  scb    sphinxcontrib-bibtex ``{bibliography}`` with ``:all:``
  plain  a MyST page holding the references as a numbered list of text
then a no-change rebuild of ours and of plain, and ours with per-paper pages on. Prints the
medians and the ratios the project aims at: ours <= 0.35 x scb and <= 1.5 x plain; no-change
rebuild <= 1.5 x plain's; per-paper pages on under 10 s for 2000 papers (2-core machine).
The bib comes from /work/shared/tools/gen_bib.py (seed 42) unless --bib is given.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GEN_BIB = Path("/work/shared/tools/gen_bib.py")

OURS_CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["refs.bib"]
researcher_publication_pages = {pages}
html_baseurl = "https://example.org/"
"""
OURS_PAGE = "# Publications\n\n```{publications}\n:group-by: year\n```\n"
SCB_CONF = 'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n'
SCB_PAGE = "# Publications\n\n```{bibliography}\n:all:\n```\n"
PLAIN_CONF = 'extensions = ["myst_parser"]\n'


def plain_page(bib: Path) -> str:
    """The references as text, one numbered item each (what a hand-written page would hold)."""
    from sphinx_researcher.parsing.bibtex import parse_bib_text
    from sphinx_researcher.parsing.latex import latex_to_text

    parsed = parse_bib_text(bib.read_text(encoding="utf-8"), str(bib))
    lines = ["# Publications", ""]
    for number, entry in enumerate(parsed.entries, 1):
        authors = ", ".join(latex_to_text(n) for n in entry.persons.get("author", []))
        venue = entry.fields.get("journal") or entry.fields.get("booktitle") or entry.fields.get("publisher", "")
        text = f"{authors}. *{latex_to_text(entry.fields.get('title', entry.key))}*. {latex_to_text(venue)}, "
        lines.append(f"{number}. {text}{entry.fields.get('year', '')}.".replace("\n", " "))
    return "\n".join(lines) + "\n"


def make_project(root: Path, name: str, conf: str, page: str, bib: Path) -> Path:
    src = root / name / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    shutil.copy(bib, src / "refs.bib")
    return src


def build(src: Path, clean: bool) -> float:
    out = src.parent / "out"
    if clean and out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(out / ".doctrees"), str(src), str(out)],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--bib", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sr-bench-") as tmp:
        root = Path(tmp)
        bib = args.bib or root / "refs.bib"
        if not args.bib:
            subprocess.run([sys.executable, str(GEN_BIB), "-n", str(args.entries), "--seed", "42", "-o", str(bib)],
                           check=True)
        projects = {
            "ours": make_project(root, "ours", OURS_CONF.format(pages=False), OURS_PAGE, bib),
            "scb": make_project(root, "scb", SCB_CONF, SCB_PAGE, bib),
            "plain": make_project(root, "plain", PLAIN_CONF, plain_page(bib), bib),
            "ours+pages": make_project(root, "pages", OURS_CONF.format(pages=True), OURS_PAGE, bib),
        }
        clean: dict[str, list[float]] = {name: [] for name in projects}
        rebuild: dict[str, list[float]] = {name: [] for name in projects}
        for run in range(args.runs):
            for name, src in projects.items():  # interleaved, so drift on a shared machine hits all alike
                clean[name].append(build(src, clean=True))
                rebuild[name].append(build(src, clean=False))
            print(f"run {run + 1}: " + "  ".join(f"{n} {clean[n][-1]:.2f}s/{rebuild[n][-1]:.2f}s" for n in projects),
                  flush=True)

    med = {name: statistics.median(times) for name, times in clean.items()}
    med_re = {name: statistics.median(times) for name, times in rebuild.items()}
    print(f"\nmedian of {args.runs} runs, {args.entries} entries (clean build / no-change rebuild):")
    for name in projects:
        print(f"  {name:11s} {med[name]:6.2f} s  / {med_re[name]:6.2f} s")
    print("\nratios (target):")
    print(f"  ours / sphinxcontrib-bibtex      {med['ours'] / med['scb']:.2f}  (<= 0.35)")
    print(f"  ours / plain page                {med['ours'] / med['plain']:.2f}  (<= 1.5)")
    print(f"  no-change rebuild ours / plain   {med_re['ours'] / med_re['plain']:.2f}  (<= 1.5)")
    print(f"  per-paper pages on, clean build  {med['ours+pages']:.2f} s  (< 10 s)")
    print(f"  per-paper pages on, no-change    {med_re['ours+pages']:.2f} s")


if __name__ == "__main__":
    main()
