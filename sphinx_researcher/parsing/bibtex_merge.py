"""Merging an author's works (ORCID, DBLP, OpenAlex) into a .bib file without touching it.

The file is read with the project's own BibTeX reader; an existing entry is recognised by
DOI, arXiv id, or normalised title and year, and is never changed: where the service says
something else, the difference is reported, not applied. New works are appended as text
after the last byte of the file, so its order, comments, ``@string`` macros and formatting
stay exactly as they were.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.publication import Publication
from ..model.works import Work
from .bibtex import RawEntry, parse_bib_text
from .bibtex_export import VENUE_FIELD, entry_to_bibtex
from .bibtex_fields import entry_to_publication
from .names import NameMatcher, name_parts

_STOPWORDS = frozenset({
    "a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "from", "by", "at", "via", "towards", "toward",
    "is", "are", "do", "does", "your", "you", "we", "our",
})
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%#_$])")


def normalise_title(title: str) -> str:
    """Case, accents, punctuation and spacing ignored: "Sparse Experts." == "sparse experts"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def _ascii_word(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


@dataclass(frozen=True)
class Difference:
    field: str
    here: str  # in the .bib
    there: str  # from the service


@dataclass
class Match:
    entry: RawEntry
    work: Work
    differences: list[Difference]


@dataclass
class MergeResult:
    text: str  # the whole new file
    added: list[tuple[str, Work]] = field(default_factory=list)  # (new key, work)
    matched: list[Match] = field(default_factory=list)


class _Index:
    """Entries (and works added in this merge) by DOI, arXiv id and (title, year)."""

    def __init__(self) -> None:
        self.by_id: dict[str, object] = {}

    @staticmethod
    def ids(doi: str, arxiv: str, title: str, year: int | None) -> list[str]:
        result = []
        if doi:
            result.append("doi:" + doi.lower())
        if arxiv:
            result.append("arxiv:" + re.sub(r"v\d+$", "", arxiv.lower()))
        if title and year:
            result.append(f"title:{normalise_title(title)}:{year}")
        return result

    def find(self, keys: list[str]) -> object | None:
        for key in keys:
            if key in self.by_id:
                return self.by_id[key]
        return None

    def add(self, keys: list[str], item: object) -> None:
        for key in keys:
            self.by_id.setdefault(key, item)


def entry_publication(entry: RawEntry) -> Publication:
    pub, _issues = entry_to_publication(entry, NameMatcher([]), lambda kind, value: None)
    return pub


def differences(pub: Publication, work: Work) -> list[Difference]:
    found = []
    if work.title and normalise_title(pub.title) != normalise_title(work.title):
        found.append(Difference("title", pub.title, work.title))
    if work.year and pub.year != work.year:
        found.append(Difference("year", str(pub.year or ""), str(work.year)))
    if work.doi and pub.doi.lower() != work.doi.lower():
        found.append(Difference("doi", pub.doi, work.doi))
    if work.arxiv and re.sub(r"v\d+$", "", pub.arxiv) != re.sub(r"v\d+$", "", work.arxiv):
        found.append(Difference("arxiv", pub.arxiv, work.arxiv))
    return found


def make_key(work: Work, taken: set[str], fallback_author: str = "") -> str:
    """``family`` + ``year`` + first significant title word, e.g. ``doe2024sparse``;
    ``b``, ``c`` … ``z``, ``aa``, ``ab`` … appended when taken. The same work always gets the same key."""
    first = work.authors[0] if work.authors else fallback_author
    family = _ascii_word(name_parts(first).family or first.split()[-1]) if first.strip() else ""
    words = [_ascii_word(w) for w in re.findall(r"[^\W_]+", work.title)]
    word = next((w for w in words if w and w not in _STOPWORDS), next((w for w in words if w), "work"))
    base = f"{family or 'anon'}{work.year or ''}{word}"
    suffixes = _key_suffixes()
    key = base
    while key.lower() in taken:
        key = base + next(suffixes)
    return key


def _key_suffixes() -> Iterator[str]:
    yield from string.ascii_lowercase[1:]
    for length in itertools.count(2):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)


def _escape(value: str) -> str:
    return _LATEX_SPECIAL.sub(r"\\\1", value)


def work_to_bibtex(work: Work, key: str) -> str:
    fields: dict[str, str] = {"title": _escape(work.title)}
    if work.venue:
        fields[VENUE_FIELD.get(work.entry_type, "howpublished")] = _escape(work.venue)
    if work.year:
        fields["year"] = str(work.year)
    if work.doi:
        fields["doi"] = work.doi
    if work.arxiv:
        fields.update(eprint=work.arxiv, archiveprefix="arXiv")
    if work.url and not work.doi:
        fields["url"] = work.url
    persons = {"author": [_escape(a) for a in work.authors]} if work.authors else {}
    return entry_to_bibtex(key, work.entry_type, fields, persons)


def merge_works(text: str, path: str, works: list[Work], fallback_author: str = "") -> MergeResult:
    parsed = parse_bib_text(text, path)
    index = _Index()
    for entry in parsed.entries:
        pub = entry_publication(entry)
        index.add(_Index.ids(pub.doi, pub.arxiv, pub.title, pub.year), entry)
    taken = {entry.key.lower() for entry in parsed.entries}
    result = MergeResult(text)
    blocks: list[str] = []
    for work in works:
        keys = _Index.ids(work.doi, work.arxiv, work.title, work.year)
        found = index.find(keys)
        if isinstance(found, RawEntry):
            result.matched.append(Match(found, work, differences(entry_publication(found), work)))
            continue
        if found is not None:  # the same work listed twice by the service: added once
            continue
        key = make_key(work, taken, fallback_author)
        taken.add(key.lower())
        index.add(keys, key)
        result.added.append((key, work))
        blocks.append(work_to_bibtex(work, key))
    if blocks:
        newline = "\r\n" if "\r\n" in text else "\n"
        addition = "\n\n".join(blocks) + "\n"
        head = text if not text or text.endswith(("\n", "\r")) else text + newline
        result.text = head + ("" if not text.strip() else newline) + addition.replace("\n", newline)
    return result
