"""sphinx-researcher: an academic homepage from MyST Markdown and BibTeX.

``setup()`` is the table of contents of the extension: config values, nodes with their
visitors, one ``setup_<part>`` per directive module, the theme and the site-wide parts.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump whenever the data stored in the environment changes shape.
ENV_VERSION = 7


def setup(app: Sphinx) -> dict[str, Any]:
    from . import nodes as sr
    from .collectors.bibliography import setup_bibliography
    from .collectors.doctree_models import setup_doctree_models
    from .collectors.domain import setup_domain
    from .collectors.metrics import setup_metrics
    from .collectors.news import setup_news_collector
    from .collectors.people import setup_people
    from .config import register_config_values
    from .config_paths import setup_config_paths
    from .cv import setup_cv
    from .directives.badge import setup_badge
    from .directives.lang import setup_lang
    from .directives.news import setup_news
    from .directives.people import setup_people_directive
    from .directives.profile import setup_profile
    from .directives.publication import setup_publication
    from .directives.publications import setup_publications
    from .directives.recent_news import setup_recent_news
    from .directives.timeline import setup_timeline
    from .html.analytics import setup_analytics
    from .html.assets import setup_assets
    from .html.external import setup_external
    from .html.feed import setup_feed
    from .html.languages import setup_languages
    from .html.late_body import setup_late_body
    from .html.mathjax import setup_mathjax
    from .html.page_context import setup_page_context
    from .html.people_links import setup_people_links
    from .html.publication_pages import setup_publication_pages
    from .html.release_fragments import setup_release_fragments
    from .html.repeated_name import setup_repeated_name
    from .html.search_words import setup_search_words
    from .html.singlehtml import setup_singlehtml
    from .html.sitemap import setup_sitemap
    from .html.template_cache import setup_template_cache
    from .i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME
    from .render.control_chars import DropControlCharacters
    from .render.html import HTML_VISITORS
    from .render.remote_images import DropRemoteImages
    from .render.standard import ReplaceWithStandardNodes
    from .render.unsupported_images import DropUnsupportedOwnImages
    from .theme import setup_theme

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")

    register_config_values(app)
    setup_config_paths(app)
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))

    for node_class, visitors in HTML_VISITORS.items():
        app.add_node(node_class, html=visitors)
    app.add_post_transform(ReplaceWithStandardNodes)
    app.add_transform(DropControlCharacters)
    app.add_post_transform(DropRemoteImages)
    app.add_post_transform(DropUnsupportedOwnImages)
    assert set(HTML_VISITORS) == {*sr.BLOCK_NODES, sr.badge}

    setup_profile(app)
    setup_news(app)
    setup_recent_news(app)
    setup_news_collector(app)
    setup_timeline(app)
    setup_badge(app)
    setup_lang(app)
    setup_publication(app)
    setup_publications(app)
    setup_bibliography(app)
    setup_people(app)
    setup_people_directive(app)
    setup_domain(app)
    setup_doctree_models(app)
    setup_metrics(app)

    setup_assets(app)
    setup_external(app)
    setup_analytics(app)
    setup_repeated_name(app)
    setup_page_context(app)
    setup_people_links(app)
    setup_publication_pages(app)
    setup_singlehtml(app)
    setup_release_fragments(app)
    setup_template_cache(app)
    setup_feed(app)
    setup_mathjax(app)
    setup_sitemap(app)
    setup_theme(app)
    setup_cv(app)
    setup_languages(app)
    setup_late_body(app)
    setup_search_words(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
