"""Author names: marks (``*`` equal contribution, ``†`` corresponding), BibTeX name forms,
and recognising the researcher's own name in any of its spellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from ..i18n import _
from ..model.person import Author
from .latex import latex_to_text
from .marks import MarkSet, mark_set

EQUAL_MARKS = ("*", "#")
CORRESPONDING_MARKS = ("†", "✝", "\\dagger", "$^\\dagger$", "^†", "+")


@dataclass(frozen=True)
class MarkedName:
    name: str
    equal: bool
    corresponding: bool
    marks: tuple[str, ...] = ()  # the mark symbols, in legend order (see parsing.marks)


def split_marks(raw: str, marks: MarkSet | None = None) -> MarkedName:
    """``Jane Doe*†`` → ``Jane Doe`` with both marks; marks may stand anywhere in the name."""
    marks = marks or mark_set()
    name, found = marks.split(raw)
    roles = {marks.role(symbol) for symbol in found}
    return MarkedName(name, "equal" in roles, "corresponding" in roles, found)


def split_option_authors(value: str) -> list[str]:
    """The ``:authors:`` option: names separated by commas (or by " and ")."""
    if " and " in value and "," not in value.replace(", and ", " and "):
        parts = value.split(" and ")
    else:
        parts = re.split(r",\s*(?:and\s+)?", value)
    return [p.strip() for p in parts if p.strip()]


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", latex_to_text(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[.\-{}'’`]", " ", stripped).casefold().split())


@lru_cache(maxsize=65536)  # parsed once for display and once more for matching otherwise
def _person(name: str) -> Person | None:
    try:
        return Person(name)
    except PybtexError:
        return None


def display_name(name: str) -> str:
    """A BibTeX name in reading order: ``Doe, Jane`` → ``Jane Doe``; ``Doe, Jr, J.`` → ``J. Doe, Jr``."""
    if "," not in name:
        return latex_to_text(name)
    person = _person(name)
    if person is None:
        return latex_to_text(name)
    given = person.first_names + person.middle_names
    family = person.prelast_names + person.last_names
    text = " ".join(given + family)
    if person.lineage_names:
        text += ", " + " ".join(person.lineage_names)
    return latex_to_text(text)


@dataclass(frozen=True)
class NameParts:
    whole: str  # the normalised name as written
    family: str
    given: tuple[str, ...]  # normalised given-name tokens; a one-letter token is an initial


@lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts:
    person = _person(name)
    if person is None:
        return NameParts(_normalise(name), "", ())
    family = _normalise(" ".join(person.prelast_names + person.last_names))
    given = tuple(" ".join(_normalise(n) for n in person.first_names + person.middle_names).split())
    return NameParts(_normalise(name), family, given)


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names agree where both have them; an initial agrees with any name it begins."""
    return bool(a and b) and all(_same_given(x, y) for x, y in zip(a, b, strict=False))


def _same_given(x: str, y: str) -> bool:
    return x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0])


class NameMatcher:
    """Recognises the researcher among authors: "J. Q. Doe", "Doe, Jane" and "Jane Doe" are
    one person; "John Doe" is another."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = [name_parts(name) for name in names if name and name.strip()]
        self._names = [parts for parts in self._names if parts.whole]
        self._wholes = {parts.whole for parts in self._names}
        # First names the researcher spells out, per family name: "J. Q. Doe" alone would
        # also match "John Doe"; knowing "Jane Q. Doe" rules him out.
        self._first_names: dict[str, set[str]] = {}
        for parts in self._names:
            if parts.given and len(parts.given[0]) > 1:
                self._first_names.setdefault(parts.family, set()).add(parts.given[0])

    def __bool__(self) -> bool:
        return bool(self._names)

    def matches(self, name: str) -> bool:
        if not self._names or not name.strip():
            return False
        other = name_parts(name)
        if other.whole in self._wholes:
            return True
        known = self._first_names.get(other.family)
        if known and other.given and len(other.given[0]) > 1 and other.given[0] not in known:
            return False
        return any(
            mine.family and mine.family == other.family and _compatible(mine.given, other.given)
            for mine in self._names
        )


def make_author(raw: str, matcher: NameMatcher, marks: MarkSet | None = None) -> Author:
    marked = split_marks(raw, marks)
    if marked.name.lower() == "others":  # BibTeX's "and others"
        return Author(str(_("et al.")))
    shown = _display_name_cached(marked.name)
    return Author(shown, marked.equal, marked.corresponding, matcher.matches(marked.name), marked.marks)


# Real .bib files repeat the same authors (the researcher on every entry): parse each once.
_display_name_cached = lru_cache(maxsize=65536)(display_name)
