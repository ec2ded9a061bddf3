"""``sphinx-researcher metrics``: refresh the stars and citation counts of ``researcher_metrics_file``.

Every publication of the site (read by Sphinx itself, see ``site``) is looked up: GitHub stars
for its repository, citations by DOI or arXiv id (OpenAlex, then Semantic Scholar, then
Crossref), and the profile's totals from OpenAlex when it names an ORCID or OpenAlex id.
A figure that cannot be fetched keeps its previous value; one warning line per service says
so. The file is replaced atomically, and only when a figure changed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model.metrics import Figure, Metrics, PaperFigures, github_repo
from ..parsing.metrics import metrics_to_text, parse_metrics_text
from ..services import crossref, github, openalex, semanticscholar
from ..services.http import HttpClient, NotFound, ServiceError
from .files import atomic_write
from .site import Site, read_site

EXIT_PARTIAL = 3  # the file was written, but some figures kept their previous value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help="refresh GitHub stars and citation counts in the metrics file",
        description="Fetch GitHub stars, citation counts and profile totals for every publication of the "
        "site and store them, with their date and source, in researcher_metrics_file "
        "(metrics.json beside conf.py). A service that fails keeps the previous values.",
    )
    parser.add_argument("--site", default=".", metavar="DIR", help="the folder holding conf.py (default: .)")
    parser.add_argument("--mailto", default="", metavar="EMAIL",
                        help="your email for the APIs' polite pools (default: researcher_metrics_mailto)")
    parser.set_defaults(handler=run)


@dataclass
class Outcome:
    """What one task brought back: figures by name, and the services that failed on the way."""

    figures: dict[str, Figure] = field(default_factory=dict)
    errors: list[ServiceError] = field(default_factory=list)
    not_found: bool = False


@dataclass(frozen=True)
class Task:
    kind: str  # "profile", "repo", "paper"
    key: str
    run: Callable[[HttpClient, str], Outcome]


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def stars_task(repo: str) -> Callable[[HttpClient, str], Outcome]:
    def run(client: HttpClient, date: str) -> Outcome:
        outcome = Outcome()
        try:
            outcome.figures["stars"] = Figure(github.stars(client, repo), date, github.NAME)
        except NotFound:
            outcome.not_found = True
        except ServiceError as error:
            outcome.errors.append(error)
        return outcome

    return run


def citations_task(doi: str, arxiv: str) -> Callable[[HttpClient, str], Outcome]:
    """OpenAlex first, then Semantic Scholar, then Crossref (DOIs only): the first answer wins."""
    sources: list[tuple[str, Callable[[HttpClient], int]]] = [
        (openalex.NAME, lambda c: openalex.work_citations(c, doi, arxiv)),
        (semanticscholar.NAME, lambda c: semanticscholar.work_citations(c, doi, arxiv)),
    ]
    if doi:
        sources.append((crossref.NAME, lambda c: crossref.work_citations(c, doi)))

    def run(client: HttpClient, date: str) -> Outcome:
        outcome = Outcome()
        for name, fetch in sources:
            try:
                outcome.figures["citations"] = Figure(fetch(client), date, name)
                return outcome
            except NotFound:
                continue
            except ServiceError as error:
                outcome.errors.append(error)
        outcome.not_found = not outcome.errors
        return outcome

    return run


def profile_task(author: str) -> Callable[[HttpClient, str], Outcome]:
    def run(client: HttpClient, date: str) -> Outcome:
        outcome = Outcome()
        try:
            for name, value in openalex.author_totals(client, author).items():
                outcome.figures[name] = Figure(value, date, openalex.NAME)
        except NotFound:
            outcome.not_found = True
        except ServiceError as error:
            outcome.errors.append(error)
        return outcome

    return run


def profile_author(site: Site) -> str:
    """The OpenAlex author id or ORCID named in ``researcher_profile["links"]`` ("" if none)."""
    links = site.config.researcher_profile.get("links", {}) if isinstance(site.config.researcher_profile, dict) else {}
    for service in ("openalex", "orcid"):
        value = str(links.get(service, "")).strip().rstrip("/")
        value = value.rsplit("/", 1)[-1]
        if service == "openalex" and re.fullmatch(r"A\d+", value, re.I):
            return value.upper()
        if service == "orcid" and re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
            return value
    return ""


def plan(site: Site) -> tuple[list[Task], dict[str, PaperFigures]]:
    """The fetches to make, and each paper's identifiers (stored with its count)."""
    tasks: list[Task] = []
    author = profile_author(site)
    if author:
        tasks.append(Task("profile", author, profile_task(author)))
    repos = {github_repo(pub).lower() for pub in site.pubs.values()} - {""}
    for name in site.metric_names:
        kind, _colon, what = name.partition(":")
        if kind.lower() == "stars":
            repos.add(what.strip().lower())
    tasks.extend(Task("repo", repo, stars_task(repo)) for repo in sorted(repos))
    papers: dict[str, PaperFigures] = {}
    for key, pub in sorted(site.pubs.items()):
        if pub.doi or pub.arxiv:
            papers[key] = PaperFigures(None, pub.doi, pub.arxiv)
            tasks.append(Task("paper", key, citations_task(pub.doi, pub.arxiv)))
    return tasks, papers


