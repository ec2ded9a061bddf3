"""``{publication}`` options → the fields of a Publication (the same fields BibTeX fills)."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from ..model.person import Author
from ..model.publication import Link
from .marks import MarkSet
from .names import NameMatcher, make_author, split_option_authors

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ARXIV = re.compile(r"^(?:arxiv:)?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(?P<doi>10\.\d{4,9}/\S+)$", re.I)


_WHOLE = re.compile(r"[0-9]+")
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def parse_whole_number(value: str) -> int | None:
    """``"12"`` → 12; None for anything else. ASCII digits only: ``str.isdigit`` also accepts
    ``²`` and ``٣``, which ``int()`` then refuses or reads differently."""
    value = value.strip()
    if not _WHOLE.fullmatch(value):
        return None
    digits = value.lstrip("0") or "0"
    # int() refuses more than 4300 digits; no limit needs more than nine.
    return int(digits) if len(digits) <= 9 else 10**9


def parse_month(value: str) -> int | None:
    value = value.strip().lower().rstrip(".")
    number = parse_whole_number(value)
    if number is not None:
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


def parse_year(value: str) -> int | None:
    """The four-digit year in ``value`` ("2024", "2024a", "2024-03-15"); None when there is
    none: ``20245`` or ``99999`` is not read as 2024 or 9999."""
    match = _YEAR.search(value)
    return int(match.group()) if match and int(match.group()) > 0 else None


def parse_arxiv(value: str) -> str | None:
    """An arXiv id from ``2405.01234``, ``arXiv:2405.01234v2``, an arxiv.org abs/pdf URL (any
    host alias, query such as ``?context=cs``) or arXiv's own DOI ``10.48550/arXiv.2405.01234``."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        host, path = parts.netloc.lower(), parts.path.strip("/")
        if host == "arxiv.org" or host.endswith(".arxiv.org"):
            value = re.sub(r"^(?:abs|pdf|html)/", "", path).removesuffix(".pdf")
        elif host in ("doi.org", "dx.doi.org") and path.lower().startswith("10.48550/arxiv."):
            value = path[len("10.48550/arxiv."):]
        else:
            return None
    elif value.lower().startswith("10.48550/arxiv."):
        value = value[len("10.48550/arxiv."):]
    match = _ARXIV.match(value)
    return match["id"] if match else None


_GITHUB_URL = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?(?:[?#].*)?$", re.I)
_REPO = re.compile(r"^([\w.-]+/[\w.-]+?)(?:\.git)?$")


def parse_github(value: str) -> str | None:
    """``owner/repo`` from ``owner/repo`` or a GitHub URL (``.git``, a trailing slash, a query)."""
    value = value.strip()
    match = _GITHUB_URL.match(value) or _REPO.match(value)
    return match.group(1) if match else None


def parse_doi(value: str) -> str | None:
    match = _DOI.match(value.strip())
    return match["doi"] if match else None


def parse_authors(value: str, matcher: NameMatcher, marks: MarkSet | None = None) -> tuple[Author, ...]:
    return tuple(make_author(name, matcher, marks) for name in split_option_authors(value))


def parse_extra_links(pairs: list[tuple[str, str]], check_url: Callable[[str, str], str]) -> tuple[Link, ...]:
    links = []
    for label, url in pairs:
        safe = check_url(url, f"link {label!r}")
        if safe:
            links.append(Link(label, safe))
    return tuple(links)


def parse_keywords(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(k.strip() for k in re.split(r"[,;]", value) if k.strip())
