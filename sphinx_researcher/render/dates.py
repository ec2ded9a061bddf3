"""Dates shown in the page's language, through Babel."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..model.dates import DateRange, PartialDate

# Babel skeletons pick the locale's own order and words ("May 2024", "2024年5月").
_SKELETONS = {"year": "y", "month": "yMMM", "day": "yMMMd"}


def babel_locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_partial_date(date: PartialDate, language: str | None, pattern: str | dict[str, str] = "") -> str:
    """The date as a reader of ``language`` expects it, exactly as precise as written."""
    locale = babel_locale(language)
    if isinstance(pattern, dict):
        pattern = pattern.get(date.precision, "")
    elif date.precision != "day":
        pattern = ""  # a single pattern is for full dates; coarser ones keep their skeleton
    if pattern:
        return format_date(date.as_date(), pattern, locale=locale)
    return format_skeleton(_SKELETONS[date.precision], date.as_date(), locale=locale)


def format_range(when: DateRange, language: str | None, pattern: str | dict[str, str], present: str) -> tuple[str, str]:
    """The start and end labels of a range (end is ``present`` when ongoing, "" for one date)."""
    start = format_partial_date(when.start, language, pattern)
    if when.ongoing:
        return start, present
    if when.end is not None:
        return start, format_partial_date(when.end, language, pattern)
    return start, ""
