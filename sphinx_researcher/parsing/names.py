"""Author names: marks (``*`` equal contribution, ``†`` corresponding), BibTeX name forms,
and recognising the researcher's own name in any of its spellings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..i18n import _
from ..model.person import Author
from .latex import latex_to_text
from .marks import MarkSet, mark_set

if TYPE_CHECKING:
    from pybtex.database import Person

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
    return _split_marks(raw, marks or mark_set())


@lru_cache(maxsize=65536)  # asked again for the copyable BibTeX of each entry
def _split_marks(raw: str, marks: MarkSet) -> MarkedName:
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


# Letters Unicode does not decompose into a base letter and an accent, as their names are
# written in ASCII ("Sørensen" is "Sorensen", "Łukasz" is "Lukasz").
_UNDECOMPOSED = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i",
                 "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H"}


class _WithoutCombining(dict[int, int | str | None]):
    """A ``str.translate`` table that drops combining characters (accents once decomposed) and
    spells the undecomposed letters in ASCII, filled as characters are first seen."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        kept: int | str | None = _UNDECOMPOSED.get(char, None if unicodedata.combining(char) else code)
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()
_NAME_PUNCTUATION = re.compile(r"[.\-{}'’`]")


def without_accents(text: str) -> str:
    """``text`` with its letters' accents taken off ("Müller", "Łukasz" → "Muller", "Lukasz")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed if decomposed.isascii() else decomposed.translate(_WITHOUT_COMBINING)


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    stripped = without_accents(latex_to_text(text))
    return " ".join(_NAME_PUNCTUATION.sub(" ", stripped).casefold().split())


def normalised(name: str) -> str:
    """A name (or any text) as matching compares it: decoded, unaccented, case-folded."""
    return _normalise(name)


# Not cached: its callers cache their small results (a cache of pybtex Persons costs memory).
def _person(name: str) -> Person | None:
    from pybtex.database import Person  # imported when first needed (not by a no-change rebuild)
    from pybtex.exceptions import PybtexError

    try:
        return Person(name)
    except PybtexError:
        return None


def _comma_outside_braces(name: str) -> bool:
    depth = 0
    for char in name:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == ",":
            return depth == 0
    return False


# What follows a comma in a name written in reading order ("Martin Luther King, Jr.").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})


def reading_name(name: str) -> str:
    """A name as a reader reads it: ``display_name``, except that a name already in reading order
    with a suffix after its comma stays as written."""
    if name.count(",") == 1 and name.rpartition(",")[2].strip().rstrip(".").replace(".", "").casefold() in _SUFFIXES:
        return latex_to_text(name)
    return display_name(name)


def display_name(name: str) -> str:
    """A BibTeX name in reading order: ``Doe, Jane`` → ``Jane Doe``; ``Doe, Jr, J.`` → ``J. Doe, Jr``."""
    if "," not in name:
        return latex_to_text(name)
    if name.count(",") == 1 and _comma_outside_braces(name):
        # "von Last, First": pybtex's reading order is every word after the comma, then every
        # word before it; braces only group words, and the text is whitespace-normalised
        # below either way (tested against pybtex on real names).
        family, _comma, given = name.partition(",")
        return latex_to_text(" ".join(given.split() + family.split()))
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
    # Normalised given-name tokens; a one-letter token is an initial, "th." an abbreviation
    # (Th. for Thomas), and a hyphenated name stays one token ("wei-lun", "j-p"): it is one
    # name, not a first and a middle name.
    given: tuple[str, ...]
    lineage: str = ""  # "jr", "iii": a son is not his father


_LINEAGES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# An abbreviated given name ("Th.", "Chr.", {\relax Ch}), as ADS and old journals write them.
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,2}")


def _given_part(part: str) -> str:
    """One given name (or one part of a hyphenated one) as compared. An initial stays one letter
    when its letter is spelled with two in ASCII ("Þ." is "t", as "Þórunn" is "thorunn")."""
    normal = _normalise(part)
    if len(normal) > 1:
        text = latex_to_text(part).strip()
        if len(text.strip(". ")) == 1:
            return normal[0]
        # "Th.", "Chr.": a dot says so. Without one only bibtex's braced digraphs ({Ch}, {\relax Th}):
        # a braced "{Wei}" or "{Bo}" is a name.
        braced_digraph = part.startswith("{") and _DIGRAPH.fullmatch(text) is not None
        if _ABBREVIATION.fullmatch(text.rstrip(".")) and (text.endswith(".") or braced_digraph):
            return normal + "."
    return normal


_DIGRAPH = re.compile(r"[A-Z]h")


def _given_tokens(words: list[str]) -> tuple[str, ...]:
    tokens: list[str] = []
    for word in words:
        pieces = [piece for piece in (_given_part(part) for part in word.split("-")) if piece]
        if len(pieces) > 1 and not any(" " in piece for piece in pieces):
            tokens.append("-".join(pieces))
        else:
            tokens += " ".join(pieces).split()
    return tuple(tokens)


@lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts:
    plain, lineage = _without_lineage(name)
    person = _person(plain)
    if person is None:
        return NameParts(_normalise(name), "", ())
    family = _normalise(" ".join(person.prelast_names + person.last_names))
    lineage = lineage or _lineage(" ".join(person.lineage_names))
    return NameParts(_normalise(name), family, _given_tokens(person.first_names + person.middle_names), lineage)


def _lineage(text: str) -> str:
    word = text.replace(".", "").strip().casefold()
    return word if word in _LINEAGES else ""


def _without_lineage(name: str) -> tuple[str, str]:
    """A name in reading order without its lineage, and the lineage: "Peyton Z. Peebles Jr." and
    "Martin Luther King, Jr." (bibtex would read "Jr." as a family or a given name)."""
    if name.count(",") == 1:
        before, _comma, after = name.partition(",")
        lineage = _lineage(after)
        return (before, lineage) if lineage else (name, "")
    if "," not in name:
        words = name.split()
        lineage = _lineage(words[-1]) if len(words) > 2 else ""
        if lineage:
            return " ".join(words[:-1]), lineage
    return name, ""


@lru_cache(maxsize=65536)
def name_readings(name: str) -> tuple[NameParts, ...]:
    """``name_parts``, and for a name in reading order the other ways its words may split into
    given and family names: bibtex reads "Antonio H. Castro Neto" as given names "Antonio H.
    Castro", but he is "Castro Neto, Antonio H." (as "Ana Da Silva" may be "Da Silva, Ana")."""
    parts = name_parts(name)
    if "," in name or len(parts.given) < 2 or not parts.family:
        return (parts,)
    readings = [parts]
    for count in range(1, len(parts.given)):
        moved = parts.given[-count:]
        if not all(_spelled_out(word) and "-" not in word for word in moved):
            break
        readings.append(NameParts(parts.whole, " ".join((*moved, parts.family)), parts.given[:-count], parts.lineage))
    return tuple(readings)


