"""``{publication}``: one paper from options (and, when the key is in a .bib, from BibTeX)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .. import nodes as sr
from ..collectors.bibliography import lookup_publication, note_bibliography_dependency
from ..collectors.doctree_models import mark_place
from ..collectors.domain import note_shown
from ..collectors.people import people_index
from ..i18n import _
from ..model.publication import Publication
from ..parsing import options as opt
from ..parsing.bibtex_export import publication_to_bibtex
from ..parsing.inline_markup import has_markup, markup_to_text
from ..parsing.local_files import find_local, is_local, local_problem, register_download
from ..parsing.marks import mark_set
from ..parsing.names import NameMatcher
from ..render.publication_html import author_marks
from ..warnings_ import Subtype
from .base import ResearcherDirective, parse_key_values
from .news import register_unique_id
from .people import highlight_ids

# Options whose value is checked: (name, parser returning None when bad, what it should be).
_CHECKED_OPTIONS: tuple[tuple[str, Callable[[str], object], str], ...] = (
    ("year", opt.parse_year, "a year"),
    ("month", opt.parse_month, "a month"),
    ("arxiv", opt.parse_arxiv, "an arXiv id"),
    ("doi", opt.parse_doi, "a DOI"),
)
_URL_OPTIONS = {"url", "code", "project", "html", "website", "slides", "poster", "video"}


def name_matcher(config: Any) -> NameMatcher:
    return NameMatcher([config.researcher_name, *config.researcher_name_variants])


class PublicationDirective(ResearcherDirective):
    optional_arguments = 1
    has_content = True
    option_spec = {
        "title": directives.unchanged,
        "authors": directives.unchanged,
        "venue": directives.unchanged,
        "abbr": directives.unchanged,
        "type": directives.unchanged,
        "year": directives.unchanged,
        "month": directives.unchanged,
        "url": directives.unchanged,
        "doi": directives.unchanged,
        "arxiv": directives.unchanged,
        "pdf": directives.unchanged,
        "code": directives.unchanged,
        "github": directives.unchanged,
        "project": directives.unchanged,
        "html": directives.unchanged,
        "website": directives.unchanged,
        "slides": directives.unchanged,
        "poster": directives.unchanged,
        "video": directives.unchanged,
        "links": directives.unchanged,
        "image": directives.unchanged,
        "image-alt": directives.unchanged,
        "tldr": directives.unchanged,
        "award": directives.unchanged,
        "note": directives.unchanged,
        "keywords": directives.unchanged,
        "selected": directives.flag,
        "highlight": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        self.highlight = highlight_ids(self)
        key = self.arguments[0].strip() if self.arguments else ""
        base = self.base_publication(key)
        overrides = self.overrides(key or base.key)
        pub = with_option_markup(base.merged(overrides), base, overrides)
        if pub.authors is not base.authors or not key:
            # Authors of the .bib already carry their members, found from the names as written
            # there ("Castro Neto, A. H."); only names of the directive's own are looked up here.
            pub = people_index(self.env).with_people(pub)
        if not pub.title:
            self.warn(f"publication {pub.key!r} has no title", Subtype.missing_field)
        if not pub.bibtex:
            pub = pub.merged({"bibtex": publication_to_bibtex(pub)})
        node = make_publication_node(self, pub)
        node["classes"].extend(self.options.get("class", []))
        note_shown(self.env, pub, node["ids"][0])
        self.add_media(node, pub)
        if self.content:
            abstract = sr.pub_abstract()
            abstract.extend(self.parse_content_to_nodes())
            node += abstract
        return [node]  # the legend comes after the run of papers this one belongs to (LegendAfterRuns)

    def base_publication(self, key: str) -> Publication:
        """The entry from the .bib files when the key is there (see the bibtex module)."""
        found = lookup_publication(self.env, key) if key else None
        if key:
            note_bibliography_dependency(self.env)  # the entry may appear, change or go away
        if found is not None:
            return found
        if key and "title" not in self.options:
            self.warn(f"publication: unknown key {key!r} (not in researcher_bibtex_files, and no :title:)",
                      Subtype.key)
        if not key:
            title = self.options.get("title", "untitled")
            key = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "publication"
        return Publication(key=key, source=f"{self.env.docname}:{self.lineno}")

    def overrides(self, key: str) -> dict[str, object]:
        o = self.options
        values: dict[str, object] = {"key": key}
        for name in ("title", "venue", "tldr", "award", "note", "image-alt"):
            if name in o:
                values[name.replace("-", "_")] = o[name].strip().strip('"')
        if "abbr" in o:
            values["venue_short"] = o["abbr"].strip()
        if "type" in o:
            values["entry_type"] = o["type"].strip().lower()
        if "authors" in o:
            values["authors"] = opt.parse_authors(o["authors"], name_matcher(self.config),
                                                  mark_set(self.config.researcher_author_marks))
        for name, parse, what in _CHECKED_OPTIONS:
            if name in o:
                value = parse(o[name])
                if value is None:
                    message = f"publication: :{name}: {o[name]!r} is not {what}"
                    self.warn(message, Subtype.option, self.option_line(name))
                values[name] = value
        for name in sorted(_URL_OPTIONS & set(o)):
            field = "project" if name in {"html", "website"} else name
            values[field] = self.safe_url(o[name], f"publication :{name}:", self.option_line(name))
        if "github" in o:
            repo = opt.parse_github(o["github"]) or ""
            if repo:
                values["github"] = repo
                values.setdefault("code", f"https://github.com/{repo}")
            else:
                line = self.option_line("github")
                self.warn(f"publication: :github: {o['github']!r} is not owner/repo", Subtype.option, line)
        if "pdf" in o:
            values["pdf"] = self.resolve_pdf(o["pdf"].strip())
        if "links" in o:
            try:
                pairs = parse_key_values(o["links"])
            except ValueError as error:
                self.warn(f"publication :links: {error}", Subtype.option, self.option_line("links"))
                pairs = []
            line = self.option_line("links")
            values["extra_links"] = opt.parse_extra_links(pairs, lambda url, what: self.safe_url(url, what, line))
        if "keywords" in o:
            values["keywords"] = opt.parse_keywords(o["keywords"])
        if "image" in o:
            values["image"] = o["image"].strip()
        if "selected" in o:
            values["selected"] = True
        return values

    def resolve_pdf(self, path: str) -> str:
        if not is_local(path):
            return self.safe_url(path, "publication :pdf:", self.option_line("pdf"))
        dirs = (self.config.researcher_pdf_dir,)
        rel = find_local(self.env, self.env.docname, path, dirs)
        if rel is None:
            message = local_problem(self.env, self.env.docname, path, "publication: local PDF", dirs)
            self.warn(message, Subtype.file, self.option_line("pdf"))
            return ""
        return register_download(self.env, self.env.docname, rel)

    def add_media(self, node: sr.publication, pub: Publication) -> None:
        add_publication_image(self, node, pub)


_RICH_FIELDS = ("venue", "note", "award")


def with_option_markup(pub: Publication, base: Publication, overrides: dict[str, object]) -> Publication:
    """Inline Markdown written in :venue:, :note: or :award: is shown as such (as in BibTeX);
    an option replaces the entry's own Markdown for that field."""
    rich = {name: text for name, text in base.markup if name not in overrides}
    plain: dict[str, object] = {}
    for name in _RICH_FIELDS:
        value = overrides.get(name)
        if isinstance(value, str) and has_markup(value):
            rich[name] = value
            plain[name] = markup_to_text(value)
    if not plain and tuple(rich.items()) == pub.markup:
        return pub
    return replace(pub, markup=tuple(rich.items()), **plain)  # type: ignore[arg-type]


