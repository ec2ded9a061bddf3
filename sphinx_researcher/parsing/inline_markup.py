"""Inline Markdown in BibTeX fields and options (``**Oral Presentation**`` in a booktitle, as
al-folio users write): parsed by markdown-it-py (MyST's own parser) restricted to a safe inline
subset — emphasis, strong, code and links; raw HTML is never enabled, so it stays text."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MARKERS = frozenset("*_`[")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "backticks", "link", "escape", "entity"])


def has_markup(text: str) -> bool:
    """Cheap test first: most fields hold no Markdown at all (2000 entries stay fast)."""
    if not text or not _MARKERS.intersection(text):
        return False
    return any(t.type != "text" for t in inline_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    blocks = _parser().parseInline(text)
    return tuple(blocks[0].children or ()) if blocks else ()


def inline_tokens(text: str) -> tuple[Token, ...]:
    """The inline tokens of ``text`` (text, strong_open/close, em_open/close, code_inline,
    link_open/close, softbreak)."""
    return _tokens(text)


def markup_to_text(text: str) -> str:
    """The words of ``text`` without its Markdown (for meta tags, LaTeX, plain builders)."""
    if not text or not _MARKERS.intersection(text):
        return text
    parts = [t.content if t.type in ("text", "code_inline") else " " if t.type == "softbreak" else ""
             for t in inline_tokens(text)]
    return " ".join("".join(parts).split())
