"""``{publications}``: a list from the BibTeX files, filtered, newest first, optionally grouped.

One node per entry (the model rendered by a visitor), so a list of thousands stays cheap for
every transform and for the toctree of every other page (see PERFORMANCE.md).
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import nodes as sr
from ..collectors.bibliography import all_publications, localize, note_bibliography_dependency
from ..collectors.domain import note_shown
from ..collectors.people import unknown_people
from ..i18n import _
from ..model.publication import Publication
from ..parsing.options import parse_whole_number
from ..warnings_ import Subtype
from .base import ResearcherDirective
from .people import highlight_ids, split_ids
from .publication import add_publication_image, make_legend, make_publication_node

GROUP_BY = ("year", "type", "none")
SORTS = ("year", "given", "title")
PERSON_CONDITION = re.compile(r"\bperson\s*!?=\s*((?:[\w.-]+\s*,\s*)*[\w.-]+)", re.IGNORECASE)


def _type_groups() -> tuple[tuple[frozenset[str], str], ...]:
    """(entry types, label) in the order the groups are shown; anything else is "Other"."""
    return (
        (frozenset({"article"}), str(_("Journal articles"))),
        (frozenset({"inproceedings", "conference"}), str(_("Conference papers"))),
        (frozenset({"book", "proceedings"}), str(_("Books"))),
        (frozenset({"incollection", "inbook"}), str(_("Book chapters"))),
        (frozenset({"phdthesis", "mastersthesis", "thesis"}), str(_("Theses"))),
        (frozenset({"techreport", "report"}), str(_("Technical reports"))),
    )


def newest_first(pubs: list[Publication]) -> list[Publication]:
    """By year then month, newest first; undated last; ties keep source order (sort is stable)."""
    return sorted(pubs, key=lambda p: (p.year is None, -(p.year or 0), -(p.month or 0)))


def sort_publications(pubs: list[Publication], sort: str, keys: list[str]) -> list[Publication]:
    """``year``: newest first; ``given``: the order of ``key=`` in the filter, then source order;
    ``title``: alphabetical (source order breaks ties, as every sort here is stable)."""
    if sort == "given":
        rank = {key.casefold(): index for index, key in enumerate(keys)}
        return sorted(pubs, key=lambda p: rank.get(p.key.casefold(), len(rank)))
    if sort == "title":
        return sorted(pubs, key=lambda p: (p.title or p.key).casefold())
    return newest_first(pubs)


def group_publications(pubs: list[Publication], group_by: str) -> list[tuple[str, list[Publication]]]:
    if group_by == "year":
        groups: dict[str, list[Publication]] = {}
        for pub in pubs:  # already newest first, so groups come out in order
            groups.setdefault(str(pub.year) if pub.year else str(_("Undated")), []).append(pub)
        return list(groups.items())
    if group_by == "type":
        ordered: list[tuple[str, list[Publication]]] = []
        type_groups = _type_groups()
        for types, label in type_groups:
            members = [p for p in pubs if p.entry_type in types]
            if members:
                ordered.append((label, members))
        known = frozenset().union(*(types for types, _label in type_groups))
        rest = [p for p in pubs if p.entry_type not in known]
        if rest:
            ordered.append((str(_("Other")), rest))
        return ordered
    return [("", pubs)]


class PublicationsDirective(ResearcherDirective):
    has_content = False
    option_spec = {
        "filter": directives.unchanged,
        "group-by": directives.unchanged,
        "sort": directives.unchanged,
        # Checked in run(), so a bad value is a located researcher.option warning.
        "limit": directives.unchanged,
        "heading-level": directives.unchanged,
        "highlight": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        note_bibliography_dependency(self.env)
        self.highlight = highlight_ids(self)
        if not self.config.researcher_bibtex_files:
            self.warn("publications: researcher_bibtex_files is empty; nothing to list", Subtype.option)
        pubs = all_publications(self.env)
        text = self.options.get("filter", "").strip()
        keys: list[str] = []
        if text:
            from ..parsing.filters import FilterError, filter_keys, parse_filter  # imported on use: only a :filter:

            try:
                predicate = parse_filter(text)
                keys = filter_keys(text)
            except FilterError as error:
                shown = text if len(text) <= 60 else text[:59] + "…"
                self.warn(f"publications: bad :filter: {shown!r}: {error} (at character {error.position + 1}); "
                          "nothing is listed", Subtype.filter)
                return []
            self.check_people(text)
            pubs = [p for p in pubs if predicate(p)]
        # A hand-picked key=a,b,c list keeps its order unless :sort: says otherwise.
        sort = self.options.get("sort", "given" if keys else "year").strip().lower()
        if sort not in SORTS:
            self.warn(f"publications: :sort: {sort!r} is not one of {', '.join(SORTS)}; sorting by year",
                      Subtype.option, self.option_line("sort"))
            sort = "year"
        pubs = sort_publications(pubs, sort, keys)
        limit = self.number_option("limit")
        if limit is not None:
            pubs = pubs[:limit]
        group_by = self.options.get("group-by", "none").strip().lower()
        if group_by not in GROUP_BY:
            self.warn(f"publications: :group-by: {group_by!r} is not one of {', '.join(GROUP_BY)}", Subtype.option)
            group_by = "none"
        level = min(max(self.number_option("heading-level") or 3, 2), 6)

        container = sr.publication_list(group_by=group_by, classes=["sr-publications", *self.options.get("class", [])])
        self.set_source_info(container)
        for title, members in group_publications(pubs, group_by):
            parent: nodes.Element = container
            if title:
                parent = sr.pub_group(title=title, level=level)
                container += parent
            for pub in members:
                parent += self.publication_node(pub)
        if any(p.has_marks for p in pubs):
            container += make_legend(pubs)
        return [container]

    def number_option(self, name: str) -> int | None:
        text = self.options.get(name, "").strip()
        if not text:
            return None
        number = parse_whole_number(text)
        if number is None:
            self.warn(f"publications :{name}: must be a whole number, not {text!r}; it is ignored", Subtype.option,
                      self.option_line(name))
        return number

    def check_people(self, text: str) -> None:
        """``person=alice``: ids must name members of researcher_people (else nothing would match)."""
        for match in PERSON_CONDITION.finditer(text):
            for person_id in unknown_people(self.env, split_ids(match.group(1))):
                self.warn(f"publications :filter: unknown person {person_id!r} (not in researcher_people)",
                          Subtype.person, self.option_line("filter"))

    def publication_node(self, pub: Publication) -> sr.publication:
        pub = localize(self.env, pub)
        node = make_publication_node(self, pub)
        note_shown(self.env, pub, node["ids"][0])
        add_publication_image(self, node, pub)
        return node


def setup_publications(app: Sphinx) -> None:
    app.add_directive("publications", PublicationsDirective)
