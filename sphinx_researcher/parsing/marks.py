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

# Other ways people write a dagger: the commands of text and of maths, and signs like it.
_DAGGER_SPELLINGS = ("\\textdagger", "\\dagger", "\\dag", "✝", "+")
# A mark's spelling in LaTeX where the symbol itself is special there (``\#``, ``\ast``).
_ESCAPED = {"#": ("\\#",), "*": ("\\ast",), "&": ("\\&",), "%": ("\\%",), "$": ("\\$",), "_": ("\\_",)}


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
    def tokens(self) -> re.Pattern[str]:
        """One mark's spelling (``\\dagger``, ``\\#``, ``*``), inside a group or alone."""
        return _token_pattern(self.symbols)

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
        if self.pattern.search(raw) is None:
            return " ".join(raw.split()), ()  # most names carry no mark: the fast path
        found: set[str] = set()
        kept: list[str] = []
        done = 0
        for match in self.pattern.finditer(raw):
            start, end = match.span()
            if start < done:
                continue  # inside a braced group already taken as a mark
            if "{" in raw and _brace_depth(raw, start):
                group = _enclosing_group(raw, start, end)
                # Braces around marks alone ({*}, {$^*$}) protect them; braces around words are
                # the author's own text ({C++ Standards Committee}).
                if group is None or self.pattern.sub("", raw[group[0] + 1:group[1] - 1]).strip():
                    continue
                start, end = group
            kept.append(raw[done:start])
            done = end
            # A group (``$^{*\dagger}$``) may hold several marks.
            found.update(self._spellings[token.removesuffix("{}")] for token in self.tokens.findall(raw[start:end]))
        if not found:
            return " ".join(raw.split()), ()
        kept.append(raw[done:])
        name = re.sub(r"\s+,", ",", " ".join(" ".join(kept).split()))
        return name, tuple(s for s in self.symbols if s in found)


def mark_set(marks: dict[str, str] | None = None) -> MarkSet:
    """The MarkSet of a ``researcher_author_marks`` value (None: the defaults)."""
    items = tuple((marks if marks is not None else DEFAULT_MARKS).items())
    return _mark_set(items)


@lru_cache(maxsize=64)
def _mark_set(items: tuple[tuple[str, str], ...]) -> MarkSet:
    return MarkSet(tuple(symbol for symbol, _text in items), items)


@lru_cache(maxsize=64)
def _aliases(symbols: tuple[str, ...]) -> dict[str, str]:
    """Every spelling of one mark → its symbol. ``+`` is a dagger only while it is not a mark of its own."""
    table: dict[str, str] = {}
    for symbol in symbols:
        for spelling in (symbol, *_ESCAPED.get(symbol, ())):
            table.setdefault(spelling, symbol)
    if "†" in symbols:
        for spelling in _DAGGER_SPELLINGS:
            if spelling not in symbols:
                table.setdefault(spelling, "†")
    return table


@lru_cache(maxsize=64)
def _token_pattern(symbols: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first ("\\dagger" before "\\dag"); a command never runs on into a letter.
    spellings = sorted(_aliases(symbols), key=len, reverse=True)
    command_end = r"(?![A-Za-z])(?:\{\})?"  # \dag{} and \dag, never \dagfoo
    return re.compile("|".join(re.escape(s) + (command_end if s[-1:].isalpha() else "") for s in spellings))


@lru_cache(maxsize=64)
def _pattern(symbols: tuple[str, ...]) -> re.Pattern[str]:
    """A written mark: a superscript of marks (``$^{*\\dagger}$``, ``$^\\dag$``,
    ``\\textsuperscript{\\#}``, ``\\textsuperscript{$\\dagger$}``, ``^*``) or one mark alone."""
    token = _token_pattern(symbols).pattern
    marks = rf"(?:[\s,]*(?:{token}|\$(?:{token})+\$))+[\s,]*"
    return re.compile(
        rf"\$\^\{{{marks}\}}\$|\$\^(?:{token})\$|\\textsuperscript\s*\{{{marks}\}}|\^(?:{token})|{token}")


def _brace_depth(text: str, at: int) -> int:
    return text.count("{", 0, at) - text.count("}", 0, at)


def _enclosing_group(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(opening brace, one past its closing brace) of the innermost group around text[start:end]."""
    depth, opening = 0, -1
    for index in range(start - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(text[index], 0)
        if depth < 0:
            opening = index
            break
    if opening < 0:
        return None
    depth = 0
    for index in range(end, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth < 0:
            return opening, index + 1
    return None


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
