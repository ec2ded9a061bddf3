"""Dates of partial precision (a year, a month or a day) and ranges of them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ordering puts less precise dates first."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse an ISO-like partial date; raise ``ValueError`` with a readable reason."""
        match = _DATE_RE.match(text.strip())
        if not match:
            raise ValueError(f"{text.strip()!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        # datetime validates the calendar (month 0 or 13, day 0, 30 February) for us.
        try:
            dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError as error:
            raise ValueError(f"{text.strip()!r} is not a real date ({error})") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """The value for ``<time datetime>``: exactly as precise as the source."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


PRESENT_WORDS = frozenset({"present", "now", "today", "current"})

# en dash, em dash, minus sign, " - ", " to ": how people write ranges.
_RANGE_SPLIT = re.compile(r"\s+(?:[–—−-]|to)\s+|\s*[–—−]\s*|(?<=^\d{4})-(?=\d{4}$)")


@dataclass(frozen=True)
class DateRange:
    """A single date (``end is None and not ongoing``) or a range, possibly up to the present."""

    start: PartialDate
    end: PartialDate | None = None
    ongoing: bool = False

    @classmethod
    def parse(cls, text: str) -> DateRange:
        parts = [p for p in _RANGE_SPLIT.split(text.strip()) if p]
        if len(parts) == 1:
            return cls(PartialDate.parse(parts[0]))
        if len(parts) != 2:
            raise ValueError(f"{text.strip()!r} is not a date or a range 'START – END'")
        start = PartialDate.parse(parts[0])
        if parts[1].strip().lower() in PRESENT_WORDS:
            return cls(start, None, ongoing=True)
        end = PartialDate.parse(parts[1])
        if end.sort_key() < start.sort_key():
            raise ValueError(f"the range {text.strip()!r} ends before it starts")
        return cls(start, end)

    @property
    def is_range(self) -> bool:
        return self.end is not None or self.ongoing

    def sort_key(self) -> tuple[int, int, int]:
        """Newest first sorts on the end of a range (ongoing ranges are newest)."""
        if self.ongoing:
            return (9999, 12, 31)
        return (self.end or self.start).sort_key()
