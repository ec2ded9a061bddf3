"""Where each member's name links on a page: their page on this site, else their own site.

Computed once per page written (a lab has tens of members, a page thousands of authors) on
``doctree-resolved`` for the html family, and stored on the document for the visitors.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

from ..collectors.people import people

HREFS = "sr_person_hrefs"  # document attribute: member id → href from this page


def person_hrefs(env: BuildEnvironment, builder: Builder, docname: str) -> dict[str, str]:
    hrefs: dict[str, str] = {}
    for member in people(env).members:
        href = ""
        if member.page and member.page in env.all_docs and member.page != docname:
            try:
                href = builder.get_relative_uri(docname, member.page)
            except NoUri:
                href = ""
        hrefs[member.id] = href or member.url
    return hrefs


def add_person_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "html" and people(app.env).members:
        doctree[HREFS] = person_hrefs(app.env, app.builder, docname)


def setup_people_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_person_links)
