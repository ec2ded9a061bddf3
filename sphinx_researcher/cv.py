"""The printed CV: ``researcher_cv = "cv"`` makes that page a compact LaTeX document.

On ``config-inited`` it adds a ``latex_documents`` entry (Sphinx's ``howto`` class) unless
conf.py sets its own, and ``latex_elements`` for a CV (header from the profile, no title
page, contents, index or section numbers) under any the user sets: their keys win.

Every LaTeX build (CV or not) gets the timeline as a date column and loses what only makes
sense on the web (the "All news" link); the CV also drops the ``{profile}`` card, which its
header replaces. CJK text with xelatex gets xeCJK and fonts in the preamble.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import make_filename_from_project

from . import nodes as sr
from .collectors.bibliography import DOMAIN
from .compat import builder_format
from .config import conf_location_of
from .directives.profile import profile_from_config
from .warnings_ import Subtype, warn

HEADER_MARK = "% sphinx-researcher CV header"
PAPER_SIZES = {"a4": "a4paper", "letter": "letterpaper", "a5": "a5paper", "legal": "legalpaper"}


def _uses_default_documents(config: Config) -> bool:
    """True when conf.py left ``latex_documents`` at Sphinx's default (one manual of the root)."""
    docs = config.latex_documents
    default_name = make_filename_from_project(config.project) + ".tex"
    return len(docs) == 1 and docs[0][0] == config.root_doc and docs[0][1] == default_name


def cv_latex_elements(config: Config) -> dict[str, str]:
    from .render.cv_latex import CJK_PREAMBLE, cv_preamble, header_latex  # imported on use: only a CV needs it

    profile = profile_from_config(config, lambda message, subtype: None)
    if not profile.name:
        profile = replace(profile, name=config.project)
    engine = config.latex_engine
    paper = str(config.researcher_cv_paper).lower().removesuffix("paper")
    preamble = cv_preamble(profile.name or config.project, engine)
    if engine == "xelatex" and config.language.split("_")[0] in {"zh", "ja", "ko"}:
        preamble += "\n" + CJK_PREAMBLE
    return {
        "papersize": PAPER_SIZES.get(paper, "a4paper"),
        "pointsize": "10pt",
        "sphinxsetup": "hmargin={1.8cm,1.8cm}, vmargin={1.5cm,1.8cm}",
        "fncychap": "",
        "maketitle": HEADER_MARK + "\n" + header_latex(profile, config.html_baseurl or "", engine),
        "tableofcontents": "",
        "makeindex": "",
        "printindex": "",
        "releasename": "",
        "preamble": preamble,
    }


def configure_cv(app: Sphinx, config: Config) -> None:
    """The CV's ``latex_documents`` entry and ``latex_elements``, under the user's own."""
    docname = cv_docname(config)
    if not docname:
        return
    if str(config.researcher_cv_paper).lower().removesuffix("paper") not in PAPER_SIZES:
        warn(
            f"researcher_cv_paper {config.researcher_cv_paper!r} is not one of {sorted(PAPER_SIZES)}; using 'a4'",
            Subtype.config,
            conf_location_of(app, "researcher_cv_paper"),
        )
    if _uses_default_documents(config):
        from .render.cv_latex import tex  # imported on use: only a CV needs it

        name = config.researcher_name or config.project
        target = make_filename_from_project(name or "cv") + "-cv.tex"
        config.latex_documents = [(docname, target, tex(name), tex(config.author or name), "howto")]
    config.latex_elements = {**cv_latex_elements(config), **config.latex_elements}


def cv_docname(config: Config) -> str:
    return str(config.researcher_cv or "").strip().removesuffix(".md").removesuffix(".rst")


def is_cv_document(config: Config, docname: str) -> bool:
    """The LaTeX document starting at ``docname`` is the CV, with our header."""
    return bool(docname) and docname == cv_docname(config) and HEADER_MARK in config.latex_elements.get("maketitle", "")


