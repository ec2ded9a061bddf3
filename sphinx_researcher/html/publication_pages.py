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
import os
import posixpath
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import CONFIG_OK

from .. import __version__
from .. import nodes as sr
from ..collectors.bibliography import DOMAIN
from ..collectors.domain import PAGE_BUILDERS, Target, first_showing, showing_order
from ..collectors.metrics import metrics_of
from ..collectors.people import people
from ..i18n import _
from ..model.publication import Publication
from ..parsing.local_files import inside_folder, is_local, source_file
from ..parsing.marks import mark_set
from ..render.escape import esc, href, open_tag, tag
from ..render.publication_html import (
    HtmlContext,
    author_marks,
    legend_html,
    publication_close_html,
    publication_open_html,
)
from .jsonld import script_tag
from .people_links import person_hrefs

STATE_FILE = "sr-publication-pages.json"  # in the doctree folder: which pages were written, from what
_PAGE_CONFIG = ("researcher_name", "researcher_name_variants", "researcher_profile", "language",
                "researcher_date_format", "researcher_publication_dir", "html_theme", "html_theme_options")
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
    et_al = str(_("et al."))
    tags += [("citation_author", a.name) for a in pub.authors if a.name != et_al]
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
    # open_tag's output, written directly: the names are constants, the values escaped (2000 pages)
    lines = [f'<meta name="{name}" content="{esc(value)}">' for name, value in tags]
    if description:
        lines.append(f'<meta name="description" content="{esc(description)}">')
    return "\n".join(lines) + "\n"


def description_text(pub: Publication) -> str:
    authors = ", ".join(a.name for a in pub.authors[:6]) + (" et al." if len(pub.authors) > 6 else "")
    venue = ", ".join(v for v in (pub.venue, str(pub.year or "")) if v)
    return ". ".join(v for v in (authors, venue) if v)


def scholarly_article(pub: Publication, page_url: str, base_url: str) -> dict[str, Any]:
    et_al = str(_("et al."))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": pub.title or pub.key,
        "headline": (pub.title or pub.key)[:110],
        "author": [{"@type": "Person", "name": a.name} for a in pub.authors if a.name != et_al],
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


@dataclass(frozen=True)
class PageExtras:
    """What a per-paper page shows besides its model: where the paper is listed, its preview
    image, and the files written beside the page (PDF copy, citation downloads)."""

    places: tuple[tuple[str, str], ...] = ()  # (docname, anchor) of every page showing it
    image: str = ""  # output-relative URL of a local preview image
    image_alt: str = ""
    downloads: tuple[tuple[str, str], ...] = ()  # (label, file name beside the page)


def page_body(app: Sphinx, pub: Publication, target: Target, extras: PageExtras | None = None,
              kit: PageKit | None = None) -> str:
    kit = kit or PageKit(app)
    builder = app.builder
    extras = extras or PageExtras(((target.docname, target.anchor),))
    uri = kit.uri(target.page)
    folder = posixpath.dirname(uri)
    ctx = HtmlContext(root=kit.root(folder), title_href=external_url(pub), marks=kit.marks,
                      metrics=kit.metrics, language=kit.language)
    hrefs = person_hrefs(app.env, builder, target.page) if any(a.person for a in pub.authors) else {}
    ctx.person_href = lambda person: hrefs.get(person, "")
    article = publication_open_html(pub, ctx, _ARTICLE_TAG)
    if extras.image:
        image = open_tag("img", src=ctx.url("/" + extras.image), alt=extras.image_alt, class_="sr-pub-image")
        article += tag("figure", image, class_="sr-pub-media")
    article += publication_close_html(pub, has_abstract_child=False, ctx=ctx)
    article += legend_html(tuple(m for a in pub.authors for m in author_marks(a)), kit.marks)
    body = tag("h1", esc(pub.title or pub.key)) + article
    if extras.downloads:
        files = " · ".join(_download_link(label, name) for label, name in extras.downloads)
        body += f'<p class="sr-pub-cite">{kit.label(_("Download the citation:"))} {files}</p>'
    links = ", ".join(kit.place_link(target.page, folder, docname, anchor) for docname, anchor in extras.places)
    body += f'<p class="sr-pub-listed">{kit.label(_("Listed on"))} {links}</p>'
    return f'<section class="sr-pub-page">{body}</section>'


_ARTICLE_TAG = open_tag("article", class_="sr-publication sr-pub-page-entry")
_ID = re.compile(r"[A-Za-z0-9_-]+")  # an anchor made by docutils' make_id
_PLAIN_NAME = re.compile(r"[a-z0-9_-]+\.[a-z]+")  # a page slug and a suffix: a safe relative URL as it is


