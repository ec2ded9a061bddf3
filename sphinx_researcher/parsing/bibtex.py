""".bib text → raw entries with their line numbers, and every problem found on the way.

pybtex's low-level parser does the lexing (macros, braces, quotes, ``#``); we assemble the
entries ourselves so that each one keeps the line of its ``@`` and no problem is lost: pybtex
reports errors through a process-global switch, which ``lenient_pybtex`` sets and restores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.exceptions import PybtexError
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict

from ..warnings_ import Subtype

PERSON_FIELDS = ("author", "editor")
_FRONT_MATTER = re.compile(r"\A(?:[ \t]*---[ \t]*\n)(?:.*?\n)??(?:[ \t]*---[ \t]*\n)", re.DOTALL)


class _Located:
    """Something written in a .bib file, warned about at ``path:line``."""

    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class BibIssue(_Located):
    """A problem in a .bib file, reported as a warning at ``path:line``."""

    message: str
    subtype: Subtype
    path: str
    line: int


@dataclass
class RawEntry(_Located):
    """One entry as written: lower-cased field names, values still in LaTeX."""

    key: str
    entry_type: str
    fields: dict[str, str]
    persons: dict[str, list[str]]  # role → names as written (marks included)
    path: str
    line: int
    # The file's text and where the entry lies in it: a field's line is looked up only when a
    # warning names it (most entries get none).
    text: str = field(default="", repr=False, compare=False)
    start: int = 0
    end: int = 0
    inherited: set[str] = field(default_factory=set, repr=False, compare=False)  # fields from its crossref

    def __reduce__(self) -> tuple[type[RawEntry], tuple[object, ...]]:
        # Pickled (to the parse cache) as its values in order: half the time of a dict per entry.
        return RawEntry, (self.key, self.entry_type, self.fields, self.persons, self.path, self.line,
                          self.text, self.start, self.end, self.inherited)

    def field_line(self, name: str) -> int:
        """The line of field ``name`` (lower-cased) when it starts a line, else the entry's."""
        line, counted_to = self.line, self.start
        for match in _FIELD_START.finditer(self.text, self.start, self.end):
            line += self.text.count("\n", counted_to, match.start())
            counted_to = match.start()
            if match.group(1).lower() == name:
                return line
        return self.line

    def field_location(self, name: str) -> str:
        """``path:line`` of field ``name`` when it starts a line, else of the entry."""
        return f"{self.path}:{self.field_line(name)}"


_INNER_GROUPS = r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"  # {…}, with {…} inside it
_BRACED = re.compile(rf"[^{{}}]*(?:{_INNER_GROUPS}[^{{}}]*)*\}}")  # what follows a value's "{", to its "}"
_QUOTED = re.compile(rf'[^"{{}}]*(?:{_INNER_GROUPS}[^"{{}}]*)*"')  # what follows a value's '"', to its '"'
_FIELD_HEAD = re.compile(rf"\s*({LowLevelParser.NAME.match.__self__.pattern})\s*=")  # pybtex's own name


class _Lexer(LowLevelParser):
    """pybtex's lexer, told the line only when it reports an error: it counted the newlines of
    every token it read (a tenth of its time), and we locate entries ourselves. It also read a
    string value's braces token by token (a third of its time): the common values are now one
    match, and a field's ``name =``, a concatenation's '#' and the comma after a field are looked
    for without making tokens."""

    text: str  # pybtex's Scanner's own attributes, typed
    pos: int
    end_pos: int
    current_value: list[str]
    current_field_name: str | None
    current_fields: list[tuple[str, list[str]]]

    def update_lineno(self, value: str) -> None:
        pass

    def eat_whitespace(self) -> None:
        whitespace = self.WHITESPACE.match(self.text, self.pos)
        if whitespace:
            self.pos = whitespace.end()

    def parse_value_part(self) -> str:
        # Most values are a quoted or braced string with groups at most two deep: matched in
        # one step, they read as pybtex reads them (its own lexer checks every other case).
        self.eat_whitespace()
        text, pos = self.text, self.pos
        string = _BRACED if text.startswith("{", pos) else _QUOTED if text.startswith('"', pos) else None
        found = string.match(text, pos + 1) if string else None
        if found is None:
            return str(super().parse_value_part())
        self.pos = found.end()
        return text[pos + 1:found.end() - 1]

    def parse_entry_fields(self) -> None:
        # pybtex's, with ``name =`` read in one match (anything else, or nothing, is its own
        # parse_field's) and the comma looked for as parse_value looks for '#' (both leave the
        # position past any whitespace).
        text = self.text
        while True:
            self.current_field_name = None
            self.current_value = []
            head = _FIELD_HEAD.match(text, self.pos)
            if head:
                self.current_field_name = head.group(1)
                self.pos = head.end()
                self.parse_value()
            else:
                self.parse_field()
            if self.current_field_name and self.current_value:
                self.current_fields.append((self.current_field_name, self.current_value))
            if not text.startswith(",", self.pos):
                return
            self.pos += 1

    def parse_value(self) -> None:
        # pybtex's, with the '#' of a concatenation looked for without making a token: most
        # values are one part.
        parts = [self.parse_value_part()]
        while True:
            self.eat_whitespace()
            if self.pos == self.end_pos:
                raise PrematureEOF(self)
            if not self.text.startswith("#", self.pos):
                break
            self.pos += 1
            parts.append(self.parse_value_part())
        self.current_value = parts

    @property
    def lineno(self) -> int:
        text, pos = self.text, self.pos
        return 1 + text.count("\n", 0, pos) + text.count("\r", 0, pos) - text.count("\r\n", 0, pos)


