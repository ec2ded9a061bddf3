"""Per-page additions to the html context: Person JSON-LD where a profile is shown, and the
profile the ``researcher`` theme puts in its sidebar."""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .. import nodes as sr
from ..directives.profile import profile_from_config
from ..model.links import is_absolute, is_safe_url
from ..parsing.local_files import source_file
from ..render.html import profile_info_html
from ..theme.context import resource_url, uses_theme
from .jsonld import person_data, script_tag


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    base_url = app.config.html_baseurl or ""
    shown = next(doctree.findall(sr.profile), None) if doctree is not None else None
    profile = shown["profile"] if shown is not None else None
    if profile is None and pagename == app.config.root_doc and app.config.researcher_name:
        # The home page stands for the researcher even without a {profile} directive.
        profile = profile_from_config(app.config, lambda message, subtype: None)
    if profile is not None:
        photo = photo_url(app, shown, profile.photo) if base_url and profile.photo else ""
        target = app.builder.get_target_uri(pagename).partition("#")[0]  # singlehtml: "#document-index"
        page_url = posixpath.join(base_url, target) if base_url else ""
        context["metatags"] = context.get("metatags", "") + script_tag(person_data(profile, page_url, photo))
    if uses_theme(app):  # the researcher theme, or a theme that inherits it
        # Unsafe links were reported once on config-inited; here they are only left out.
        profile = profile_from_config(app.config, lambda message, subtype: None)
        root = resource_url(context, "") if "pathto" in context else ""
        context["researcher_profile"] = profile
        context["researcher_profile_html"] = profile_info_html(profile, root if root.endswith("/") else "")


def photo_url(app: Sphinx, shown: nodes.Element | None, photo: str) -> str:
    """The absolute URL of the profile photo where the output really has it, else ""."""
    if is_absolute(photo):
        return photo if photo.startswith(("http://", "https://")) and is_safe_url(photo) else ""
    base_url = app.config.html_baseurl
    image = next(shown.findall(nodes.image), None) if shown is not None else None
    images: dict[str, str] = getattr(app.builder, "images", {})
    source = image.get("candidates", {}).get("*", "") if image is not None else ""
    if source in images:  # copied by Sphinx into _images/ (perhaps under another name)
        return posixpath.join(base_url, app.builder.imagedir, images[source])
    if not source_file(app.srcdir, photo.lstrip("/")):  # missing, or outside the source: never published
        return ""
    if uses_theme(app) or photo.lstrip("/").startswith("_static/"):  # copied at its own path
        return posixpath.join(base_url, photo.lstrip("/"))
    return ""


def setup_page_context(app: Sphinx) -> None:
    app.connect("html-page-context", add_page_context)