def progress(total: int) -> Any:
    """A progress bar on a terminal; silent when stderr is a file or a pipe (CI, Read the Docs)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="item", desc="metrics", file=sys.stderr, disable=not sys.stderr.isatty(),
                leave=False)


_TASK_SERVICE = {"repo": github.NAME, "profile": openalex.NAME, "paper": "citations"}


def _guarded(task: Task, client: HttpClient, date: str) -> Outcome:
    """An answer of a shape no check foresaw is that service's failure, never a traceback."""
    try:
        return task.run(client, date)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        return Outcome(errors=[ServiceError(_TASK_SERVICE[task.kind], f"unexpected answer ({type(error).__name__})")])


def fetch_all(tasks: list[Task], client: HttpClient, date: str) -> dict[tuple[str, str], Outcome]:
    workers = max(1, min(16, int(os.environ.get("SPHINX_RESEARCHER_CONCURRENCY", "4") or 4)))
    results: dict[tuple[str, str], Outcome] = {}
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        with progress(len(tasks)) as bar:
            futures = {pool.submit(_guarded, task, client, date): task for task in tasks}
            for future in as_completed(futures):
                task = futures[future]
                results[(task.kind, task.key)] = future.result()
                bar.update(1)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: don't wait for the queue
        raise
    pool.shutdown()
    return results


@dataclass
class Tally:
    fetched: int = 0
    unchanged: int = 0
    failed: int = 0
    not_found: int = 0
    failures: dict[str, list[ServiceError]] = field(default_factory=dict)  # service → errors

    def count(self, new: Figure | None, old: Figure | None, failed: bool) -> Figure | None:
        """The figure to store: the new one, else (on failure) the previous one."""
        if new is not None:
            if old is not None and old.value == new.value:
                self.unchanged += 1
            else:
                self.fetched += 1
            return new
        if failed:
            self.failed += 1
            return old
        self.not_found += 1
        return None


def merge(previous: Metrics, tasks: list[Task], papers: dict[str, PaperFigures],
          results: dict[tuple[str, str], Outcome]) -> tuple[Metrics, Tally]:
    tally = Tally()
    merged = Metrics()
    if not any(task.kind == "profile" for task in tasks):
        merged.profile = dict(previous.profile)  # no ORCID/OpenAlex id to refresh them: totals kept as they are
    for task in tasks:
        outcome = results[(task.kind, task.key)]
        for error in outcome.errors:
            tally.failures.setdefault(error.service, []).append(error)
        failed = bool(outcome.errors) and not outcome.figures
        if task.kind == "profile":
            for name in ("citations", "h-index", "works"):
                figure = tally.count(outcome.figures.get(name), previous.profile.get(name), failed)
                if figure is not None:
                    merged.profile[name] = figure
        elif task.kind == "repo":
            figure = tally.count(outcome.figures.get("stars"), previous.repos.get(task.key), failed)
            if figure is not None:
                merged.repos[task.key] = figure
        else:
            ids = papers[task.key]
            old = previous.papers.get(task.key)
            # A previous count belongs to the paper only while its DOI and arXiv id are the same.
            old_figure = old.citations if old and (old.doi, old.arxiv) == (ids.doi, ids.arxiv) else None
            figure = tally.count(outcome.figures.get("citations"), old_figure, failed)
            merged.papers[task.key] = PaperFigures(figure, ids.doi, ids.arxiv)
    return merged, tally


def read_previous(path: Path) -> Metrics:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return Metrics()
    parsed = parse_metrics_text(text)
    for issue in parsed.issues:
        print(f"sphinx-researcher: warning: {path}:{issue.line}: {issue.message}", file=sys.stderr)
    return parsed.metrics


def run(args: argparse.Namespace) -> int:
    site = read_site(args.site)
    path = site.confdir / (site.config.researcher_metrics_file or "metrics.json")
    previous = read_previous(path)
    tasks, papers = plan(site)
    client = HttpClient(mailto=args.mailto or site.config.researcher_metrics_mailto)
    try:
        results = fetch_all(tasks, client, today())
    finally:
        client.close()
    merged, tally = merge(previous, tasks, papers, results)
    for service, errors in sorted(tally.failures.items()):
        kinds = sorted({e.message for e in errors})
        more = f" and {len(kinds) - 1} other kinds of failure" if len(kinds) > 1 else ""
        print(f"sphinx-researcher: warning: {service}: {len(errors)} request(s) failed ({kinds[0]}{more}); "
              "previous values kept", file=sys.stderr)
    text = metrics_to_text(merged)
    old_text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
    if text != old_text:
        atomic_write(path, text)
    summary = f"{path.name}: {tally.fetched} fetched, {tally.unchanged} unchanged, {tally.failed} failed"
    if tally.not_found:
        summary += f", {tally.not_found} not found"
    print(summary)
    return EXIT_PARTIAL if tally.failed else 0
