"""What the ``researcher`` theme's templates need beyond Sphinx's own context: the top
navigation (from the root toctree), the site title, a meta description, a favicon, the
profile photo, and the labels it writes (translated through our catalog)."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import nodes as sr
from ..i18n import _
from ..model.links import is_absolute, is_safe_url
from ..model.person import Profile
from ..parsing.local_files import source_file

THEME_NAME = "researcher"


def uses_theme(app: Sphinx) -> bool:
    """True when the html builder renders with this theme (or one that inherits it)."""
    if app.builder.format != "html":
        return False
    dirs = getattr(getattr(app.builder, "theme", None), "_dirs", ())
    return app.config.html_theme == THEME_NAME or any(Path(d).name == THEME_NAME for d in dirs)


def _ancestors(env: BuildEnvironment, docname: str) -> set[str]:
    """Every document whose toctree (directly or not) includes ``docname``."""
    parents: dict[str, str] = {}
    for parent, children in env.toctree_includes.items():
        for child in children:
            parents.setdefault(child, parent)
    found: set[str] = set()
    while docname in parents and parents[docname] not in found:
        docname = parents[docname]
        found.add(docname)
    return found


def nav_items(app: Sphinx, pagename: str, site_title: str = "", home_label: str = "") -> list[dict[str, Any]]:
    """The root document (as ``home_label``, else by its title unless that is the site title,
    which already links home), then every entry of the root toctree(s), in order."""
    env = app.env
    root = app.config.root_doc
    builder = app.builder
    ancestors = _ancestors(env, pagename)
    items: list[dict[str, Any]] = []

    def internal(title: str, docname: str) -> dict[str, Any]:
        current = "page" if docname == pagename else ("true" if docname in ancestors and docname != root else "")
        # A page's link to itself is its own file name (the relative URI is empty).
        url = builder.get_relative_uri(pagename, docname) or posixpath.basename(builder.get_target_uri(docname)) or "./"
        return {"title": title, "url": url, "current": current}

    if home_label:
        items.append(internal(home_label, root))
    elif root in env.titles and env.titles[root].astext() != site_title:
        items.append(internal(env.titles[root].astext(), root))
    toc = env.tocs.get(root)
    for toctree in toc.findall(addnodes.toctree) if toc is not None else ():
        for title, ref in toctree["entries"]:
            if ref == "self" or ref == root:
                continue
            if is_absolute(ref):
                if is_safe_url(ref):
                    items.append({"title": title or ref, "url": ref, "current": ""})
            elif ref in env.titles:
                items.append(internal(title or env.titles[ref].astext(), ref))
    return items


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s.\-]+", name) if w]
    if not words:
        return "•"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def initials_favicon(name: str) -> str:
    """An SVG favicon with the site owner's initials, as a data: URI (no extra request)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        '<rect width="64" height="64" rx="14" fill="#1d5b94"/>'
        '<text x="32" y="43" font-family="system-ui,sans-serif" font-size="28" font-weight="700" '
        f'text-anchor="middle" fill="#fff">{_escape_xml(_initials(name))}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg)


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def description(profile: Profile | None, site_title: str) -> str:
    """"Jane Q. Doe — PhD candidate, Department of Automation, Example University"."""
    if profile is None:
        return site_title
    about = ", ".join(part for part in (profile.role, profile.affiliation) if part)
    name = profile.name or site_title
    return f"{name} — {about}" if about else name


def _photo_url(app: Sphinx, profile: Profile | None, context: dict[str, Any]) -> str:
    """The sidebar photo: conf.py paths are relative to the source root (copied by copy_profile_files)."""
    if profile is None or not profile.photo:
        return ""
    photo = profile.photo
    if is_absolute(photo):
        return photo if is_safe_url(photo) else ""
    found = source_file(app.srcdir, photo.lstrip("/"))  # never a file from outside the source
    return str(context["pathto"](found, 1)) if found else ""


def _safe_url(url: str) -> bool:
    try:
        return is_safe_url(url)
    except ValueError:  # unreadable (an unmatched "["): not emitted either
        return False


def add_theme_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if not uses_theme(app):
        return
    profile: Profile | None = context.get("researcher_profile")
    site_title = context.get("theme_nav_title") or (profile.name if profile else "") or app.config.project
    context["researcher_site_title"] = site_title
    context["researcher_nav"] = nav_items(app, pagename, site_title, context.get("theme_nav_home", ""))
    context["researcher_page_has_profile"] = doctree is not None and any(True for _n in doctree.findall(sr.profile))
    context["researcher_photo_url"] = _photo_url(app, profile, context)
    context["researcher_description"] = context.get("theme_description") or description(profile, site_title)
    favicon = context.get("theme_favicon", "")
    if favicon == "none" or context.get("favicon_url") or not _safe_url(str(favicon or "#")):
        # A script URL (reported on config-inited) is never emitted.
        context["researcher_favicon"] = ""
    elif favicon:
        context["researcher_favicon"] = favicon if is_absolute(favicon) else context["pathto"](favicon.lstrip("/"), 1)
    else:
        context["researcher_favicon"] = initials_favicon(site_title)
    context["researcher_labels"] = {
        "skip": _("Skip to main content"),
        "nav": _("Main"),
        "profile": _("Profile"),
        "built_with": _("Built with %(sphinx)s and %(researcher)s"),
    }


def copy_profile_files(app: Sphinx, exception: Exception | None) -> None:
    """The sidebar shows ``researcher_profile``'s photo and links on every page: make sure the
    local files they name (``_static/me.jpg``, ``cv.pdf``) are in the output at the same path,
    even when they are not under ``html_static_path``."""
    if exception is not None or not uses_theme(app):
        return
    profile = app.config.researcher_profile
    paths = [profile.get("photo", ""), *dict(profile.get("links", {}) or {}).values()]
    outdir = Path(app.outdir).resolve()
    for value in paths:
        path = str(value or "").split("#", 1)[0].split("?", 1)[0].lstrip("/")
        if not path or is_absolute(path):
            continue
        found = source_file(app.srcdir, path)  # inside the source folder only
        if found is None:
            continue
        source, target = Path(app.srcdir) / found, Path(app.outdir) / found
        if not target.exists() and outdir in target.resolve().parents:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
