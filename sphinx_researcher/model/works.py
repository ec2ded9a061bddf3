"""A work as an author's record lists it (ORCID, DBLP, OpenAlex), before it becomes BibTeX."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    title: str
    year: int | None = None
    authors: tuple[str, ...] = ()  # "Given Family", as the service writes them
    entry_type: str = "misc"  # a BibTeX type: article, inproceedings, phdthesis ...
    venue: str = ""  # journal or booktitle
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    source: str = ""  # the service that listed it
