"""Which elements of an author's raw HTML make the browser load something from another host.

The HTML is read with the standard library's parser (a tokenizer, not a sanitiser: nothing is
changed or removed, the raw HTML is written out as the author wrote it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# The attributes whose URL a browser fetches while showing the page.
_LOADING_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "link": ("href",),
}
# <link rel=...> values that load their href (canonical, alternate, author… only name a page).
_LOADING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "prefetch",
    "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender",
}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class ExternalLoad:
    line: int  # 1-based, within the HTML given
    tag: str
    url: str


def remote_host(url: str) -> str:
    """The host an absolute http(s) or protocol-relative URL points to, else ""."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() in {"http", "https"} or (not parts.scheme and url.startswith("//")):
        return (parts.hostname or "").lower()
    return ""


def third_party_host(url: str, own_url: str = "") -> str:
    """The host ``url`` loads from when it is another host than ``own_url``'s (the site's
    ``html_baseurl``), else "": a local path, or the site itself."""
    host = remote_host(url)
    return host if host and host != remote_host(own_url) else ""


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Finder(HTMLParser):
    def __init__(self, own_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.found: list[ExternalLoad] = []
        self._in_style = False

    def _note(self, tag: str, url: str) -> None:
        host = remote_host(url)
        if host and host not in self.own_hosts:
            self.found.append(ExternalLoad(self.getpos()[0], tag, url.strip()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        names = _LOADING_ATTRIBUTES.get(tag, ())
        if tag == "link" and not (set(values.get("rel", "").lower().split()) & _LOADING_RELS):
            names = ()
        for name in names:
            if name not in values:
                continue
            urls = _srcset_urls(values[name]) if name == "srcset" else [values[name]]
            for url in urls:
                self._note(tag, url)
        for url in _CSS_URL.findall(values.get("style", "")):
            self._note(tag, url)
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for url in _CSS_URL.findall(data):
                self._note("style", url)


def external_loads(html: str, own_hosts: frozenset[str] = frozenset()) -> list[ExternalLoad]:
    """Every element of ``html`` that loads a URL from a host not in ``own_hosts``."""
    finder = _Finder(own_hosts)
    finder.feed(html)
    finder.close()
    return finder.found
