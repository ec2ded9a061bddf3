"""The shared reading of ``- DATE: content`` bullet lists ({news}, {timeline})."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes

from ..warnings_ import Subtype
from .base import ResearcherDirective

_DATE = r"\d{4}(?:-\d{1,2}){0,2}"
SINGLE_DATE_PREFIX = re.compile(rf"^\s*(?P<when>{_DATE})\s*:\s*")
RANGE_PREFIX = re.compile(
    rf"^\s*(?P<when>{_DATE}(?:\s*(?:[–—−-]|to)\s*(?:{_DATE}|present|now|today|current))?)\s*:\s*",
    re.IGNORECASE,
)
# Something that looks meant as a date, to tell "bad date" from "no date at all".
_LOOKS_DATED = re.compile(r"^\s*(?P<when>\d[\d\-–—/.\s]*(?:present|now)?)\s*:", re.IGNORECASE)


@dataclass
class DatedItem:
    when: str  # the date text as written
    body: list[nodes.Node]  # the item's content with the date prefix removed
    line: int


def read_dated_items(directive: ResearcherDirective, prefix: re.Pattern[str], what: str) -> list[DatedItem]:
    """Parse the directive body and split each bullet into its date and its content.

    Anything that is not a dated bullet is reported at its line and left out.
    """
    parsed = directive.parse_content_to_nodes(allow_section_headings=False)
    items: list[DatedItem] = []
    for node in parsed:
        if isinstance(node, nodes.system_message):
            continue
        if not isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            directive.warn(
                f"{what} content must be a bullet list of '- DATE: text' items; "
                f"a {node.tagname} is left out",
                Subtype.content,
                node.line or directive.lineno,
            )
            continue
        for list_item in node.children:
            item = _split_item(directive, list_item, prefix, what)
            if item is not None:
                items.append(item)
    return items


def _split_item(
    directive: ResearcherDirective, list_item: nodes.Node, prefix: re.Pattern[str], what: str
) -> DatedItem | None:
    assert isinstance(list_item, nodes.Element)
    line = _line_of(list_item) or directive.lineno
    first = list_item.children[0] if list_item.children else None
    text_node = first.children[0] if isinstance(first, nodes.paragraph) and first.children else None
    raw = text_node.astext() if isinstance(text_node, nodes.Text) else ""
    match = prefix.match(raw)
    if not match:
        looks = _LOOKS_DATED.match(raw)
        if looks:
            directive.warn(
                f"{what} item has a bad date {looks['when'].strip()!r}: use YYYY, YYYY-MM or YYYY-MM-DD",
                Subtype.date,
                line,
            )
        else:
            shown = raw[:40] + ("…" if len(raw) > 40 else "")
            directive.warn(
                f"{what} item must start with 'DATE:' (YYYY, YYYY-MM or YYYY-MM-DD); {shown!r} is left out",
                Subtype.date,
                line,
            )
        return None
    assert isinstance(first, nodes.paragraph) and isinstance(text_node, nodes.Text)
    rest = raw[match.end() :]
    # The message catalogs (gettext, translations) key on rawsource: leave the date out of it too.
    raw_match = prefix.match(first.rawsource)
    if raw_match:
        first.rawsource = first.rawsource[raw_match.end() :]
    if rest:
        first.replace(text_node, nodes.Text(rest))
    else:
        first.remove(text_node)
        if not first.children:
            list_item.remove(first)
    return DatedItem(match["when"], list(list_item.children), line)


def _line_of(node: nodes.Element) -> int | None:
    for candidate in node.findall(nodes.Element):
        if candidate.line:
            return candidate.line
    return None
