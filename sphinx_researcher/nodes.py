"""The extension's doctree nodes.

A publication or a badge is one node carrying its model, written out by a visitor per
builder (see PERFORMANCE.md: thousands of small nodes make every transform slow). News
items and timeline entries keep their MyST body as ordinary child nodes. Builders other
than the html family get standard nodes instead (``render.standard``).
"""

from __future__ import annotations

from docutils import nodes


class SRElement(nodes.General, nodes.Element):
    """Base of every block node of ours."""


class profile(SRElement):
    """attrs: ``profile`` (model.Profile). children: optional photo image, optional bio."""


class profile_photo(SRElement):
    """Wraps the standard image node of the photo, so Sphinx copies the file."""


class profile_bio(SRElement):
    pass


class news_list(SRElement):
    """attrs: ``limit`` (int or None). children: news_item, then an optional news_older."""


class news_older(SRElement):
    """The closed ``<details>`` that holds items beyond the limit."""


class news_item(SRElement):
    """attrs: ``date`` (ISO partial date), ``date_label``, optional ``source_uri`` (set on the
    copies {recent-news} shows: where the item is defined); children: the item's body."""


class recent_news(SRElement):
    """Placeholder replaced on ``doctree-resolved`` with the newest items of the site.

    attrs: ``limit``; children: an optional paragraph with the archive link."""


class timeline(SRElement):
    pass


class timeline_entry(SRElement):
    """attrs: ``start``, ``end`` (ISO or ""), ``ongoing``, ``start_label``, ``end_label``."""


class publication(SRElement):
    """attrs: ``key``, ``sr_doc`` (the document it was read for), ``anchor``, and ``pub``
    (model.Publication) while read and once resolved, never in the pickle (see
    collectors.doctree_models); children: optional pub_media, pub_abstract."""


class pub_media(SRElement):
    pass


class pub_abstract(SRElement):
    pass


class publication_list(SRElement):
    """attrs: ``group_by``; children: pub_group or publication nodes, then a pub_legend."""


class pub_group(SRElement):
    """attrs: ``title`` (a year or a type label)."""


class pub_legend(SRElement):
    """attrs: ``marks`` (tuple of mark symbols): the marks used by the run of papers above."""


class badge(nodes.Inline, nodes.Element):
    """attrs: ``label``, ``message``, ``color``, ``label_color``, ``link``, ``logo``."""


BLOCK_NODES: tuple[type[nodes.Element], ...] = (
    profile,
    profile_photo,
    profile_bio,
    news_list,
    news_older,
    news_item,
    recent_news,
    timeline,
    timeline_entry,
    publication,
    pub_media,
    pub_abstract,
    publication_list,
    pub_group,
    pub_legend,
)


class search_words(nodes.Element):
    """Hidden: the words of a page's publications, for Sphinx's search index only (the html
    builders that index add it; their visitor writes nothing)."""
