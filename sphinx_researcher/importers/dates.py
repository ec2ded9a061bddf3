"""Dates as people write them on Jekyll homepages → the project's PartialDate / DateRange.

``2022.02``, ``2022.2.3``, ``2019.06 - 2022.04 (now)``, ``09/2021 - 03/2024``, ``May-18``,
``Jan 2023``, ``2015-10-22 15:59:00-0400``. Day and month written ``03/04/2021`` are ambiguous:
``DateStyle`` decides from the other dates of the same file, and the caller reports the guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model.dates import DateRange, PartialDate
from ..parsing.options import parse_month

_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_SEP = r"[./\-]"
# One date, in the forms seen on real homepages; groups are named by what they hold.
_FORMS = [
    re.compile(rf"^(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?:[ T]\d{{1,2}}:\d{{2}}.*)?$"),
    re.compile(rf"^(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}})$"),
    re.compile(r"^(?P<y>\d{4})$"),
    re.compile(rf"^(?P<a>\d{{1,2}}){_SEP}(?P<b>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}})$"),  # ambiguous d/m
    re.compile(rf"^(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})$"),
    re.compile(rf"^(?P<mw>{_MONTH_WORD})[\s\-,/.]*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I),
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*(?P<mw>{_MONTH_WORD})[\s\-,/.]*(?P<y>\d{{4}}|\d{{2}})$",
               re.I),
    re.compile(rf"^(?P<mw>{_MONTH_WORD})[\s\-,/.']*(?P<y>\d{{4}}|\d{{2}})$", re.I),
    re.compile(rf"^(?P<y>\d{{4}})[\s\-,/.]*(?P<mw>{_MONTH_WORD})$", re.I),
]
_ONGOING = re.compile(r"^(?:present|now|today|current|ongoing|至今|现在|今)$", re.I)
_RANGE = re.compile(r"\s*(?:–|—|−|~|～|\bto\b|\buntil\b|\s-\s|-(?=\s*(?:present|now)\b))\s*|(?<=\d)\s*-\s*(?=\d{4}\b)",
                    re.I)
_AMBIGUOUS = re.compile(rf"(?<![\d.])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?![\d.])")


def two_digit_year(value: int, today: dt.date | None = None) -> int:
    """``18`` → 2018 and ``98`` → 1998: the nearest year that is not far in the future."""
    today = today or dt.date.today()
    century = today.year // 100 * 100
    year = century + value
    return year - 100 if year > today.year + 5 else year


@dataclass
class DateStyle:
    """How one file writes ``A/B/YYYY``: day first, month first, or unknown (then month first)."""

    day_first: bool | None = None
    evidence: str = ""

    @classmethod
    def of(cls, text: str) -> DateStyle:
        for match in _AMBIGUOUS.finditer(text):
            a, b = int(match.group(1)), int(match.group(2))
            if a > 12 >= b:
                return cls(True, match.group())
            if b > 12 >= a:
                return cls(False, match.group())
        return cls()


@dataclass(frozen=True)
class Parsed:
    date: PartialDate
    ambiguous: bool = False  # day and month could be swapped
    two_digit: bool = False


def parse_date(text: str, style: DateStyle | None = None) -> Parsed | None:
    """One date, or None if ``text`` is not one."""
    text = text.strip().strip("*_`[]()").strip()
    if not text:
        return None
    for form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        groups = match.groupdict()
        year_text = groups["y"]
        two_digit = len(year_text) == 2
        year = two_digit_year(int(year_text)) if two_digit else int(year_text)
        ambiguous = False
        day: int | None
        month: int | None
        if groups.get("a"):
            a, b = int(groups["a"]), int(groups["b"])
            day_first = style.day_first if style else None
            if a > 12:
                day_first = True
            elif b > 12:
                day_first = False
            else:
                ambiguous = a != b
            if day_first is None:
                day_first = False  # month first, as most such sites write it
            day, month = (a, b) if day_first else (b, a)
        else:
            month = int(groups["m"]) if groups.get("m") else (parse_month(groups["mw"]) if groups.get("mw") else None)
            day = int(groups["d"]) if groups.get("d") else None
        if day is not None and month is None:
            continue
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return Parsed(PartialDate(year, month, day), ambiguous, two_digit)
    return None


@dataclass(frozen=True)
class ParsedRange:
    start: Parsed
    end: Parsed | None
    ongoing: bool
    ongoing_note: bool = False  # written "END (now)"

    def text(self) -> str:
        """The form {timeline} reads: ``2019-06 – present``."""
        start = self.start.date.iso()
        if self.ongoing:
            return f"{start} – present"
        if self.end is not None:
            end = self.end.date.iso()
            return start if end == start else f"{start} – {end}"
        return start

    @property
    def ambiguous(self) -> bool:
        return self.start.ambiguous or bool(self.end and self.end.ambiguous)

    @property
    def two_digit(self) -> bool:
        return self.start.two_digit or bool(self.end and self.end.two_digit)

    def as_model(self) -> DateRange:
        return DateRange.parse(self.text())


def parse_range(text: str, style: DateStyle | None = None) -> ParsedRange | None:
    """A date or a range ``START - END`` (``now``/``present`` allowed; ``END (now)`` is ongoing)."""
    text = text.strip().strip("*_`").strip()
    note = False
    now_suffix = re.search(r"\s*[(（]\s*(?:now|present|至今)\s*[)）]\s*$", text, re.I)
    if now_suffix:
        text, note = text[: now_suffix.start()], True
    single = parse_date(text, style)
    if single:
        return ParsedRange(single, None, note, note)
    parts = [p for p in _RANGE.split(text, maxsplit=1) if p and p.strip()]
    if len(parts) != 2:
        return None
    start = parse_date(parts[0], style)
    if start is None:
        return None
    if _ONGOING.match(parts[1].strip().strip("()")):
        return ParsedRange(start, None, True)
    end = parse_date(parts[1], style)
    if end is None or end.date.sort_key() < start.date.sort_key():
        return None
    return ParsedRange(start, end, note, note)


# A date (or range) at the start of a line, as AcadHomepage news and sections write it:
# "*2022.02*: …", "**2021.10** …", "`2019.06 - now`, …", "[2023.01] …", "2022-09: …".
_DATEISH = r"[0-9A-Za-z./\-–—~ ,'()（）至今]+?"
LEADING_DATE = re.compile(
    rf"^\s*(?P<open>\*\*|\*|__|_|`|\[|\(|【)?\s*(?P<when>{_DATEISH})\s*(?P<close>\*\*|\*|__|_|`|\]|\)|】)?"
    r"\s*(?P<sep>[:：,，\-–—|]|&nbsp;|\s)\s*",
)


def split_leading_date(text: str, style: DateStyle | None = None) -> tuple[ParsedRange, str] | None:
    """``(range, rest)`` if ``text`` starts with a date or range, else None."""
    match = LEADING_DATE.match(text)
    candidates = []
    if match:
        candidates.append((match.group("when"), match.end()))
    # Without delimiters the lazy group may stop early: also try growing word by word.
    words = re.match(r"^\s*[*_`\[(【]*", text)
    start = words.end() if words else 0
    for end in range(start + 4, min(len(text), start + 40) + 1):
        if end == len(text) or text[end] in " :：,，*_`]）)】|":
            candidates.append((text[start:end], end))
    best: tuple[ParsedRange, int] | None = None
    for when, end in candidates:
        parsed = parse_range(when, style)
        if parsed and (best is None or end > best[1]):
            best = (parsed, end)
    if best is None:
        return None
    rest = text[best[1]:]
    rest = re.sub(r"^\s*(?:\*\*|\*|__|_|`|\]|\)|】|）)?\s*(?:[:：,，|]|&nbsp;|[-–—](?=\s))?\s*", "", rest, count=1)
    rest = re.sub(r"^(?:&nbsp;|\s)+", "", rest)
    return best[0], rest
