"""A fake of every scholarly API on 127.0.0.1 (stdlib http.server in a thread).

Responses are written from each API's documented schema (GitHub REST ``repos``, OpenAlex
``works``/``authors``, Semantic Scholar Graph ``paper``, Crossref ``works`` message, ORCID
v3.0 ``works``, DBLP person XML). Each route holds a list of answers served in turn (the
last one repeats), so a test can script "429 then 200" or "slow, then 500".
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (past the client's timeout: a slow service)
    content_type: str = "application/json"


def ok(data: Any) -> Answer:
    return Answer(200, json.dumps(data).encode())


def xml(text: str) -> Answer:
    return Answer(200, text.encode(), content_type="application/xml")


def status(code: int, **headers: str) -> Answer:
    return Answer(code, json.dumps({"message": "error"}).encode(), {k.replace("_", "-"): v for k, v in headers.items()})


def garbage() -> Answer:
    return Answer(200, b"<html>Service Unavailable</html>{")


def slow(answer: Answer, delay: float = 1.0) -> Answer:
    return Answer(answer.status, answer.body, answer.headers, delay, answer.content_type)


@dataclass
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class FakeApis:
    """``routes[path] = [Answer, ...]``; an unknown path is a 404 as the real APIs give."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                with fake._lock:
                    fake.requests.append(Request(parts.path, parse_qs(parts.query), dict(self.headers)))
                    answers = fake.routes.get(parts.path)
                    answer = (answers.pop(0) if len(answers) > 1 else answers[0]) if answers else status(404)
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def requests_to(self, prefix: str) -> list[Request]:
        return [r for r in self.requests if r.path.startswith(prefix)]


@contextmanager
def fake_apis() -> Iterator[FakeApis]:
    fake = FakeApis()
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()


SERVICES = ("GITHUB", "OPENALEX", "SEMANTICSCHOLAR", "CROSSREF", "ORCID", "DBLP")


def point_services_at(monkeypatch: Any, url: str, services: tuple[str, ...] = SERVICES) -> None:
    """``SPHINX_RESEARCHER_<SERVICE>_API`` of each service set to ``url`` for one test."""
    for service in services:
        monkeypatch.setenv(f"SPHINX_RESEARCHER_{service}_API", url)


