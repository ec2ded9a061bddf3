"""The figures of ``researcher_metrics_file``: each a value with the date and source it came from.

The command line writes them (``sphinx-researcher metrics``); builds only read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import METRICS_KEY as METRICS_KEY  # re-exported: builds without metrics need not import this module
from .publication import Publication

PROFILE_FIGURES = ("citations", "h-index", "works")
_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$", re.I)


def github_repo(pub: Publication) -> str:
    """``owner/repo`` of the paper's code: ``:github:``, else a code/url/project on github.com."""
    if pub.github:
        return pub.github
    for url in (pub.code, pub.url, pub.project):
        match = _GITHUB_REPO.match(url.strip()) if url else None
        if match:
            return f"{match[1]}/{match[2]}"
    return ""


@dataclass(frozen=True)
class Figure:
    value: int
    date: str  # ISO date of the fetch, YYYY-MM-DD
    source: str  # the service that answered: GitHub, OpenAlex, Semantic Scholar, Crossref

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "date": self.date, "source": self.source}


@dataclass(frozen=True)
class PaperFigures:
    """A paper's identifiers when it was fetched, and its citation count."""

    citations: Figure | None = None
    doi: str = ""
    arxiv: str = ""


@dataclass
class Metrics:
    profile: dict[str, Figure] = field(default_factory=dict)  # "citations", "h-index", "works"
    repos: dict[str, Figure] = field(default_factory=dict)  # lower-cased "owner/repo" → stars
    papers: dict[str, PaperFigures] = field(default_factory=dict)  # lower-cased key → figures

    def stars(self, repo: str) -> Figure | None:
        return self.repos.get(repo.lower()) if repo else None

    def citations(self, key: str) -> Figure | None:
        paper = self.papers.get(key.lower())
        return paper.citations if paper else None

    def lookup(self, name: str) -> tuple[str, Figure | None] | None:
        """A ``{metric}`` name (``citations``, ``h-index``, ``works``, ``stars:owner/repo``,
        ``citations:KEY``) → (its label, its figure); None when the name means nothing."""
        name = name.strip()
        if name.lower() in PROFILE_FIGURES:
            return name.lower(), self.profile.get(name.lower())
        kind, _colon, what = name.partition(":")
        if kind.lower() == "stars" and what.count("/") == 1:
            return "stars", self.stars(what.strip())
        if kind.lower() == "citations" and what.strip():
            return "citations", self.citations(what.strip())
        return None

    def to_json(self) -> dict[str, object]:
        papers: dict[str, object] = {}
        for key, paper in sorted(self.papers.items()):
            item: dict[str, object] = {}
            if paper.doi:
                item["doi"] = paper.doi
            if paper.arxiv:
                item["arxiv"] = paper.arxiv
            if paper.citations:
                item["citations"] = paper.citations.to_json()
            papers[key] = item
        return {
            "version": 1,
            "profile": {k: v.to_json() for k, v in sorted(self.profile.items())},
            "repos": {k: v.to_json() for k, v in sorted(self.repos.items())},
            "papers": papers,
        }
