"""The lab's people (``researcher_people``), read once per build like the bibliography.

Read in the main process on ``env-before-read-docs``, before the bibliography (whose models
carry each author's member id), and kept in the environment with a fingerprint of the
registry's content: an edited registry is read again, and so are the pages that use it.

The registry also depends on files it only names: a photo that appears (or goes) changes it
although no file of it did, so the pages with cards are read again then. Which member pages
exist decides where authors link: when documents are added or removed, the pages linking to
a member whose page came or went are written again (cards, linked when read, are read again).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import conf_location
from ..model.links import is_absolute
from ..model.people import People
from ..parsing.people import LoadedPeople, PeopleIndex, load_people
from ..warnings_ import Subtype, warn
from .bibliography import DOMAIN
from .domain import shown_in, written_with

CARDS = "people_cards"  # domain data: docnames whose {people} cards show the registry
TOUCHED = "people_pages_touched"  # domain data: ids of members whose page came or went in this build

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


def unknown_people(env: BuildEnvironment, ids: Iterable[str]) -> list[str]:
    """The ids among ``ids`` that name no member; none when the registry file could not be read
    (that is one warning, at the file, not one at every id it would have had)."""
    if people_unreadable(env):
        return []
    registry = people(env)
    return [person_id for person_id in ids if registry.get(person_id) is None]


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
    for issue in loaded.issues:  # on every build, as a clean build says them, while they are there
        warn(issue.message, issue.subtype, issue.location)
    data = env.domaindata.setdefault(DOMAIN, {})
    cached = data.get("people")
    if isinstance(cached, LoadedPeople) and cached.people == loaded.people and cached.files == loaded.files:
        return
    data["people"] = loaded
    if isinstance(cached, LoadedPeople):
        # Changed without an edit of its files (a photo appeared): the cards must show it.
        docnames.extend(sorted(set(data.get(CARDS, ())) & env.found_docs - set(docnames)))


def note_people_cards(env: BuildEnvironment) -> None:
    """The current document shows {people} cards (photos, names linked to member pages)."""
    env.domaindata[DOMAIN].setdefault(CARDS, set()).add(env.docname)


def purge_cards(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.domaindata[DOMAIN].get(CARDS, set()).discard(docname)


def merge_cards(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    theirs = other.domaindata[DOMAIN].get(CARDS, set())
    env.domaindata[DOMAIN].setdefault(CARDS, set()).update(theirs & set(docnames))


def member_pages_changed(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                         removed: Set[str]) -> Iterable[str]:
    """Documents to read again because a member's page came or went: those with cards."""
    data = env.domaindata[DOMAIN]
    data.pop(TOUCHED, None)
    if not (added or removed):  # the common rebuild: nothing to look at
        return ()
    came_or_went = added | removed
    members = people(env).members
    touched = {m.id for m in members if m.page and m.page in came_or_went}
    if not touched:
        # A registry link may name a page of the site that came or went: cards link it when read.
        local_links = any(not is_absolute(link.url) for m in members for link in m.links)
        return sorted(data.get(CARDS, ())) if local_links else ()
    data[TOUCHED] = touched
    return sorted(data.get(CARDS, ()))


def docs_linking_touched_members(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents to write again: their author lists link a member whose page came or went; or,
    when this builder last wrote with another registry or other member pages (another builder
    sharing the environment read the change), those with cards or linked authors."""
    data = env.domaindata[DOMAIN]
    touched: set[str] = data.pop(TOUCHED, set())
    members = people(env).members
    pages = tuple(sorted(m.page for m in members if m.page and m.page in env.found_docs))
    if written_with(app, env, "people", (people(env).fingerprint, pages)) and members:
        touched = {m.id for m in members}
        cards = set(data.get(CARDS, ()))
    else:
        cards = set()
    if not touched:
        return sorted(cards)
    shown: dict[str, Any] = data.get("shown", {})
    linking = {doc for doc in shown
               if any(a.person in touched for _key, _anchor, pub in shown_in(env, doc) for a in pub.authors)}
    return sorted(cards | linking)


def check_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """A member's ``page`` must be a document of the site."""
    for member in people(env).members:
        if member.page and member.page not in env.found_docs:
            warn(f"researcher_people {member.id!r}: page {member.page!r} is not a document of this site",
                 Subtype.person, member.source)




def setup_people(app: Sphinx) -> None:
    app.connect("env-before-read-docs", load_registry, priority=400)
    app.connect("env-check-consistency", check_pages)
    app.connect("env-purge-doc", purge_cards)
    app.connect("env-merge-info", merge_cards)
    app.connect("env-get-outdated", member_pages_changed)
    app.connect("env-get-updated", docs_linking_touched_members)
