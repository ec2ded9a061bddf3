"""One page per publication shown anywhere on the site (html and dirhtml builders).

Each carries Google Scholar's ``citation_*`` meta tags and schema.org ``ScholarlyArticle``
JSON-LD; its body is the publication's HTML (``render.publication_html``). The page is
built from the model alone, no doctree, so 2000 papers cost little more than writing 2000
small files. Titles of publications elsewhere link here (``page_uri`` on ``doctree-resolved``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .. import __version__
from .. import nodes as sr
from ..collectors.bibliography import DOMAIN
from ..collectors.domain import PAGE_BUILDERS, Target, first_showing
from ..collectors.people import people
from ..i18n import _
from ..model.publication import Publication
from ..render.escape import esc, open_tag, tag
from ..render.publication_html import HtmlContext, publication_close_html, publication_open_html
from .jsonld import script_tag
from .people_links import person_hrefs

STATE_FILE = "sr-publication-pages.json"  # in the doctree folder: what each page was written from
_CONFERENCE_TYPES = frozenset({"inproceedings", "conference", "proceedings"})
_THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})


def pages_enabled(app: Sphinx) -> bool:
    return bool(app.config.researcher_publication_pages) and app.builder.name in PAGE_BUILDERS


def set_page_uris(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each publication's title at its per-paper page, relative to this document."""
    if not pages_enabled(app):
        return
    index: dict[str, Target] = app.env.domaindata[DOMAIN]["index"]
    for node in doctree.findall(sr.publication):
        target = index.get(node["pub"].key.lower())
        if target is not None and target.page:
            node["page_uri"] = app.builder.get_relative_uri(docname, target.page)


def external_url(pub: Publication) -> str:
    return pub.url or (f"https://doi.org/{pub.doi}" if pub.doi else "") or (
        f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else ""
    )


def absolute(base_url: str, url: str) -> str:
    """An absolute URL for a model URL (root-relative ones need ``html_baseurl``), or ""."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("/") and not url.startswith("//") and base_url:
        return base_url.rstrip("/") + url
    return ""


def meta_tags(pub: Publication, base_url: str) -> str:
    """Google Scholar's Highwire Press tags (https://scholar.google.com/intl/en/scholar/inclusion.html)."""
    tags: list[tuple[str, str]] = [("citation_title", pub.title or pub.key)]
    tags += [("citation_author", a.name) for a in pub.authors if a.name != str(_("et al."))]
    if pub.year:
        tags.append(("citation_publication_date", f"{pub.year:04d}" + (f"/{pub.month:02d}" if pub.month else "")))
    if pub.venue:
        if pub.entry_type == "article":
            tags.append(("citation_journal_title", pub.venue))
        elif pub.entry_type in _CONFERENCE_TYPES:
            tags.append(("citation_conference_title", pub.venue))
        elif pub.entry_type in _THESIS_TYPES:
            tags.append(("citation_dissertation_institution", pub.venue))
        elif pub.entry_type == "techreport":
            tags.append(("citation_technical_report_institution", pub.venue))
        elif pub.entry_type in ("incollection", "inbook"):
            tags.append(("citation_inbook_title", pub.venue))
    pdf = absolute(base_url, pub.pdf) if pub.pdf else ""
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    if pub.doi:
        tags.append(("citation_doi", pub.doi))
    if pub.arxiv:
        tags.append(("citation_arxiv_id", pub.arxiv))
    if pub.keywords:
        tags.append(("citation_keywords", "; ".join(pub.keywords)))
    description = description_text(pub)
    lines = [open_tag("meta", name=name, content=value) for name, value in tags]
    if description:
        lines.append(open_tag("meta", name="description", content=description))
    return "\n".join(lines) + "\n"


def description_text(pub: Publication) -> str:
    authors = ", ".join(a.name for a in pub.authors[:6]) + (" et al." if len(pub.authors) > 6 else "")
    venue = ", ".join(v for v in (pub.venue, str(pub.year or "")) if v)
    return ". ".join(v for v in (authors, venue) if v)


def scholarly_article(pub: Publication, page_url: str, base_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": pub.title or pub.key,
        "headline": (pub.title or pub.key)[:110],
        "author": [{"@type": "Person", "name": a.name} for a in pub.authors if a.name != str(_("et al."))],
    }
    if pub.year:
        data["datePublished"] = f"{pub.year:04d}" + (f"-{pub.month:02d}" if pub.month else "")
    if pub.venue:
        data["isPartOf"] = {"@type": "Periodical" if pub.entry_type == "article" else "CreativeWork", "name": pub.venue}
    if page_url:
        data["url"] = page_url
    same_as = [u for u in (f"https://doi.org/{pub.doi}" if pub.doi else "",
                           f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else "", pub.url) if u]
    if same_as:
        data["sameAs"] = same_as
    if pub.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": pub.doi}
    if pub.abstract:
        data["abstract"] = pub.abstract
    if pub.keywords:
        data["keywords"] = ", ".join(pub.keywords)
    pdf = absolute(base_url, pub.pdf) if pub.pdf else ""
    if pdf:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}
    return data


