"""The ``researcher`` domain: which page shows which publication, and the ``{pub}`` role.

Per document it records the publications shown (key, anchor, model; the model is ``None`` when
it is the bibliography's own, so the environment pickles each model once) and the keys cited
with ``{pub}``; ``clear_doc``/``merge_domaindata`` keep that right for parallel and incremental
builds. On ``env-updated`` the site-wide index is rebuilt when a document was read or removed
or its inputs changed: for each key its canonical place (the per-paper page when those are
written, else the first page showing it). Documents citing a key whose place or title changed
are written again (``env-get-updated``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from ..model.pickling import fast_pickling
from ..model.publication import Publication
from ..warnings_ import Subtype, warn
from .bibliography import DOMAIN, bibliography, note_bibliography_dependency

PAGE_BUILDERS = frozenset({"html", "dirhtml"})  # builders that write the per-paper pages


@fast_pickling  # one per publication in the environment
@dataclass(frozen=True, slots=True)
class Target:
    """Where a publication lives on the site."""

    key: str
    docname: str  # first page that shows it
    anchor: str
    page: str  # per-paper page name ("pub/doe2024sparse"), "" when pages are off
    title: str  # the short title used as link text


def short_title(pub: Publication) -> str:
    """``shorttitle`` if given, else the part before a colon when it is short ("SparseX: …")."""
    for name, value in pub.extra:
        if name == "shorttitle" and value:
            return value
    head, sep, _rest = pub.title.partition(": ")
    if sep and 0 < len(head) <= 40:
        return head
    return pub.title or pub.key


def page_slug(key: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-") or "entry"


class ResearcherDomain(Domain):
    name = DOMAIN
    label = "Researcher"
    initial_data = {
        "bib": None,  # collectors.bibliography.Bibliography
        "shown": {},  # docname → [(key, anchor, Publication)] in source order
        "refs": {},  # docname → {lower-cased key}
        "index": {},  # lower-cased key → Target
        "changed": set(),  # keys whose Target changed in the last env-updated
        "index_inputs": None,  # what the index was built from, unless a document changed since
        "clashes": [],  # (key, docname): the user's page kept where a generated one would go
    }
    data_version = 1

    def clear_doc(self, docname: str) -> None:
        self.data["shown"].pop(docname, None)
        self.data["refs"].pop(docname, None)
        self.data["index_inputs"] = None  # every document read or removed passes here

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["refs"]:
                self.data["refs"][docname] = otherdata["refs"][docname]
            if docname in otherdata["shown"]:
                # The bibliography's own models come as None: this process's copies stand in.
                self.data["shown"][docname] = otherdata["shown"][docname]

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
        node: pending_xref, contnode: Element,
    ) -> Element | None:
        if typ == PAGE_XREF:
            return _page_reference(builder, fromdocname, target, node, contnode)
        found: Target | None = self.data["index"].get(target.lower())
        if found is None:
            if not node.get("sr_copy"):  # a copy of a news item: reported on the item's own page
                location = (node.get("refdoc", fromdocname), node.line)
                warn(f"{{pub}}: unknown publication key {target!r}", Subtype.key, location)
            return contnode  # the key as text, as Sphinx would; reported once, so not again by nitpicky
        text = node.get("sr_title") or found.title
        inner = nodes.inline(text, text, classes=["sr-pub-ref"])
        if builder.format == "latex":  # the numbered entry of this LaTeX document
            from ..cv import latex_pub_reference

            return latex_pub_reference(builder, fromdocname, found.key, inner)
        try:
            if found.page and builder.name in PAGE_BUILDERS:
                uri = builder.get_relative_uri(fromdocname, found.page)
                return nodes.reference("", "", inner, internal=True, refuri=uri, reftitle=found.title)
            if builder.name == "singlehtml":
                # One page: make_refnode would give "#document-cv#pub-x", which is no fragment.
                return nodes.reference("", "", inner, internal=True, refuri=f"#{found.anchor}", reftitle=found.title)
            return make_refnode(builder, fromdocname, found.docname, found.anchor, inner, found.title)
        except NoUri:
            return inner

    def resolve_any_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
        node: pending_xref, contnode: Element,
    ) -> list[tuple[str, Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for target in self.data["index"].values():
            yield target.key, target.title, "publication", target.docname, target.anchor, 1


PAGE_XREF = "page"  # a page of the site, optionally with a fragment: the registry's links


def _page_reference(builder: Builder, fromdocname: str, docname: str, node: pending_xref,
                    contnode: Element) -> Element:
    """A link to ``docname`` (``#sr_fragment`` in it) carrying the link's own classes."""
    fragment = str(node.get("sr_fragment") or "")
    try:
        if builder.name == "singlehtml":  # one page: "#document-x#y" would be no fragment
            reference = nodes.reference("", "", contnode, internal=True,
                                        refuri=f"#{fragment}" if fragment else f"#document-{docname}")
        else:
            reference = make_refnode(builder, fromdocname, docname, fragment or None, contnode)
    except NoUri:
        return contnode
    reference["classes"] += list(node.get("sr_classes") or [])
    return reference


def note_shown(env: BuildEnvironment, pub: Publication, anchor: str) -> None:
    """Record that the current document shows ``pub`` at ``#anchor``."""
    own = bibliography(env).pubs.get(pub.key.lower())
    kept = None if own is pub or own == pub else pub
    env.domaindata[DOMAIN]["shown"].setdefault(env.docname, []).append((pub.key, anchor, kept))


def shown_in(env: BuildEnvironment, docname: str) -> list[tuple[str, str, Publication]]:
    """(key, anchor, model) of every publication ``docname`` shows, in its order."""
    pubs = bibliography(env).pubs
    return [(key, anchor, pub if pub is not None else pubs.get(key.lower()) or Publication(key=key))
            for key, anchor, pub in env.domaindata[DOMAIN]["shown"].get(docname, ())]


class PubRole(SphinxRole):
    """``{pub}`key``` or ``{pub}`text <key>```: a link to where the publication is shown."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", self.text, re.DOTALL)
        title, key = (match.group(1), match.group(2).strip()) if match else ("", self.text.strip())
        node = pending_xref(
            self.rawtext, nodes.inline(key, title or key, classes=["sr-pub-ref"]),
            refdomain=DOMAIN, reftype="pub", reftarget=key, refdoc=self.env.docname, refexplicit=bool(title),
        )
        if title:
            node["sr_title"] = title
        self.set_source_info(node)
        self.env.domaindata[DOMAIN]["refs"].setdefault(self.env.docname, set()).add(key.lower())
        note_bibliography_dependency(self.env)
        return [node], []


def build_index(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: the canonical place of every publication shown anywhere."""
    data = env.domaindata[DOMAIN]
    pages_on = bool(env.config.researcher_publication_pages)
    folder = env.config.researcher_publication_dir.strip("/") or "pub"
    inputs = (bibliography(env).fingerprint, pages_on, folder)
    if data.get("index_inputs") == inputs:  # no document read or removed, nothing else changed
        data["changed"] = set()
        for key, docname in data.get("clashes", ()):  # still true, so said again
            _warn_clash(key, docname)
        return
    index: dict[str, Target] = {}
    used: set[str] = set()
    clashes: list[tuple[str, str]] = []
    for docname in showing_order(env):
        for key, anchor, pub in shown_in(env, docname):
            lower = key.lower()
            if lower in index:
                continue
            page = ""
            if pages_on:
                slug, n = page_slug(key), 1
                while f"{slug}{'' if n == 1 else f'-{n}'}" in used:
                    n += 1
                page = f"{folder}/{slug}{'' if n == 1 else f'-{n}'}"
                used.add(page.rsplit("/", 1)[1])
                page = _unless_user_page(env, key, page, clashes)
            index[lower] = Target(key, docname, anchor, page, short_title(pub))
    old: dict[str, Target] = data["index"]
    data["changed"] = {k for k in old.keys() | index.keys() if old.get(k) != index.get(k)}
    data["index"] = index
    data["index_inputs"] = inputs
    data["clashes"] = clashes


def _unless_user_page(env: BuildEnvironment, key: str, page: str, clashes: list[tuple[str, str]]) -> str:
    """``page``, or "" when one of the user's own documents would be written there (or at
    ``page/index``, which dirhtml writes to the same file): theirs is kept, none generated."""
    for docname in (page, f"{page}/index"):
        if docname in env.found_docs:
            _warn_clash(key, docname)
            clashes.append((key, docname))
            return ""
    return page


def _warn_clash(key: str, docname: str) -> None:
    warn(
        f"the generated page of publication {key!r} would replace your page {docname!r}; yours is kept "
        "and no page is generated for this paper (rename one, or set researcher_publication_dir)",
        Subtype.clash,
        (docname, 1),
    )


def showing_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order that picks a paper's canonical place: the home page first (where
    selected papers are usually shown in full), then by name, so the choice is stable."""
    root = env.config.root_doc
    return sorted(env.domaindata[DOMAIN]["shown"], key=lambda docname: (docname != root, docname))


def first_showing(env: BuildEnvironment) -> dict[str, Publication]:
    """lower-cased key → the model shown at the canonical place (for the per-paper pages)."""
    result: dict[str, Publication] = {}
    for docname in showing_order(env):
        for key, _anchor, pub in shown_in(env, docname):
            result.setdefault(key.lower(), pub)
    return result


def docs_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents whose links to a publication changed although their source did not; and,
    when this builder last wrote with another bibliography (builders sharing one environment:
    ``sphinx-build -M`` with one doctree folder), every document that shows or cites one."""
    data = env.domaindata[DOMAIN]
    changed = data["changed"]
    result: set[str] = set()
    if changed:
        result = {doc for doc, keys in data["refs"].items() if keys & changed}
        result |= {doc for doc, shown in data["shown"].items() if any(k.lower() in changed for k, _a, _p in shown)}
    if written_with(app, env, "bibliography", bibliography(env).fingerprint):
        result |= set(data["shown"]) | set(data["refs"])
    return sorted(result)


def written_with(app: Sphinx, env: BuildEnvironment, what: str, state: object) -> bool:
    """Whether this builder (and output folder) last wrote with another ``state`` of ``what``
    than the environment's now; records it. Another builder may have read the change."""
    record = env.domaindata[DOMAIN].setdefault("written_with", {})
    key = (what, app.builder.name, str(app.outdir))
    other = record.get(key) != state
    record[key] = state
    return other


def setup_domain(app: Sphinx) -> None:
    app.add_domain(ResearcherDomain)
    app.add_role("pub", PubRole())
    app.connect("env-updated", build_index)
    app.connect("env-get-updated", docs_to_rewrite)
