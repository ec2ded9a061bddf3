"""How fast is a 2000-entry publication list? (a benchmark, not a test: it prints, never asserts)

    python benchmarks/bench_publications.py [--runs 3] [--entries 2000] [--bib FILE] [--profile DIR]
                                            [--before DIR] [--tmpdir DIR]

Builds the same references side by side in one run, interleaved, each build in a fresh
process (imports included, as a user pays them, from a byte-compiled copy of the package as
``pip install`` leaves it: ``_installed.py``) and, for clean builds, a fresh output folder:
  plain   a MyST page of the references as pybtex's ``plain`` style renders them to text,
          one numbered item each, no inline markup: the floor a hand-written page sets
  ours    {publications} (per-paper pages off)
  pages   {publications} with the 2000 per-paper pages on
  scb     sphinxcontrib-bibtex ``{bibliography} :all:`` (only if it is installed)
then a no-change rebuild of each. Prints medians, peak memory (max RSS of the build
process) and the ratios the project aims at (issue 14), each the median of the runs' own
ratios (the builds of one run are minutes apart at most, so drift moves both), and where each
clean build's CPU time went, phase by phase (from Sphinx's events: no profiler slows it):
  clean list build <= 1.0 x plain;  no-change rebuild <= 1.2 x plain's;
  per-paper pages <= 2 x the list build;  peak memory <= 1.2 x plain's.
The bib comes from ``../shared/tools/gen_bib.py`` (seed 42), found relative to this
repository, unless --bib is given. --profile DIR writes cProfile data of one clean and one
no-change build of ours, and one clean build with per-paper pages, there (read them with
``python -m pstats``). --before DIR also builds ours and pages with the package found in DIR
(e.g. ``git archive main sphinx_researcher | tar -x -C DIR``), interleaved in the same run, so a
change is measured before and after on the same machine load.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _installed import environment, installed_copy

REPO = Path(__file__).resolve().parents[1]
GEN_BIB = REPO.parent / "shared" / "tools" / "gen_bib.py"

OURS_CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["refs.bib"]
researcher_publication_pages = {pages}
html_baseurl = "https://example.org/"
suppress_warnings = ["researcher"]
"""
OURS_PAGE = "# Publications\n\n```{publications}\n:group-by: year\n```\n"
SCB_CONF = 'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n'
SCB_PAGE = "# Publications\n\n```{bibliography}\n:all:\n```\n"
PLAIN_CONF = 'extensions = ["myst_parser"]\n'

# Run inside the build process: Sphinx's own main, then on stderr's last line the peak memory
# and the CPU time at each phase boundary (read from Sphinx's events, so no profiler slows it).
RUNNER = """\
import json, resource, sys, time
import sphinx.application
from sphinx.cmd.build import main
marks = {}
def mark(name):
    def handler(*args):  # returns None: what some events' handlers return is used
        marks.setdefault(name, time.process_time())
    return handler
init = sphinx.application.Sphinx.__init__
def traced_init(app, *args, **kwargs):
    marks["started"] = time.process_time()  # Python, Sphinx and the build's own imports done
    app_connect = sphinx.application.Sphinx.connect
    init(app, *args, **kwargs)  # extensions set up, config read
    marks["set up"] = time.process_time()
    for event, name, priority in (("env-before-read-docs", "read begins", 1), ("env-before-read-docs", "bib", 999),
                                  ("env-updated", "read", 1), ("write-started", "write begins", 1),
                                  ("build-finished", "written", 1)):
        app_connect(app, event, mark(name), priority=priority)
sphinx.application.Sphinx.__init__ = traced_init
code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"rc": code, "maxrss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
                  "marks": marks, "end": time.process_time()}), file=sys.stderr)
sys.exit(code)
"""
# Phases of a clean build, each from one mark of RUNNER to the next (a missing mark: 0 s).
PHASES = (
    ("start-up", None, "started"),
    ("set-up", "started", "set up"),
    ("bibliography", "read begins", "bib"),
    ("reading", "bib", "read"),
    ("writing", "write begins", "written"),
    ("rest", None, None),
)
PROFILER = """\
import cProfile, sys
from sphinx.cmd.build import main
out, argv = sys.argv[1], sys.argv[2:]
cProfile.run("main(argv)", out)
"""


def escape_markdown(text: str) -> str:
    """Plain text kept plain: characters MyST would read as markup are escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>{}$#|~" else c for c in text)


def plain_page(bib: Path) -> str:
    """The references as pybtex's ``plain`` style renders them to text, one numbered item each."""
    import pybtex.errors
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    pybtex.errors.set_strict_mode(False)
    data = parse_file(str(bib))
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    lines = ["# Publications", ""]
    for number, entry in enumerate(style.format_entries(data.entries.values()), 1):
        text = " ".join(entry.text.render(backend).split())
        lines.append(f"{number}. {escape_markdown(text)}")
    return "\n".join(lines) + "\n"


