"""Does a lab site scale linearly? (a benchmark, not a test: it prints, never asserts)

    python benchmarks/bench_lab.py [--sizes 1000,2000,3000,4000,5000] [--runs 1] [--no-pages] [--tmpdir DIR]

A lab of 20 members (the 20 most frequent authors of the generated .bib, registered in a
people.yml with roles), 300 news items over 10 pages (each naming a member, tagged), a home
page with ``{recent-news}``, a ``{people}`` page, the full list, and one page per member with
``{publications} :filter: person=…`` and ``{recent-news} :filter: person=…``; per-paper pages on
unless --no-pages. Each size is built clean in a fresh process (``-j 1``, the package imported from a
byte-compiled copy as ``pip install`` leaves it: ``_installed.py``), the sizes taking turns run
after run; the curve is printed (wall time, and CPU time split into user time, the build's own
work, and system time, mostly the kernel creating the output files, which depends on the disk)
with the user time of each further 1000 papers, which stays flat when the build is linear.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _installed import environment, installed_copy

REPO = Path(__file__).resolve().parents[1]
GEN_BIB = REPO.parent / "shared" / "tools" / "gen_bib.py"
ROLES = ["pi"] + ["postdoc"] * 4 + ["student"] * 10 + ["alumni"] * 5

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = {pi!r}
researcher_bibtex_files = ["refs.bib"]
researcher_people = "people.yml"
researcher_publication_pages = {pages}
html_baseurl = "https://lab.example.org/"
suppress_warnings = ["researcher"]
"""


def top_authors(bib: Path, count: int) -> list[str]:
    """The ``count`` most frequent author names (display form) of the .bib."""
    from sphinx_researcher.parsing.bibtex import parse_bib_text
    from sphinx_researcher.parsing.names import display_name, split_marks

    parsed = parse_bib_text(bib.read_text(encoding="utf-8"), str(bib))
    names = collections.Counter(
        display_name(split_marks(name).name) for entry in parsed.entries for name in entry.persons.get("author", [])
    )
    return [name for name, _n in names.most_common(count + 5) if name != "et al." and "," not in name][:count]


