"""Inline Markdown of a field as HTML: markdown-it's tokens written out through our one
escaping helper (text escaped, link targets checked for a safe scheme)."""

from __future__ import annotations

from ..parsing.inline_markup import inline_tokens
from .escape import esc, open_tag

_TAGS = {"strong_open": "<strong>", "strong_close": "</strong>", "em_open": "<em>", "em_close": "</em>",
         "link_close": "</a>"}


def markup_html(text: str) -> str:
    out: list[str] = []
    for token in inline_tokens(text):
        if token.type in _TAGS:
            out.append(_TAGS[token.type])
        elif token.type == "link_open":
            out.append(open_tag("a", href=str(token.attrGet("href") or "#"), class_="reference external"))
        elif token.type == "code_inline":
            out.append("<code>" + esc(token.content) + "</code>")
        elif token.type == "softbreak":
            out.append(" ")
        else:
            out.append(esc(token.content))
    return "".join(out)