def make_project(root: Path, name: str, conf: str, page: str, bib: Path) -> Path:
    src = root / name / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    shutil.copy(bib, src / "refs.bib")
    return src


def build(src: Path, clean: bool, jobs: int = 1, path: Path | None = None, run: int = 0,
          phases: dict[str, list[float]] | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak MiB, CPU seconds) of one build in a fresh process (importing the
    package from ``path`` first when given); each phase's CPU seconds appended to ``phases``."""
    # A folder of its own for each run's clean build: deleting the last run's thousands of files
    # just before would make the disk's discards slow this build's file creation.
    out = src.parent / f"out{run}"
    if clean and out.exists():
        shutil.rmtree(out)
    argv = ["-b", "html", "-q", "-j", str(jobs), "-d", str(out / ".doctrees"), str(src), str(out)]
    start = time.perf_counter()
    env = environment(path)
    # cwd: with -c the working directory comes first on sys.path, so run from the repository it
    # would shadow the package on PYTHONPATH (--before measured the checkout twice).
    result = subprocess.run([sys.executable, "-c", RUNNER, *argv], capture_output=True, text=True, env=env,
                            cwd=src.parent)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{result.stderr[-2000:]}")
    report = json.loads(result.stderr.strip().splitlines()[-1])
    if phases is not None:
        marks, spent = report["marks"], 0.0
        for name, start, end in PHASES:
            if name == "rest":
                seconds = report["end"] - spent
            else:
                seconds = marks.get(end, 0.0) - (marks.get(start, 0.0) if start else 0.0) if end in marks else 0.0
            phases.setdefault(name, []).append(max(seconds, 0.0))
            spent += max(seconds, 0.0)
    return elapsed, report["maxrss_kib"] / 1024, report["cpu"]


