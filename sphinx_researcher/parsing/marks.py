"""Author marks (``Jane Doe*``, ``John Smith†``): which symbols are marks, and what they mean.

``researcher_author_marks`` maps each mark to its legend text, in legend order. A mark may be
written as the symbol itself or in LaTeX (``$^*$``, ``\\textsuperscript{#}``, ``\\dagger``…);
every spelling becomes the symbol. Anything not configured stays part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

EQUAL_TEXT = "equal contribution"
CORRESPONDING_TEXT = "corresponding author"

# The meaning the extension gives marks unless told otherwise (AcadHomepage sites swap * and †).
DEFAULT_MARKS: dict[str, str] = {"*": EQUAL_TEXT, "†": CORRESPONDING_TEXT, "#": EQUAL_TEXT}

# Other ways people write a dagger.
_DAGGER_SPELLINGS = ("$^\\dagger$", "$^{\\dagger}$", "\\textdagger", "\\dagger", "✝", "+")


@dataclass(frozen=True, eq=False)  # one object per configuration (mark_set): hashed by identity, in C
class MarkSet:
    """The configured marks: ``symbols`` in legend order and ``texts`` (symbol → legend text)."""

    symbols: tuple[str, ...]
    texts: tuple[tuple[str, str], ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.symbols)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return dict(self.texts)

    @cached_property
    def _spellings(self) -> dict[str, str]:
        return _aliases(self.symbols)

    def text(self, symbol: str) -> str:
        return self._texts.get(symbol, "")

    def role(self, symbol: str) -> str:
        """"equal", "corresponding" or "" (for the ``sr-equal``/``sr-corresponding`` hooks)."""
        text = self.text(symbol).casefold()
        return "equal" if text == EQUAL_TEXT else "corresponding" if text == CORRESPONDING_TEXT else ""

    def split(self, raw: str) -> tuple[str, tuple[str, ...]]:
        """``Doe*†, Jane`` → ``("Doe, Jane", ("*", "†"))``; marks may stand anywhere in the name."""
        if not self.symbols:
            return " ".join(raw.split()), ()
        found: list[str] = []
        spellings = self.pattern.findall(raw)
        if not spellings:
            return " ".join(raw.split()), ()  # most names carry no mark: the fast path
        for spelling in spellings:
            symbol = self._spellings.get(spelling, spelling)
            if symbol not in found:
                found.append(symbol)
        name = " ".join(self.pattern.sub(" ", raw).split())
        name = re.sub(r"\s+,", ",", name)
        ordered = tuple(s for s in self.symbols if s in found)
        return name, ordered


def mark_set(marks: dict[str, str] | None = None) -> MarkSet:
    """The MarkSet of a ``researcher_author_marks`` value (None: the defaults)."""
    items = tuple((marks if marks is not None else DEFAULT_MARKS).items())
    return _mark_set(items)


@lru_cache(maxsize=64)
def _mark_set(items: tuple[tuple[str, str], ...]) -> MarkSet:
    return MarkSet(tuple(symbol for symbol, _text in items), items)


@lru_cache(maxsize=64)
def _aliases(symbols: tuple[str, ...]) -> dict[str, str]:
    """Every spelling → its symbol. ``+`` is a dagger only while it is not a mark of its own."""
    table: dict[str, str] = {}
    for symbol in symbols:
        for spelling in (f"$^{{{symbol}}}$", f"$^{symbol}$", f"\\textsuperscript{{{symbol}}}", f"^{symbol}", symbol):
            table.setdefault(spelling, symbol)
    if "†" in symbols:
        for spelling in _DAGGER_SPELLINGS:
            if spelling not in symbols:
                table.setdefault(spelling, "†")
    return table


@lru_cache(maxsize=64)
def _pattern(symbols: tuple[str, ...]) -> re.Pattern[str]:
    spellings = sorted(_aliases(symbols), key=len, reverse=True)  # longest first: "$^*$" before "*"
    return re.compile("|".join(re.escape(s) for s in spellings))


def config_problem(value: object) -> str:
    """What is wrong with a ``researcher_author_marks`` value ("" when nothing)."""
    if not isinstance(value, dict):
        return f"must be a dict of mark → legend text, not {type(value).__name__}"
    for symbol, text in value.items():
        if not isinstance(symbol, str) or not isinstance(text, str):
            return "must map strings (marks) to strings (legend texts)"
        if not symbol.strip() or symbol != symbol.strip() or any(c.isalnum() for c in symbol):
            return f"mark {symbol!r} must be a symbol without letters, digits or spaces (e.g. '*', '†', '#')"
        if symbol in {",", ".", "-", "'", "{", "}", "\\", "~"}:
            return f"mark {symbol!r} is part of how names are written; choose another symbol"
    return ""
