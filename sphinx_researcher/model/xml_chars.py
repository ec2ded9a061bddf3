"""Characters XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/F):
one in an SVG, an XHTML page or an Atom feed makes the whole file unreadable."""

from __future__ import annotations

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters no XML (SVG, XHTML, Atom) may contain."""
    if text.isprintable():  # every character it drops is unprintable: most values skip the regex
        return text
    return NOT_XML.sub("", text)


def has_control_chars(text: str) -> bool:
    return NOT_XML.search(text) is not None
