"""A publication's citation as downloadable files: BibTeX, RIS and CSL-JSON.

BibTeX is the copyable entry the model holds (its standard fields, written when the .bib was
read), RIS by rispy. CSL-JSON
is a JSON schema, not a text format: the model is mapped onto its fields and ``json`` writes it,
so no format writer is needed (citeproc-py reads CSL-JSON but writes none).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any

from ..i18n import _
from ..model.publication import Publication

_RIS_TYPES = {
    "article": "JOUR", "inproceedings": "CPAPER", "conference": "CPAPER", "proceedings": "CONF",
    "book": "BOOK", "incollection": "CHAP", "inbook": "CHAP", "phdthesis": "THES", "mastersthesis": "THES",
    "thesis": "THES", "techreport": "RPRT", "report": "RPRT", "unpublished": "UNPB", "patent": "PAT",
    "software": "COMP", "online": "ELEC", "misc": "GEN",
}
_CSL_TYPES = {
    "article": "article-journal", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "book": "book", "incollection": "chapter", "inbook": "chapter",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report",
    "report": "report", "unpublished": "manuscript", "patent": "patent", "software": "software",
    "online": "webpage", "misc": "document",
}


@cache
def _ris_writer() -> Any:
    """rispy's writer without the "1." line before the reference (one reference a file);
    imported when the first download is written, not by every build."""
    from rispy import RisWriter

    class _RisWriter(RisWriter):
        def set_header(self, count: int) -> str:
            return ""

    return _RisWriter()


def _people(pub: Publication) -> list[str]:
    et_al = str(_("et al."))
    return [a.name for a in pub.authors if a.name != et_al]


@lru_cache(maxsize=65536)  # the same authors recur on every page
def _split(name: str) -> dict[str, str]:
    words = name.split(" ")
    if len(words) > 1 and name.isprintable() and not any(c in name for c in ",{}\\~") and all(
        word and word[0].isalpha() for word in words
    ):
        # "First von Last" of plain words, read as pybtex reads it (its Person parse costs ~30 µs
        # a name; tests compare the two): the "von" part runs from the first lower-case word to
        # the last one before the final word, which is always part of the family name.
        von = [word[0].islower() for word in words]
        if True not in von[:-1]:
            return {"family": words[-1], "given": " ".join(words[:-1])}
        start = von.index(True)
        family = " ".join(words[start:])
        return {"family": family, "given": " ".join(words[:start])} if start else {"family": family}
    return _split_pybtex(name)


def _split_pybtex(name: str) -> dict[str, str]:
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    try:
        person = Person(name)
    except PybtexError:
        return {"literal": name}
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    if not family:
        return {"literal": name}
    parts = {"family": family, "given": given} if given else {"family": family}
    if person.lineage_names:
        parts["suffix"] = " ".join(person.lineage_names)
    return parts


def url_of(pub: Publication) -> str:
    return pub.url or (f"https://doi.org/{pub.doi}" if pub.doi else "") or (
        f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else "")


def to_bibtex(pub: Publication) -> str:
    """The copyable entry (``parsing.bibtex_export``): parsing it again and running pybtex's
    writer gave the same entry (type, fields, persons) at about 2 ms a page."""
    return pub.bibtex + "\n" if pub.bibtex else ""


def to_ris(pub: Publication) -> str:
    ref: dict[str, Any] = {"type_of_reference": _RIS_TYPES.get(pub.entry_type, "GEN"), "title": pub.title or pub.key}
    people = _people(pub)
    if people:
        ref["authors"] = people
    if pub.year:
        ref["year"] = str(pub.year)
        ref["date"] = f"{pub.year:04d}/" + (f"{pub.month:02d}" if pub.month else "") + "//"
    if pub.venue:
        ref["journal_name" if pub.entry_type == "article" else "secondary_title"] = pub.venue
    if pub.doi:
        ref["doi"] = pub.doi
    url = url_of(pub)
    if url:
        ref["urls"] = [url]
    if pub.abstract:
        ref["abstract"] = pub.abstract
    if pub.keywords:
        ref["keywords"] = list(pub.keywords)
    if pub.note:
        ref["notes"] = [pub.note]
    ref["id"] = pub.key
    return str(_ris_writer().formats([ref]))


def to_csl_json(pub: Publication) -> str:
    item: dict[str, Any] = {"id": pub.key, "type": _CSL_TYPES.get(pub.entry_type, "document"),
                            "title": pub.title or pub.key}
    people = _people(pub)
    if people:
        item["author"] = [dict(_split(name)) for name in people]
    if pub.year:
        item["issued"] = {"date-parts": [[pub.year, pub.month] if pub.month else [pub.year]]}
    if pub.venue:
        item["container-title"] = pub.venue
    if pub.venue_short:
        item["container-title-short"] = pub.venue_short
    if pub.doi:
        item["DOI"] = pub.doi
    url = url_of(pub)
    if url:
        item["URL"] = url
    if pub.abstract:
        item["abstract"] = pub.abstract
    if pub.keywords:
        item["keyword"] = ", ".join(pub.keywords)
    if pub.note:
        item["note"] = pub.note
    # One field a line, each value written by json's C encoder (indent= runs its pure-Python one,
    # a third of a millisecond a paper).
    fields = ",\n".join(f"    {_dumps(name)}: {_dumps(value)}" for name, value in item.items())
    return f"[\n  {{\n{fields}\n  }}\n]\n"


_dumps = json.JSONEncoder(ensure_ascii=False).encode


# (file suffix, link label, writer): the downloads offered on each per-paper page.
FORMATS = (("bib", "BibTeX", to_bibtex), ("ris", "RIS", to_ris), ("json", "CSL-JSON", to_csl_json))
