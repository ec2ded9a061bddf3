"""The per-paper pages written from one rendering of the theme (a "shell"), not one each.

They sit in one folder, at one depth, in no toctree, so what the theme writes for two of them
differs only through the values they are given: ``title``, ``body``, ``metatags`` and the page's
name (its file name, canonical URL, language alternates). The shell is one page rendered through
Sphinx's own ``handle_page``, every ``html-page-context`` listener running, with marked stand-ins
for those values; each page is then the shell with its own values put in, each through the filter
the template applied to the stand-in (``{{ title }}``, ``{{ title|striptags|e }}``), which the
stand-in's rendered form shows.

Guards, so a page is never other than what ``handle_page`` writes:
- only Sphinx's own ``html-page-context`` listeners, ours and those of the themes read for this
  (alabaster, furo, pydata-sphinx-theme, sphinx-rtd-theme) may be connected; any other (sphinx-sitemap,
  opengraph, ...) must see every page, so then every page takes the normal path;
- a stand-in found in a form no known filter gives, or the page name changed on its way into the
  page, makes the shell unusable;
- the first page written from the shell and the pages with the trickiest titles (and one in 256)
  are also rendered the normal way and must come out byte-identical, else the shell is dropped;
- a page whose context makes a listener or template decide otherwise than for the stand-in
  (sphinx-design classes in its body, the researcher theme's description, a sidebar pattern
  matching its name, other context values) takes the normal path. A new listener of ours, or a
  template condition of our theme, that decides by a page's values belongs in ``_key``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from jinja2.utils import _PassArg
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.matching import patmatch

from .assets import design_use

logger = logging.getLogger(__name__)

ENABLED = True  # tests switch it off to compare with pages all written the normal way
VALUES = ("title", "body", "metatags")  # what differs between two pages' contexts
TOKEN = "sr-shell-q7x3k9"  # the stand-in page's name in the folder; the page names are slugs
_MARK = "SRSHELLq7x3k9"
# Tags, an entity and whitespace runs: identity, |e, |striptags and |striptags|e give four
# different forms, and an |upper or |title shows as an unknown one.
_PROBE = " <b>&amp;x\n  y</b> "
_FILTERS = ("", "|e", "|striptags", "|striptags|e")
_DESCRIBED = 'name="description"'
_REGION = re.compile(re.escape(_MARK) + r"(\d)Q(.*?)Q" + re.escape(_MARK), re.S)
_SLUG = re.compile(r"[a-z0-9_-]+")
# Packages whose html-page-context listeners were read: they derive the context from the page's
# name and the site alone, in ways the shell carries over (or the check below catches).
_KNOWN = ("sphinx", "sphinx_researcher", "alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme")


@dataclass
class ShellReport:
    """How the last build wrote its per-paper pages (for ``-v`` and the tests)."""

    from_shell: int = 0
    normal: int = 0
    verified: int = 0
    reason: str = ""  # why no page (or not every page) came from the shell
    foreign: list[str] = field(default_factory=list)


REPORTS: WeakKeyDictionary[Sphinx, ShellReport] = WeakKeyDictionary()


def standin(index: int) -> str:
    # The metatags stand-in holds a description, as the pages' own do: the researcher theme adds
    # its site description only to a page without one (a page without one takes the normal path).
    probe = _PROBE + _DESCRIBED + " " if VALUES[index] == "metatags" else _PROBE
    return f"{_MARK}{index}Q{probe}Q{_MARK}"


def foreign_listeners(app: Sphinx) -> list[str]:
    """The ``html-page-context`` listeners that are neither Sphinx's, ours nor a known theme's."""
    found = []
    for listener in app.events.listeners.get("html-page-context", []):
        handler = listener.handler
        module = str(getattr(handler, "__module__", "") or "")
        if module.split(".", 1)[0] not in _KNOWN:
            found.append(f"{module}.{getattr(handler, '__qualname__', repr(handler))}")
    return found


@dataclass
class _Shell:
    parts: list[Any]  # str | list[str] (split at the page name) | (value index, filter)
    rest: dict[str, Any]  # the context besides VALUES, which every page must share
    bad: bool = False


class PageShells:
    """Writes per-paper pages from the shell; ``write`` says when a page must take the normal path."""

    def __init__(self, app: Sphinx, folder: str, verify: set[str] | None = None) -> None:
        self.app = app
        self.folder = folder
        self.verify = verify or set()
        self.report = REPORTS[app] = ShellReport()
        self.shell: _Shell | None = None
        self.tried = False
        self.standin_key: tuple[Any, ...] | None = None
        builder = app.builder
        self.environment = getattr(getattr(builder, "templates", None), "environment", None)
        self.encoding = str(app.config.html_output_encoding)
        self.filters: dict[str, Callable[[str], str]] = {}
        self.forms: dict[tuple[int, str], str] = {}  # (value, the stand-in's form) → the filters
        self.patterns = self._patterns()
        self.folders: set[str] = set()
        self.report.foreign = foreign_listeners(app)
        self.report.reason = self._unusable()

    def _unusable(self) -> str:
        if not ENABLED:
            return "switched off"
        if self.report.foreign:
            return "html-page-context listeners of other extensions: " + ", ".join(self.report.foreign)
        if self.encoding.lower().replace("-", "").replace("_", "") != "utf8":
            return f"html_output_encoding {self.encoding!r}"
        if self.environment is None or getattr(self.environment, "finalize", None) is not None:
            return "no plain Jinja environment"
        return ""

    def _patterns(self) -> list[str]:
        """Glob patterns that pick templates by page name: html_sidebars, and a theme option that
        maps patterns (pydata's secondary_sidebar_items); a page matching them otherwise than the
        stand-in takes the normal path."""
        patterns = [str(p) for p in dict(self.app.config.html_sidebars)]
        context = getattr(self.app.builder, "globalcontext", {}) or {}
        for name, value in context.items():
            if name.startswith("theme_") and isinstance(value, dict):
                patterns += [str(p) for p in value]
        return patterns

    def _key(self, pagename: str, values: list[str]) -> tuple[Any, ...]:
        """What listeners and our theme decide from a page's name and values (sphinx-design's assets,
        the researcher theme's description, sidebars by pattern): the shell serves only pages
        decided as the stand-in is."""
        return (design_use(values[1]), _DESCRIBED in values[2],
                tuple(patmatch(pagename, p) for p in self.patterns))

    # -- writing ---------------------------------------------------------------------------------

    def write(self, pagename: str, context: dict[str, Any]) -> bool:
        """Write the page from the shell (or, for a page checked against it, the normal way);
        False when the caller must hand it to Sphinx."""
        folder, _sep, name = pagename.rpartition("/")
        if self.report.reason or folder != self.folder or not _SLUG.fullmatch(name):
            self.report.normal += 1
            return False
        found = [context.get(v) for v in VALUES]
        if not all(type(v) is str for v in found):
            self.report.normal += 1
            return False
        values: list[str] = found  # type: ignore[assignment]
        if self.standin_key is None:
            self.standin_key = self._key(f"{self.folder}/{TOKEN}", [standin(i) for i in range(len(VALUES))])
        rest = {k: v for k, v in context.items() if k not in VALUES}
        if self._key(pagename, values) != self.standin_key:  # decided otherwise: sd- classes, a sidebar
            self.report.normal += 1
            return False
        if self.shell is None and not self.tried:
            self.tried = True
            self.shell = self._make(rest)
            if self.shell is not None:
                return self._verified(pagename, context, values)
        shell = self.shell
        if shell is None or shell.bad or rest.keys() != shell.rest.keys() or any(
            rest[k] is not v and rest[k] != v for k, v in shell.rest.items()
        ):
            self.report.normal += 1
            return False
        if pagename in self.verify:
            return self._verified(pagename, context, values)
        self._write(pagename, self._fill(shell, name, values))
        self.report.from_shell += 1
        return True

    def _verified(self, pagename: str, context: dict[str, Any], values: list[str]) -> bool:
        """The page the normal way, compared with what the shell gives for it."""
        assert self.shell is not None
        builder = self.app.builder
        builder.handle_page(pagename, context, "page.html")  # type: ignore[attr-defined]
        self.report.normal += 1
        self.report.verified += 1
        expected = self._fill(self.shell, pagename.rpartition("/")[2], values).encode("utf-8", "xmlcharrefreplace")
        try:
            written = Path(builder.get_outfilename(pagename)).read_bytes()  # type: ignore[attr-defined]
        except OSError:
            written = b""
        if written != expected.replace(b"\n", os.linesep.encode()):
            self.shell.bad = True
            self.report.reason = f"the theme's page for {pagename!r} is not the shell's"
            logger.verbose("per-paper pages: %s; the normal way from here", self.report.reason)
        return True

    def _write(self, pagename: str, text: str) -> None:
        path = str(self.app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        parent = os.path.dirname(path)
        if parent not in self.folders:
            os.makedirs(parent, exist_ok=True)
            self.folders.add(parent)
        if os.linesep != "\n":  # what write_text in handle_page does
            text = text.replace("\n", os.linesep)
        data = text.encode(self.encoding, "xmlcharrefreplace")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def _fill(self, shell: _Shell, name: str, values: list[str]) -> str:
        out = []
        for part in shell.parts:
            if type(part) is str:
                out.append(part)
            elif type(part) is list:
                out.append(name.join(part))
            else:
                index, chain = part
                out.append(values[index] if not chain else self.filters[chain](values[index]))
        return "".join(out)

    # -- the shell -------------------------------------------------------------------------------

    def _make(self, rest: dict[str, Any]) -> _Shell | None:
        app, builder = self.app, self.app.builder
        page = f"{self.folder}/{TOKEN}"
        standins = [standin(i) for i in range(len(VALUES))]
        self._compile()
        path = Path(app.doctreedir) / "sr-page-shell.html"
        try:
            builder.handle_page(page, dict(rest, **dict(zip(VALUES, standins, strict=True))),  # type: ignore[attr-defined]
                                "page.html", outfilename=path)
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.report.reason = f"the shell could not be written: {error}"
            return None
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
        parts = self._parse(text)
        if parts is None:
            return None
        return _Shell(parts, rest)

    def _compile(self) -> None:
        assert self.environment is not None
        for chain in _FILTERS:
            if chain:
                self.filters[chain] = self._filter(chain)
        # The form each filter gives the stand-in between its marks (striptags joins the probe's
        # outer spaces to the marks, so the forms are taken from the whole stand-in).
        self.forms = {}
        for index in range(len(VALUES)):
            forms = {}
            for chain in _FILTERS:
                match = _REGION.fullmatch(self.filters[chain](standin(index)) if chain else standin(index))
                if match is not None:
                    forms[match.group(2)] = chain
            if len(forms) == len(_FILTERS):  # else filters that do something else: no form is known
                self.forms.update({(index, form): chain for form, chain in forms.items()})

    def _filter(self, chain: str) -> Callable[[str], str]:
        """The template's filters as one function: Jinja's own filter functions called directly
        (a template render costs more), or a compiled ``{{ v|... }}`` for filters that want context."""
        assert self.environment is not None
        functions = [self.environment.filters.get(name) for name in chain.strip("|").split("|")]
        if all(f is not None and _PassArg.from_obj(f) is None for f in functions):
            def apply(value: str) -> str:
                result: Any = value
                for function in functions:
                    result = function(result)
                return str(result)
            return apply
        template = self.environment.from_string("{{ v" + chain + " }}")
        return lambda value: str(template.render(v=value))

    def _parse(self, text: str) -> list[Any] | None:
        parts: list[Any] = []
        pos = 0
        seen = set()
        for match in _REGION.finditer(text):
            chain = self.forms.get((int(match.group(1)), match.group(2)))
            if chain is None:
                self.report.reason = f"the theme writes a page value as {match.group(2)!r}"
                return None
            parts.append(text[pos:match.start()])
            parts.append((int(match.group(1)), chain))
            seen.add(int(match.group(1)))
            pos = match.end()
        parts.append(text[pos:])
        statics = [p for p in parts if isinstance(p, str)]
        if 1 not in seen or any(_MARK.lower() in s.lower() for s in statics):
            self.report.reason = "a page value is cut or changed in the theme's page, or the body is not in it"
            return None
        # The name must reach the page as it is (no case change, no cut): the slug's characters
        # are the same escaped, quoted or in JSON.
        for s in statics:
            bare = s.replace(TOKEN, "")
            if TOKEN[:8] in bare.lower() or TOKEN[-6:] in bare.lower():
                self.report.reason = "the page name is changed on its way into the page"
                return None
        return [p.split(TOKEN) if isinstance(p, str) and TOKEN in p else p for p in parts]

    def finish(self) -> None:
        report = self.report
        if report.from_shell or report.reason:
            logger.verbose("per-paper pages: %d written from one rendering of the theme, %d the normal way%s",
                           report.from_shell, report.normal, f" ({report.reason})" if report.reason else "")


def pick_checks(titles: list[tuple[str, str]]) -> set[str]:
    """Pages also rendered the normal way and compared: the longest title, the first with markup
    characters, the first beyond ASCII, the first with TeX or a space run, and one in 256."""
    chosen: set[str] = set()
    if not titles:
        return chosen
    chosen.add(max(titles, key=lambda item: len(item[1]))[0])
    tests: list[Callable[[str], bool]] = [
        lambda t: any(c in t for c in "&<>\"'"),
        lambda t: not t.isascii(),
        lambda t: any(c in t for c in "$\\{}") or "  " in t or "\n" in t or t != t.strip(),
    ]
    for test in tests:
        found = next((page for page, title in titles if test(title)), None)
        if found is not None:
            chosen.add(found)
    chosen.update(page for page, _title in titles[::256])
    return chosen