def profile(src: Path, pages: Path, into: Path, package: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    env = environment(package)
    for label, project in (("clean", src), ("nochange", src), ("pages", pages)):
        out = project.parent / "out-profile"
        if label != "nochange":
            shutil.rmtree(out, ignore_errors=True)
        argv = ["-b", "html", "-q", "-d", str(out / ".doctrees"), str(project), str(out)]
        subprocess.run([sys.executable, "-c", PROFILER, str(into.resolve() / f"{label}.prof"), *argv], check=True,
                       env=env, cwd=project.parent)  # not from the repository: see build()
    print(f"profiles written to {into}/clean.prof, nochange.prof and pages.prof")


def generate_bib(path: Path, entries: int) -> None:
    if not GEN_BIB.is_file():
        raise SystemExit(f"{GEN_BIB} not found: pass --bib FILE")
    subprocess.run([sys.executable, str(GEN_BIB), "-n", str(entries), "--seed", "42", "-o", str(path)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--bib", type=Path)
    parser.add_argument("--no-scb", action="store_true", help="skip sphinxcontrib-bibtex even if installed")
    parser.add_argument("--profile", type=Path, metavar="DIR")
    parser.add_argument("--before", type=Path, metavar="DIR", help="also build ours and pages with the package in DIR")
    parser.add_argument("--tmpdir", type=Path, metavar="DIR",
                        help="build in DIR (e.g. /dev/shm: on a shared disk, creating the 8000 files of the per-paper"
                             " pages costs 20-250 µs of kernel time each, whatever the code does)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sr-bench-", dir=args.tmpdir) as tmp:
        root = Path(tmp)
        bib = args.bib or root / "refs.bib"
        if not args.bib:
            generate_bib(bib, args.entries)
        projects = {
            "plain": make_project(root, "plain", PLAIN_CONF, plain_page(bib), bib),
            "ours": make_project(root, "ours", OURS_CONF.format(pages=False), OURS_PAGE, bib),
            "pages": make_project(root, "pages", OURS_CONF.format(pages=True), OURS_PAGE, bib),
        }
        if not args.no_scb and importlib.util.find_spec("sphinxcontrib.bibtex") is not None:
            projects["scb"] = make_project(root, "scb", SCB_CONF, SCB_PAGE, bib)
        package = installed_copy(REPO / "sphinx_researcher", root / "site")
        paths: dict[str, Path | None] = dict.fromkeys(projects)
        paths["ours"] = paths["pages"] = package
        if args.before:
            before = installed_copy(args.before.resolve() / "sphinx_researcher", root / "site-before")
            for name in ("ours", "pages"):
                projects[f"{name}@before"] = make_project(root, f"{name}-before", OURS_CONF.format(
                    pages=name == "pages"), OURS_PAGE, bib)
                paths[f"{name}@before"] = before
        if args.profile:
            profile(projects["ours"], projects["pages"], args.profile, package)
        clean: dict[str, list[float]] = {name: [] for name in projects}
        rebuild: dict[str, list[float]] = {name: [] for name in projects}
        memory: dict[str, list[float]] = {name: [] for name in projects}
        cpu: dict[str, list[float]] = {name: [] for name in projects}
        cpu_re: dict[str, list[float]] = {name: [] for name in projects}
        phases: dict[str, dict[str, list[float]]] = {name: {} for name in projects}
        for run in range(args.runs):
            for name, src in projects.items():  # interleaved, so drift on a shared machine hits all alike
                seconds, mib, cpu_seconds = build(src, clean=True, path=paths.get(name), run=run, phases=phases[name])
                clean[name].append(seconds)
                memory[name].append(mib)
                cpu[name].append(cpu_seconds)
                again, _mib, cpu_again = build(src, clean=False, path=paths.get(name), run=run)
                rebuild[name].append(again)
                cpu_re[name].append(cpu_again)
            print(f"run {run + 1}: " + "  ".join(f"{n} {clean[n][-1]:.2f}s/{rebuild[n][-1]:.2f}s" for n in projects),
                  flush=True)

    med = {name: statistics.median(times) for name, times in clean.items()}
    med_re = {name: statistics.median(times) for name, times in rebuild.items()}
    mem = {name: statistics.median(values) for name, values in memory.items()}
    med_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    med_cpu_re = {name: statistics.median(values) for name, values in cpu_re.items()}
    print(f"\nmedian of {args.runs} runs, {args.entries} entries, -j 1 (wall time; CPU time of the process in brackets,"
          " steadier on a shared machine):")
    print(f"  {'build':13s} {'clean':>16s} {'no-change':>16s} {'peak RSS':>10s}")
    for name in projects:
        print(f"  {name:13s} {med[name]:6.2f}s ({med_cpu[name]:5.2f}s) {med_re[name]:6.2f}s ({med_cpu_re[name]:5.2f}s)"
              f" {mem[name]:7.1f} MiB")
    def ratio(a: str, b: str, wall: dict[str, list[float]], cpu_times: dict[str, list[float]]) -> tuple[float, float]:
        """Median of the per-run ratios: the two builds of a run ran minutes apart at most, so a
        machine that slows down for a while moves both (a ratio of medians would not pair them)."""
        return (statistics.median(x / y for x, y in zip(wall[a], wall[b], strict=True)),
                statistics.median(x / y for x, y in zip(cpu_times[a], cpu_times[b], strict=True)))

    def rows_for(ours: str, pages: str, prefix: str = "") -> list[tuple[str, float, float, float]]:
        peak = statistics.median(x / y for x, y in zip(memory[ours], memory["plain"], strict=True))
        return [
            (f"{prefix}clean list build, ours / plain", *ratio(ours, "plain", clean, cpu), 1.0),
            (f"{prefix}no-change rebuild, ours / plain", *ratio(ours, "plain", rebuild, cpu_re), 1.2),
            (f"{prefix}{args.entries} per-paper pages / list build", *ratio(pages, ours, clean, cpu), 2.0),
            (f"{prefix}peak memory, ours / plain", peak, peak, 1.2),
        ]

    rows = rows_for("ours", "pages")
    if "scb" in projects:
        rows.append(("clean list build, ours / sphinxcontrib-bibtex", *ratio("ours", "scb", clean, cpu), 0.35))
    if args.before:
        rows += rows_for("ours@before", "pages@before", "before: ")
    print("\nwhere a clean build's CPU time went (seconds, medians; start-up: Python, Sphinx and the imports"
          " before the build; set-up: extensions, config, theme and the saved environment;"
          " bibliography: the .bib parsed into models;"
          " rest: the environment saved, static files, the search index):")
    names = [name for name, _start, _end in PHASES]
    print(f"  {'build':13s} " + " ".join(f"{n:>12s}" for n in names))
    for project in projects:
        print(f"  {project:13s} " + " ".join(f"{statistics.median(phases[project][n]):12.2f}" for n in names))
    print("\nratios, the median of each run's own (wall (CPU), target):")
    for label, ratio, cpu_ratio, target in rows:
        verdict = "ok" if ratio <= target else "MISSED"
        print(f"  {label:50s} {ratio:5.2f} ({cpu_ratio:5.2f})  (<= {target})  {verdict}")


if __name__ == "__main__":
    main()