def write_site(src: Path, bib: Path, pages: bool) -> None:
    src.mkdir(parents=True)
    (src / "refs.bib").write_bytes(bib.read_bytes())
    members = top_authors(bib, 20)
    ids = [f"m{i:02d}" for i in range(len(members))]
    registry = [f"{pid}:\n  name: {name!r}\n  role: {role}\n  page: people/{pid}\n"
                for pid, name, role in zip(ids, members, ROLES, strict=False)]
    (src / "people.yml").write_text("".join(registry), encoding="utf-8")
    (src / "conf.py").write_text(CONF.format(pi=members[0], pages=pages), encoding="utf-8")
    news_pages = []
    for page in range(10):
        lines = [f"# News {page}", "", "```{news}", f":tags: {'award' if page % 3 == 0 else 'talk'}", ""]
        for n in range(30):
            who = members[(page * 30 + n) % len(members)]
            year, month, day = 2015 + (page + n) % 10, 1 + n % 12, 1 + (page * 7 + n) % 28
            lines.append(f"- {year}-{month:02d}-{day:02d}: {who} gives talk {n} of page {page}, see [home](index.md).")
        lines.append("```")
        (src / f"news{page}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        news_pages.append(f"news{page}")
    (src / "people").mkdir()
    for pid, name in zip(ids, members, strict=False):
        (src / "people" / f"{pid}.md").write_text(
            f"---\nresearcher_highlight: {pid}\n---\n# {name}\n\n"
            f"```{{recent-news}}\n:filter: person={pid}\n:limit: 5\n```\n\n"
            f"```{{publications}}\n:filter: person={pid}\n:group-by: year\n```\n",
            encoding="utf-8",
        )
    (src / "people.md").write_text(
        "# People\n\n```{people}\n```\n\n```{toctree}\n:hidden:\n" + "\n".join(f"people/{i}" for i in ids) + "\n```\n",
        encoding="utf-8",
    )
    (src / "publications.md").write_text("# Publications\n\n```{publications}\n:group-by: year\n```\n",
                                         encoding="utf-8")
    toctree = "\n".join(["people", "publications", *news_pages])
    (src / "index.md").write_text(
        "# Lab\n\n```{recent-news}\n:limit: 5\n```\n\n```{publications}\n:limit: 10\n```\n\n"
        f"```{{toctree}}\n{toctree}\n```\n",
        encoding="utf-8",
    )


# Run inside the build process: Sphinx's own main, then its CPU time on stderr's last line.
RUNNER = """\
import resource, sys
from sphinx.cmd.build import main
code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(usage.ru_utime, usage.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def build(src: Path, package: Path) -> tuple[float, float, float]:
    """(wall, user CPU, system CPU) seconds of a clean build in a fresh process, with the
    package imported from ``package`` (a byte-compiled copy, as installed)."""
    out = src.parent / "out"
    env = environment(package)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUNNER, "-b", "html", "-q", "-j", "1", "-d",
                             str(out / ".doctrees"), str(src), str(out)], capture_output=True, text=True, env=env,
                            cwd=src.parent)  # with -c the working directory, if the repository, would come first
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{result.stderr[-2000:]}")
    user, system = result.stderr.strip().splitlines()[-1].split()
    return elapsed, float(user), float(system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2000,3000,4000,5000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-pages", action="store_true", help="per-paper pages off")
    parser.add_argument("--tmpdir", type=Path, metavar="DIR",
                        help="build in DIR (e.g. /dev/shm, to leave the disk out)")
    args = parser.parse_args()
    if not GEN_BIB.is_file():
        raise SystemExit(f"{GEN_BIB} not found")
    sizes = [int(s) for s in args.sizes.split(",")]
    runs: dict[int, list[tuple[float, float, float]]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory(prefix="sr-lab-", dir=args.tmpdir) as tmp:
        root = Path(tmp)
        package = installed_copy(REPO / "sphinx_researcher", root / "site")
        bibs = {}
        for size in sizes:
            bibs[size] = root / f"refs{size}.bib"
            subprocess.run([sys.executable, str(GEN_BIB), "-n", str(size), "--seed", "42", "-o", str(bibs[size])],
                           check=True)
        for run in range(args.runs):  # the sizes take turns: a slow spell of the machine hits them all
            for size in sizes:
                src = root / f"lab{size}-{run}" / "src"
                write_site(src, bibs[size], pages=not args.no_pages)
                runs[size].append(build(src, package))
                wall, user, system = runs[size][-1]
                print(f"run {run + 1}, {size:5d} papers: {wall:6.2f} s (user {user:6.2f} s, system {system:5.2f} s)",
                      flush=True)
    # Each figure the best of the runs (the least disturbed).
    wall = {size: min(r[0] for r in runs[size]) for size in sizes}
    user = {size: min(r[1] for r in runs[size]) for size in sizes}
    system = {size: min(r[2] for r in runs[size]) for size in sizes}
    print(f"\n20 members, 300 news items, per-paper pages {'off' if args.no_pages else 'on'}, -j 1, "
          f"best of {args.runs}:")
    print(f"  {'papers':>6s} {'wall':>8s} {'user':>8s} {'system':>8s} {'user per 1000 more':>19s}")
    previous = None
    for size in sizes:
        step = ""
        if previous is not None:
            step = f"{(user[size] - user[previous]) / (size - previous) * 1000:8.2f} s"
        print(f"  {size:6d} {wall[size]:7.2f}s {user[size]:7.2f}s {system[size]:7.2f}s {step:>19s}")
        previous = size
    if len(sizes) >= 3:
        steps = [(user[b] - user[a]) / (b - a) for a, b in itertools.pairwise(sizes)]
        print(f"  user time: last step / first step: {steps[-1] / steps[0]:.2f}"
              "  (about 1 when linear; >1.5 superlinear)")


if __name__ == "__main__":
    main()