def _download_link(label: str, name: str) -> str:
    suffix = name.rsplit(".", 1)[1]
    if _PLAIN_NAME.fullmatch(name):  # what tag() writes, without its URL check (2000 pages × 3)
        return f'<a href="{name}" download="download" class="sr-cite-{suffix}">{esc(label)}</a>'
    return tag("a", esc(label), href=name, download=True, class_=f"sr-cite-{suffix}")


class PageKit:
    """What every per-paper page of one build shares, computed once: the site root and the
    relative links from the pages' folder, the marks, metrics and translated labels."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.marks = mark_set(app.config.researcher_author_marks)
        self.metrics = metrics_of(app.env)
        self.language = app.config.language
        self._uris: dict[str, str] = {}
        self._roots: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._places: dict[tuple[str, str], tuple[str, str, str]] = {}

    def uri(self, page: str) -> str:
        found = self._uris.get(page)
        if found is None:
            found = self._uris[page] = self.app.builder.get_target_uri(page)
        return found

    def root(self, folder: str) -> str:
        found = self._roots.get(folder)
        if found is None:
            root = posixpath.relpath(".", folder or ".")
            found = self._roots[folder] = "" if root == "." else root + "/"
        return found

    def label(self, text: object) -> str:
        """A translated label, escaped once."""
        found = self._labels.get(str(text))
        if found is None:
            found = self._labels[str(text)] = esc(text)
        return found

    def place_link(self, page: str, folder: str, docname: str, anchor: str) -> str:
        """The link to where the paper is listed; the same from every page of one folder (dirhtml
        gives each page a folder of its own, so there it is made for each)."""
        key = (folder, docname)
        found = self._places.get(key)
        if found is None:
            title = self.app.env.titles.get(docname)
            uri = self.app.builder.get_relative_uri(page, docname)
            # The page's part of the link, checked and escaped once: an id only adds plain characters.
            found = self._places[key] = (uri, href(f"{uri}#x")[:-1], esc(title.astext() if title else docname))
        uri, checked, text = found
        if checked.endswith("#") and _ID.fullmatch(anchor):
            return f'<a href="{checked}{anchor}">{text}</a>'
        return tag("a", text, href=f"{uri}#{anchor}")


def places_by_key(app: Sphinx) -> dict[str, tuple[tuple[str, str], ...]]:
    """lower-cased key → every (docname, anchor) showing it, the canonical place first."""
    shown = app.env.domaindata[DOMAIN]["shown"]
    result: dict[str, dict[str, str]] = {}
    for docname in showing_order(app.env):
        for key, anchor, _pub in shown[docname]:
            result.setdefault(key.lower(), {}).setdefault(docname, anchor)
    return {key: tuple(places.items()) for key, places in result.items()}


def beside(app: Sphinx, page: str, suffix: str) -> str:
    """Output-relative path of a file next to the page: ``pub/x.pdf`` (html) or
    ``pub/x/x.pdf`` (dirhtml), in the page's own folder as Google Scholar asks for PDFs."""
    uri = app.builder.get_target_uri(page)
    folder = uri.rstrip("/") if uri.endswith("/") else posixpath.dirname(uri)
    return posixpath.join(folder, f"{page.rsplit('/', 1)[-1]}.{suffix}")


def local_pdf_source(app: Sphinx, pub: Publication, downloads: dict[str, str]) -> Path | None:
    """The source file of a local PDF (a registered download or a root-relative source path),
    only when it lies inside the source folder."""
    if not pub.pdf.startswith("/") or pub.pdf.startswith("//"):
        return None
    rel = source_file(app.srcdir, downloads.get(pub.pdf) or pub.pdf.lstrip("/"))
    return Path(app.srcdir, rel) if rel is not None else None


