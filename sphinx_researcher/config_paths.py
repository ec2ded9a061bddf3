"""Config values that name paths: checked on ``config-inited``, after their types are.

Nothing the extension writes may land outside the output folder or replace a file Sphinx or
the user put there, and nothing named in conf.py is published from outside the source folder.
A value that breaks this is a located warning, and a safe value (or none) is used instead.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.config import Config

from .compat import links_remote_images
from .config import conf_location, conf_location_of
from .model.links import is_safe_url, service_url
from .parsing.local_files import inside_folder, source_file
from .parsing.raw_html import third_party_host
from .warnings_ import Subtype, warn

# Folders and files Sphinx (or this extension) writes in the output folder itself.
RESERVED_NAMES = frozenset({
    "_static", "_images", "_downloads", "_sources", "_modules", ".doctrees", ".buildinfo",
    "genindex", "search", "searchindex.js", "objects.inv", "py-modindex", "sitemap.xml", "robots.txt",
})
FEED_SUFFIXES = (".xml", ".atom")
_DRIVE = re.compile(r"^[A-Za-z]:")


def _scheme(value: str) -> bool:
    """``mailto:x``-like: a colon before the first slash."""
    return ":" in value.split("/", 1)[0]


def _safe(url: str) -> bool:
    try:
        return is_safe_url(url)
    except ValueError:  # a URL urlsplit cannot read is not emitted either
        return False


def path_problem(value: str) -> str:
    """Why ``value`` is not a plain relative path inside the output folder ("" if it is one)."""
    if not value.strip():
        return "is empty"
    if "\0" in value or "\\" in value or any(ord(c) < 32 for c in value):
        return "holds a backslash or a control character"
    if value.startswith("/") or _DRIVE.match(value) or "://" in value or _scheme(value):
        return "is absolute"
    parts = PurePosixPath(value).parts
    if any(part in (".", "..") for part in value.strip("/").split("/")):
        return "holds '.' or '..'"
    if parts and parts[0] in RESERVED_NAMES:
        return f"clashes with {parts[0]!r}, which Sphinx writes"
    return ""


def validate_paths(app: Sphinx, config: Config) -> None:
    conf_py = Path(app.confdir) / "conf.py"
    conf_text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""

    def location(name: str) -> str:
        return conf_location(conf_py, conf_text, name)

    folder = str(config.researcher_publication_dir)
    problem = path_problem(folder.rstrip("/") or folder)
    if problem:
        warn(
            f"researcher_publication_dir {folder!r} {problem}: it must be a folder name inside the output, "
            "e.g. 'pub'; using 'pub'",
            Subtype.config,
            location("researcher_publication_dir"),
        )
        config.researcher_publication_dir = "pub"

    feed = str(config.researcher_news_feed)
    if feed:
        problem = path_problem(feed)
        if not problem and not feed.lower().endswith(FEED_SUFFIXES):
            problem = "does not end in .xml or .atom (it could replace a page)"
        if problem:
            warn(
                f"researcher_news_feed {feed!r} {problem}: it must be a relative .xml or .atom path, "
                "e.g. 'news.xml'; no feed is written",
                Subtype.feed,
                location("researcher_news_feed"),
            )
            config.researcher_news_feed = ""

    options = config.html_theme_options if isinstance(config.html_theme_options, dict) else {}
    favicon = options.get("favicon", "")
    if isinstance(favicon, str) and favicon and favicon != "none" and not _safe(favicon):
        warn(f"html_theme_options favicon: unsafe URL {favicon!r} is not emitted", Subtype.url,
             location("html_theme_options"))

    profile = config.researcher_profile
    named = [("photo", profile.get("photo", ""))]
    links = dict(profile.get("links", {}) or {})
    named += [(f"link {name!r}", service_url(str(name).lower(), value)) for name, value in links.items()]
    for what, value in named:
        path = str(value or "").split("#", 1)[0].split("?", 1)[0]
        if "://" not in path and not _scheme(path) and not inside_folder(app.srcdir, path.lstrip("/")):
            warn(
                f"researcher_profile {what} {value!r} is outside the source folder; it is not published",
                Subtype.file,
                location("researcher_profile"),
            )
        elif (what == "photo" and path and config.html_theme == "researcher" and "://" not in path
              and not _scheme(path) and source_file(app.srcdir, path.lstrip("/")) is None):
            # The sidebar shows it on every page: said once, here (a {profile} using it says nothing more).
            warn(f"researcher_profile photo {value!r} does not exist in the source folder; the sidebar shows none",
                 Subtype.file, location("researcher_profile"))


def warn_remote_photo(app: Sphinx) -> None:
    """A ``researcher_profile`` photo from another host in the researcher theme's sidebar: once,
    at conf.py (on builder-inited, as only builders that link remote images show it; a
    ``{profile}`` showing it says so at its own line)."""
    photo = str(app.config.researcher_profile.get("photo", "") or "")
    host = third_party_host(photo, app.config.html_baseurl or "")
    if host and app.config.html_theme == "researcher" and links_remote_images(app.env):
        warn(f"researcher_profile photo {photo!r} loads from {host} when a page is viewed; put a copy in "
             "the source folder", Subtype.external, conf_location_of(app, "researcher_profile"))


def setup_config_paths(app: Sphinx) -> None:
    app.connect("config-inited", validate_paths, priority=110)
    app.connect("builder-inited", warn_remote_photo)
