"""Shields-style badges drawn as inline SVG at build time (pybadges): no request at view time."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

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


def _logo_data_uri(logo: str, fill: str = "#fff") -> str:
    svg = get_octicon(_octicon_name(logo), height="14px")
    svg = re.sub(r'class="[^"]*"', f'fill="{fill}" xmlns="http://www.w3.org/2000/svg"', svg, count=1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# -- text contrast: WCAG 2 relative luminance ---------------------------------------------------

DARK_TEXT = "#000"
LIGHT_TEXT = "#fff"


def _rgb(color: str) -> tuple[int, int, int] | None:
    value = color.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        return None
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a ``#rgb``/``#rrggbb`` colour (0 black … 1 white)."""
    rgb = _rgb(color)
    if rgb is None:
        raise ValueError(f"not a hex colour: {color!r}")

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color_for(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``: at least 4.58:1 for
    any colour (the worst case is a mid grey, equally far from both)."""
    if _rgb(background) is None:
        return LIGHT_TEXT
    return DARK_TEXT if contrast_ratio(DARK_TEXT, background) > contrast_ratio(LIGHT_TEXT, background) else LIGHT_TEXT


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"


def _readable(svg: str, left_text_color: str, right_text_color: str) -> str:
    """pybadges always writes white text over a shading gradient: give each half the text
    colour its background needs, drop the gradient (it would lower the contrast computed
    from the colour the user chose), and keep a shadow only under white text."""
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{_SVG_NS}}}g"):
        for rect in list(group.findall(f"{{{_SVG_NS}}}rect")):
            if rect.get("fill", "").startswith("url(#"):
                group.remove(rect)
        texts = group.findall(f"{{{_SVG_NS}}}text")
        if not texts:
            continue
        # Pairs of (shadow, text): the label's first, then the message's.
        for index, text in enumerate(texts):
            color = left_text_color if index < 2 else right_text_color
            if text.get("fill-opacity"):  # the shadow
                if color == DARK_TEXT:
                    group.remove(text)
            else:
                text.set("fill", color)
    # ElementTree's prefixes are process-wide and other code registers its own (a test run
    # builds many sites in one process): name ours right before writing, or "ns0:svg" it is.
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    return ET.tostring(root, encoding="unicode")


def badge_svg(label: str, message: str, color: str, label_color: str, logo: str, id_suffix: str) -> str:
    """The badge as SVG, its ids made unique by ``id_suffix`` and its name given to assistive tech."""
    import pybadges  # 0.3 s to import (requests, pkg_resources): only paid when a badge is drawn

    label, message = xml_safe(label), xml_safe(message)
    name = f"{label}: {message}" if message else label
    left_text_color, right_text_color = text_color_for(label_color), text_color_for(color)
    svg = pybadges.badge(
        left_text=label,
        right_text=message or None,
        left_color=label_color,
        right_color=color,
        logo=_logo_data_uri(logo, left_text_color) if logo else None,
        whole_title=name,
        id_suffix=id_suffix,
    )
    svg = _readable(svg, left_text_color, right_text_color if message else left_text_color)
    # pybadges gives the SVG a <title>; role and aria-label make it one named image.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{esc(name)}" ', 1)


def badge_html(label: str, message: str, color: str, label_color: str, link: str, logo: str, id_suffix: str) -> str:
    svg = badge_svg(label, message, color, label_color, logo, id_suffix)
    if link:
        return f'<a class="sr-badge reference external" href="{href(link)}">{svg}</a>'
    return f'<span class="sr-badge">{svg}</span>'