@lru_cache(maxsize=65536)
def without_von(name: str) -> str:
    """``van der Berg, Pieter`` → ``Pieter Berg``: the name as al-folio's coauthors.yml keys it
    (bibtex-ruby's last name, without the "von" part); "" when the name has no von part."""
    person = _person(name)
    if person is None or not person.prelast_names or not person.last_names:
        return ""
    return " ".join(person.first_names + person.middle_names + person.last_names)


def may_contain_family(name: str, whole: str, families: Iterable[str]) -> bool:
    """Whether one of ``families`` (normalised family names) can be the family name of ``name``
    (``whole`` is its normalised form): it must occur in it as whole words. A name with LaTeX
    commands is checked as a substring only ("S\\o rensen" reads as one word)."""
    if "\\" in name:
        return any(family in whole for family in families)
    words = " " + whole.replace(",", " ") + " "
    return any(" " + family + " " in words for family in families)


def could_contain(name: str, letter_runs: Iterable[str]) -> bool:
    """Whether the letters of one of ``letter_runs`` occur in ``name`` in order, its accents
    taken off and its case folded: a necessary condition for the decoded name to contain them,
    as decoding LaTeX only takes letters away (``M{\\"u}ller`` has the u, ``\\ss`` the ss)."""
    folded = without_accents(name).casefold()
    for letters in letter_runs:
        remaining = iter(folded)
        if all(letter in remaining for letter in letters):
            return True
    return False


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names agree where both have them; an initial agrees with any name it begins. A
    hyphenated name against as many names as it has parts agrees part by part ("J. P." and
    "Jia Chen" may be Jean-Pierre and Jia-Chen; "J. L." is not Jean-Pierre). One who goes by
    the middle name is known by it alone ("B. Scott Gaudi" is "Scott Gaudi")."""
    if _agree_in_order(a, b):
        return True
    return (_by_middle_name(a) and _spelled_out(b[0]) and _agree_in_order(a[1:], b)) or (
        _by_middle_name(b) and _spelled_out(a[0]) and _agree_in_order(a, b[1:]))


def _by_middle_name(given: tuple[str, ...]) -> bool:
    return len(given) > 1 and len(given[0]) == 1 and _spelled_out(given[1])


def _agree_in_order(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not (a and b):
        return False
    parts = _hyphen_parts(a, b)
    if parts is not None:
        return all(_same_given(x, y) for x, y in zip(*parts, strict=True))
    return all(_same_given(x, y) for x, y in zip(a, b, strict=False))


def _hyphen_parts(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Both lists with hyphenated names split, when that makes a shorter one as long as the other."""
    if len(a) == len(b) or not any("-" in name for name in a + b):
        return None
    split_a = tuple(part for name in a for part in name.split("-"))
    split_b = tuple(part for name in b for part in name.split("-"))
    return (split_a, split_b) if len(split_a) == len(split_b) else None