@dataclass
class ParsedBib:
    entries: list[RawEntry] = field(default_factory=list)
    issues: list[BibIssue] = field(default_factory=list)


class lenient_pybtex:  # lower case: used as a function, ``with lenient_pybtex() as captured``
    """pybtex in non-strict mode with its error reports captured (both are process-global).

    A class, not a generator: it is entered once per entry, and a generator costs several times more."""

    __slots__ = ("_saved",)

    def __enter__(self) -> list[PybtexError]:
        self._saved = pybtex.errors.strict, pybtex.errors.captured_errors
        captured: list[PybtexError] = []
        pybtex.errors.strict, pybtex.errors.captured_errors = False, captured
        return captured

    def __exit__(self, *exc_info: object) -> None:
        pybtex.errors.strict, pybtex.errors.captured_errors = self._saved


def decode(data: bytes, encoding: str, path: str) -> tuple[str, list[BibIssue]]:
    """The text of a .bib file; undecodable bytes become U+FFFD, with a located warning."""
    try:
        return data.decode(encoding), []
    except LookupError:
        issue = BibIssue(f"unknown researcher_bibtex_encoding {encoding!r}; reading as UTF-8", Subtype.config, path, 1)
        text, more = decode(data, "utf-8", path)
        return text, [issue, *more]
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = (
            f"not valid {encoding} (byte 0x{data[error.start]:02x}); undecodable bytes are shown as '\ufffd': "
            "set researcher_bibtex_encoding to the file's encoding"
        )
        try:
            text = data.decode(encoding, errors="replace")
        except (UnicodeError, LookupError, ValueError):  # a codec without errors="replace"
            text = data.decode("utf-8", errors="replace")
        return text, [BibIssue(message, Subtype.bibtex, path, line)]
    except (UnicodeError, ValueError, TypeError) as error:
        # Codecs such as idna raise UnicodeError itself, with no position: read as UTF-8.
        message = f"cannot be read as {encoding} ({error}); reading as UTF-8"
        return data.decode("utf-8", errors="replace"), [BibIssue(message, Subtype.bibtex, path, 1)]


