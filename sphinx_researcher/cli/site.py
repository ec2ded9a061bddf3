"""A site as the commands see it: read quietly by Sphinx with the extension's own parsers.

No second parser of BibTeX or of directive options: a ``dummy`` build in a temporary folder
reads every page, and the publications (``.bib`` entries and ``{publication}`` options
alike) and the ``{metric}`` names come out of the environment it leaves.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from ..model.publication import Publication
from .errors import CommandError


@dataclass
class Site:
    confdir: Path
    config: Any  # sphinx.config.Config
    pubs: dict[str, Publication] = field(default_factory=dict)  # lower-cased key → model
    metric_names: set[str] = field(default_factory=set)


def find_confdir(site: str) -> Path:
    folder = Path(site)
    if not (folder / "conf.py").is_file():
        raise CommandError(f"no conf.py in {folder}: give the site's folder with --site")
    return folder.resolve()


def read_site(site: str) -> Site:
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from ..collectors.bibliography import all_publications
    from ..collectors.domain import DOMAIN, shown_in
    from ..collectors.metrics import metric

    confdir = find_confdir(site)
    # As sphinx-build does: docutils' global registries are restored afterwards.
    with tempfile.TemporaryDirectory(prefix="sphinx-researcher-") as tmp, patch_docutils(confdir), \
            docutils_namespace():
        try:
            app = Sphinx(
                str(confdir), str(confdir), str(Path(tmp) / "out"), str(Path(tmp) / "doctrees"), "dummy",
                status=StringIO(), warning=StringIO(), freshenv=True,
            )
            if "sphinx_researcher" not in app.extensions:
                raise CommandError(f"{confdir / 'conf.py'} does not load the sphinx_researcher extension")
            app.build()
        except SphinxError as error:
            raise CommandError(f"cannot read the site: {error}") from None
        except CommandError:
            raise
        except Exception as error:  # the build would show this one; here it stays one line
            raise CommandError(f"cannot read the site ({type(error).__name__}: {error}); "
                               "run sphinx-build to see where") from None
        env = app.env
        result = Site(confdir, app.config)
        for pub in all_publications(env):
            result.pubs[pub.key.lower()] = pub
        for docname in sorted(env.domaindata.get(DOMAIN, {}).get("shown", {})):
            for key, _anchor, pub in shown_in(env, docname):
                result.pubs[key.lower()] = pub  # options merged over the entry
        for docname in sorted(env.domaindata.get(DOMAIN, {}).get("metric_docs", set())):
            for node in env.get_doctree(docname).findall(metric):
                result.metric_names.add(node["name"])
    return result
