"""Crossref's REST API: ``is-referenced-by-count`` of a DOI (``GET /works/{doi}``)."""

from __future__ import annotations

from urllib.parse import quote

from .http import HttpClient, base_url, count, expect

NAME = "Crossref"


def work_citations(client: HttpClient, doi: str) -> int:
    url = f"{base_url('CROSSREF', 'https://api.crossref.org')}/works/{quote(doi, safe='/')}"
    data = client.get_json(NAME, url, params={"mailto": client.mailto} if client.mailto else None)
    expect(NAME, isinstance(data, dict) and isinstance(data.get("message"), dict), "no message")
    return count(NAME, data["message"].get("is-referenced-by-count"), "no is-referenced-by-count")