def _spelled_out(given: str) -> bool:
    """A given name written in full, not an initial or an abbreviation ("j", "j-p", "th.")."""
    return not given.endswith(".") and all(len(part) > 1 for part in given.split("-"))


def _same_part(a: str, b: str) -> bool:
    """Equal, an initial of the other, or an abbreviation it begins ("th." for "thomas")."""
    if a == b or ((len(a) == 1 or len(b) == 1) and a[0] == b[0]):
        return True
    if a.endswith("."):
        return b.startswith(a[:-1]) or (b.endswith(".") and (a.startswith(b[:-1]) or b.startswith(a[:-1])))
    return b.endswith(".") and a.startswith(b[:-1])


def _same_given(x: str, y: str) -> bool:
    """One given name against another: equal, an initial of it, or hyphenated names whose
    parts agree one by one ("j-p" and "jean-pierre"; "wei" is not "wei-lun")."""
    if _same_part(x, y):
        return True
    xs, ys = x.split("-"), y.split("-")
    return len(xs) == len(ys) > 1 and all(_same_part(a, b) for a, b in zip(xs, ys, strict=True))


class NameMatcher:
    """Recognises the researcher among authors: "J. Q. Doe", "Doe, Jane" and "Jane Doe" are
    one person; "John Doe" is another."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = [parts for name in names if name and name.strip() for parts in name_readings(name)]
        self._names = [parts for parts in self._names if parts.whole]
        self._wholes = {parts.whole for parts in self._names}
        # A name can only match if one of these occurs in it: most authors are ruled out
        # without parsing their name.
        self._families = tuple({parts.family for parts in self._names if parts.family})
        # Family names as letters: a name they cannot occur in needs no decoding to be ruled out.
        # Only for ASCII families (LaTeX maths could make a Greek one), and when every name has a
        # family (a whole name alone matches without one).
        self._family_letters = (tuple(family.replace(" ", "") for family in self._families)
                                if all(parts.family and parts.family.isascii() for parts in self._names) else None)
        self.authors: dict[tuple[str, MarkSet], Author] = {}  # (raw name, marks) → Author, by make_author
        # First names the researcher spells out, per family name: "J. Q. Doe" alone would
        # also match "John Doe"; knowing "Jane Q. Doe" rules him out.
        self._first_names: dict[str, set[str]] = {}
        for parts in self._names:
            if parts.given and _spelled_out(parts.given[0]):
                self._first_names.setdefault(parts.family, set()).add(parts.given[0])

    def __bool__(self) -> bool:
        return bool(self._names)

    def matches(self, name: str) -> bool:
        return self.closeness(name) > 0

    def closeness(self, name: str) -> int:
        """0 when ``name`` is not this person; else how closely it agrees with the closest of
        their names (written the same: the most), so that of two people "W.-L. Chen" could
        be, it is the one called "Wei-Lun Chen" rather than "W. Chen"."""
        if not self._names or not name.strip():
            return 0
        if self._family_letters is not None and not could_contain(name, self._family_letters):
            return 0
        whole = _normalise(name)
        if whole in self._wholes:
            return _SAME_NAME
        if not may_contain_family(name, whole, self._families):
            return 0
        return max(self._closeness(other) for other in name_readings(name))

    def _closeness(self, other: NameParts) -> int:
        if other.whole in self._wholes or any(mine.family == other.family and mine.given == other.given
                                              and mine.lineage == other.lineage for mine in self._names if mine.family):
            return _SAME_NAME  # "Olsen, Mary" is "Mary Olsen" written the other way round
        known = self._first_names.get(other.family)
        if known and other.given and _spelled_out(other.given[0]) and not known & _first_name_forms(other.given):
            return 0
        return max((_aligned_agreement(mine.given, other.given) + _lineage_bonus(mine, other)
                    for mine in self._names
                    if mine.family and mine.family == other.family and _compatible(mine.given, other.given)
                    and not (mine.lineage and other.lineage and mine.lineage != other.lineage)),
                   default=0)


_SAME_NAME = 1000  # above any agreement of given names


def _first_name_forms(given: tuple[str, ...]) -> set[str]:
    """The first name, and its hyphenated forms with the names after it ("jia chen" may be "jia-chen")."""
    return {"-".join(given[:count]) for count in range(1, min(len(given), 3) + 1)}


def _lineage_bonus(a: NameParts, b: NameParts) -> int:
    return 2 if a.lineage and a.lineage == b.lineage else 0


def _aligned_agreement(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """``_agreement`` of two compatible lists, the middle name against the first when one goes by
    it ("J. Paul" is closer to Paul than to John), a point less than the same names in order."""
    if _agree_in_order(a, b):
        return _agreement(a, b)
    if _by_middle_name(a) and _agree_in_order(a[1:], b):
        return max(_agreement(a[1:], b) - 1, 1)
    return max(_agreement(a, b[1:]) - 1, 1)


def _agreement(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How closely two compatible lists of given names agree: 3 a name written the same, 2 a
    hyphenated one agreeing part by part ("w-l", "wei-lun"), 1 one standing for another by its
    initial ("w" for "wei-lun")."""
    a, b = _hyphen_parts(a, b) or (a, b)  # "W. L." against "Wei-Lun": two names each
    # "Mary" is closer to "Mary" than to "Mary Kate"; "W. L." closer to Wei-Lun than to "W.".
    score = 1 if len(a) == len(b) else -abs(len(a) - len(b))
    for x, y in zip(a, b, strict=False):
        if x == y:
            score += 3
        elif "-" in x and "-" in y:
            score += 2
        else:
            score += 1
    return max(score, 1)  # compatible names are never 0 (no match)


def make_author(raw: str, matcher: NameMatcher, marks: MarkSet | None = None) -> Author:
    marks = marks or mark_set()
    found = matcher.authors.get((raw, marks))  # the same people sign many entries: build each once
    if found is None:
        found = matcher.authors[(raw, marks)] = _make_author(raw, matcher, marks)
    return found


def _make_author(raw: str, matcher: NameMatcher, marks: MarkSet) -> Author:
    marked = split_marks(raw, marks)
    if marked.name.lower() == "others":  # BibTeX's "and others"
        return Author(str(_("et al.")))
    shown = _display_name_cached(marked.name)
    return Author(shown, marked.equal, marked.corresponding, matcher.matches(marked.name), marked.marks)


# Real .bib files repeat the same authors (the researcher on every entry): parse each once.
_display_name_cached = lru_cache(maxsize=65536)(display_name)


def release_name_caches() -> None:
    """Empty the per-name caches (and LaTeX decoding's) once a bibliography is built."""
    for cached in (_normalise, name_parts, without_von, _display_name_cached, _split_marks, latex_to_text):
        cached.cache_clear()
