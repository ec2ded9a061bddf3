"""DBLP: the publications of a person (``GET /pid/{pid}.xml``).

Each ``<r>`` holds one record (article, inproceedings, ...); DBLP's disambiguation numbers
("Wei Zhang 0001") and the full stop ending every title are dropped. CoRR records are arXiv
preprints.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model.works import Work
from ..parsing.options import parse_arxiv, parse_doi
from .http import HttpClient, ServiceError, base_url

NAME = "DBLP"
PID = re.compile(r"^[a-z0-9]+/[A-Za-z0-9-]+$")
_RECORD_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "incollection": "incollection",
    "book": "book",
    "proceedings": "proceedings",
    "phdthesis": "phdthesis",
    "mastersthesis": "mastersthesis",
}


def normalise_pid(value: str) -> str:
    value = value.strip()
    value = re.sub(r"^https?://dblp\.org/pid/", "", value).removesuffix(".html").removesuffix(".xml").strip("/")
    return value if PID.match(value) else ""


def search_author(client: HttpClient, name: str) -> list[tuple[str, str]]:
    """(name, pid) of the people DBLP's author search finds for ``name``."""
    url = f"{base_url('DBLP', 'https://dblp.org')}/search/author/api"
    data = client.get_json(NAME, url, params={"q": name, "format": "json", "h": "10"})
    hits = data.get("result", {}).get("hits", {}) if isinstance(data, dict) else None
    if not isinstance(hits, dict):
        raise ServiceError(NAME, "unexpected answer (no result.hits)")
    found = []
    for hit in hits.get("hit") or []:
        info = hit.get("info") if isinstance(hit, dict) else None
        if isinstance(info, dict) and isinstance(info.get("url"), str):
            pid = normalise_pid(info["url"])
            if pid:
                found.append((str(info.get("author", pid)), pid))
    return found


def works(client: HttpClient, pid: str) -> list[Work]:
    url = f"{base_url('DBLP', 'https://dblp.org')}/pid/{pid}.xml"
    response = client.get(NAME, url)
    try:
        root = ET.fromstring(response.content)
    except ET.ParseError:
        raise ServiceError(NAME, "answer is not valid XML") from None
    if root.tag != "dblpperson":
        raise ServiceError(NAME, "unexpected answer (no dblpperson)")
    result = []
    for record_holder in root.findall("r"):
        for record in record_holder:
            work = _work(record)
            if work is not None:
                result.append(work)
    return result


def _text(element: ET.Element | None) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip() if element is not None else ""


def _work(record: ET.Element) -> Work | None:
    kind = _RECORD_TYPES.get(record.tag)
    title = _text(record.find("title")).removesuffix(".")
    if kind is None or not title:
        return None
    authors = tuple(re.sub(r"\s+\d{4}$", "", _text(a)) for a in record.findall("author"))
    year = _text(record.find("year"))
    venue = _text(record.find("journal")) or _text(record.find("booktitle"))
    doi = arxiv = url = ""
    for ee in record.findall("ee"):
        link = _text(ee)
        doi = doi or parse_doi(link) or ""
        arxiv = arxiv or (parse_arxiv(link) or "" if "arxiv.org" in link else "")
        url = url or link
    volume = _text(record.find("volume"))
    if venue == "CoRR" and volume.startswith("abs/"):
        arxiv = arxiv or parse_arxiv(volume[4:]) or ""
        kind, venue = "misc", ""
    if doi.lower().startswith("10.48550/arxiv."):
        arxiv = arxiv or parse_arxiv(doi[len("10.48550/arxiv."):]) or ""
    return Work(title=title, year=int(year) if year.isdigit() else None, authors=authors, entry_type=kind,
                venue=venue, doi=doi, arxiv=arxiv, url=url, source=NAME)
