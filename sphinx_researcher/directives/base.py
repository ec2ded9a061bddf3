"""What every directive of ours shares: located warnings and URL checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..compat import links_remote_images
from ..model.links import is_malformed_url, is_safe_url
from ..parsing.raw_html import third_party_host
from ..warnings_ import Subtype, warn


class UnknownOption(str):
    """The value of an option the directive does not know (reported, then dropped)."""


class OptionSpec(dict[str, Callable[[str | None], Any]]):
    """An option spec that lets unknown names through, so the directive itself can report
    them as ``researcher.option`` at their line instead of docutils refusing the directive
    (reStructuredText) or MyST warning under its own type."""

    def __missing__(self, name: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


class ResearcherDirective(SphinxDirective):
    """A directive whose warnings point at the line where the user wrote it."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.option_spec is not None and not isinstance(cls.option_spec, OptionSpec):
            cls.option_spec = OptionSpec(cls.option_spec)
        # Every directive of ours takes :lang: (see directives/lang.py).
        if cls.option_spec is not None and "lang" not in cls.option_spec:
            cls.option_spec["lang"] = directives.unchanged_required
        if "run" in cls.__dict__:
            cls.run = _with_language(cls.__dict__["run"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, value in list(self.options.items()):
            if isinstance(value, UnknownOption):
                del self.options[name]
                known = ", ".join(f":{o}:" for o in sorted(self.option_spec or {}))
                message = f"{self.name}: unknown option :{name}: (known: {known})"
                self.warn(message, Subtype.option, self.option_line(name))

    def location(self, line_offset: int | None = None) -> tuple[str, int]:
        line = self.lineno if line_offset is None else self.content_offset + 1 + line_offset
        return (self.env.docname, line)

    def option_line(self, name: str) -> int:
        """The line where option ``name`` is written (``:name:``, or ``name:`` in MyST's YAML
        block), else the directive's own line."""
        colon = re.compile(rf"^\s*:{re.escape(name)}:(\s|$)")
        yaml = re.compile(rf"^\s*{re.escape(name)}\s*:(\s|$)")
        lines = self.block_text.splitlines()
        in_yaml = len(lines) > 1 and lines[1].strip() == "---"
        for offset, text in enumerate(lines[1:], start=1):
            if in_yaml and offset > 1 and text.strip() == "---":
                in_yaml = False
                continue
            if colon.match(text) or (in_yaml and yaml.match(text)):
                return self.lineno + offset
        return self.lineno

    def warn(self, message: str, subtype: Subtype, line: int | None = None) -> None:
        warn(message, subtype, (self.env.docname, line or self.lineno))

    def safe_url(self, url: str, what: str, line: int | None = None) -> str:
        """``url`` if it may be emitted, else "" with a warning naming ``what``."""
        url = url.strip()
        if url and not is_safe_url(url):
            kind = "malformed" if is_malformed_url(url) else "unsafe"
            self.warn(f"{what}: {kind} URL {url!r} is not emitted", Subtype.url, line)
            return ""
        return url

    def warn_remote_image(self, url: str, what: str, line: int | None = None) -> None:
        """An image the reader's browser would load from another host: said where it is written
        (by builders that link remote images: the others leave them out)."""
        host = third_party_host(url, self.config.html_baseurl or "")
        if host and links_remote_images(self.env):
            self.warn(f"{what} {url} loads from {host} when the page is viewed; put a copy in the source folder",
                      Subtype.external, line)


def _with_language(run: Callable[[Any], list[nodes.Node]]) -> Callable[[Any], list[nodes.Node]]:
    """``run`` whose top-level nodes get the ``:lang:`` option's language, if one is given."""

    def run_with_language(self: ResearcherDirective) -> list[nodes.Node]:
        result = run(self)
        value = self.options.get("lang")
        if not value:
            return result
        from .lang import language_class, set_language

        cls = language_class(str(value))
        if cls is None:
            message = f"{self.name}: :lang: {value!r} is not a language tag (e.g. zh, zh-Hans, en-GB)"
            self.warn(message, Subtype.option, self.option_line("lang"))
            return result
        for node in result:
            if isinstance(node, nodes.Element) and not isinstance(node, nodes.system_message):
                set_language(node, cls, self.state.document)
        return result

    run_with_language.__doc__ = run.__doc__
    return run_with_language


def parse_key_values(text: str) -> list[tuple[str, str]]:
    """``a=x, Label b=https://y`` → ``[("a", "x"), ("Label b", "https://y")]``.

    Commas inside URLs are rare; a part without ``=`` is joined to the previous value.
    """
    pairs: list[tuple[str, str]] = []
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if sep and key.strip() and not any(c in key for c in "/?&:"):
            pairs.append((key.strip(), value.strip()))
        elif pairs:
            last_key, last_value = pairs[-1]
            pairs[-1] = (last_key, f"{last_value},{part}")
        elif part.strip():
            raise ValueError(f"{part.strip()!r} is not of the form name=value")
    return pairs
