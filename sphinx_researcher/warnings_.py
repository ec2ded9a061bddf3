"""Every warning the extension emits: type ``researcher`` and one subtype from this list.

Users silence a kind with ``suppress_warnings = ["researcher.<subtype>"]``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_researcher")

WARNING_TYPE = "researcher"


class Subtype(StrEnum):
    """The documented warning subtypes (see the README)."""

    config = "config"  # a config value of the wrong type or shape
    date = "date"  # a date that is not YYYY, YYYY-MM or YYYY-MM-DD (or a bad range)
    option = "option"  # an unknown directive option, or a malformed option value
    url = "url"  # an unsafe (script) or malformed URL
    content = "content"  # directive content of the wrong shape
    bibtex = "bibtex"  # a .bib file that cannot be read or has syntax errors
    duplicate = "duplicate"  # a key defined twice
    missing_field = "missing_field"  # an entry without title or year
    key = "key"  # an unknown publication key in {publication} or {pub}
    file = "file"  # a local pdf or image that does not exist
    name = "name"  # researcher_name matches no author
    filter = "filter"  # a {publications} filter that cannot be parsed
    feed = "feed"  # the Atom feed cannot be written
    clash = "clash"  # a generated page would replace one of the user's own pages (theirs is kept)
    external = "external"  # page content that would load something from another host (raw HTML is kept, reported)
    sitemap = "sitemap"  # sitemap.xml or robots.txt cannot be written
    field = "field"  # a BibTeX field whose value cannot be used (it is named, never dropped silently)
    metrics = "metrics"  # a malformed metrics file, or a {metric} it does not hold
    latex = "latex"  # LaTeX output the chosen engine cannot set (CJK text with pdflatex)
    person = "person"  # a bad researcher_people entry, or an unknown person id in an option


def warn(message: str, subtype: Subtype, location: Any = None) -> None:
    """Log a located warning of type ``researcher``."""
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=str(subtype))
