"""``researcher_metrics_file`` text → :class:`Metrics`, with every problem found at its line.

The one reader: builds show what it returns, and ``sphinx-researcher metrics`` reads the
previous values through it. A bad item is skipped (with an issue); the rest is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..model.metrics import PROFILE_FIGURES, Figure, Metrics, PaperFigures

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class MetricsIssue:
    message: str
    line: int


@dataclass
class ParsedMetrics:
    metrics: Metrics = field(default_factory=Metrics)
    issues: list[MetricsIssue] = field(default_factory=list)


def parse_metrics_text(text: str) -> ParsedMetrics:
    result = ParsedMetrics()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        result.issues.append(MetricsIssue(f"not valid JSON: {error.msg}", error.lineno))
        return result
    if not isinstance(data, dict):
        result.issues.append(MetricsIssue("must hold a JSON object", 1))
        return result

    def issue(message: str, near: str = "") -> None:
        result.issues.append(MetricsIssue(message, _line_of(text, near)))

    metrics = result.metrics
    for name, raw in _section(data, "profile", issue).items():
        if name not in PROFILE_FIGURES:
            issue(f"profile: unknown figure {name!r} (use {', '.join(PROFILE_FIGURES)})", name)
        elif (figure := _figure(raw, f"profile {name!r}", issue, name)) is not None:
            metrics.profile[name] = figure
    for repo, raw in _section(data, "repos", issue).items():
        if repo.count("/") != 1:
            issue(f"repos: {repo!r} is not owner/repo", repo)
        elif (figure := _figure(raw, f"repo {repo!r}", issue, repo)) is not None:
            metrics.repos[repo.lower()] = figure
    for key, raw in _section(data, "papers", issue).items():
        if not isinstance(raw, dict):
            issue(f"paper {key!r} must be an object", key)
            continue
        citations = _figure(raw["citations"], f"paper {key!r} citations", issue, key) if "citations" in raw else None
        doi, arxiv = raw.get("doi", ""), raw.get("arxiv", "")
        metrics.papers[key.lower()] = PaperFigures(
            citations, doi if isinstance(doi, str) else "", arxiv if isinstance(arxiv, str) else ""
        )
    return result


def _section(data: dict[str, Any], name: str, issue: Any) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        issue(f"{name!r} must be an object", name)
        return {}
    return value


def _figure(raw: Any, what: str, issue: Any, near: str) -> Figure | None:
    if not isinstance(raw, dict):
        issue(f"{what} must be an object with value, date and source", near)
        return None
    value, date, source = raw.get("value"), raw.get("date"), raw.get("source")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        issue(f"{what}: value {value!r} is not a count", near)
        return None
    if not isinstance(date, str) or not _DATE.match(date):
        issue(f"{what}: date {date!r} is not YYYY-MM-DD", near)
        return None
    if not isinstance(source, str) or not source.strip():
        issue(f"{what}: no source", near)
        return None
    return Figure(value, date, source.strip())


def _line_of(text: str, near: str) -> int:
    """The line where ``"near"`` is first written as a key (1 when not found)."""
    if near:
        match = re.search(re.escape(json.dumps(near)) + r"\s*:", text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return 1


def metrics_to_text(metrics: Metrics) -> str:
    return json.dumps(metrics.to_json(), indent=2, ensure_ascii=False) + "\n"
