"""The copyable BibTeX of a publication: standard fields only."""

from __future__ import annotations

import re

from ..model.publication import Publication

_BRACES = re.compile(r"[{}]")

# Fields BibTeX styles know; al-folio's display fields (abbr, preview, selected...) stay out.
STANDARD_FIELDS = (
    "title", "booktitle", "journal", "school", "institution", "publisher", "organization",
    "series", "volume", "number", "pages", "chapter", "edition", "address", "howpublished",
    "year", "month", "note", "doi", "url", "eprint", "archiveprefix", "primaryclass", "isbn", "issn",
)

VENUE_FIELD = {  # where each entry type keeps its venue
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "conference": "booktitle",
    "phdthesis": "school",
    "mastersthesis": "school",
    "techreport": "institution",
}


def entry_to_bibtex(key: str, entry_type: str, fields: dict[str, str], persons: dict[str, list[str]]) -> str:
    """``@type{key, author = {…}, field = {…}}``, values as written (LaTeX kept).

    Written by hand: pybtex's writer looks its plugin up on every call (~20 ms an entry).
    """
    lines = [f"@{entry_type.lower()}{{{key},"]
    for role, names in persons.items():
        if names:
            lines.append(f"  {role} = {{{balanced_braces(' and '.join(names))}}},")
    for name, value in fields.items():
        if name.lower() in STANDARD_FIELDS and value:
            lines.append(f"  {name.lower()} = {{{balanced_braces(value)}}},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}"


def balanced_braces(value: str) -> str:
    """The value if its braces balance (BibTeX needs that inside ``{…}``), else without braces."""
    if "}" not in value:
        return value.replace("{", "") if "{" in value else value
    depth = 0
    if value.count("{") == value.count("}"):
        for brace in _BRACES.findall(value):  # the braces only, not every character
            depth += 1 if brace == "{" else -1
            if depth < 0:
                break
    else:
        depth = 1
    return value if depth == 0 else value.replace("{", "").replace("}", "")


def publication_to_bibtex(pub: Publication) -> str:
    """BibTeX for a publication that was written as directive options."""
    fields: dict[str, str] = {"title": pub.title}
    if pub.venue:
        fields[VENUE_FIELD.get(pub.entry_type, "howpublished")] = pub.venue
    if pub.year:
        fields["year"] = str(pub.year)
    if pub.doi:
        fields["doi"] = pub.doi
    if pub.arxiv:
        fields.update(eprint=pub.arxiv, archiveprefix="arXiv")
    if pub.url:
        fields["url"] = pub.url
    if pub.note:
        fields["note"] = pub.note
    authors = [a.name for a in pub.authors]
    return entry_to_bibtex(pub.key, pub.entry_type, fields, {"author": authors} if authors else {})
