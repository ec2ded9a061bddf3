"""News items and timeline entries: dated content whose body stays MyST."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import DateRange, PartialDate


@dataclass(frozen=True)
class NewsItem:
    """One news item as recorded site-wide; the body is kept as a doctree node elsewhere."""

    date: PartialDate
    docname: str
    anchor: str  # the id of the item on its page
    position: int  # source order within the document, to keep ties stable
    text: str  # the body as plain text (feeds, summaries)
    tags: tuple[str, ...] = ()  # the :tags: of its {news} list, for {recent-news} :filter:

    def sort_key(self) -> tuple[tuple[int, int, int], str, int]:
        return (self.date.sort_key(), self.docname, -self.position)


@dataclass(frozen=True)
class TimelineEntry:
    when: DateRange
    position: int
