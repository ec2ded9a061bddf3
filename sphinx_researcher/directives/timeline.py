"""``{timeline}``: education, positions, awards as dated entries (single dates or ranges)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import nodes as sr
from ..i18n import _
from ..warnings_ import Subtype
from .base import ResearcherDirective


class TimelineDirective(ResearcherDirective):
    has_content = True
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        # imported on use: only pages with a timeline need them
        from ..model.dates import DateRange
        from ..render.dates import format_range
        from .dated_list import RANGE_PREFIX, read_dated_items

        container = sr.timeline(classes=["sr-timeline", *self.options.get("class", [])])
        self.set_source_info(container)
        present = str(_("present"))
        for item in read_dated_items(self, RANGE_PREFIX, "timeline"):
            try:
                when = DateRange.parse(item.when)
            except ValueError as error:
                self.warn(f"timeline entry has a bad date: {error}", Subtype.date, item.line)
                continue
            start_label, end_label = format_range(
                when, self.config.language, self.config.researcher_date_format, present
            )
            entry = sr.timeline_entry(
                start=when.start.iso(),
                end=when.end.iso() if when.end else "",
                ongoing=when.ongoing,
                start_label=start_label,
                end_label=end_label,
            )
            entry.source, entry.line = self.env.doc2path(self.env.docname), item.line
            entry.extend(item.body)
            container += entry
        return [container]


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("timeline", TimelineDirective)
