"""``sitemap.xml`` and ``robots.txt`` for search engines (html and dirhtml, with html_baseurl).

Written here rather than by sphinx-sitemap: the list is computed once at the end of the build
from the environment (every document plus every per-paper page), so it is the same with
``-j 2`` and on incremental builds, needs no multiprocessing queue, and lists the per-paper
pages. If the user loads sphinx-sitemap anyway, it writes the sitemap and we only add robots.txt.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx

from ..collectors.bibliography import DOMAIN
from ..collectors.domain import PAGE_BUILDERS
from ..warnings_ import Subtype, warn

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_urls(app: Sphinx) -> list[str]:
    base = app.config.html_baseurl.rstrip("/") + "/"
    builder = app.builder
    pages = sorted(app.env.all_docs)
    if app.config.researcher_publication_pages:
        pages += sorted(t.page for t in app.env.domaindata[DOMAIN]["index"].values() if t.page)
    urls = []
    for page in pages:
        uri = builder.get_target_uri(page)
        if builder.name == "dirhtml" and uri.endswith("index.html"):
            uri = uri.removesuffix("index.html")
        urls.append(base + uri)
    return list(dict.fromkeys(urls))


def sitemap_xml(urls: list[str]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in urls:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc").text = url
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def _user_robots(app: Sphinx) -> bool:
    """A robots.txt of the user's own (in html_extra_path) is never replaced."""
    for entry in app.config.html_extra_path:
        path = Path(app.confdir) / entry
        if path.name == "robots.txt" or (path / "robots.txt").is_file():
            return True
    return False


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in PAGE_BUILDERS:
        return
    if not app.config.researcher_sitemap or not app.config.html_baseurl:
        return
    outdir = Path(app.outdir)
    base = app.config.html_baseurl.rstrip("/") + "/"
    name = "sitemap.xml"
    try:
        if "sphinx_sitemap" in app.extensions:
            name = str(getattr(app.config, "sitemap_filename", "") or name)
        else:
            (outdir / name).write_bytes(sitemap_xml(sitemap_urls(app)))
        if not _user_robots(app):
            (outdir / "robots.txt").write_text(robots_txt(base + name), encoding="utf-8")
    except OSError as error:
        warn(f"cannot write {name} or robots.txt: {error.strerror or error}", Subtype.sitemap)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
