"""al-folio's ``_data/coauthors.yml`` for the new site: the build reads it as it is (``researcher_people``),
so only its ``url`` values are changed, in place: an unsafe one is left out, a link to the old site's
own page becomes the imported page (``page:``), a null one stays no link."""

from __future__ import annotations

import re

import yaml

from ..model.links import is_safe_url
from .common import Import
from .jekyll import read_text

REL = "_data/coauthors.yml"
OUT = "files/data/coauthors.yml"


def _entries(node: yaml.Node) -> list[yaml.MappingNode]:
    """The person mappings of ``{lastname: [{firstname, url}, …]}`` (a single mapping too)."""
    found: list[yaml.MappingNode] = []
    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            people = value.value if isinstance(value, yaml.SequenceNode) else [value]
            found += [person for person in people if isinstance(person, yaml.MappingNode)]
    return found


def coauthors_text(imp: Import) -> str:
    """The file's text with its ``url`` values checked (each change reported at its line)."""
    report, site = imp.report, imp.web
    text = read_text(imp.source / REL)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text  # the build reports where it is not YAML
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text
    for person in _entries(root) if root is not None else []:
        for key, value in person.value:
            if not (isinstance(key, yaml.ScalarNode) and key.value == "url" and isinstance(value, yaml.ScalarNode)):
                continue
            url = value.value.strip()
            where = f"{REL}:{value.start_mark.line + 1}"
            if not url or value.tag == "tag:yaml.org,2002:null":
                continue
            if not re.fullmatch(r"[ \t]*:[ \t]*", text[key.end_mark.index:value.start_mark.index]):
                continue  # an alias, a tag, a comment between: not a value to edit in place (the build checks it)
            if not is_safe_url(url):
                report.left_out(where, f"co-author link with an unsafe URL {url!r}: left out (no link)")
                edits.append((value.start_mark.index, value.end_mark.index, '""'))
                continue
            docname = site.page_for(url)
            if docname is not None and docname in imp.spec.pages:
                report.changed(where, f"co-author link {url!r} to the old site's page now goes to the imported "
                                      f"page `{docname}.md` (page: {docname})")
                edits.append((key.start_mark.index, value.end_mark.index, f"page: {docname}"))
            elif url.startswith("/") and not url.startswith("//"):
                absolute = site.url.rstrip("/") + url if site.url else ""
                if absolute:
                    report.changed(where, f"co-author link {url!r} to a page the import did not make now points "
                                          f"to the old site ({absolute})")
                    edits.append((value.start_mark.index, value.end_mark.index, absolute))
                else:
                    report.left_out(where, f"co-author link {url!r}: no such page in the import; left out (no "
                                           "link)")
                    edits.append((value.start_mark.index, value.end_mark.index, '""'))
    for start, end, replacement in sorted(set(edits), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
