"""The ``:filter:`` language of ``{publications}``: a small parsed language, never ``eval``.

    selected
    type=article            type=article,inproceedings     (a comma after a value list
    year>=2022   year<2020  year=2020-2023                  continues the list when the next
    keyword=vision          key=doe2024a,doe2023b           word is not itself a condition)
    venue=CVPR   author=Doe title=sparse                    (venue, author, title: substring)
    person=alice,bob        (a member of researcher_people, in any spelling the registry gives)
    not selected   (a, b)   a and b   a, b   a or b         (precedence: not > and/, > or)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model.publication import Publication

Predicate = Callable[[Publication], bool]

FIELDS = ("selected", "type", "year", "keyword", "key", "venue", "author", "title", "person")
_TOKEN = re.compile(r"""\s*(?:(?P<op>>=|<=|!=|=|<|>)|(?P<punct>[(),])|"(?P<quoted>[^"]*)"|(?P<word>[^\s,()=!<>"]+))""")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


class FilterError(ValueError):
    """A filter that cannot be parsed; ``position`` is the offset in the filter text."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class _Token:
    kind: str  # "op", "punct", "word" (quoted words too), "end"
    text: str
    position: int


def _tokens(text: str) -> list[_Token]:
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip() == "":
                break
            raise FilterError(f"unexpected {text[pos:].strip()[:10]!r}", pos)
        kind = match.lastgroup or "word"
        value = match.group(kind)
        tokens.append(_Token("word" if kind == "quoted" else kind, value, match.start(kind)))
        pos = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


# Deeper nesting of "(" or "not" than any real filter: refused before Python's own stack is.
MAX_DEPTH = 32


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.keys: list[str] = []  # the values of every key= condition, in the order written
        self.depth = 0

    def nested(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FilterError(f"nested more than {MAX_DEPTH} levels deep", token.position)

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> _Token:
        token = self.peek()
        self.i += 1
        return token

    def is_word(self, word: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == "word" and token.text.lower() == word

    def parse(self) -> Predicate:
        if self.peek().kind == "end":
            raise FilterError("empty filter", 0)
        predicate = self.or_expr()
        if self.peek().kind != "end":
            token = self.peek()
            raise FilterError(f"unexpected {token.text!r}", token.position)
        return predicate

    def or_expr(self) -> Predicate:
        parts = [self.and_expr()]
        while self.is_word("or"):
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else (lambda p: any(part(p) for part in parts))

    def and_expr(self) -> Predicate:
        parts = [self.not_expr()]
        while self.is_word("and") or self.peek().text == ",":
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else (lambda p: all(part(p) for part in parts))

    def not_expr(self) -> Predicate:
        if self.is_word("not"):
            self.nested(self.take())
            inner = self.not_expr()
            self.depth -= 1
            return lambda p: not inner(p)
        return self.atom()

    def atom(self) -> Predicate:
        token = self.take()
        if token.text == "(" and token.kind == "punct":
            self.nested(token)
            inner = self.or_expr()
            self.depth -= 1
            closing = self.take()
            if closing.text != ")":
                raise FilterError("missing ')'", closing.position)
            return inner
        if token.kind != "word":
            raise FilterError(f"expected a condition, found {token.text or 'the end'!r}", token.position)
        name = token.text.lower()
        if name not in FIELDS:
            raise FilterError(f"unknown field {token.text!r} (known: {', '.join(FIELDS)})", token.position)
        if name == "selected" and self.peek().kind != "op":
            return lambda p: p.selected
        op = self.take()
        if op.kind != "op":
            raise FilterError(f"expected an operator (=, !=, >=, <=, >, <) after {token.text!r}", op.position)
        values = self.values()
        if name == "key" and op.text == "=":
            self.keys.extend(values)
        return _condition(name, op.text, values, op.position)

    def values(self) -> list[str]:
        """``a`` or ``a,b,c``: a comma continues the list unless a condition follows it."""
        first = self.take()
        if first.kind != "word":
            raise FilterError(f"expected a value, found {first.text or 'the end'!r}", first.position)
        values = [first.text]
        while (
            self.peek().text == ","
            and self.peek(1).kind == "word"
            and self.peek(2).kind != "op"
            and self.peek(1).text.lower() not in ("not", "selected", "and", "or")
        ):
            self.take()
            values.append(self.take().text)
        return values


def _condition(name: str, op: str, values: list[str], position: int) -> Predicate:
    if name == "year":
        return _year_condition(op, values, position)
    if op not in ("=", "!="):
        raise FilterError(f"{name} takes = or !=, not {op}", position)
    wanted = [v.casefold() for v in values]
    test: Predicate
    if name == "selected":
        truth = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if wanted[0] not in truth:
            raise FilterError(f"selected={values[0]} should be true or false", position)
        flag = truth[wanted[0]]
        test = lambda p: p.selected == flag  # noqa: E731
    elif name == "type":
        test = lambda p: p.entry_type.casefold() in wanted  # noqa: E731
    elif name == "key":
        test = lambda p: p.key.casefold() in wanted  # noqa: E731
    elif name == "keyword":
        test = lambda p: any(k.casefold() in wanted for k in p.keywords)  # noqa: E731
    elif name == "venue":
        test = lambda p: any(w in p.venue.casefold() or w == p.venue_short.casefold() for w in wanted)  # noqa: E731
    elif name == "person":  # authors carry their member id (parsing.people)
        test = lambda p: any(a.person and a.person.casefold() in wanted for a in p.authors)  # noqa: E731
    elif name == "author":
        test = lambda p: any(w in a.name.casefold() for a in p.authors for w in wanted)  # noqa: E731
    else:  # title
        test = lambda p: any(w in p.title.casefold() for w in wanted)  # noqa: E731
    return test if op == "=" else (lambda p: not test(p))


def _year_condition(op: str, values: list[str], position: int) -> Predicate:
    ranges: list[tuple[int, int]] = []
    for value in values:
        match = _YEAR_RANGE.match(value)
        if match and op in ("=", "!="):
            ranges.append((int(match.group(1)), int(match.group(2))))
        elif value.isascii() and value.isdigit() and len(value) == 4:
            ranges.append((int(value), int(value)))
        else:
            raise FilterError(f"{value!r} is not a year (YYYY, or YYYY-YYYY with =)", position)
    if op in ("=", "!="):
        inside = lambda y: any(lo <= y <= hi for lo, hi in ranges)  # noqa: E731
        if op == "=":
            return lambda p: p.year is not None and inside(p.year)
        return lambda p: p.year is None or not inside(p.year)
    if len(ranges) != 1:
        raise FilterError(f"year{op} takes one year", position)
    year = ranges[0][0]
    compare: dict[str, Callable[[int], bool]] = {
        ">=": lambda y: y >= year, "<=": lambda y: y <= year, ">": lambda y: y > year, "<": lambda y: y < year,
    }
    check = compare[op]
    return lambda p: p.year is not None and check(p.year)


def parse_filter(text: str) -> Predicate:
    """The predicate for ``text``; raises FilterError with a position for a bad filter."""
    return _Parser(text).parse()


def filter_keys(text: str) -> list[str]:
    """The keys a filter names with ``key=`` in the order written (a hand-picked order)."""
    parser = _Parser(text)
    parser.parse()
    return parser.keys