class LatexCV(SphinxPostTransform):
    """LaTeX only, before our nodes become standard nodes: timelines as a date column, no
    web-only links, no profile card under the CV's own header."""

    default_priority = 99  # before ReplaceWithStandardNodes (100)
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        from .render.cv_latex import timeline_label, timeline_nodes, widest_labels  # imported on use: LaTeX only

        for archive in list(self.document.findall(nodes.paragraph)):
            if "sr-news-archive" in archive["classes"]:
                archive.parent.remove(archive)
        widest = widest_labels([timeline_label(e) for e in self.document.findall(sr.timeline_entry)])
        for line in list(self.document.findall(sr.timeline)):
            line.replace_self(timeline_nodes(line, widest, self.config.latex_engine))
        docname = self.document.get("docname", self.env.docname)
        if is_cv_document(self.config, docname):
            for card in list(self.document.findall(sr.profile)):
                card.parent.remove(card)


def latex_pub_reference(builder: Builder, fromdocname: str, key: str, inner: nodes.Element) -> nodes.Element:
    r"""``{pub}`` in LaTeX: a link to the paper's numbered entry in this LaTeX document, with its
    number (``Sparse Experts [2]``); the plain title when the document does not list the paper."""
    from sphinx.util.nodes import make_refnode

    from .render.cv_latex import pub_ref_number  # imported on use: only LaTeX builds need it

    shown: dict[str, list[tuple[str, str, Any]]] = builder.env.domaindata[DOMAIN]["shown"]
    docnames = set(getattr(builder, "docnames", ()) or ()) | {fromdocname}
    for docname in [fromdocname, *sorted(docnames - {fromdocname})]:
        for shown_key, anchor, _pub in shown.get(docname, ()):
            if shown_key.lower() == key.lower():
                try:
                    ref = make_refnode(builder, fromdocname, docname, anchor, inner, inner.astext())
                except NoUri:
                    return inner
                number = nodes.raw("", pub_ref_number(docname, anchor), format="latex")
                return nodes.inline("", "", ref, number)
    return inner


def add_cjk_preamble(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """xelatex: a document with CJK text gets xeCJK and fonts. pdflatex cannot set it: for a
    document meant to be compiled (one of ``latex_documents``), that is a warning. pdflatex
    sets invisible formatting characters (a zero-width space in a name) as nothing."""
    builder = app.builder
    if builder_format(app.env) != "latex":
        return
    from .render.cv_latex import CJK_PREAMBLE, has_cjk, invisible_characters_preamble  # imported on use: LaTeX only

    text = doctree.astext()
    context: dict[str, Any] = getattr(builder, "context", {})
    invisible = invisible_characters_preamble(text) if app.config.latex_engine == "pdflatex" else ""
    if invisible:
        lines = [line for line in invisible.splitlines() if line not in context.get("preamble", "")]
        context["preamble"] = context.get("preamble", "") + "\n" + "\n".join(lines) + "\n"
    if not has_cjk(text):
        return
    compiled = {str(entry[0]) for entry in app.config.latex_documents if entry}
    if app.config.latex_engine == "xelatex":
        if "xeCJK" not in context.get("preamble", ""):
            context["preamble"] = context.get("preamble", "") + "\n" + CJK_PREAMBLE + "\n"
    elif app.config.latex_engine in {"pdflatex", "lualatex"} and (is_cv_document(app.config, docname)
                                                                  or docname in compiled):
        if "CJK" in context.get("preamble", ""):
            return  # the user set up CJK (CJKutf8, luatexja) themselves
        warn(
            f"{docname}: the LaTeX output holds Chinese, Japanese or Korean text, which "
            f"{app.config.latex_engine} cannot set: use latex_engine = 'xelatex' (see the README, 'CJK')",
            Subtype.latex,
            conf_location_of(app, "latex_engine"),
        )


def check_cv_page(app: Sphinx, env: Any) -> None:
    """``researcher_cv`` names a page that does not exist: a warning at its line in conf.py."""
    docname = cv_docname(app.config)
    if docname and docname not in env.found_docs:
        warn(
            f"researcher_cv {docname!r} is not a page of this site (write {docname}.md or name the CV page)",
            Subtype.config,
            conf_location_of(app, "researcher_cv"),
        )


def setup_cv(app: Sphinx) -> None:
    app.connect("config-inited", configure_cv, priority=600)  # after validate_config
    app.add_post_transform(LatexCV)
    app.connect("doctree-resolved", add_cjk_preamble)
    app.connect("env-check-consistency", check_cv_page)
