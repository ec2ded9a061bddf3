"""``{people}``: the lab's members as sphinx-design cards, grouped by role; and the
``:highlight:`` option / ``researcher_highlight`` page setting shared by the publication
directives (a member's page shows that member in bold, not only ``researcher_name``)."""

from __future__ import annotations

import json

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from ..collectors.bibliography import DOMAIN
from ..collectors.domain import PAGE_XREF
from ..collectors.people import (
    note_people_cards,
    note_people_dependency,
    people,
    people_unreadable,
    unknown_people,
)
from ..i18n import _
from ..model.links import is_absolute
from ..model.people import ROLES, Member, role_id
from ..parsing.front_matter import front_matter_line_in
from ..parsing.local_files import ROOT_MARK, source_file
from ..parsing.names import reading_name
from ..parsing.people import member_page
from ..render.heading_levels import RELATIVE, RelativeHeadingLevels
from ..warnings_ import Subtype, warn
from .base import ResearcherDirective

PAGE_HIGHLIGHT = "researcher_highlight"  # front matter key of a member's page


def _role_labels() -> dict[str, str]:
    """Group headings, looked up per call so each build gets its own language."""
    return {
        "pi": str(_("Principal investigators")),
        "postdoc": str(_("Postdocs")),
        "student": str(_("Students")),
        "staff": str(_("Staff")),
        "alumni": str(_("Alumni")),
    }


def split_ids(text: str) -> list[str]:
    """Member ids separated by commas or spaces, or a YAML list of them in front matter (which
    MyST hands over written as JSON: ``["ann", "bo"]``)."""
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list):
            text = " ".join(str(item) for item in items)
        elif text.rstrip().endswith("]"):  # written as a list in a reST docinfo: [ann, bo]
            text = text.strip().strip("[]")
    return [part for part in text.replace(",", " ").split() if part]


def page_setting(directive: ResearcherDirective, key: str) -> str | None:
    """``key`` of the page's front matter (MyST) or docinfo (reST). A reST docinfo becomes the
    page's metadata only once the page is read, so it is taken from the field list at the top of
    the document, which is parsed before any directive below it runs."""
    value = directive.env.metadata.get(directive.env.docname, {}).get(key)
    if value is not None:
        return str(value)
    for child in directive.state.document.children:
        if isinstance(child, nodes.field_list):
            for field in child.children:
                if isinstance(field, nodes.field) and field[0].astext().strip() == key:
                    return field[1].astext()
        if not isinstance(child, nodes.comment | nodes.field_list):
            break
    return None


def highlight_ids(directive: ResearcherDirective) -> tuple[str, ...] | None:
    """The members to highlight in this directive's author lists, or None for the default
    (``researcher_name``): the ``:highlight:`` option, else the page's ``researcher_highlight``."""
    text = directive.options.get("highlight")
    from_page = text is None
    if from_page:
        text = page_setting(directive, PAGE_HIGHLIGHT)
    if text is None:
        return None
    registry = people(directive.env)
    note_people_dependency(directive.env)
    ids = split_ids(str(text))
    if not from_page:  # the page's own setting is checked once per page (check_page_highlight)
        for person_id in unknown_people(directive.env, ids):
            directive.warn(f"{directive.name}: unknown person {person_id!r} to highlight (not in researcher_people)",
                           Subtype.person, directive.option_line("highlight"))
    return tuple(member.id for person_id in ids if (member := registry.get(person_id)) is not None)


def check_page_highlight(app: Sphinx, doctree: nodes.document) -> None:
    """The page's ``researcher_highlight``: one warning per unknown id, at its front-matter line,
    however many lists on the page use it."""
    env = app.env
    text = env.metadata.get(env.docname, {}).get(PAGE_HIGHLIGHT)
    if text is None:
        return
    note_people_dependency(env)
    unknown = unknown_people(env, split_ids(str(text)))
    if not unknown:
        return
    line = front_matter_line_in(env.doc2path(env.docname), PAGE_HIGHLIGHT)
    for person_id in unknown:
        warn(f"{PAGE_HIGHLIGHT}: unknown person {person_id!r} to highlight (not in researcher_people)",
             Subtype.person, (env.docname, line))