def page_body(app: Sphinx, pub: Publication, target: Target) -> str:
    builder = app.builder
    root = posixpath.relpath(".", posixpath.dirname(builder.get_target_uri(target.page)) or ".")
    ctx = HtmlContext(root="" if root == "." else root + "/", title_href=external_url(pub))
    hrefs = person_hrefs(app.env, builder, target.page) if any(a.person for a in pub.authors) else {}
    ctx.person_href = lambda person: hrefs.get(person, "")
    article = publication_open_html(pub, ctx, open_tag("article", class_="sr-publication sr-pub-page-entry"))
    article += publication_close_html(pub, has_abstract_child=False)
    shown_on = builder.get_relative_uri(target.page, target.docname) + f"#{target.anchor}"
    title = app.env.titles.get(target.docname)
    listed = tag("p", esc(_("Listed on")) + " " + tag("a", esc(title.astext() if title else target.docname),
                                                      href=shown_on), class_="sr-pub-listed")
    return tag("section", tag("h1", esc(pub.title or pub.key)) + article + listed, class_="sr-pub-page")


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not pages_enabled(app):
        return
    index: dict[str, Target] = app.env.domaindata[DOMAIN]["index"]
    models = first_showing(app.env)
    base_url = app.config.html_baseurl or ""
    state_file = Path(app.doctreedir) / STATE_FILE
    site = site_fingerprint(app)
    recorded = _read_state(state_file)
    previous = recorded if recorded.get("") == site else {}
    written: dict[str, str] = {"": site}
    toctree = SharedToctree(app)
    for lower, target in index.items():
        pub = models.get(lower)
        if pub is None or not target.page:
            continue
        digest = hashlib.sha1(repr((pub, target)).encode()).hexdigest()
        written[target.page] = digest
        if previous.get(target.page) == digest and _output(app, target.page).is_file():
            continue  # nothing this page shows has changed since it was written
        page_url = absolute(base_url, "/" + app.builder.get_target_uri(target.page)) if base_url else ""
        metatags = meta_tags(pub, base_url) + script_tag(scholarly_article(pub, page_url, base_url))
        context = {
            "title": esc(pub.title or pub.key),
            "body": page_body(app, pub, target),
            "metatags": metatags,
            "display_toc": False,
            "sr_publication_page": True,
            "toctree": toctree,
        }
        yield target.page, context, "page.html"
    for stale in recorded.keys() - written.keys():  # a paper no longer shown: its page goes too
        _output(app, stale).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # without the record every page is simply written again next time
        state_file.write_text(json.dumps(written), encoding="utf-8")


class SharedToctree:
    """The theme's ``toctree()`` for the per-paper pages, computed once for all of them.

    They sit in one folder and in no toctree, so their navigation is identical; resolving it
    walks the root document, which for a home page listing every paper is thousands of nodes.
    """

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.cache: dict[tuple[tuple[str, Any], ...], str] = {}
        folder = app.config.researcher_publication_dir.strip("/") or "pub"
        self.pagename = f"{folder}/_"

    def __call__(self, **kwargs: Any) -> str:
        key = tuple(sorted(kwargs.items()))
        if key not in self.cache:
            self.cache[key] = self.app.builder._get_local_toctree(self.pagename, **kwargs)  # type: ignore[attr-defined]
        return self.cache[key]


def site_fingerprint(app: Sphinx) -> str:
    """What every per-paper page depends on besides its publication: config, templates, navigation."""
    env, builder = app.env, app.builder
    build_info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    parts = (
        __version__,
        repr(getattr(build_info, "config_hash", "")),
        repr(getattr(build_info, "tags_hash", "")),
        templates.newest_template_mtime() if templates is not None else 0,
        sorted(env.all_docs),
        sorted((doc, list(children)) for doc, children in env.toctree_includes.items()),
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
        people(env).fingerprint,  # where co-authors link
    )
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _output(app: Sphinx, pagename: str) -> Path:
    return Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]


def _read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def setup_publication_pages(app: Sphinx) -> None:
    app.connect("doctree-resolved", set_page_uris)
    app.connect("html-collect-pages", collect_pages)
