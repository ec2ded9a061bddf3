"""A long page written without ever holding its whole HTML in memory.

Sphinx joins a page's HTML pieces into its body, the theme's template copies the body into the
page (alabaster's ``super()`` once more), Jinja joins the page and Sphinx encodes it to write it:
for a list of thousands of papers, copies of a 3 MB page (6 MiB each once a name holds a letter
beyond Latin-1) alive at once. So on html and dirhtml pages:

- past the first ``LONG_BODY`` characters of publications, the visitor (``render.html``) hands
  each publication's HTML to ``defer()``, which writes it, encoded, to a temporary spool file
  and gives back a short marker for the page's pieces;
- a long body is taken out of the page's context last (``html-page-context``), so the template
  renders a short stand-in instead;
- right after Sphinx has written the page, the stand-in is replaced by the body, its markers by
  the spooled HTML, all written in pieces.

The file is the one Sphinx would have written (tests compare the bytes). A template must use
the body once, as it is (``{{ body }}``, as themes do): when the stand-in does not come out
exactly once, the page is rendered again the normal way.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import IO, Any

from docutils import nodes
from sphinx.application import Sphinx

LONG_BODY = 256 * 1024  # characters of publications a page keeps in memory; beyond, they are spooled
_CHUNK = 1 << 20  # characters encoded at a time
_BUILDERS = frozenset({"html", "dirhtml"})  # not singlehtml, epub or the serializing builders


class _Spool:
    """One page's spooled publication HTML: encoded bytes in an anonymous temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close(), once written)
        self.ranges: list[tuple[int, int]] = []  # (offset, length) of each piece

    def add(self, data: bytes) -> int:
        self.ranges.append((self.file.tell(), len(data)))
        self.file.write(data)
        return len(self.ranges) - 1

    def read(self, index: int) -> bytes:
        offset, length = self.ranges[index]
        self.file.seek(offset)
        data = self.file.read(length)
        self.file.seek(0, os.SEEK_END)
        return data

    def close(self) -> None:
        self.file.close()


class LateBody:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.standin = f"sr-late-body-{uuid.uuid4().hex}"
        self.marker = re.compile(re.escape(self.standin) + r":(\d+);")
        self.encoding: str = app.config.html_output_encoding
        self.kept: dict[str, int] = {}  # docname → characters of publication HTML kept in memory
        self.spools: dict[str, _Spool] = {}
        self.unspooled: set[str] = set()  # pages whose spool could not be written
        self.body: str | None = None  # the body taken out of the page being handled
        self.handling = False  # inside our handle_page, not a nested or a second rendering
        builder: Any = app.builder
        self.original = builder.handle_page
        builder.handle_page = self.handle_page
        builder._sr_late_body = self  # the visitor's way to defer()

    def defer(self, docname: str, html: str) -> str:
        """What the visitor appends for ``html``: itself, or a marker once the page is long."""
        kept = self.kept.get(docname, 0)
        if kept < LONG_BODY or docname in self.unspooled:
            self.kept[docname] = kept + len(html)
            return html
        spool = self.spools.get(docname)
        try:
            if spool is None:
                spool = self.spools[docname] = _Spool()
            return f"{self.standin}:{spool.add(self.encode(html))};"
        except OSError:  # no room for a temporary file: the rest of the page stays in memory
            self.unspooled.add(docname)
            return html

    def encode(self, text: str) -> bytes:
        """As ``Path.write_text(text, encoding, errors="xmlcharrefreplace")`` writes it."""
        if os.linesep != "\n":
            text = text.replace("\n", os.linesep)
        return text.encode(self.encoding, "xmlcharrefreplace")

    def take_body(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
        body = context.get("body")
        if not (self.handling and self.body is None and isinstance(body, str)):
            return
        if len(body) >= LONG_BODY or pagename in self.spools:
            self.body = body
            context["body"] = self.standin

    def handle_page(self, pagename: str, *args: Any, **kwargs: Any) -> None:
        if self.handling:  # a page rendered from inside another's: no stand-in for it
            self.original(pagename, *args, **kwargs)
            return
        self.handling = True
        body = spool = None
        try:
            try:
                self.original(pagename, *args, **kwargs)
            finally:
                self.handling = False
                body, self.body = self.body, None
                spool = self.spools.pop(pagename, None)
                self.kept.pop(pagename, None)
                self.unspooled.discard(pagename)
            if body is None:
                return
            outfilename = kwargs.get("outfilename") or (args[2] if len(args) > 2 else None)
            path = Path(outfilename or self.app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
            if not self.splice(path, body, spool):
                # The theme did not take the stand-in as it is: the normal way, markers filled in.
                addctx = args[0] if args else kwargs["addctx"]
                addctx["body"] = self.marker.sub(lambda m: self.decode(spool, m), body) if spool else body
                self.original(pagename, *args, **kwargs)
        finally:
            if spool is not None:
                spool.close()

    def decode(self, spool: _Spool, match: re.Match[str]) -> str:
        text = spool.read(int(match.group(1))).decode(self.encoding)
        return text if os.linesep == "\n" else text.replace(os.linesep, "\n")

    def splice(self, path: Path, body: str, spool: _Spool | None) -> bool:
        """The written page with its stand-in replaced by ``body`` (markers by their HTML);
        False when the page has not exactly one stand-in."""
        try:
            with path.open(encoding=self.encoding, newline="") as handle:
                shell = handle.read()
        except (OSError, UnicodeError):
            return False
        head, found, tail = shell.partition(self.standin)
        if not found or self.standin in tail:
            return False
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as out:
                # The template's own text was translated and encoded when Sphinx wrote it.
                out.write(head.encode(self.encoding, "xmlcharrefreplace"))
                position = 0
                for match in self.marker.finditer(body) if spool is not None else ():
                    self.write_text(out, body, position, match.start())
                    out.write(spool.read(int(match.group(1))))  # type: ignore[union-attr]
                    position = match.end()
                self.write_text(out, body, position, len(body))
                out.write(tail.encode(self.encoding, "xmlcharrefreplace"))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return False
        return True

    def write_text(self, out: IO[bytes], text: str, start: int, end: int) -> None:
        for at in range(start, end, _CHUNK):
            out.write(self.encode(text[at:min(at + _CHUNK, end)]))


def install(app: Sphinx) -> None:
    if app.builder.name not in _BUILDERS or not hasattr(app.builder, "handle_page"):
        return
    late = LateBody(app)
    app.connect("html-page-context", late.take_body, priority=1000)  # after every other listener


def setup_late_body(app: Sphinx) -> None:
    app.connect("builder-inited", install)
