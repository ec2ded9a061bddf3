"""URLs: which schemes are safe, and how a service id becomes a profile URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urljoin, urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", "tel"})

# Control characters and whitespace inside a scheme can smuggle "java\tscript:".
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def split_url(url: str) -> SplitResult | None:
    """``urlsplit`` that never raises: None for a URL it cannot read (an unmatched ``[`` or
    ``]`` in the host, a bad port). Every URL check goes through here, so no URL slot can
    turn a typo into a traceback."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises for a malformed port or bracketed host)
    except (ValueError, TypeError):
        return None
    return parts


def join_url(base: str, url: str) -> str:
    """``urljoin`` that never raises: a URL it cannot read is kept as written."""
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def is_malformed_url(url: str) -> bool:
    return split_url(_CONTROL.sub("", url)) is None


# Most URLs a site shows: http(s), a host of plain characters, any path. urlsplit reads every
# one of them (only a bracketed host or a port can fail it), so the full check is not needed.
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:/[^\x00-\x20\x7f]*)?")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and absolute URLs of a harmless scheme (never for a URL that
    cannot be parsed: browsers and tools would each read it differently)."""
    if not isinstance(url, str):
        return False
    if _PLAIN_WEB_URL.fullmatch(url):
        return True
    squeezed = _CONTROL.sub("", url)
    if not squeezed:
        return False
    parts = split_url(squeezed)
    if parts is None:
        return False
    scheme = parts.scheme.lower()
    if scheme:
        return scheme in SAFE_SCHEMES
    # No scheme: a relative path or fragment. A stray colon before any slash would be
    # read as a scheme by some browsers, so refuse it; and browsers read a backslash as a
    # slash (``\\evil.example`` is ``//evil.example``, another host).
    head = squeezed.split("/", 1)[0]
    return ":" not in head and "\\" not in squeezed.split("?", 1)[0].split("#", 1)[0]


def is_absolute(url: str) -> bool:
    """A URL with a scheme or a network location (a malformed one counts as absolute, so it
    is never taken for a local file)."""
    parts = split_url(url)
    if parts is None:
        return True
    return bool(parts.scheme) or url.startswith("//")


@dataclass(frozen=True)
class Service:
    """A profile service: its label, the octicon shown, and how an id becomes a URL."""

    label: str
    icon: str
    url_template: str  # "{}" is replaced by the quoted id


SERVICES: dict[str, Service] = {
    "scholar": Service("Google Scholar", "mortar-board", "https://scholar.google.com/citations?user={}"),
    "github": Service("GitHub", "mark-github", "https://github.com/{}"),
    "orcid": Service("ORCID", "id-badge", "https://orcid.org/{}"),
    "x": Service("X", "comment", "https://x.com/{}"),
    "twitter": Service("X", "comment", "https://x.com/{}"),
    "linkedin": Service("LinkedIn", "briefcase", "https://www.linkedin.com/in/{}"),
    "bluesky": Service("Bluesky", "comment-discussion", "https://bsky.app/profile/{}"),
    "mastodon": Service("Mastodon", "comment-discussion", "{}"),  # user@host, see below
    "dblp": Service("DBLP", "database", "https://dblp.org/pid/{}.html"),
    "semanticscholar": Service("Semantic Scholar", "book", "https://www.semanticscholar.org/author/{}"),
    "openalex": Service("OpenAlex", "graph", "https://openalex.org/authors/{}"),  # read by `metrics` too
    "openreview": Service("OpenReview", "eye", "https://openreview.net/profile?id={}"),
    "researchgate": Service("ResearchGate", "beaker", "https://www.researchgate.net/profile/{}"),
    "gitlab": Service("GitLab", "git-branch", "https://gitlab.com/{}"),
    "huggingface": Service("Hugging Face", "smiley", "https://huggingface.co/{}"),
    "youtube": Service("YouTube", "video", "https://www.youtube.com/@{}"),
    "cv": Service("CV", "file", "{}"),
    "website": Service("Website", "globe", "{}"),
    "email": Service("Email", "mail", "mailto:{}"),
}

GENERIC_SERVICE = Service("", "link-external", "{}")


def service_url(service: str, value: str) -> str:
    """The URL for ``service=value``: a full URL (or relative path) is kept as written."""
    value = value.strip()
    if is_absolute(value) or value.startswith(("/", "./", "../")):
        return value
    spec = SERVICES.get(service, GENERIC_SERVICE)
    if service == "mastodon":
        user, _, host = value.lstrip("@").partition("@")
        return f"https://{quote(host)}/@{quote(user)}" if host else value
    if spec.url_template == "{}":
        return value
    return spec.url_template.format(quote(value, safe="/-_.~@"))
