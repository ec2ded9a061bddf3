"""One name at the top of a page: when a page's title is the name its profile card (or the
``researcher`` theme's sidebar) already shows, the title stays the page's one ``<h1>`` for the
outline and for screen readers but is hidden visually. The theme also leaves the name out of
the top bar on such a home page (theme/context.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..compat import builder_format
from ..directives.profile import profile_from_config
from ..theme.context import THEME_NAME

HIDDEN = "sr-visually-hidden"


class HideRepeatedName(SphinxPostTransform):
    default_priority = 900

    def is_supported(self) -> bool:
        return builder_format(self.env) == "html"

    def _sidebar_name(self) -> str:
        """The name in the researcher theme's sidebar (shown on pages without a {profile})."""
        config = self.config
        if config.html_theme != THEME_NAME:
            return ""
        show = str((config.html_theme_options or {}).get("show_profile", "true")).strip().lower()
        if show not in {"true", "1", "yes", "on"}:
            return ""
        return profile_from_config(config, lambda message, subtype: None).name.strip()

    def run(self, **kwargs: object) -> None:
        section = next((child for child in self.document.children if isinstance(child, nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        title = section[0]
        cards = [node["profile"].name.strip() for node in self.document.findall(sr.profile) if node["profile"].name]
        names = set(cards) if cards else {self._sidebar_name()} - {""}
        if title.astext().strip() in names and HIDDEN not in title["classes"]:
            title["classes"].append(HIDDEN)


def setup_repeated_name(app: Sphinx) -> None:
    app.add_post_transform(HideRepeatedName)
