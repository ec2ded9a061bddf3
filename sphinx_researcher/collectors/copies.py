"""What a news item keeps when it is shown away from its own page ({recent-news}, the feed).

Some content belongs to the page it is written on and cannot be copied: a toctree is part of
that page's place in the site, a footnote reference points at a footnote of that page. Copies
leave them out, so no builder meets a dangling reference (LaTeX stops on one) or a toctree
where none can be.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes
from sphinx import addnodes

from .. import nodes as sr

PAGE_BOUND: tuple[type[nodes.Node], ...] = (
    addnodes.toctree,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.citation,
    nodes.citation_reference,
    sr.recent_news,  # never inside an item (refused when read); a copy must not copy the site again
)


N = TypeVar("N", bound=nodes.Element)


def strip_page_bound(node: N) -> N:
    """``node`` (a copy) without what cannot leave its page; returned for chaining."""
    for descendant in list(node.findall(lambda n: isinstance(n, PAGE_BOUND), include_self=False)):
        parent = descendant.parent
        if parent is None:
            continue
        parent.remove(descendant)
        # The toctree directive wraps its node in a compound: no empty wrapper is left behind.
        if isinstance(parent, nodes.compound) and not parent.children and parent.parent is not None:
            parent.parent.remove(parent)
    return node
