"""ORCID's public API v3.0: the works of a record (``GET /v3.0/{orcid}/works``).

Each group holds the summaries of one work from several sources; the first summary is used,
with the group's external ids (doi, arxiv). Summaries carry no author list: the works' full
records, read in batches (``GET /v3.0/{orcid}/works/{put-code},{put-code},…``), do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..model.works import Work
from .http import HttpClient, ServiceError, base_url, expect

NAME = "ORCID"
ORCID_ID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")

_TYPES = {
    "journal-article": "article",
    "conference-paper": "inproceedings",
    "book-chapter": "incollection",
    "book": "book",
    "dissertation-thesis": "phdthesis",
    "dissertation": "phdthesis",
    "report": "techreport",
    "preprint": "misc",
}


def normalise_orcid(value: str) -> str:
    value = value.strip().removeprefix("https://orcid.org/").removeprefix("http://orcid.org/").strip("/")
    return value if ORCID_ID.match(value) else ""


# The most put-codes ORCID's API takes in one request for full records.
_BULK = 100
# Contributor roles that make an author (v3.0 writes "author"; a role left out is an author too).
_AUTHOR_ROLES = {None, "", "author"}
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def works(client: HttpClient, orcid: str) -> list[Work]:
    base = base_url("ORCID", "https://pub.orcid.org")
    url = f"{base if base.endswith('/v3.0') else base + '/v3.0'}/{orcid}/works"
    data = client.get_json(NAME, url, headers={"Accept": "application/json"})
    expect(NAME, isinstance(data, dict) and isinstance(data.get("group"), list), "no group list")
    found: list[tuple[int | None, Work]] = []
    for group in data["group"]:
        work = _work(group)
        if work is not None:
            found.append((_value(group, "work-summary")[0].get("put-code"), work))
    codes = [code for code, _work_found in found if isinstance(code, int)]
    authors: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(codes), _BULK):
        batch = ",".join(str(code) for code in codes[start:start + _BULK])
        authors.update(_authors(client.get_json(NAME, f"{url}/{batch}", headers={"Accept": "application/json"})))
    return [replace(work, authors=authors[code]) if code in authors else work for code, work in found]


def _authors(data: Any) -> dict[int, tuple[str, ...]]:
    """put-code → the authors a bulk answer lists, in its order (a work ORCID could not give: none)."""
    expect(NAME, isinstance(data, dict) and isinstance(data.get("bulk"), list), "no bulk list")
    result = {}
    for item in data["bulk"]:
        work = _value(item, "work")
        if not isinstance(work, dict) or not isinstance(work.get("put-code"), int):
            continue  # {"error": …} for a work made private since the list was read
        names = []
        for contributor in _value(work, "contributors", "contributor") or []:
            name = _value(contributor, "credit-name", "value")
            role = _value(contributor, "contributor-attributes", "contributor-role")
            if isinstance(name, str) and role in _AUTHOR_ROLES:
                # Some records hold the whole list in one credit-name ("A. Li and B. Wu").
                names += [part for part in (" ".join(p.split()) for p in _AND.split(name)) if part]
        result[work["put-code"]] = tuple(names)
    return result


def _value(node: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(node, dict):
            return None
        node = node.get(name)
    return node


def _work(group: Any) -> Work | None:
    summaries = _value(group, "work-summary")
    if not isinstance(summaries, list) or not summaries or not isinstance(summaries[0], dict):
        raise ServiceError(NAME, "unexpected answer (a group without work-summary)")
    summary = summaries[0]
    title = _value(summary, "title", "title", "value")
    if not isinstance(title, str) or not title.strip():
        return None
    ids: dict[str, str] = {}
    for source in (_value(group, "external-ids", "external-id"), _value(summary, "external-ids", "external-id")):
        for item in source if isinstance(source, list) else []:
            kind, value = _value(item, "external-id-type"), _value(item, "external-id-value")
            if isinstance(kind, str) and isinstance(value, str):
                ids.setdefault(kind.lower(), value.strip())
    year = _value(summary, "publication-date", "year", "value")
    url = _value(summary, "url", "value")
    venue = _value(summary, "journal-title", "value")
    return Work(
        title=title.strip(),
        year=int(year) if isinstance(year, str) and year.isdigit() else None,
        entry_type=_TYPES.get(str(summary.get("type", "")), "misc"),
        venue=venue.strip() if isinstance(venue, str) else "",
        doi=ids.get("doi", ""),
        arxiv=ids.get("arxiv", "").removeprefix("arXiv:").removeprefix("arxiv:"),
        url=url.strip() if isinstance(url, str) else "",
        source=NAME,
    )
