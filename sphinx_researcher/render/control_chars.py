"""Characters no XML may contain (NUL, C0 controls but tab and newlines), left out of every page.

One in a page's text makes the epub XHTML, the Atom feed and a badge's SVG unreadable (lxml
refuses the whole feed). They can only be there by mistake (pasted from a PDF, a terminal), so
they are dropped when the page is read, with a located warning, and every builder gets clean text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..warnings_ import Subtype, warn
from .escape import has_control_chars, xml_safe


class DropControlCharacters(SphinxTransform):
    default_priority = 5  # before anything copies text out of the page

    def apply(self, **kwargs: object) -> None:
        reported: set[int] = set()
        for text in list(self.document.findall(nodes.Text)):
            if not has_control_chars(text):
                continue
            parent = text.parent
            if parent is None:
                continue
            line = _line_of(parent)
            if line not in reported:
                reported.add(line)
                warn("control characters in the text are left out", Subtype.content, (self.env.docname, line))
            parent.replace(text, nodes.Text(xml_safe(str(text))))


def _line_of(node: nodes.Node) -> int:
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return 1
