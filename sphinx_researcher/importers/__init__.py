"""Converters from Jekyll academic homepages (academicpages, AcadHomepage, al-folio) to a
sphinx-researcher site; ``sphinx-researcher import`` runs them. One module per template,
over the project's own models and parsers (dates, BibTeX via pybtex)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import academicpages, acadhomepage, alfolio
from .bibtex_out import check_entries, researcher_variants, unique_keys, write_bib
from .common import Import
from .jekyll import yaml_where
from .outfiles import destination, inside
from .report import Report
from .site import write_site

TEMPLATES = {"academicpages": academicpages, "acadhomepage": acadhomepage, "al-folio": alfolio}


def detect(source: Path) -> str | None:
    """The template ``source`` was made from, or None."""
    scores = {name: module.detect(source) for name, module in TEMPLATES.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] > 0 else None


def run_import(source: Path, out: Path, template: str, report: Report) -> Import:
    imp = Import(source, out, report)
    report.template, report.source = template, str(source)
    TEMPLATES[template].convert(imp)
    finish(imp)
    return imp


_PAGE_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>(?:\.\./)*[\w./-]+)\.md\)")


def _check_page_links(imp: Import) -> None:
    """A link to a page the import did not make (the old site had it) keeps its text only; it is
    reported where the source has it (``file:line``), else at the page it is on."""
    missing: dict[str, list[str]] = {}  # target docname → the output pages with such a link
    for docname, text in imp.spec.pages.items():
        folder = posixpath.dirname(docname)

        def check(match: re.Match[str], docname: str = docname, folder: str = folder) -> str:
            target = posixpath.normpath(posixpath.join(folder, match["target"]))
            if target in imp.spec.pages:
                return match.group()
            missing.setdefault(target, []).append(docname)
            return match["text"]

        imp.spec.pages[docname] = _PAGE_LINK.sub(check, text)
    for target, pages in missing.items():
        wheres = imp.web.page_refs.get(target) or [f"{page}.md" for page in pages]
        for where in dict.fromkeys(wheres):
            imp.report.changed(where, f"link to {target!r}: the old site's page was not imported; the link text "
                                      "is kept")


def _base_url(imp: Import) -> None:
    """The old site's address (``url`` + ``baseurl`` of _config.yml) is the new site's html_baseurl:
    sitemap, feeds, JSON-LD and canonical links need one (the site usually stays where it was)."""
    url, base = imp.web.url.strip(), imp.web.baseurl.strip().strip("/")
    if imp.spec.baseurl or not re.match(r"^https?://[^/?#\s]+/?$", url):
        return
    imp.spec.baseurl = url.rstrip("/") + "/" + (base + "/" if base else "")
    imp.report.changed(yaml_where(imp.source, "_config.yml", "url"),
                       f"the site's address {imp.spec.baseurl} is html_baseurl in conf.py (change it there if the "
                       "new site is served elsewhere)")


def finish(imp: Import) -> None:
    """papers.bib (keys unique, every problem the build would meet fixed and reported), conf.py,
    the pages and IMPORT-REPORT.md."""
    spec, report = imp.spec, imp.report
    files = dict(imp.extra_files)
    if imp.papers:
        papers = unique_keys(imp.papers, report)
        names = [spec.name, *spec.name_variants]

        def resolve(kind: str, value: str) -> str | None:
            folder = spec.extra_conf.get("researcher_pdf_dir" if kind == "pdf" else "researcher_preview_dir", "")
            for candidate in ([f"{folder}/{value}"] if folder else []) + [value.lstrip("/")]:
                candidate = posixpath.normpath(candidate)
                if not candidate.startswith("../") and (imp.out / candidate).is_file() \
                        and inside(imp.out, imp.out / candidate):
                    return "/" + candidate
            return None

        papers = check_entries(papers, names, resolve, report)
        spec.name_variants += researcher_variants(papers, names, report, "papers.bib")
        files["papers.bib"] = write_bib(papers, imp.bib_header)
        spec.bibtex_files = ["papers.bib", *spec.bibtex_files]  # and any other .bib a page lists
        report.done(f"{len(papers)} publication(s) in `papers.bib`")
    _check_page_links(imp)
    _base_url(imp)
    if "index" not in spec.pages:
        spec.pages["index"] = f"# {spec.name or 'Home'}\n\n```{{profile}}\n```\n"
    replaced = imp.web.replaced_links
    write_site(spec, imp.out, f"The homepage of {spec.name or 'its author'}, imported from {report.template} by "
                              "``sphinx-researcher import`` (see IMPORT-REPORT.md).", files, replaced)
    path = destination(imp.out, "IMPORT-REPORT.md", replaced)
    for link in dict.fromkeys(replaced):
        report.changed(str(imp.out / link), "was a symlink in the output folder: replaced by the imported file "
                                            "or folder (what it pointed to is left as it was)")
    path.write_text(report.markdown(), encoding="utf-8")
