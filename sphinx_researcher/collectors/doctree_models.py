"""Doctrees name their publications; the models live once, in the environment.

A ``publication`` node carries its model (``node["pub"]``) while its document is read, for the
transforms that need it. Before the doctree is pickled the model is taken off: the node keeps
the key, the document it was read for and its anchor, which find the very model the domain
recorded for that place (``shown``, with the document's own options and downloads). Every
builder puts the model back first thing when it resolves a doctree, before any other
post-transform or ``doctree-resolved`` handler reads it.

Without this each doctree pickle held a copy of every model it showed, and Sphinx unpickles
the root document twice while writing it (once more for the sidebar's global toctree), so a
2000-entry list page cost thousands of duplicate models on top of the ones in the domain.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..model.publication import Publication
from .bibliography import bibliography
from .domain import shown_in


def mark_place(node: sr.publication, docname: str, anchor: str) -> None:
    """Record where ``node`` was read, so its model can be found again after pickling."""
    node["key"] = node["pub"].key
    node["sr_doc"] = docname
    node["anchor"] = anchor


def detach_models(app: Sphinx, doctree: nodes.document) -> None:
    """Last thing after reading: the doctree pickle holds no model."""
    for node in doctree.findall(sr.publication):
        if "sr_doc" in node:
            node.attributes.pop("pub", None)


def model_of(
    env: BuildEnvironment, node: sr.publication, places: dict[str, dict[str, Any]] | None = None
) -> Publication:
    """The model of ``node``: its own while read, else the one recorded for its place."""
    pub = node.get("pub")
    if isinstance(pub, Publication):
        return pub
    docname, anchor, key = node.get("sr_doc", ""), node.get("anchor", ""), node.get("key", "")
    by_anchor = places.get(docname) if places is not None else None
    if by_anchor is None:
        by_anchor = {a: p for _k, a, p in shown_in(env, docname)}
        if places is not None:
            places[docname] = by_anchor
    found = by_anchor.get(anchor)
    if found is None:  # never expected: the domain records every node it was given
        found = bibliography(env).pubs.get(key.lower()) or Publication(key=key)
    node["pub"] = found
    return found


class AttachModels(SphinxPostTransform):
    """Every builder: the models back on the nodes before anything reads them."""

    default_priority = 1  # before every other post-transform (references are 10, ours 99 and up)

    def run(self, **kwargs: Any) -> None:
        places: dict[str, dict[str, Any]] = {}
        for node in self.document.findall(sr.publication):
            model_of(self.env, node, places)


def setup_doctree_models(app: Sphinx) -> None:
    app.connect("doctree-read", detach_models, priority=990)  # after every reader of the models
    app.add_post_transform(AttachModels)
