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
from ..collectors.bibliography import DOMAIN
from ..i18n import _
from ..model.links import is_absolute, is_safe_url
from ..model.person import Profile
from ..parsing.local_files import file_part, source_file

THEME_NAME = "researcher"


def uses_theme(app: Sphinx) -> bool:
    """True when the html builder renders with this theme (or one that inherits it)."""
    if app.builder.format != "html" or _serializing(app.builder):
        return False
    dirs = getattr(getattr(app.builder, "theme", None), "_dirs", ())
    return app.config.html_theme == THEME_NAME or any(Path(d).name == THEME_NAME for d in dirs)


def _serializing(builder: object) -> bool:
    """The json and pickle builders: they write each page's context, no template renders it."""
    try:
        from sphinxcontrib.serializinghtml import SerializingHTMLBuilder
    except ImportError:  # pragma: no cover - Sphinx requires it
        return False
    return isinstance(builder, SerializingHTMLBuilder)


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


def section_items(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The home page's own sections, as top-bar links: its title's subsections (or its
    top-level sections when it has several), linked as plain anchors on the home page and
    through the home page's URL elsewhere."""
    env, builder, root = app.env, app.builder, app.config.root_doc
    toc = env.tocs.get(root)
    if toc is None:
        return []
    top = [item for item in toc.children if isinstance(item, nodes.list_item)]
    if len(top) == 1:
        top = [item for sub in top[0].children if isinstance(sub, nodes.bullet_list) for item in sub.children]
    base = ""
    if pagename != root and builder.name != "singlehtml":
        base = builder.get_relative_uri(pagename, root) or posixpath.basename(builder.get_target_uri(root)) or "./"
    items: list[dict[str, Any]] = []
    for item in top:
        if not isinstance(item, nodes.list_item):
            continue
        reference = next(item.findall(nodes.reference), None)
        anchor = str(reference.get("anchorname", "")) if reference is not None else ""
        if reference is None or not anchor.startswith("#") or len(anchor) < 2:
            continue
        items.append({"title": reference.astext(), "url": base + anchor, "current": "", "section": True})
    return items


def top_bar_items(app: Sphinx, pagename: str, site_title: str, home_label: str, mode: str) -> list[dict[str, Any]]:
    """``nav_sections``: "auto" links the home page's sections when the root toctree lists no
    page (a one-page homepage), "true" always (sections first, then the pages), "false" never."""
    pages = nav_items(app, pagename, site_title, home_label)
    if mode not in {"auto", "true"}:
        return pages
    home_uri = app.builder.get_target_uri(app.config.root_doc)
    others = [item for item in pages if not _is_home(app, pagename, item, home_uri)]
    if mode == "auto" and others:
        return pages
    sections = section_items(app, pagename)
    return [*sections, *others] if sections else pages


def _is_home(app: Sphinx, pagename: str, item: dict[str, Any], home_uri: str) -> bool:
    root = app.config.root_doc
    own = app.builder.get_relative_uri(pagename, root) or posixpath.basename(home_uri) or "./"
    return bool(item["url"] == own and not is_absolute(item["url"]))


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


def resource_url(context: dict[str, Any], path: str) -> str:
    """The page's URL of a file of the output (``pathto(path, 1)``)."""
    pathto = context.get("pathto")
    if pathto is None:
        return path
    try:
        return str(pathto(path, 1))
    except TypeError:  # the json and pickle builders' pathto takes the path alone
        return str(pathto(path))


def _photo_url(app: Sphinx, profile: Profile | None, context: dict[str, Any]) -> str:
    """The sidebar photo: conf.py paths are relative to the source root (copied by copy_profile_files)."""
    if profile is None or not profile.photo:
        return ""
    photo = profile.photo
    if is_absolute(photo):
        return photo if is_safe_url(photo) else ""
    found = source_file(app.srcdir, file_part(photo).lstrip("/"))  # never a file from outside the source
    return resource_url(context, found) if found else ""


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
    mode = str(context.get("theme_nav_sections", "auto") or "auto").strip().lower()
    context["researcher_nav"] = top_bar_items(app, pagename, site_title, context.get("theme_nav_home", ""), mode)
    cards = [node["profile"] for node in doctree.findall(sr.profile)] if doctree is not None else []
    context["researcher_page_has_profile"] = bool(cards)
    context["researcher_show_site_title"] = not (
        pagename == app.config.root_doc
        and context["researcher_nav"]
        and not context.get("logo_url")
        and site_title in shown_names(cards, profile, context)
    )
    context["researcher_photo_url"] = _photo_url(app, profile, context)
    context["researcher_description"] = context.get("theme_description") or description(profile, site_title)
    favicon = context.get("theme_favicon", "")
    if favicon == "none" or context.get("favicon_url") or not _safe_url(str(favicon or "#")):
        # A script URL (reported on config-inited) is never emitted.
        context["researcher_favicon"] = ""
    elif favicon:
        context["researcher_favicon"] = favicon if is_absolute(favicon) else resource_url(context, favicon.lstrip("/"))
    else:
        context["researcher_favicon"] = initials_favicon(site_title)
    context["researcher_labels"] = {
        "skip": _("Skip to main content"),
        "nav": _("Main"),
        "profile": _("Profile"),
        "built_with": _("Built with %(sphinx)s and %(researcher)s"),
    }


def sidebar_shown(profile: Profile | None, has_card: bool, context: dict[str, Any]) -> bool:
    """The layout's rule for the sidebar profile (see layout.html's sr_show_profile)."""
    show = str(context.get("theme_show_profile", "true")).strip().lower() in {"true", "1", "yes", "on"}
    return bool(profile and profile.name and context.get("researcher_profile_html") and show and not has_card)


def shown_names(cards: list[Profile], profile: Profile | None, context: dict[str, Any]) -> set[str]:
    """The names a page shows in a profile: its {profile} cards, else the theme's sidebar."""
    names = {card.name.strip() for card in cards if card.name}
    if sidebar_shown(profile, bool(cards), context) and profile is not None:
        names.add(profile.name.strip())
    return names


def pages_after_photo_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page again when the sidebar photo came or went since the last build: each page
    shows it, and no page source changed."""
    photo = str(app.config.researcher_profile.get("photo", "") or "")
    found = bool(photo) and not is_absolute(photo) and source_file(app.srcdir, file_part(photo).lstrip("/")) is not None
    data = env.domaindata.setdefault(DOMAIN, {})
    before, data["sidebar_photo_found"] = data.get("sidebar_photo_found"), found
    if before is None or before == found or not uses_theme(app):
        return []
    return sorted(env.found_docs)


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
