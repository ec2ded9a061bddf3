"""The lab's people (``researcher_people``), read once per build like the bibliography.

Read in the main process on ``env-before-read-docs``, before the bibliography (whose models
carry each author's member id), and kept in the environment with a fingerprint of the
registry's content: an edited registry is read again, and so are the pages that use it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import conf_location
from ..model.people import People
from ..parsing.people import LoadedPeople, PeopleIndex, load_people
from ..warnings_ import Subtype, warn
from .bibliography import DOMAIN

_INDEXES: dict[str, PeopleIndex] = {}  # fingerprint → index; content-keyed, so never stale


def people(env: BuildEnvironment) -> People:
    loaded = env.domaindata.get(DOMAIN, {}).get("people")
    return loaded.people if isinstance(loaded, LoadedPeople) else People()


def people_files(env: BuildEnvironment) -> tuple[str, ...]:
    loaded = env.domaindata.get(DOMAIN, {}).get("people")
    return loaded.files if isinstance(loaded, LoadedPeople) else ()


def people_unreadable(env: BuildEnvironment) -> bool:
    """The registry file could not be read (already reported at the file)."""
    loaded = env.domaindata.get(DOMAIN, {}).get("people")
    return isinstance(loaded, LoadedPeople) and loaded.failed


def people_index(env: BuildEnvironment) -> PeopleIndex:
    registry = people(env)
    index = _INDEXES.get(registry.fingerprint)
    if index is None:
        index = _INDEXES[registry.fingerprint] = PeopleIndex(registry)
    return index


def note_people_dependency(env: BuildEnvironment) -> None:
    for path in people_files(env):
        env.note_dependency(path)


def load_registry(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    conf_py = Path(app.confdir) / "conf.py"

    def location() -> str:
        text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""
        return conf_location(conf_py, text, "researcher_people")

    loaded = load_people(env.config.researcher_people, Path(app.confdir), Path(app.srcdir), location)
    data = env.domaindata.setdefault(DOMAIN, {})
    cached = data.get("people")
    if isinstance(cached, LoadedPeople) and cached.people == loaded.people and cached.files == loaded.files:
        return  # unchanged: its warnings were given when it was read
    data["people"] = loaded
    for issue in loaded.issues:
        warn(issue.message, issue.subtype, issue.location)


def check_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """A member's ``page`` must be a document of the site."""
    for member in people(env).members:
        if member.page and member.page not in env.found_docs:
            warn(f"researcher_people {member.id!r}: page {member.page!r} is not a document of this site",
                 Subtype.person, member.source)




def setup_people(app: Sphinx) -> None:
    app.connect("env-before-read-docs", load_registry, priority=400)
    app.connect("env-check-consistency", check_pages)
