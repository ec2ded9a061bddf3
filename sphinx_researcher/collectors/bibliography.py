"""The publications of ``researcher_bibtex_files``, parsed once per build.

(Filled in by the BibTeX work; until then no key is found in a .bib file.)
"""

from __future__ import annotations

from sphinx.environment import BuildEnvironment

from ..model.publication import Publication


def lookup_publication(env: BuildEnvironment, key: str) -> Publication | None:
    return None
