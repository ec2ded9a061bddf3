"""OpenAlex: citations of a work, an author's totals, and an author's works.

A DOI is looked up as ``/works/doi:…``; an arXiv id through the DOI arXiv registers
(``10.48550/arXiv.<id>``). ``OPENALEX_API_KEY`` and the polite-pool ``mailto`` are sent
as query parameters (never logged: errors name no URL).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from ..model.works import Work
from .http import HttpClient, base_url, count, expect

NAME = "OpenAlex"
MAX_PAGES = 25  # 200 works a page: 5000 works is more than any homepage lists


def _params(client: HttpClient, **extra: str) -> dict[str, str]:
    params = dict(extra)
    if client.mailto:
        params["mailto"] = client.mailto
    key = os.environ.get("OPENALEX_API_KEY", "")
    if key:
        params["api_key"] = key
    return params


def arxiv_doi(arxiv: str) -> str:
    return "10.48550/arXiv." + re.sub(r"v\d+$", "", arxiv)


def work_citations(client: HttpClient, doi: str = "", arxiv: str = "") -> int:
    """``cited_by_count`` of the work with this DOI (or arXiv id)."""
    doi = doi or arxiv_doi(arxiv)
    url = f"{base_url('OPENALEX', 'https://api.openalex.org')}/works/doi:{quote(doi, safe='/')}"
    data = client.get_json(NAME, url, params=_params(client, select="id,cited_by_count"))
    expect(NAME, isinstance(data, dict), "not an object")
    return count(NAME, data.get("cited_by_count"), "no cited_by_count")


def author_path(author: str) -> str:
    """``orcid:0000-…`` for an ORCID, else the OpenAlex id (``A5023888391``)."""
    author = author.strip().removeprefix("https://openalex.org/").removeprefix("https://orcid.org/")
    if re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", author):
        return f"orcid:{author}"
    return author


def author_totals(client: HttpClient, author: str) -> dict[str, int]:
    """``citations``, ``h-index`` and ``works`` of an author (by OpenAlex id or ORCID)."""
    url = f"{base_url('OPENALEX', 'https://api.openalex.org')}/authors/{quote(author_path(author), safe=':')}"
    data = client.get_json(NAME, url, params=_params(client))
    expect(NAME, isinstance(data, dict), "not an object")
    stats = data.get("summary_stats")
    expect(NAME, isinstance(stats, dict), "no summary_stats")
    return {
        "citations": count(NAME, data.get("cited_by_count"), "no cited_by_count"),
        "h-index": count(NAME, stats.get("h_index"), "no h_index"),
        "works": count(NAME, data.get("works_count"), "no works_count"),
    }


def author_works(client: HttpClient, author: str) -> Iterator[dict[str, Any]]:
    """Every work of an author (OpenAlex id or ORCID), following the cursor."""
    path = author_path(author)
    field = "author.orcid" if path.startswith("orcid:") else "author.id"
    value = path.removeprefix("orcid:")
    url = f"{base_url('OPENALEX', 'https://api.openalex.org')}/works"
    cursor = "*"
    for _page in range(MAX_PAGES):
        params = _params(client, filter=f"{field}:{value}", cursor=cursor)
        params["per-page"] = "200"
        data = client.get_json(NAME, url, params=params)
        expect(NAME, isinstance(data, dict) and isinstance(data.get("results"), list), "no results")
        for work in data["results"]:
            if isinstance(work, dict):
                yield work
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        cursor = meta.get("next_cursor") or ""
        if not cursor or not data["results"]:
            return


_TYPES = {"article": "article", "book-chapter": "incollection", "book": "book", "dissertation": "phdthesis",
          "report": "techreport", "preprint": "misc"}


def as_work(data: dict[str, Any]) -> Work | None:
    """One OpenAlex work as the sync command sees it."""
    from ..parsing.options import parse_arxiv, parse_doi

    title = data.get("display_name") or data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    doi = parse_doi(data["doi"]) or "" if isinstance(data.get("doi"), str) else ""
    arxiv = ""
    if doi.lower().startswith("10.48550/arxiv."):
        arxiv, doi = parse_arxiv(doi[len("10.48550/arxiv."):]) or "", ""
    location: dict[str, Any] = data["primary_location"] if isinstance(data.get("primary_location"), dict) else {}
    source: dict[str, Any] = location["source"] if isinstance(location.get("source"), dict) else {}
    venue: str = source["display_name"] if isinstance(source.get("display_name"), str) else ""
    kind = _TYPES.get(str(data.get("type", "")), "misc")
    if kind == "article" and source.get("type") == "conference":
        kind = "inproceedings"
    for place in data.get("locations") or []:
        page = place.get("landing_page_url") if isinstance(place, dict) else None
        if isinstance(page, str) and "arxiv.org/abs/" in page:
            arxiv = arxiv or parse_arxiv(page) or ""
            if source.get("type") == "repository":
                venue = ""
    names = [a.get("author") for a in data.get("authorships") or [] if isinstance(a, dict)]
    authors = tuple(n["display_name"] for n in names if isinstance(n, dict) and isinstance(n.get("display_name"), str))
    year = data.get("publication_year")
    landing = location.get("landing_page_url")
    return Work(title=title.strip(), year=year if isinstance(year, int) else None, authors=authors, entry_type=kind,
                venue=venue, doi=doi, arxiv=arxiv, url=landing if isinstance(landing, str) else "", source=NAME)
