"""The language of a block, a phrase or a page (``lang="zh"`` in HTML), so that browsers pick
the right glyph forms and fonts (Chinese in an English site) and screen readers the right voice.

- a page: ``lang: zh`` in its front matter (MyST) or ``:lang: zh`` at its top (reST);
- a block: the ``{lang}`` directive, or the ``:lang:`` option of any directive of ours;
- a phrase: the ``{lang}`` role, ``{lang}`zh|计算机视觉```.

Each adds docutils' ``language-<tag>`` class, which every docutils HTML writer turns into a
``lang`` attribute; other builders ignore it. The class is added after docutils' smart quotes
transform, which would otherwise warn about every language it has no quotes for (``zh``).
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from ..parsing.front_matter import front_matter_line_in
from ..warnings_ import Subtype, warn
from .base import ResearcherDirective

# BCP 47 as written in practice: a primary language, then subtags (zh-Hans, zh-CN, en-GB);
# Sphinx-style underscores are accepted.
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def language_class(value: str) -> str | None:
    """``"zh_CN"`` → ``"language-zh-CN"``; None for something that is not a language tag."""
    value = value.strip()
    if not _TAG.match(value):
        return None
    return "language-" + value.replace("_", "-")


_PENDING = "sr_language"  # node attribute: the class to add once smart quotes are done


def set_language(node: nodes.Element, cls: str, document: nodes.document | None = None) -> None:
    """Give ``node`` the language class; with ``document``, only once smart quotes are done."""
    if document is None:
        node["classes"] = [c for c in node["classes"] if not c.startswith("language-")] + [cls]
    else:
        node[_PENDING] = cls
        document[_PENDING] = True


class ApplyLanguages(SphinxTransform):
    """After docutils' SmartQuotes (855): pending languages become classes."""

    default_priority = 870

    def apply(self, **kwargs: object) -> None:
        if not self.document.get(_PENDING):
            return
        del self.document[_PENDING]
        for node in list(self.document.findall(nodes.Element)):
            cls = node.attributes.pop(_PENDING, None)
            if cls:
                set_language(node, str(cls))


class LangDirective(ResearcherDirective):
    """A block of MyST/reST content in another language."""

    required_arguments = 1
    has_content = True
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        cls = language_class(self.arguments[0])
        container = nodes.container(classes=self.options.get("class", []))
        self.set_source_info(container)
        if cls is None:
            self.warn(f"lang: {self.arguments[0]!r} is not a language tag (e.g. zh, zh-Hans, en-GB)", Subtype.option)
        else:
            set_language(container, cls, self.state.document)
        container += self.parse_content_to_nodes()
        return [container]


class LangRole(SphinxRole):
    """``{lang}`zh|多伊``` → ``<span lang="zh">多伊</span>``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        tag, sep, text = self.text.partition("|")
        cls = language_class(tag) if sep else None
        if cls is None:
            warn(f"lang role {self.text!r} must read 'tag|text' with a language tag such as zh",
                 Subtype.option, (self.env.docname, self.lineno))
            return [nodes.Text(text if sep else self.text)], []
        node = nodes.inline(text, text)
        set_language(node, cls, self.inliner.document)
        self.set_source_info(node)
        return [node], []


def page_language(app: Sphinx, doctree: nodes.document) -> None:
    """Front matter ``lang: zh``: the page's sections get the language (the page's ``<html
    lang>`` stays the site's, so the theme's own labels keep theirs)."""
    env = app.env
    value = str(env.metadata.get(env.docname, {}).get("lang", "") or "")
    if not value:
        return
    cls = language_class(value)
    if cls is None:
        line = front_matter_line_in(env.doc2path(env.docname), "lang")
        warn(f"page lang {value!r} is not a language tag (e.g. zh, zh-Hans, en-GB)", Subtype.option,
             (env.docname, line))
        return
    for section in doctree.children:
        if isinstance(section, nodes.Element) and not isinstance(section, nodes.Invisible):
            set_language(section, cls)


def setup_lang(app: Sphinx) -> None:
    app.add_directive("lang", LangDirective)
    app.add_role("lang", LangRole())
    app.add_transform(ApplyLanguages)
    # After Sphinx's metadata collector (priority 500) has read the front matter.
    app.connect("doctree-read", page_language, priority=800)
