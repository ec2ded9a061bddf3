"""Shields-style badges drawn as inline SVG at build time (pybadges): no request at view time."""

from __future__ import annotations

import base64
import re

from sphinx_design.icons import get_octicon

from .escape import esc, href, xml_safe

# The colour names shields.io understands, so badges copied from a README keep working.
NAMED_COLORS = {
    "brightgreen": "#4c1",
    "green": "#97ca00",
    "yellow": "#dfb317",
    "yellowgreen": "#a4a61d",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "blue": "#007ec6",
    "grey": "#555",
    "gray": "#555",
    "lightgrey": "#9f9f9f",
    "lightgray": "#9f9f9f",
    "success": "#4c1",
    "important": "#fe7d37",
    "critical": "#e05d44",
    "informational": "#007ec6",
    "inactive": "#9f9f9f",
    "blueviolet": "#8a2be2",
}

# Logos are octicons shipped by sphinx-design, so nothing is fetched.
_LOGO_ALIASES = {"arxiv": "file", "github": "mark-github", "doi": "link", "pdf": "file", "star": "star"}


def _octicon_name(logo: str) -> str:
    return _LOGO_ALIASES.get(logo.lower(), logo.lower())


def known_logo(logo: str) -> bool:
    try:
        get_octicon(_octicon_name(logo))
    except Exception:
        return False
    return True


def _logo_data_uri(logo: str) -> str:
    svg = get_octicon(_octicon_name(logo), height="14px")
    svg = re.sub(r'class="[^"]*"', 'fill="#fff" xmlns="http://www.w3.org/2000/svg"', svg, count=1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def badge_svg(label: str, message: str, color: str, label_color: str, logo: str, id_suffix: str) -> str:
    """The badge as SVG, its ids made unique by ``id_suffix`` and its name given to assistive tech."""
    import pybadges  # 0.3 s to import (requests, pkg_resources): only paid when a badge is drawn

    label, message = xml_safe(label), xml_safe(message)
    name = f"{label}: {message}" if message else label
    svg = pybadges.badge(
        left_text=label,
        right_text=message or None,
        left_color=label_color,
        right_color=color,
        logo=_logo_data_uri(logo) if logo else None,
        whole_title=name,
        id_suffix=id_suffix,
    )
    # pybadges gives the SVG a <title>; role and aria-label make it one named image.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{esc(name)}" ', 1)


def badge_html(label: str, message: str, color: str, label_color: str, link: str, logo: str, id_suffix: str) -> str:
    svg = badge_svg(label, message, color, label_color, logo, id_suffix)
    if link:
        return f'<a class="sr-badge reference external" href="{href(link)}">{svg}</a>'
    return f'<span class="sr-badge">{svg}</span>'
