"""``researcher.external``: raw HTML written by the author is kept as it is, but each element
that makes the reader's browser load something from another host is a located warning, so
the site's "nothing loads from elsewhere" holds unless the author knows and chooses it."""

from __future__ import annotations

import os
from collections.abc import Iterator

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .. import nodes as sr
from ..compat import links_remote_images
from ..parsing.raw_html import external_loads, remote_host, third_party_host
from ..warnings_ import Subtype, warn


def _line(node: nodes.Node) -> int | None:
    """The line of ``node``, else of the nearest ancestor that knows its own (inline HTML)."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return int(current.line)
        current = current.parent
    return None


def _first_line_of(text: str, source_lines: list[str], near: int) -> int:
    """Where the raw text really starts: a reST ``.. raw::`` node has the directive's line,
    its content starts after the options and a blank line. ``near`` if it cannot be found."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    for number in range(max(near, 1), min(near + 40, len(source_lines)) + 1):
        if first and source_lines[number - 1].strip() == first:
            return number
    return near


class WarnExternalRawHtml(SphinxTransform):
    default_priority = 880

    def apply(self, **kwargs: object) -> None:
        own = frozenset(filter(None, [remote_host(self.config.html_baseurl or "")]))
        source_lines: list[str] | None = None
        for node in self.document.findall(nodes.raw):
            if "html" not in node.get("format", "").split():
                continue
            loads = external_loads(node.astext(), own)
            if not loads:
                continue
            line = _line(node)
            # An inline element has its paragraph's line; a block starts at or after its own.
            block = not isinstance(node.parent, nodes.TextElement)
            if line and block:
                if source_lines is None:
                    source_lines = _read_lines(self.env.doc2path(self.env.docname))
                line = _first_line_of(node.astext(), source_lines, line)
            for load in loads:
                where = (self.env.docname, line + (load.line - 1 if block else 0)) if line else self.env.docname
                warn(
                    f"raw HTML <{load.tag}> loads {load.url} from another host when the page is viewed",
                    Subtype.external,
                    where,
                )


class WarnRemoteImages(SphinxTransform):
    """An image written in a page (Markdown, ``{image}``, ``{figure}``) from another host is
    loaded by every reader's browser: a located warning. The extension's own images (a profile
    photo, a publication's image) are reported by their directives, at their option's line."""

    default_priority = 880

    def apply(self, **kwargs: object) -> None:
        if not links_remote_images(self.env):  # the other builders leave them out
            return
        own_url = self.config.html_baseurl or ""
        said: set[tuple[str, str | None, int | None]] = set()
        for image in self.document.findall(nodes.image):
            uri = str(image.get("uri", ""))
            host = third_party_host(uri, own_url)
            if not host or isinstance(image.parent, sr.profile_photo | sr.pub_media) or not self._shown(image):
                continue
            # An included file's image is its own file's; a reST substitution used three times, once.
            source, line = get_source_line(image)
            line = line or _line(image)
            if (uri, source, line) in said:
                continue
            said.add((uri, source, line))
            if source:  # as Sphinx writes a node's location
                source = os.path.abspath(source)
            where = (f"{source}:{line}" if line else source) if source else (self.env.docname, line)
            warn(f"image {uri} loads from {host} when the page is viewed; put a copy in the source folder",
                 Subtype.external, where)

    def _shown(self, image: nodes.Node) -> bool:
        """Not a reST substitution's definition (its uses are copies of it), nor inside
        ``.. only::`` for other builders."""
        for ancestor in _ancestors(image):
            if isinstance(ancestor, nodes.substitution_definition):
                return False
            if isinstance(ancestor, addnodes.only):
                try:
                    if not self.env._tags.eval_condition(ancestor["expr"]):
                        return False
                except Exception:  # Sphinx reports a bad expression itself
                    continue
        return True


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _read_lines(path: object) -> list[str]:
    try:
        with open(str(path), encoding="utf-8", errors="replace") as file:
            return file.read().splitlines()
    except OSError:
        return []


def setup_external(app: Sphinx) -> None:
    app.add_transform(WarnExternalRawHtml)
    app.add_transform(WarnRemoteImages)
