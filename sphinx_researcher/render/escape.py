"""The one escaping helper every user value passes through on its way into HTML."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from ..model.links import is_safe_url
from ..model.xml_chars import NOT_XML as _NOT_XML
from ..model.xml_chars import has_control_chars as has_control_chars  # the escaping helper's, too
from ..model.xml_chars import xml_safe as xml_safe

_HTML_SPECIAL = re.compile("[&<>\"']")


def esc(value: object) -> str:
    """Escape text for an HTML element body or a quoted attribute."""
    text = value if type(value) is str else str(value)
    if not text.isprintable():
        text = _NOT_XML.sub("", text)
    # One scan for the five characters html.escape replaces (most names and titles have none).
    return html.escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


def href(url: str) -> str:
    """An escaped URL for an ``href``/``src``; an unsafe scheme never gets through."""
    return esc(url) if is_safe_url(url) else "#"


def tag(name: str, body: str = "", /, **attrs: object) -> str:
    """``<name attrs>body</name>``; attribute values are escaped, ``body`` must already be HTML.

    ``class_`` becomes ``class``; ``None``/``False`` attributes are left out, ``True`` ones
    are written ``name="name"`` (valid HTML, and well-formed XHTML for epub).
    """
    return f"{open_tag(name, **attrs)}{body}</{name}>"


@lru_cache(maxsize=4096)  # a page repeats a few class lists thousands of times
def _class_value(value: str) -> str:
    return esc(value)


_ATTRIBUTE_NAMES: dict[str, str] = {}  # keyword → attribute name: "class_" → "class", "data_copied" → "data-copied"


def open_tag(name: str, /, **attrs: object) -> str:
    if not attrs:
        return f"<{name}>"
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr_name = _ATTRIBUTE_NAMES.get(key)
        if attr_name is None:
            attr_name = _ATTRIBUTE_NAMES[key] = key.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(f'{attr_name}="{attr_name}"')
        elif attr_name == "class" and type(value) is str:
            parts.append(f'class="{_class_value(value)}"')
        elif attr_name == "href" or attr_name == "src":
            parts.append(f'{attr_name}="{href(str(value))}"')
        else:
            parts.append(f'{attr_name}="{esc(value)}"')
    return "<" + " ".join(parts) + ">"
