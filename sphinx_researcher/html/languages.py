"""One site in several languages: ``researcher_languages`` maps each Sphinx language code to
the base URL of that language's build (Read the Docs serves translations as projects of
their own: ``/en/``, ``/zh-cn/``).

Every html page gets ``<link rel="alternate" hreflang>`` to the same page in each language
(and ``x-default``, the first one); the ``researcher`` theme shows a language switch. The
language being built takes its URL as ``html_baseurl`` (feeds, JSON-LD, canonical links).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import conf_location
from ..i18n import _
from ..model.links import is_safe_url
from ..render.escape import open_tag
from ..warnings_ import Subtype, warn


def language_tag(code: str) -> str:
    """Sphinx's ``zh_CN`` → BCP 47 ``zh-CN`` (what ``hreflang`` and ``lang`` take)."""
    return code.replace("_", "-")


def language_name(code: str) -> str:
    """The language's name in itself: "English", "中文"; the code when Babel does not know it."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_language_name(locale) or code
    return name[:1].upper() + name[1:]


def valid_languages(app: Sphinx, config: Config) -> dict[str, str]:
    """The languages whose URL is absolute and safe; the others are a warning at conf.py."""
    kept: dict[str, str] = {}
    for code, url in dict(config.researcher_languages).items():
        url = str(url)
        if not isinstance(code, str) or not url.startswith(("http://", "https://")) or not is_safe_url(url):
            conf_py = Path(app.confdir) / "conf.py"
            text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""
            warn(
                f"researcher_languages: {code!r} needs the absolute http(s) URL of that language's site, not {url!r}",
                Subtype.config,
                conf_location(conf_py, text, "researcher_languages"),
            )
            continue
        kept[code] = url if url.endswith("/") else url + "/"
    return kept


def set_language_baseurl(app: Sphinx, config: Config) -> None:
    languages = valid_languages(app, config)
    config.researcher_languages = languages
    if config.language in languages:
        config.html_baseurl = languages[config.language]


def alternates(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The same page in every configured language: code, tag, name, url, current."""
    languages: dict[str, str] = app.config.researcher_languages
    if not languages:
        return []
    target = app.builder.get_target_uri(pagename).partition("#")[0]  # singlehtml: "#document-index"
    return [
        {
            "code": code,
            "tag": language_tag(code),
            "name": language_name(code),
            "url": posixpath.join(base, target) if target else base,
            "current": code == app.config.language,
        }
        for code, base in languages.items()
    ]


def add_language_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    found = alternates(app, pagename)
    if not found:
        return
    links = [open_tag("link", rel="alternate", hreflang=item["tag"], href=item["url"]) for item in found]
    links.append(open_tag("link", rel="alternate", hreflang="x-default", href=found[0]["url"]))
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"
    context["researcher_languages"] = found
    context["researcher_language_label"] = _("Language")


def setup_languages(app: Sphinx) -> None:
    app.connect("config-inited", set_language_baseurl, priority=450)  # before the CV and feed checks
    app.connect("html-page-context", add_language_context)
