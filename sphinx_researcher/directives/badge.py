"""``{badge}`` as a role (``label|message <link>``) and as a directive; drawn as SVG at build time."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .. import nodes as sr
from ..model.links import is_malformed_url, is_safe_url
from ..render.escape import has_control_chars, xml_safe
from ..warnings_ import Subtype, warn
from .base import ResearcherDirective

_HEX = re.compile(r"^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_ROLE = re.compile(r"^(?P<label>[^|<]*?)\s*(?:\|\s*(?P<message>[^<]*?))?\s*(?:<(?P<link>[^>]*)>)?\s*$", re.S)


def normalise_color(value: str) -> str | None:
    """A hex colour as ``#rrggbb``/``#rgb`` or a shields colour name; None if neither."""
    from ..render.badges import NAMED_COLORS  # imported on use: only pages with a badge need it

    value = value.strip()
    if value.lower() in NAMED_COLORS:
        return NAMED_COLORS[value.lower()]
    if _HEX.match(value):
        return "#" + value.lstrip("#").lower()
    return None


def make_badge(
    label: str, message: str, *, color: str = "", label_color: str = "", link: str = "", logo: str = "",
    location: tuple[str, int], option_lines: dict[str, int] | None = None,
) -> sr.badge:
    """Build a badge node from user values, warning (at ``location``, or at the option's own
    line when ``option_lines`` knows it) about each bad one."""

    def where(option: str) -> tuple[str, int]:
        return (location[0], (option_lines or {}).get(option, location[1]))

    if has_control_chars(label) or has_control_chars(message):
        warn("badge: control characters in the label or message are left out", Subtype.content, location)
        label, message = xml_safe(label), xml_safe(message)
    attrs = {"label": label, "message": message, "color": "#007ec6", "label_color": "#555", "link": "", "logo": ""}
    for name, value in (("color", color), ("label_color", label_color)):
        if value:
            parsed = normalise_color(value)
            if parsed is None:
                problem = f"badge: unknown {name.replace('_', '-')} {value!r} (use a hex colour or a shields name)"
                warn(problem, Subtype.option, where(name.replace("_", "-")))
            else:
                attrs[name] = parsed
    if link:
        if is_safe_url(link):
            attrs["link"] = link
        else:
            kind = "malformed" if is_malformed_url(link) else "unsafe"
            warn(f"badge: {kind} URL {link!r} is not emitted", Subtype.url, where("link"))
    if logo:
        from ..render.badges import known_logo  # imported on use: only badges with a logo need it

        if known_logo(logo):
            attrs["logo"] = logo
        else:
            warn(f"badge: unknown logo {logo!r}", Subtype.option, where("logo"))
    node = sr.badge(f"{label}: {message}" if message else label, **attrs)
    return node


class BadgeRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _ROLE.match(self.text)
        location = (self.env.docname, self.lineno)
        if not match or not (match["label"] or "").strip():
            warn(f"badge role {self.text!r} must read 'label|message <link>'", Subtype.option, location)
            return [nodes.Text(self.text)], []
        node = make_badge(
            match["label"].strip(), (match["message"] or "").strip(), link=(match["link"] or "").strip(),
            location=location,
        )
        self.set_source_info(node)
        return [node], []


class BadgeDirective(ResearcherDirective):
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "message": directives.unchanged,
        "color": directives.unchanged,
        "label-color": directives.unchanged,
        "logo": directives.unchanged,
        "link": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        node = make_badge(
            self.arguments[0],
            self.options.get("message", ""),
            color=self.options.get("color", ""),
            label_color=self.options.get("label-color", ""),
            link=self.options.get("link", ""),
            logo=self.options.get("logo", ""),
            location=self.location(),
            option_lines={name: self.option_line(name) for name in self.options},
        )
        self.set_source_info(node)
        paragraph = nodes.paragraph("", "", node, classes=["sr-badges", *self.options.get("class", [])])
        self.set_source_info(paragraph)
        return [paragraph]


def setup_badge(app: Sphinx) -> None:
    app.add_role("badge", BadgeRole())
    app.add_directive("badge", BadgeDirective)
