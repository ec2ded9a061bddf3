"""Semantic Scholar's Graph API: ``citationCount`` of a paper by DOI or arXiv id."""

from __future__ import annotations

import os
from urllib.parse import quote

from .http import HttpClient, base_url, count, expect

NAME = "Semantic Scholar"


def work_citations(client: HttpClient, doi: str = "", arxiv: str = "") -> int:
    paper = f"DOI:{doi}" if doi else f"ARXIV:{arxiv}"
    base = base_url("SEMANTICSCHOLAR", "https://api.semanticscholar.org")
    graph = base if base.endswith("/graph/v1") else f"{base}/graph/v1"  # a base given with its path works too
    url = f"{graph}/paper/{quote(paper, safe=':/')}"
    key = os.environ.get("S2_API_KEY", "")
    data = client.get_json(NAME, url, params={"fields": "citationCount"}, headers={"x-api-key": key} if key else None)
    expect(NAME, isinstance(data, dict), "not an object")
    return count(NAME, data.get("citationCount"), "no citationCount")
