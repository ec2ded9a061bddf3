"""``researcher_metrics_file`` in builds: loaded once per build, shown at write time.

The file is read in the main process on ``env-get-outdated`` (before any reader forks) and
kept in the environment with its content hash. Figures are looked up when a page is written
(a post-transform and the HTML visitor), so when the file changes only the pages that show
a publication or a ``{metric}`` are written again (``env-get-updated``), nothing is re-read.
A missing file means no figures and no warning; a malformed one is a located warning.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..compat import builder_format
from ..model import METRICS_KEY
from ..warnings_ import Subtype, warn
from .bibliography import DOMAIN

if TYPE_CHECKING:
    from ..model.metrics import Metrics

_FINGERPRINT = "metrics_fingerprint"
_CHANGED = "metrics_changed"
_DOCS = "metric_docs"  # docnames with a {metric} role


class metric(nodes.Inline, nodes.Element):
    """A ``{metric}`` placeholder: attrs ``name``; replaced when its page is written."""


def metrics_path(app: Sphinx) -> Path:
    return Path(app.confdir) / (app.config.researcher_metrics_file or "metrics.json")


def metrics_of(env: BuildEnvironment) -> Metrics | None:
    """The loaded figures, or None when there is no metrics file."""
    value = env.domaindata.get(DOMAIN, {}).get(METRICS_KEY)
    if value is None:
        return None
    from ..model.metrics import Metrics  # imported on use: only builds with a metrics file need it

    return value if isinstance(value, Metrics) else None


def load_metrics(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    data = env.domaindata.setdefault(DOMAIN, {})
    path = metrics_path(app)
    try:
        raw: bytes | None = path.read_bytes()
    except FileNotFoundError:
        raw = None
    except OSError as error:
        warn(f"cannot read the metrics file: {error.strerror or error}", Subtype.metrics, f"{path}:1")
        raw = None
    fingerprint = (str(path), hashlib.sha1(raw).hexdigest() if raw is not None else None)
    data[_CHANGED] = data.get(_FINGERPRINT) != fingerprint
    if not data[_CHANGED]:
        return []
    data[_FINGERPRINT] = fingerprint
    if raw is None:
        data[METRICS_KEY] = None
        return []
    from ..parsing.metrics import parse_metrics_text  # imported on use: only with a metrics file

    parsed = parse_metrics_text(raw.decode("utf-8", errors="replace"))
    for issue in parsed.issues:
        warn(f"metrics file: {issue.message}", Subtype.metrics, f"{path}:{issue.line}")
    metrics = parsed.metrics
    empty = not (metrics.profile or metrics.repos or metrics.papers)
    # A file that could not be read at all is one warning, not one more per figure shown.
    data[METRICS_KEY] = None if empty and parsed.issues else metrics
    return []


def pages_showing_figures(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When the file changed: every page with a publication or a {metric}, written again."""
    data = env.domaindata.get(DOMAIN, {})
    if not data.get(_CHANGED):
        return []
    data[_CHANGED] = False
    docs = set(data.get("shown", {})) | set(data.get(_DOCS, set()))
    return sorted(docs & env.found_docs)


class MetricDocsCollector(EnvironmentCollector):
    """Which documents hold a ``{metric}``, kept right for parallel and incremental reads."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        env.domaindata.setdefault(DOMAIN, {}).setdefault(_DOCS, set()).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str], other: BuildEnvironment
    ) -> None:
        theirs = other.domaindata.get(DOMAIN, {}).get(_DOCS, set())
        env.domaindata.setdefault(DOMAIN, {}).setdefault(_DOCS, set()).update(theirs & set(docnames))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass


def valid_metric_name(name: str) -> bool:
    from ..model.metrics import PROFILE_FIGURES  # imported on use: only pages with a {metric} need it

    kind, colon, what = name.partition(":")
    if not colon:
        return name.lower() in PROFILE_FIGURES
    if kind.lower() == "stars":
        return what.count("/") == 1 and all(what.split("/"))
    return kind.lower() == "citations" and bool(what.strip())


class MetricRole(SphinxRole):
    """``{metric}`citations```, ``h-index``, ``works``, ``stars:owner/repo``, ``citations:KEY``;
    ``{metric-badge}`…``` draws the same figure as a badge."""

    def __init__(self, badge: bool = False) -> None:
        super().__init__()
        self.badge = badge

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.text.strip()
        if not valid_metric_name(name):
            warn(f"metric {name!r}: use citations, h-index, works, stars:owner/repo or citations:KEY",
                 Subtype.option, (self.env.docname, self.lineno))
            return [nodes.Text(self.text)], []
        node = metric(name, name=name, badge=self.badge)
        self.set_source_info(node)
        self.env.domaindata.setdefault(DOMAIN, {}).setdefault(_DOCS, set()).add(self.env.docname)
        return [node], []


class ResolveMetrics(SphinxPostTransform):
    """Each ``{metric}`` becomes its figure: HTML with its date and source, plain text elsewhere."""

    default_priority = 90  # before ReplaceWithStandardNodes

    def run(self, **kwargs: Any) -> None:
        if not self.env.domaindata.get(DOMAIN, {}).get(_DOCS):
            return  # no page has a {metric}: no walk
        found = list(self.document.findall(metric))
        if not found:
            return
        from ..render.metrics_html import (  # imported on use: only pages with a {metric} need it
            figure_badge_html,
            figure_text,
            inline_figure_html,
            number,
        )

        metrics = metrics_of(self.env)
        language = self.config.language
        counter = itertools.count(1)
        html = builder_format(self.env) == "html"
        for node in found:
            name = node["name"]
            looked_up = metrics.lookup(name) if metrics is not None else None
            if looked_up is None or looked_up[1] is None:
                if metrics is not None:
                    warn(f"metric {name!r} is not in the metrics file; run 'sphinx-researcher metrics'",
                         Subtype.metrics, node)
                node.parent.remove(node)
                continue
            label, figure = looked_up[0], looked_up[1]
            if html and node.get("badge"):
                link = f"https://github.com/{name.partition(':')[2].strip()}" if label == "stars" else ""
                suffix = f"-srm{next(counter)}"
                html_text = figure_badge_html(label, figure, link, language, suffix)
                node.replace_self(nodes.raw("", html_text, format="html"))
            elif html:
                node.replace_self(nodes.raw("", inline_figure_html(label, figure, language), format="html"))
            elif node.get("badge"):
                text = figure_text(label, figure, language)
                node.replace_self(nodes.inline(text, text, classes=["sr-metric"]))
            else:
                text = number(figure.value, language)
                node.replace_self(nodes.inline(text, text, classes=["sr-metric"]))


def setup_metrics(app: Sphinx) -> None:
    app.add_node(metric)  # never written: replaced on every page before writing
    app.add_role("metric", MetricRole())
    app.add_role("metric-badge", MetricRole(badge=True))
    app.add_post_transform(ResolveMetrics)
    app.add_env_collector(MetricDocsCollector)
    app.connect("env-get-outdated", load_metrics)
    app.connect("env-get-updated", pages_showing_figures)
