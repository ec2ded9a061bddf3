"""The copyable BibTeX of a publication: standard fields only, written by pybtex."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry, Person

from ..model.publication import Publication

# Fields BibTeX styles know; al-folio's display fields (abbr, preview, selected...) stay out.
STANDARD_FIELDS = (
    "title", "booktitle", "journal", "school", "institution", "publisher", "organization",
    "series", "volume", "number", "pages", "chapter", "edition", "address", "howpublished",
    "year", "month", "note", "doi", "url", "eprint", "archiveprefix", "primaryclass", "isbn", "issn",
)

_VENUE_FIELD = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "conference": "booktitle",
    "phdthesis": "school",
    "mastersthesis": "school",
    "techreport": "institution",
}


def entry_to_bibtex(key: str, entry_type: str, fields: dict[str, str], persons: dict[str, list[str]]) -> str:
    kept = {name: value for name, value in fields.items() if name.lower() in STANDARD_FIELDS and value}
    people = {role: [Person(p) for p in names] for role, names in persons.items()}
    entry = Entry(entry_type, fields=kept, persons=people)
    return BibliographyData({key: entry}).to_string("bibtex").strip()


def publication_to_bibtex(pub: Publication) -> str:
    """BibTeX for a publication that was written as directive options."""
    fields: dict[str, str] = {"title": pub.title}
    if pub.venue:
        fields[_VENUE_FIELD.get(pub.entry_type, "howpublished")] = pub.venue
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
