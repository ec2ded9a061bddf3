"""GitHub's REST API: the star count of a repository (``GET /repos/{owner}/{repo}``)."""

from __future__ import annotations

import os
from urllib.parse import quote

from .http import HttpClient, base_url, count, expect

NAME = "GitHub"


def stars(client: HttpClient, repo: str) -> int:
    """``stargazers_count`` of ``owner/repo``; a ``GITHUB_TOKEN`` raises the rate limit."""
    owner, _slash, name = repo.partition("/")
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    token = os.environ.get("GITHUB_TOKEN", "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = f"{base_url('GITHUB', 'https://api.github.com')}/repos/{quote(owner)}/{quote(name)}"
    data = client.get_json(NAME, url, headers=headers)
    expect(NAME, isinstance(data, dict), "not an object")
    return count(NAME, data.get("stargazers_count"), "no stargazers_count")