def _write_downloads(paths: list[tuple[str, Any]], pub: Publication, on: bool, folders: set[str]) -> None:
    """The files beside one page (all in one folder)."""
    folder = os.path.dirname(paths[0][0]) if paths else ""
    if paths and on and folder not in folders:  # one mkdir a folder, not one a file
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    for path, writer in paths:
        text = writer(pub) if on else ""
        if text:
            write_file(path, text.encode("utf-8"))
        else:  # turned off since the last build: no download stays behind
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def write_file(path: str, data: bytes) -> None:
    """``Path.write_bytes`` without its file object: thousands of small files a build."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _copy_if_changed(source: Path, dest: Path) -> None:
    """A PDF is copied when it is new or changed (size or time), not read on every build."""
    with contextlib.suppress(OSError):
        stat, old = source.stat(), dest.stat() if dest.is_file() else None
        if old is not None and old.st_size == stat.st_size and old.st_mtime >= stat.st_mtime:
            return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.name not in PAGE_BUILDERS:
        return
    state_file = Path(app.doctreedir) / STATE_FILE
    state = _read_state(state_file)
    record_key = f"{app.builder.name}\0{Path(app.outdir).resolve()}"  # doctrees may be shared by builders
    recorded = state.get(record_key, {})
    site = site_fingerprint(app)
    rewrite_all = recorded.get("site") != site or app.env.config_status != CONFIG_OK
    previous: dict[str, str] = {} if rewrite_all else recorded.get("pages", {})
    written: dict[str, str] = {}
    # The downloads depend on the paper alone: a site change rewrites the pages, not them.
    old_downloads: dict[str, str] = recorded.get("downloads", {}) if isinstance(recorded.get("downloads"), dict) else {}
    downloads: dict[str, str] = {}
    if app.config.researcher_publication_pages:
        yield from _pages_to_write(app, previous, written, old_downloads, downloads)
    # Pages this builder wrote before and no longer writes (a paper gone, pages off, the folder
    # moved): only those, only inside the output, never a page of the user's own.
    for stale in set(recorded.get("pages", {})) - written.keys():
        if stale not in app.env.all_docs:
            _remove_output(app, stale)
    state[record_key] = {"site": site, "pages": written, "downloads": downloads}
    with contextlib.suppress(OSError):  # without the record every page is simply written again next time
        state_file.write_text(json.dumps(state), encoding="utf-8")


def _pages_to_write(
    app: Sphinx, previous: dict[str, str], written: dict[str, str],
    old_downloads: dict[str, str] | None = None, downloads_written: dict[str, str] | None = None,
) -> Iterator[tuple[str, dict[str, Any], str]]:
    # imported on use: only builds that write per-paper pages need them
    from ..render.citations import FORMATS, to_bibtex
    from .page_shell import PageShells, pick_checks

    env = app.env
    index: dict[str, Target] = env.domaindata[DOMAIN]["index"]
    models = first_showing(env)
    places = places_by_key(app)
    base_url = app.config.html_baseurl or ""
    outdir = Path(app.outdir)
    out = str(outdir)
    # "/_downloads/<hash>/x.pdf" → its source path, to copy the PDF beside the paper's page.
    downloads = {f"/_downloads/{dest}": str(rel) for rel, (_docs, dest) in env.dlfiles.items()}
    old_downloads = old_downloads or {}
    downloads_written = {} if downloads_written is None else downloads_written
    on = bool(app.config.researcher_citation_downloads)
    et_al = str(_("et al."))  # left out of RIS and CSL-JSON, in the page's language
    folders: set[str] = set()
    toctree = SharedToctree(app)
    asset_tags = SharedAssetTags()
    kit = PageKit(app)
    pages = [(lower, target, pub) for lower, target in index.items()
             if target.page and (pub := models.get(lower)) is not None]
    checks = pick_checks([(target.page, pub.title or pub.key) for _lower, target, pub in pages])
    shells = PageShells(app, toctree.pagename.rpartition("/")[0], checks)
    pages.sort(key=lambda item: item[1].page not in checks)  # the pages checked against the shell first
    for lower, target, pub in pages:
        pdf = local_pdf_source(app, pub, downloads)
        if pdf is not None:
            pdf_path = beside(app, target.page, "pdf")
            _copy_if_changed(pdf, outdir / pdf_path)
            pub = replace(pub, pdf="/" + pdf_path)
        extras = page_extras(app, pub, target, places.get(lower, ()))
        figures = None
        if kit.metrics is not None:  # the page shows them too
            from ..render.metrics_html import paper_figures  # imported on use: only with a metrics file

            figures = paper_figures(pub, kit.metrics)
        model = hashlib.sha1(repr(pub).encode())  # what the page and its downloads show of the paper
        files_hash = model.copy()
        model.update(repr((target, extras, figures)).encode())
        digest = model.hexdigest()
        written[target.page] = digest
        if previous.get(target.page) == digest and _output(app, target.page).is_file():
            if target.page in old_downloads:
                downloads_written[target.page] = old_downloads[target.page]
            continue  # nothing this page shows has changed since it was written
        uri = kit.uri(target.page)
        folder = os.path.join(out, uri.rstrip("/") if uri.endswith("/") else posixpath.dirname(uri))  # as ``beside``
        name = target.page.rsplit("/", 1)[-1]
        paths = [(os.path.join(folder, f"{name}.{suffix}"), writer) for suffix, _label, writer in FORMATS]
        files_hash.update(repr((__version__, on, et_al)).encode())
        files_digest = files_hash.hexdigest()
        downloads_written[target.page] = files_digest
        expected = [path for path, writer in paths if on and (writer is not to_bibtex or pub.bibtex)]
        if old_downloads.get(target.page) != files_digest or not all(os.path.isfile(path) for path in expected):
            _write_downloads(paths, pub, on, folders)  # new or changed: no old file is read to know
        page_url = absolute(base_url, "/" + uri) if base_url else ""
        metatags = meta_tags(pub, base_url) + script_tag(scholarly_article(pub, page_url, base_url))
        context = {
            "title": esc(pub.title or pub.key),
            "body": page_body(app, pub, target, extras, kit),
            "metatags": metatags,
            "display_toc": False,
            "sr_publication_page": True,
            "toctree": toctree,
            "sr_asset_tags": asset_tags,
        }
        if not shells.write(target.page, context):
            yield target.page, context, "page.html"
    shells.finish()


def _remove_output(app: Sphinx, pagename: str) -> None:
    from ..render.citations import FORMATS  # imported on use: only when per-paper pages were written

    outdir = Path(app.outdir)
    path = _output(app, pagename)
    if not inside_folder(outdir, path):
        return
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
        for suffix in ("pdf", *(s for s, _l, _w in FORMATS)):  # the files written beside it
            extra = outdir / beside(app, pagename, suffix)
            if inside_folder(outdir, extra):
                extra.unlink(missing_ok=True)
        folder = path.parent  # dirhtml's pub/<key>/, then pub/ itself once empty
        while folder != outdir and inside_folder(outdir, folder) and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def page_extras(app: Sphinx, pub: Publication, target: Target, places: tuple[tuple[str, str], ...]) -> PageExtras:
    from ..render.citations import FORMATS  # imported on use: only builds that write per-paper pages need it

    image = ""
    if pub.image and is_local(pub.image):
        rel = pub.image[1:] if pub.image.startswith("/") else app.env.relfn2path(pub.image, target.docname)[0]
        found = app.env.images.get(rel) if source_file(app.srcdir, rel) is not None else None
        if found:
            image = f"{app.builder.imagedir}/{found[1]}"
            app.builder.images[rel] = found[1]  # copied even if the page showing it was not rewritten
    alt = (pub.image_alt or (str(_("Figure of “%s”")) % pub.title if pub.title else pub.key)) if image else ""
    name = target.page.rsplit("/", 1)[-1]  # the files lie beside the page (``beside``)
    files = tuple((label, f"{name}.{suffix}") for suffix, label, _writer in FORMATS if suffix != "bib" or pub.bibtex
                  ) if app.config.researcher_citation_downloads else ()
    return PageExtras(places or ((target.docname, target.anchor),), image, alt, files)


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


class SharedAssetTags:
    """The ``css_tag()``/``js_tag()`` of the per-paper pages, each tag written once for all.

    Sphinx's own resolves every asset's path and checksums the file on every page (about 1 ms
    a page); the static files are copied before any page is written and the per-paper pages sit
    at one depth (``pub/x.html``, dirhtml's ``pub/x/``), so the tag of an asset is the same on each.
    """

    def __init__(self) -> None:
        self.cache: dict[tuple[str, int, Any], str] = {}

    def install(self, context: dict[str, Any], uri: str) -> None:
        for name in ("css_tag", "js_tag"):
            original = context.get(name)
            if callable(original):
                context[name] = self._tagger(name, original, uri)

    def _tagger(self, name: str, original: Any, uri: str) -> Any:
        top, depth = uri.split("/", 1)[0], uri.count("/")

        def tag(asset: Any) -> str:
            if os.fspath(getattr(asset, "filename", asset) or "").split("/", 1)[0] == top:
                return str(original(asset))  # an asset in the pages' own folder: its path depends on the page
            try:
                key = (name, depth, asset)  # a relative path up from the page, then down to the asset
                found = self.cache.get(key)
            except TypeError:  # an asset that cannot be a key
                return str(original(asset))
            if found is None:
                found = self.cache[key] = str(original(asset))
            return found

        return tag


def share_asset_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    tags = context.get("sr_asset_tags")
    if isinstance(tags, SharedAssetTags):
        tags.install(context, app.builder.get_target_uri(pagename))


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
        # The sidebar, labels and language come from "env" config values, which are not in
        # the html config hash: a changed profile, name or language rewrites every page.
        sorted((name, repr(env.config[name])) for name in _PAGE_CONFIG),
        people(env).fingerprint,  # where co-authors link
    )
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _output(app: Sphinx, pagename: str) -> Path:
    return Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]


def _read_state(path: Path) -> dict[str, dict[str, Any]]:
    """{builder and output folder: {"site": fingerprint, "pages": {page: digest}}}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items()
            if isinstance(value, dict) and isinstance(value.get("pages"), dict)}


def setup_publication_pages(app: Sphinx) -> None:
    app.connect("doctree-resolved", set_page_uris)
    app.connect("html-collect-pages", collect_pages)
    app.connect("html-page-context", share_asset_tags)