def refused_url() -> str:
    """A 127.0.0.1 URL nobody listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- answers in each API's documented format -----------------------------------------------------


def github_repo(full_name: str, stars: int) -> dict[str, Any]:
    owner, name = full_name.split("/")
    return {
        "id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": name, "full_name": full_name,
        "private": False,
        "owner": {"login": owner, "id": 1, "node_id": "MDQ6VXNlcjE=", "type": "User",
                  "html_url": f"https://github.com/{owner}", "site_admin": False},
        "html_url": f"https://github.com/{full_name}", "description": "Code of the paper", "fork": False,
        "url": f"https://api.github.com/repos/{full_name}", "homepage": "", "language": "Python",
        "forks_count": 9, "stargazers_count": stars, "watchers_count": stars, "size": 108,
        "default_branch": "main", "open_issues_count": 0, "topics": [], "has_issues": True,
        "archived": False, "disabled": False, "visibility": "public",
        "pushed_at": "2026-11-30T12:00:00Z", "created_at": "2024-05-01T08:00:00Z", "updated_at": "2026-11-30T12:00:00Z",
        "subscribers_count": 3, "network_count": 9, "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT"},
    }


def openalex_work(doi: str, cited_by: int, title: str = "Sparse Experts", year: int = 2024,
                  authors: tuple[str, ...] = ("Jane Q. Doe", "Wei Zhang"), venue: str = "CVPR",
                  venue_type: str = "conference", work_type: str = "article", arxiv: str = "") -> dict[str, Any]:
    locations = [{"is_oa": True, "landing_page_url": f"https://doi.org/{doi}",
                  "source": {"id": "https://openalex.org/S4363607701", "display_name": venue, "type": venue_type}}]
    if arxiv:
        locations.append({"is_oa": True, "landing_page_url": f"https://arxiv.org/abs/{arxiv}",
                          "source": {"id": "https://openalex.org/S4306400194",
                                     "display_name": "arXiv (Cornell University)", "type": "repository"}})
    return {
        "id": "https://openalex.org/W4390000001", "doi": f"https://doi.org/{doi}" if doi else None,
        "title": title, "display_name": title, "publication_year": year, "publication_date": f"{year}-06-17",
        "ids": {"openalex": "https://openalex.org/W4390000001", "doi": f"https://doi.org/{doi}" if doi else None},
        "language": "en", "primary_location": locations[0], "type": work_type, "type_crossref": "proceedings-article",
        "open_access": {"is_oa": True, "oa_status": "green"},
        "authorships": [
            {"author_position": "first" if i == 0 else "middle",
             "author": {"id": f"https://openalex.org/A50000000{i}", "display_name": name, "orcid": None},
             "institutions": [], "countries": [], "is_corresponding": i == 0, "raw_author_name": name}
            for i, name in enumerate(authors)
        ],
        "cited_by_count": cited_by, "locations_count": len(locations), "locations": locations,
        "counts_by_year": [{"year": 2026, "cited_by_count": cited_by}], "is_retracted": False,
        "updated_date": "2026-11-30T05:12:33.123456", "created_date": "2024-06-20",
    }


def openalex_author(cited_by: int, h_index: int, works: int, orcid: str = "0000-0002-1825-0097") -> dict[str, Any]:
    return {
        "id": "https://openalex.org/A5023888391", "orcid": f"https://orcid.org/{orcid}",
        "display_name": "Jane Q. Doe", "display_name_alternatives": ["J. Q. Doe"],
        "works_count": works, "cited_by_count": cited_by,
        "summary_stats": {"2yr_mean_citedness": 3.2, "h_index": h_index, "i10_index": 14},
        "ids": {"openalex": "https://openalex.org/A5023888391", "orcid": f"https://orcid.org/{orcid}"},
        "affiliations": [], "last_known_institutions": [], "topics": [],
        "counts_by_year": [{"year": 2026, "works_count": 4, "cited_by_count": 300}],
        "works_api_url": "https://api.openalex.org/works?filter=author.id:A5023888391",
        "updated_date": "2026-11-30T05:12:33.123456", "created_date": "2023-07-21",
    }


def openalex_list(results: list[dict[str, Any]], next_cursor: str | None = None) -> dict[str, Any]:
    return {"meta": {"count": len(results), "db_response_time_ms": 23, "page": None, "per_page": 200,
                     "next_cursor": next_cursor, "groups_count": None},
            "results": results, "group_by": []}


def s2_paper(citations: int) -> dict[str, Any]:
    return {"paperId": "649def34f8be52c8b66281af98ae884c09aef38b", "citationCount": citations}


def crossref_work(doi: str, referenced_by: int) -> dict[str, Any]:
    return {
        "status": "ok", "message-type": "work", "message-version": "1.0.0",
        "message": {
            "indexed": {"date-parts": [[2026, 11, 30]], "date-time": "2026-11-30T10:00:00Z",
                        "timestamp": 1796032800000},
            "reference-count": 42, "publisher": "IEEE", "DOI": doi, "type": "proceedings-article",
            "title": ["Sparse Experts"], "author": [{"given": "Jane Q.", "family": "Doe", "sequence": "first",
                                                      "affiliation": []}],
            "container-title": ["2024 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"],
            "is-referenced-by-count": referenced_by, "URL": f"https://doi.org/{doi}",
            "issued": {"date-parts": [[2024, 6, 16]]}, "source": "Crossref", "score": 1,
        },
    }


def orcid_group(title: str, year: str, work_type: str, ids: dict[str, str], put_code: int,
                journal: str = "", orcid: str = "0000-0002-1825-0097") -> dict[str, Any]:
    external = {"external-id": [
        {"external-id-type": kind, "external-id-value": value,
         "external-id-normalized": {"value": value.lower(), "transient": True},
         "external-id-url": {"value": f"https://doi.org/{value}" if kind == "doi" else f"https://arxiv.org/abs/{value}"},
         "external-id-relationship": "self"}
        for kind, value in ids.items()
    ]}
    return {
        "last-modified-date": {"value": 1700000000000}, "external-ids": external,
        "work-summary": [{
            "put-code": put_code, "created-date": {"value": 1690000000000},
            "last-modified-date": {"value": 1700000000000},
            "source": {"source-orcid": None, "source-client-id": {"uri": "https://orcid.org/client/0000-0001-9884-1913",
                                                                    "path": "0000-0001-9884-1913", "host": "orcid.org"},
                       "source-name": {"value": "Crossref"}},
            "title": {"title": {"value": title}, "subtitle": None, "translated-title": None},
            "external-ids": external, "url": None, "type": work_type,
            "publication-date": {"year": {"value": year}, "month": None, "day": None},
            "journal-title": {"value": journal} if journal else None,
            "visibility": "public", "path": f"/{orcid}/work/{put_code}", "display-index": "1",
        }],
    }


def orcid_bulk(works: dict[int, list[tuple[str, str | None]]], missing: tuple[int, ...] = (),
               orcid: str = "0000-0002-1825-0097") -> dict[str, Any]:
    """ORCID's answer to ``/v3.0/{orcid}/works/{put-codes}``: each work's full record, its
    contributors as ``(credit-name, role)``; a put-code in ``missing`` answers an error."""
    bulk: list[dict[str, Any]] = [{"work": {
        "put-code": code, "path": f"/{orcid}/work/{code}", "type": "journal-article",
        "title": {"title": {"value": f"Work {code}"}, "subtitle": None, "translated-title": None},
        "contributors": {"contributor": [
            {"contributor-orcid": None, "credit-name": {"value": name}, "contributor-email": None,
             "contributor-attributes": {"contributor-sequence": "first" if index == 0 else "additional",
                                        "contributor-role": role} if role is not None else None}
            for index, (name, role) in enumerate(contributors)
        ]},
    }} for code, contributors in works.items()]
    bulk += [{"error": {"response-code": 404, "developer-message": f"404 Not Found: no entity {code}",
                        "user-message": "The resource was not found.", "error-code": 9016}} for code in missing]
    return {"bulk": bulk}


def orcid_works(groups: list[dict[str, Any]], orcid: str = "0000-0002-1825-0097") -> dict[str, Any]:
    return {"last-modified-date": {"value": 1700000000000}, "group": groups, "path": f"/{orcid}/works"}


DBLP_PERSON = """<?xml version="1.0" encoding="US-ASCII"?>
<dblpperson name="Jane Q. Doe" pid="12/3456" n="3">
<person key="homepages/12/3456" mdate="2026-01-01">
<author pid="12/3456">Jane Q. Doe</author>
<url>https://jane.example.org/</url>
</person>
<r><inproceedings key="conf/cvpr/DoeZ24" mdate="2024-09-01">
<author pid="12/3456">Jane Q. Doe</author>
<author pid="99/1-1">Wei Zhang 0001</author>
<title>Sparse Experts for Tiny Vision Models.</title>
<pages>1-10</pages>
<year>2024</year>
<booktitle>CVPR</booktitle>
<ee>https://doi.org/10.1109/CVPR.2024.00001</ee>
<crossref>conf/cvpr/2024</crossref>
<url>db/conf/cvpr/cvpr2024.html#DoeZ24</url>
</inproceedings>
</r>
<r><article key="journals/tpami/DoeR23" mdate="2023-12-01">
<author pid="12/3456">Jane Q. Doe</author>
<author pid="77/7777">Maria Rossi</author>
<title>Routing Tokens &amp; Experts: A Survey.</title>
<pages>100-120</pages>
<year>2023</year>
<volume>45</volume>
<journal>IEEE Trans. Pattern Anal. Mach. Intell.</journal>
<number>3</number>
<ee>https://doi.org/10.1109/TPAMI.2023.12345</ee>
<url>db/journals/pami/pami45.html#DoeR23</url>
</article>
</r>
<r><article key="journals/corr/abs-2401-01234" mdate="2024-01-10" publtype="informal">
<author pid="12/3456">Jane Q. Doe</author>
<title>Tiny Routers Are All You Need.</title>
<journal>CoRR</journal>
<volume>abs/2401.01234</volume>
<year>2024</year>
<ee type="oa">https://doi.org/10.48550/arXiv.2401.01234</ee>
<ee type="oa">https://arxiv.org/abs/2401.01234</ee>
<url>db/journals/corr/corr2401.html#abs-2401-01234</url>
</article>
</r>
</dblpperson>
"""