def add_publication_image(directive: ResearcherDirective, node: sr.publication, pub: Publication) -> None:
    """A teaser image becomes a standard image node inside the publication, so Sphinx copies it."""
    if not pub.image:
        return
    image = pub.image
    if is_local(image):
        dirs = (directive.config.researcher_preview_dir,)
        rel = find_local(directive.env, directive.env.docname, image, dirs)
        if rel is None:
            line = directive.option_line("image")
            what = f"publication {pub.key!r}: image"
            message = local_problem(directive.env, directive.env.docname, image, what, dirs)
            directive.warn(message, Subtype.file, line)
            return
        image = "/" + rel
    elif not directive.safe_url(image, f"publication {pub.key!r} image", directive.option_line("image")):
        return
    elif "image" in directive.options:  # a BibTeX preview is reported at its .bib line
        directive.warn_remote_image(image, f"publication {pub.key!r} image", directive.option_line("image"))
    alt = pub.image_alt or (str(_("Figure of “%s”")) % pub.title if pub.title else pub.key)
    media = sr.pub_media()
    media += nodes.image(uri=image, alt=alt, classes=["sr-pub-image"])
    node += media


def make_publication_node(directive: ResearcherDirective, pub: Publication) -> sr.publication:
    node = sr.publication(pub=pub, classes=["sr-publication"] + (["sr-selected"] if pub.selected else []))
    directive.set_source_info(node)
    register_unique_id(directive.state.document, node, publication_anchor(pub.key))
    mark_place(node, directive.env.docname, node["ids"][0])
    highlight = getattr(directive, "highlight", None)
    if highlight is not None:
        node["highlight"] = highlight
    return node


def publication_anchor(key: str) -> str:
    """The id of a publication on a page: ``pub-`` and the key made safe for ids and URLs."""
    return "pub-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-").lower() or "entry")


def make_legend(pubs: list[Publication]) -> sr.pub_legend:
    return sr.pub_legend(marks=tuple(dict.fromkeys(m for p in pubs for m in marks_of(p))))


def marks_of(pub: Publication) -> tuple[str, ...]:
    return tuple(m for a in pub.authors for m in author_marks(a))


# Nodes that may stand between two papers without ending their run (labels, comments).
_TRANSPARENT = (nodes.target, nodes.comment, sr.pub_legend)


class LegendAfterRuns(SphinxTransform):
    """One legend after each run of ``{publication}``s written one after another, naming
    every mark the run uses: never between two cards, never once per card."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        parents: dict[int, nodes.Element] = {}
        for node in self.document.findall(sr.publication):
            parent = node.parent
            if parent is not None and not isinstance(parent, (sr.publication_list, sr.pub_group)):
                parents.setdefault(id(parent), parent)
        for parent in parents.values():
            self.legend_runs(parent)

    @staticmethod
    def legend_runs(parent: nodes.Element) -> None:
        runs: list[list[sr.publication]] = []
        current: list[sr.publication] = []
        for child in parent.children:
            if isinstance(child, sr.publication):
                current.append(child)
            elif not isinstance(child, _TRANSPARENT) and current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            legend = make_legend([p["pub"] for p in run])
            if legend["marks"]:
                parent.insert(parent.index(run[-1]) + 1, legend)


def setup_publication(app: Sphinx) -> None:
    app.add_directive("publication", PublicationDirective)
    app.add_transform(LegendAfterRuns)
