"""The opt-in visitor counter (``researcher_analytics``): the one script the site loads from
another host, and only when the author asks for it. Not in epub (a book has no visitors)."""

from __future__ import annotations

from sphinx.application import Sphinx

WEB_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def add_analytics(app: Sphinx) -> None:
    if app.builder.name not in WEB_BUILDERS or not app.config.researcher_analytics:
        return  # off (an empty dict) unless the author asks for it
    from ..model.analytics import parse_analytics  # imported on use: only sites with analytics need it

    try:
        analytics = parse_analytics(app.config.researcher_analytics)
    except ValueError:  # reported on config-inited, where the default replaced it
        return
    if analytics is None:
        return
    loading = {"loading_method": "async"} if analytics.provider == "goatcounter" else {"loading_method": "defer"}
    app.add_js_file(analytics.script, priority=900, **loading, **analytics.attributes)


def setup_analytics(app: Sphinx) -> None:
    app.connect("builder-inited", add_analytics)
