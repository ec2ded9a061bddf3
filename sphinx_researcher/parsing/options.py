"""``{publication}`` options → the fields of a Publication (the same fields BibTeX fills)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model.person import Author
from ..model.publication import Link
from .names import NameMatcher, make_author, split_option_authors

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ARXIV = re.compile(r"^(?:arxiv:)?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(?P<doi>10\.\d{4,9}/\S+)$", re.I)


_WHOLE = re.compile(r"[0-9]+")


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
    match = re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", value)
    return int(match.group()) if match and int(match.group()) > 0 else None


def parse_arxiv(value: str) -> str | None:
    value = value.strip()
    value = re.sub(r"^https?://arxiv\.org/(?:abs|pdf)/", "", value).removesuffix(".pdf")
    match = _ARXIV.match(value)
    return match["id"] if match else None


def parse_doi(value: str) -> str | None:
    match = _DOI.match(value.strip())
    return match["doi"] if match else None


def parse_authors(value: str, matcher: NameMatcher) -> tuple[Author, ...]:
    return tuple(make_author(name, matcher) for name in split_option_authors(value))


def parse_extra_links(pairs: list[tuple[str, str]], check_url: Callable[[str, str], str]) -> tuple[Link, ...]:
    links = []
    for label, url in pairs:
        safe = check_url(url, f"link {label!r}")
        if safe:
            links.append(Link(label, safe))
    return tuple(links)


def parse_keywords(value: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,;]", value) if k.strip())