class PeopleDirective(ResearcherDirective):
    has_content = False
    option_spec = {
        "roles": directives.unchanged,
        "columns": directives.unchanged,
        "heading-level": directives.nonnegative_int,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        note_people_dependency(self.env)
        note_people_cards(self.env)
        registry = people(self.env)
        roles = self.wanted_roles()
        try:
            columns = row_columns_option(self.options.get("columns", "1 2 3 4"))
        except ValueError as error:
            self.warn(f"people :columns: {error}", Subtype.option, self.option_line("columns"))
            columns = row_columns_option("1 2 3 4")
        level = min(max(self.options.get("heading-level", 2), 1), 6)
        root = nodes.container(classes=["sr-people", *self.options.get("class", [])])
        self.set_source_info(root)
        labels = _role_labels()
        for role in roles:
            members = [m for m in registry.members if m.role == role]
            if not members:
                continue
            group = nodes.container(classes=["sr-people-group", f"sr-people-{role}"])
            heading = nodes.rubric(labels[role], labels[role], classes=["sr-people-role"])
            heading["heading-level"] = level
            heading[RELATIVE] = "heading-level" not in self.options  # one below its section
            group += heading
            grid = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
            row = create_component("grid-row", ["sd-row", *columns, *gutter_option("3")])
            grid += row
            for member in members:
                item = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
                item += self.card(member)
                row += item
            group += grid
            root += group
        if not root.children:
            if people_unreadable(self.env):
                return []  # the unreadable file was reported where it fails
            self.warn("people: researcher_people has no members with these roles; nothing to show", Subtype.person)
            return []
        return [root]

    def wanted_roles(self) -> list[str]:
        text = self.options.get("roles", "")
        if not text.strip():
            return [role for role, _spellings in ROLES]
        wanted = []
        for word in text.split(","):
            role = role_id(word)
            if not role:
                self.warn(f"people :roles: unknown role {word.strip()!r} (pi, postdoc, student, staff, alumni)",
                          Subtype.option, self.option_line("roles"))
            elif role not in wanted:
                wanted.append(role)
        return wanted

    def card(self, member: Member) -> nodes.container:
        card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-w-100",
                                         "sr-person", f"sr-person-{member.role}"])
        self.set_source_info(card)
        if member.photo:
            card += nodes.image(uri=member.photo, alt=reading_name(member.name),
                                classes=["sd-card-img-top", "sr-person-photo"])
        body = create_component("card-body", ["sd-card-body"])
        name = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "sr-person-name"])
        name += self.name_link(member)
        body += name
        if member.title:
            body += nodes.paragraph(member.title, member.title, classes=["sd-card-text", "sr-person-title"])
        links = self.links(member)
        if links:
            body += nodes.paragraph("", "", *links, classes=["sd-card-text", "sr-person-links"])
        card += body
        return card

    def name_link(self, member: Member) -> nodes.Node:
        shown = reading_name(member.name)  # LaTeX, "Last, First": as a reader reads them
        text = nodes.inline(shown, shown)
        if member.page and member.page in self.env.found_docs:
            xref = addnodes.pending_xref("", text, refdomain="std", reftype="doc", reftarget="/" + member.page,
                                         refexplicit=True, refwarn=True, refdoc=self.env.docname)
            self.set_source_info(xref)
            return xref
        if member.url:
            return nodes.reference("", "", text, refuri=member.url)
        return text

    def links(self, member: Member) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        entries = [(str(_("Website")), member.url, "website")] if member.url and member.page else []
        if member.email:
            entries.append((str(_("Email")), f"mailto:{member.email}", "email"))
        entries += [(link.label, link.url, link.service) for link in member.links]
        for index, (label, url, service) in enumerate(entries):
            if index:
                result.append(nodes.Text(" · "))
            classes = ["sr-person-link", f"sr-link-{service}"]
            page, fragment = self.site_page(url)
            if page:
                # a page of the site, named from the source root: linked from wherever the cards are
                xref = addnodes.pending_xref("", nodes.inline(label, label), refdomain=DOMAIN, reftype=PAGE_XREF,
                                             reftarget=page, refexplicit=True, refdoc=self.env.docname,
                                             sr_fragment=fragment, sr_classes=classes)
                self.set_source_info(xref)
                result.append(xref)
            elif url.startswith(ROOT_MARK) and source_file(self.env.srcdir, url[len(ROOT_MARK):]):
                # a local file of the registry (source-root relative): copied like {profile}'s
                result.append(addnodes.download_reference(label, label, reftarget=url, refdoc=self.env.docname,
                                                          refexplicit=True, classes=classes))
            else:
                result.append(nodes.reference(label, label, refuri=url, classes=classes))
        return result


    def site_page(self, url: str) -> tuple[str, str]:
        """The document a registry link names (``blog``, ``/lab/news.html#2024``, ``talks/``), read
        from the source root as the registry's paths are, and the fragment it ends with; ("", "")
        for anything else (a URL, a file, an anchor of the page itself, a query)."""
        path, _hash, fragment = url.partition("#")
        if not path.strip() or is_absolute(url) or "?" in url:
            return "", ""
        page = member_page(path)  # the same forms as a member's own ``page``
        for name in (page or "index", f"{page}/index"):
            if name in self.env.found_docs:
                return name, fragment
        return "", ""


def setup_people_directive(app: Sphinx) -> None:
    app.add_directive("people", PeopleDirective)
    app.add_post_transform(RelativeHeadingLevels)
    # After Sphinx's metadata collector (priority 500) has read the front matter.
    app.connect("doctree-read", check_page_highlight, priority=800)
