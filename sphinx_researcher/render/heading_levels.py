"""Headings the extension adds inside a page (``{people}``'s role groups) at the level below the
section they stand in, once the builder has the whole tree: in LaTeX and singlehtml a page's
sections sit deeper than in its own HTML page (``\\subsection*`` under a page that is a
``\\section``, not ``\\section*`` beside it)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import builder_format

# Set on a rubric whose level follows its section (no explicit :heading-level:).
RELATIVE = "sr-relative-level"


class RelativeHeadingLevels(SphinxPostTransform):
    default_priority = 90

    def run(self, **kwargs: object) -> None:
        if any(rubric.get(RELATIVE) for rubric in self.document.findall(nodes.rubric)):
            # LaTeX's first section is the document's title, not a sectioning level; and its
            # deepest heading is \subparagraph, one level sooner in a howto than in a manual.
            latex = builder_format(self.env) == "latex"
            _set_levels(self.document, -1 if latex else 0, 5 if latex else 6)


def _set_levels(node: nodes.Element, depth: int, deepest: int) -> None:
    # From the top down: a tree a builder assembles from several pages (LaTeX's, singlehtml's)
    # holds each page's nodes under parents that do not point back to it.
    for child in node.children:
        if isinstance(child, nodes.rubric) and child.get(RELATIVE):
            child["heading-level"] = min(max(depth + 1, 1), deepest)
        elif isinstance(child, nodes.Element):
            _set_levels(child, depth + isinstance(child, nodes.section), deepest)