def blank_front_matter(text: str) -> str:
    """Jekyll front matter (``---`` … ``---``, as in al-folio) blanked, keeping line numbers."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group().count("\n") + text[match.end():]


def parse_bib_text(text: str, path: str) -> ParsedBib:
    """Every entry of ``text`` (first of a repeated key kept), in source order."""
    result = ParsedBib()
    text = blank_front_matter(text)

    def report(error: PybtexError) -> None:
        line = getattr(error, "lineno", None) or 1
        result.issues.append(BibIssue(f"syntax error: {_message(error)}", Subtype.bibtex, path, line))

    lexer = _Lexer(text, macros=CaseInsensitiveDict(month_names), handle_error=report)
    seen: dict[str, RawEntry] = {}
    line, counted_to = 1, 0
    with lenient_pybtex() as captured:
        for command, body in lexer:
            # The '@' of the command just read: count newlines only since the previous one.
            start = lexer.command_start
            line += text.count("\n", counted_to, start)
            counted_to = start
            kind = command.lower()
            if kind in ("string", "preamble", "comment"):
                continue
            key, fields = body
            if not key:
                continue
            entry = _entry(kind, key, fields, path, line, result.issues)
            entry.text, entry.start = text, start
            if result.entries:  # each entry ends where the next one starts
                result.entries[-1].end = start
            seen.setdefault(key.lower(), entry)
            result.entries.append(entry)
        for error in captured:  # anything pybtex reported outside our own handler
            report(error)
    if result.entries:
        result.entries[-1].end = len(text)
    result.entries = resolve_duplicates(result.entries, result.issues)
    # An entry whose head the lexer could not read is named, never dropped silently (the lexer
    # reports an error for each; without one, every entry was read).
    for key, at in count_entries(text) if result.issues else ():
        if key.lower() not in seen:
            result.issues.append(BibIssue(f"entry {key!r} could not be read; see the syntax errors above",
                                          Subtype.bibtex, path, at))
    return result


_FIELD_START = re.compile(r"^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=", re.MULTILINE)


def resolve_duplicates(entries: list[RawEntry], issues: list[BibIssue],
                       taken: set[str] | None = None) -> list[RawEntry]:
    """Entries whose key was used before: the same paper again is dropped; a different paper
    is kept under a derived key (``key-2``) — jekyll-scholar shows both — each with a warning
    naming both places. ``taken`` holds lower-cased keys already used elsewhere."""
    used = {e.key.lower() for e in entries} | (taken or set())
    first: dict[str, RawEntry] = {}
    kept: list[RawEntry] = []
    for entry in entries:
        earlier = first.get(entry.key.lower())
        if earlier is None:
            first[entry.key.lower()] = entry
            kept.append(entry)
            continue
        if same_paper(earlier, entry):
            issues.append(BibIssue(f"duplicate key {entry.key!r} (first at {earlier.location}); the same paper "
                                   "again, this one is ignored", Subtype.duplicate, entry.path, entry.line))
            continue
        n = 2
        while f"{entry.key}-{n}".lower() in used:
            n += 1
        derived = f"{entry.key}-{n}"
        used.add(derived.lower())
        issues.append(BibIssue(
            f"duplicate key {entry.key!r} (first at {earlier.location}) names a different paper; "
            f"both are kept, this one as {derived!r}: give it a key of its own", Subtype.duplicate,
            entry.path, entry.line))
        entry.key = derived
        first[derived.lower()] = entry
        kept.append(entry)
    return kept


def same_paper(a: RawEntry, b: RawEntry) -> bool:
    """Identical entries, or the same title and year (one copy more complete than the other)."""
    if (a.entry_type, a.fields, a.persons) == (b.entry_type, b.fields, b.persons):
        return True
    def norm(text: str) -> str:
        return re.sub(r"\W+", "", text).casefold()
    title_a, title_b = norm(a.fields.get("title", "")), norm(b.fields.get("title", ""))
    return bool(title_a) and title_a == title_b and a.fields.get("year", "") == b.fields.get("year", "")


def _message(error: PybtexError) -> str:
    text = str(error)
    return text.split(": ", 1)[1] if isinstance(error, PybtexSyntaxError) and ": " in text else text


def _entry(kind: str, key: str, fields: list[tuple[str, list[str]]], path: str, line: int,
           issues: list[BibIssue]) -> RawEntry:
    values: dict[str, str] = {}
    persons: dict[str, list[str]] = {}
    for name, parts in fields:
        lower = name.lower()
        if lower in values or lower in persons:
            issues.append(BibIssue(f"entry {key!r} has a second {name!r} field; the first is kept",
                                   Subtype.bibtex, path, line))
            continue
        value = " ".join("".join(parts).split())  # pybtex's normalize_whitespace, then strip
        if lower in PERSON_FIELDS:
            names = [n for n in _split_names(value) if n] if value else []
            if names:
                persons[lower] = names
            continue
        values[lower] = value
    return RawEntry(key, kind, values, persons, path, line)


_AND = re.compile(" [Aa][Nn][Dd] ")
_GROUP = re.compile(r"\{[^{}]*\}")


def _split_names(value: str) -> list[str]:
    """pybtex's ``split_name_list``: names separated by " and " outside braces. Split at every
    " and " at once, the pieces are the names when each one's braces close within it (a group
    with no group inside: ``M{\\"u}ller``, ``{\\L}ukasz``); anything deeper goes to pybtex."""
    names = _AND.split(value)
    if "{" in value and any("{" in _GROUP.sub("", name) for name in names if "{" in name):
        names = split_name_list(value)
    return [name.strip() for name in names]


def count_entries(text: str) -> list[tuple[str, int]]:
    """``(key, line)`` of every ``@type{key`` in ``text`` (not @string/@comment/@preamble).

    A cross-check for tests and for entries the parser could not read at all.
    """
    found = []
    line, counted_to = 1, 0
    for match in re.finditer(r"^[ \t]*@\s*([A-Za-z]+)\s*[{(]\s*([^\s,{}()]+)", text, re.MULTILINE):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if match.group(1).lower() not in ("string", "comment", "preamble"):
            found.append((match.group(2), line))
    return found
