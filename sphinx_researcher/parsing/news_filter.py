"""The ``:filter:`` of ``{recent-news}``: ``person=alice``, ``tag=award``, or both.

    person=alice,bob     items tagged with the member's id or naming the member in their
                         text (any spelling researcher_people gives)
    tag=award,talk       items of a {news} list with one of these :tags:
    person=alice tag=award   (conditions separated by spaces or "and": all must hold)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .filters import FilterError
from .names import display_name, without_accents

FIELDS = ("person", "tag")
_AND = re.compile(r"\s*and\s", re.IGNORECASE)
_CONDITION = re.compile(r"\s*(?P<field>[A-Za-z_-]+)\s*=\s*(?P<values>[^\s,]+(?:\s*,\s*[^\s,]+)*)\s*")


@dataclass(frozen=True)
class NewsCondition:
    field: str  # "person" or "tag"
    values: tuple[str, ...]  # casefolded


def parse_news_filter(text: str) -> tuple[NewsCondition, ...]:
    conditions: list[NewsCondition] = []
    pos = 0
    while text[pos:].strip():
        joiner = _AND.match(text, pos)
        if joiner and conditions:
            pos = joiner.end()
            continue
        match = _CONDITION.match(text, pos)
        if not match:
            raise FilterError(f"expected field=value at {text[pos:].strip()[:15]!r}", pos)
        field = match.group("field").lower()
        if field not in FIELDS:
            raise FilterError(f"unknown field {match.group('field')!r} (known: {', '.join(FIELDS)})", match.start())
        values = tuple(v.strip().casefold() for v in match.group("values").split(",") if v.strip())
        conditions.append(NewsCondition(field, values))
        pos = match.end()
    if not conditions:
        raise FilterError("empty filter", 0)
    return tuple(conditions)


@lru_cache(maxsize=4096)
def words(text: str, folded: bool = True) -> str:
    """Text reduced to lower-case unaccented words, spaced, for whole-name search. A hyphen
    inside a word stays: "Anna-Sofia Rossi" is not "Sofia Rossi", "Chen-Li" is not "Chen".
    ``folded=False``: the same words with their case kept."""
    plain = _INITIAL_BEFORE_HYPHEN.sub("", without_accents(text).translate(_HYPHENS))  # J.-P. is J-P
    return " " + " ".join(_NOT_IN_WORDS.sub(" ", plain.casefold() if folded else plain).split()) + " "


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})  # hyphen, non-breaking hyphen
_INITIAL_BEFORE_HYPHEN = re.compile(r"\.(?=-)")
_NOT_IN_WORDS = re.compile(r"[^\w-]+|(?<!\w)-+|-+(?!\w)")


@lru_cache(maxsize=4096)
def _name_forms(name: str) -> tuple[str, ...]:
    """A registry spelling as news text writes it: as given, and in reading order with its
    LaTeX decoded ("Rossi, Sofia" and "M{\\"u}ller" are "Sofia Rossi" and "Müller" in a sentence)."""
    reading = display_name(name)
    forms: tuple[str, ...] = (words(name), words(reading))
    # A sentence leaves out middle initials: "Nancy F. Chen" is "Nancy Chen" (when the first
    # name is written out: "J. Q. Doe" is not "J. Doe").
    parts = reading.split()
    if len(parts) > 2 and len(parts[0].strip(".")) > 1:
        shorter = [parts[0], *(p for p in parts[1:-1] if len(p.strip(".")) > 1), parts[-1]]
        if len(shorter) < len(parts):
            forms += (words(" ".join(shorter)),)
    # A hyphenated name is also found written without its hyphen ("Jean Pierre Dupont").
    return tuple(dict.fromkeys(forms + tuple(form.replace("-", " ") for form in forms)))


# Scripts written without spaces between words (Chinese, Japanese; Korean attaches particles):
# a name in them is found inside a run of text, not as a word of its own. Compiled on first use
# by re's own cache (5 ms, which every build paid at import).
_UNSPACED = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"


def _mentions(text: str, form: str) -> bool:
    """``form`` (a name's words) is in ``text`` as a name: its last word not all lower case
    there ("Mary will present" is not Mary Will; "MARY WILL", "Mcdonald" are names)."""
    folded = words(text)
    if form not in folded:
        return not form.isascii() and re.search(_UNSPACED, form) is not None and form.strip() in folded
    tokens, cased, wanted = folded.split(), words(text, False).split(), form.split()
    if len(tokens) != len(cased):  # a letter whose case folds to two (ß): no place to look at
        return True
    return any(tokens[i:i + len(wanted)] == wanted and not cased[i + len(wanted) - 1].islower()
               for i in range(len(tokens) - len(wanted) + 1))


def news_matches(conditions: Iterable[NewsCondition], text: str, tags: Iterable[str],
                 names: dict[str, tuple[str, ...]]) -> bool:
    """Every condition holds for an item of ``text`` and ``tags``; ``names``: member id →
    every spelling of the member's name."""
    tagged = {t.casefold() for t in tags}
    for condition in conditions:
        if condition.field == "tag":
            if not tagged & set(condition.values):
                return False
            continue
        found = False
        for person in condition.values:
            if person in tagged or any(_mentions(text, form) for name in names.get(person, ())
                                       for form in _name_forms(name)):
                found = True
                break
        if not found:
            return False
    return True
