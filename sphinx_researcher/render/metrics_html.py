"""Stored figures (stars, citations, profile totals) as locally drawn badges and inline text.

Every figure says when and where it was fetched ("as of DATE (source)") in its accessible
name and its title, because a count without a date is a claim nobody can check.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from ..i18n import _
from ..model.metrics import Figure, Metrics, github_repo
from ..model.publication import Publication
from .badges import _logo_data_uri
from .dates import babel_locale
from .escape import esc, href, tag


def number(value: int, language: str | None) -> str:
    return format_decimal(value, locale=babel_locale(language))


def figure_labels() -> dict[str, str]:
    """Looked up per call, so each build gets its own language."""
    return {
        "stars": str(_("GitHub stars")),
        "citations": str(_("Citations")),
        "h-index": str(_("h-index")),
        "works": str(_("Works")),
    }


def figure_name(label: str, figure: Figure, language: str | None) -> str:
    """``GitHub stars: 1,234, as of 2026-12-01 (GitHub)``."""
    when = str(_("as of %(date)s (%(source)s)")) % {"date": figure.date, "source": figure.source}
    return f"{label}: {number(figure.value, language)}, {when}"


def paper_figures(pub: Publication, metrics: Metrics) -> list[tuple[str, Figure, str]]:
    """(kind, figure, link) of the figures shown in a paper's link row."""
    result = []
    repo = github_repo(pub)
    stars = metrics.stars(repo)
    if stars is not None:
        result.append(("stars", stars, f"https://github.com/{repo}"))
    citations = metrics.citations(pub.key)
    if citations is not None:
        result.append(("citations", citations, ""))
    return result


def figure_badge_html(kind: str, figure: Figure, link: str, language: str | None, id_suffix: str) -> str:
    import pybadges  # slow to import: paid only when a figure is drawn

    labels = figure_labels()
    name = figure_name(labels[kind], figure, language)
    svg = pybadges.badge(
        left_text=labels[kind],
        right_text=number(figure.value, language),
        left_color="#555",
        right_color="#24292f" if kind == "stars" else "#005a9c",
        logo=_logo_data_uri("star" if kind == "stars" else "book") if kind in ("stars", "citations") else None,
        whole_title=name,
        id_suffix=id_suffix,
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(name)}" ', 1)
    classes = f"sr-badge sr-metric-badge sr-metric-{kind}"
    if link:
        return f'<a class="{classes} reference external" href="{href(link)}" title="{esc(name)}">{svg}</a>'
    return f'<span class="{classes}" title="{esc(name)}">{svg}</span>'


def paper_badges_html(pub: Publication, metrics: Metrics, language: str | None, next_suffix: object) -> list[str]:
    return [
        figure_badge_html(kind, figure, link, language, next_suffix())  # type: ignore[operator]
        for kind, figure, link in paper_figures(pub, metrics)
    ]


def inline_figure_html(label: str, figure: Figure, language: str | None) -> str:
    """A figure in running text: the number for the eye, the whole sentence for a screen reader."""
    name = figure_name(figure_labels().get(label, label), figure, language)
    shown = tag("span", esc(number(figure.value, language)), aria_hidden="true")
    return tag("span", shown + tag("span", esc(name), class_="sr-visually-hidden"), class_="sr-metric", title=name)


def figure_text(label: str, figure: Figure, language: str | None) -> str:
    """A paper's figure for text and LaTeX: ``GitHub stars: 42, as of 2026-12-01 (GitHub)``."""
    return figure_name(figure_labels().get(label, label), figure, language)
