"""``researcher_people`` → the lab's members, and which member an author name is.

Accepted shapes (in conf.py, or in a YAML/TOML/JSON file that ``researcher_people`` names,
relative to conf.py):

* ``{id: {name, variants, role, title, page, url, photo, email, links}}`` (ours);
* a list of such mappings, each with an ``id`` (or the id made from the name);
* al-folio's ``_data/coauthors.yml``: ``{lastname: [{firstname: [...], url: ...}]}``.

Matching an author to a member goes through the same NameMatcher as the researcher's own
name (every spelling, every BibTeX name form), once per distinct name string.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..model.links import GENERIC_SERVICE, SERVICES, is_absolute, is_safe_url, service_url
from ..model.people import Member, People, role_id
from ..model.person import Author, ProfileLink
from ..model.publication import Publication
from ..model.xml_chars import has_control_chars, xml_safe
from ..warnings_ import Subtype
from .local_files import PHOTO_FORMATS, PHOTO_SUFFIXES, ROOT_MARK, file_part, inside_folder, is_local, source_file
from .names import NameMatcher, may_contain_family, name_parts, name_readings, normalised, without_von

FIELDS = ("name", "variants", "role", "title", "page", "url", "photo", "email", "links")
_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PersonIssue:
    """A problem in the registry, warned about at ``path:line``."""

    message: str
    subtype: Subtype
    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class LoadedPeople:
    people: People = field(default_factory=People)
    issues: list[PersonIssue] = field(default_factory=list)
    files: tuple[str, ...] = ()  # absolute paths read, for note_dependency
    failed: bool = False  # the file could not be read (one warning says so; {people} adds none)


def make_id(name: str) -> str:
    return _ID.sub("-", name_parts(name).whole).strip("-") or "person"


def load_people(value: Any, confdir: Path, srcdir: Path, conf_location: Callable[[], str]) -> LoadedPeople:
    """The registry from the config value (a mapping, a list or a file name)."""
    result = LoadedPeople()
    if not value:
        return result
    text = ""
    item_lines: list[int] = []
    field_lines: dict[str | int, dict[str, int]] = {}
    if isinstance(value, str):
        from .people_files import RegistryError, read_registry  # imported on use: only a registry file needs it

        name = value
        path = (confdir / value).resolve()
        result.files = (str(path),)
        try:
            text = path.read_text(encoding="utf-8")
            loaded = read_registry(path, text)
        except (OSError, UnicodeDecodeError) as error:
            result.failed = True
            result.issues.append(_issue(f"cannot read researcher_people file {value!r}: {error}", conf_location()))
            return result
        except RegistryError as error:  # at the line the YAML/TOML/JSON library names
            result.failed = True
            where = f"{path}:{error.line}" if error.line else conf_location()
            result.issues.append(_issue(f"cannot read researcher_people file {value!r}: {error}", where))
            return result
        if not isinstance(loaded.value, dict | list) or not loaded.value:  # an empty file, or a bare value
            result.failed = True
            result.issues.append(_issue(f"researcher_people file {value!r} holds no members (a mapping of ids, "
                                        "or a list)", f"{path}:1"))
            return result
        value = loaded.value
        item_lines, field_lines = loaded.item_lines, loaded.field_lines
        source = str(path)

        def locate(key: str) -> str:
            line = loaded.key_lines.get(key)
            if line is None:
                # where a key, a TOML [people.key] table or a JSON "id": "key" is written
                # ([ \t]*, not \s*: a blank line before it is not its line)
                found = re.escape(key)
                match = re.search(rf"^[ \t]*(?:-[ \t]*)?[\"']?{found}[\"']?[ \t]*[:=]|^[ \t]*\[people\.{found}\]"
                                  rf"|\"id\"\s*:\s*\"{found}\"", text, re.MULTILINE)
                line = text.count(chr(10), 0, match.start()) + 1 if match else 1
            return f"{source}:{line}"

        for duplicate in loaded.duplicates:
            what = "id" if duplicate.top_level else "key"
            first = f" (first at {name}:{duplicate.first_line})" if duplicate.first_line else ""
            where = f"{source}:{duplicate.line}" if duplicate.line else f"{source}:1"
            result.issues.append(_issue(f"researcher_people: duplicate {what} {duplicate.key!r}{first}; "
                                        "the second is ignored", where))
    else:
        name = source = ""

        def locate(key: str) -> str:
            return conf_location()

    if isinstance(value, dict) and set(value) == {"people"}:  # TOML: [people.alice] tables
        value = value["people"]
    members: list[Member] = []
    report = result.issues.append
    if isinstance(value, dict):
        for key, data in value.items():
            key = str(key)
            if isinstance(data, list):  # al-folio coauthors: lastname → people of that name
                members += _coauthors(key, data, locate(key), report)
            else:
                members += _member(key, data, locate(key), srcdir, report, field_lines.get(key))
    elif isinstance(value, list):
        for index, data in enumerate(value):
            person_id = str(data.get("id") or make_id(str(data.get("name", "")))) if isinstance(data, dict) else ""
            data = {k: v for k, v in data.items() if k != "id"} if isinstance(data, dict) else data
            where = f"{source}:{item_lines[index]}" if index < len(item_lines) else locate(person_id or "name")
            members += _member(person_id, data, where, srcdir, report, field_lines.get(index))
    else:
        report(_issue("researcher_people must be a mapping, a list or a file name", conf_location()))
    seen: dict[str, Member] = {}
    unique = []
    for member in members:
        if member.id.casefold() in seen:
            first = seen[member.id.casefold()].source
            if name and first.startswith(f"{source}:"):
                first = name + first[len(source):]
            report(_issue(f"researcher_people: duplicate id {member.id!r} (first at {first}); the second is ignored",
                          member.source))
            continue
        seen[member.id.casefold()] = member
        unique.append(member)
    named: dict[object, Member] = {}
    for member in unique:
        parts = name_parts(member.name)  # "Zhang, Yang" is "Yang Zhang"
        earlier = named.setdefault((parts.family, parts.given, parts.lineage) if parts.family else parts.whole, member)
        if earlier is not member:
            report(_issue(f"researcher_people: {member.id!r} has the name of {earlier.id!r} ({member.name!r}); "
                          f"papers of that name go to {earlier.id!r}: tell them apart with a middle name or "
                          "initial, or give each the spellings only they use as variants", member.source))
    # What the registry says: its file's text, or conf.py's value (the repr of a YAML file's
    # value could be of any size: aliases of aliases).
    said = repr((name, text)) if text else repr(value)
    digest = hashlib.sha1(said.encode("utf-8", "replace")).hexdigest()
    result.people = People(tuple(unique), digest)
    return result


def _issue(message: str, location: str) -> PersonIssue:
    path, _sep, line = location.rpartition(":")
    return PersonIssue(message, Subtype.person, path, int(line) if line.isdigit() else 1)


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _coauthors(lastname: str, data: list[Any], where: str, report: Callable[[PersonIssue], None]) -> list[Member]:
    members = []
    for index, person in enumerate(data):
        firstnames = _strings(person.get("firstname")) if isinstance(person, dict) else None
        if not firstnames:
            report(_issue(f"researcher_people: {lastname!r} entry {index + 1} needs a 'firstname' list", where))
            continue
        family = lastname if lastname != lastname.lower() else lastname.title()
        names = [f"{first} {family}" for first in firstnames]
        raw_url = person.get("url")
        url = raw_url.strip() if isinstance(raw_url, str) else ""  # "url:" alone is null: no link, not "None"
        if url and not is_safe_url(url):
            report(_issue(f"researcher_people {lastname!r}: unsafe URL {url!r} is not emitted", where))
            url = ""
        raw_page = person.get("page")  # ours, beside al-folio's url: a page of this site (the import writes it)
        page = member_page(raw_page) if isinstance(raw_page, str) and raw_page.strip() else ""
        longest = max(firstnames, key=len)
        person_id = make_id(f"{longest} {family}")
        members.append(Member(person_id, f"{longest} {family}", tuple(names), page=page, url=url, source=where,
                              without_von=True))
    return members


_EMAIL = re.compile(r"[^\s@<>\"'(),;:\\]+@[^\s@<>\"'(),;:\\]+\.[^\s@<>\"'(),;:\\.]+")


def _member(person_id: str, data: Any, where: str, srcdir: Path, report: Callable[[PersonIssue], None],
            lines: dict[str, int] | None = None) -> list[Member]:
    """One member from its entry at ``where``; ``lines`` gives each field's line when known."""

    def at(key: str) -> str:
        line = (lines or {}).get(key)
        return f"{where.rpartition(':')[0]}:{line}" if line else where

    def problem(message: str, key: str = "") -> None:
        report(_issue(f"researcher_people {person_id!r}: {message}", at(key)))

    if not isinstance(data, dict):
        problem("must be a mapping of name, variants, role, page, url, photo, links")
        return []
    unknown = sorted(set(map(str, data)) - set(FIELDS))
    if unknown:
        problem(f"unknown keys {unknown} (known: {', '.join(FIELDS)})", unknown[0])
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problem("has no 'name'; it is left out", "name")
        return []
    variants = _strings(data.get("variants", []))
    if variants is None:
        problem("'variants' must be a list of names", "variants")
        variants = []
    def clean(value: str, key: str) -> str:
        if has_control_chars(value):  # they would make the page's XHTML (epub) unreadable
            problem(f"control characters in {key!r} are left out", key)
            return xml_safe(value)
        return value

    name = clean(name, "name")
    variants = [clean(variant, "variants") for variant in variants]
    values: dict[str, str] = {}
    for key in ("role", "title", "page", "url", "photo", "email"):
        raw = data.get(key, "")
        if not isinstance(raw, str):
            problem(f"{key!r} must be a string", key)
            raw = ""
        values[key] = clean(raw, key).strip()
    address = re.fullmatch(r"[^<>]*<([^<>]+)>\s*", values["email"])  # "Tom <tom@uni.edu>"
    values["email"] = (address.group(1) if address else values["email"]).strip()
    if values["email"].lower().startswith("mailto:"):
        values["email"] = values["email"][len("mailto:"):]
    if values["email"] and not _EMAIL.fullmatch(values["email"]):
        problem(f"email {values['email']!r} is not an address (name@host); it is not shown", "email")
        values["email"] = ""
    role = role_id(values["role"])
    if role is None:
        problem(f"unknown role {values['role']!r} (pi, postdoc, student, staff, alumni); listed as staff", "role")
        role = "staff"
    if values["url"] and not is_safe_url(values["url"]):
        problem(f"unsafe URL {values['url']!r} is not emitted", "url")
        values["url"] = ""
    page = member_page(values["page"])
    photo = values["photo"]
    if photo:
        if is_absolute(photo):
            problem(f"photo {photo!r} must be a file in the source folder (no request to another host)", "photo")
            photo = ""
        elif PurePosixPath(file_part(photo)).suffix.lower() not in PHOTO_SUFFIXES:
            problem(f"photo {photo!r} is not an image every browser shows ({PHOTO_FORMATS}); it is left out",
                    "photo")
            photo = ""
        else:  # the rule of every local file: published only from inside the source folder
            rel = source_file(srcdir, file_part(photo).lstrip("/"))  # a cache-busting ?v=2 names no other file
            if rel is None:
                report(PersonIssue(f"researcher_people {person_id!r}: {_file_problem(srcdir, photo, 'photo')}",
                                   Subtype.file, *_split(at("photo"))))
            photo = ROOT_MARK + rel if rel else ""
    links = _links(data.get("links", {}), lambda message: problem(message, "links"), srcdir,
                   lambda message: report(PersonIssue(f"researcher_people {person_id!r}: {message}", Subtype.file,
                                                      *_split(at("links")))))
    return [Member(person_id, name.strip(), tuple(v.strip() for v in variants if v.strip()), role,
                   values["title"], page, values["url"], photo, values["email"], links, where)]


def _split(location: str) -> tuple[str, int]:
    path, _sep, line = location.rpartition(":")
    return path, int(line) if line.isdigit() else 1


def _file_problem(srcdir: Path, path: str, what: str) -> str:
    if not inside_folder(srcdir, path.lstrip("/")):
        return f"{what} {path!r} is outside the source folder; it is not published"
    return f"{what} {path!r} does not exist"


def member_page(value: str) -> str:
    """The document a member's ``page`` names, however it is written: ``people/ann``,
    ``/people/ann.md``, ``./people/ann.html``, ``people/`` (that folder's index)."""
    page = value.strip()
    while page.startswith("./"):
        page = page[2:]
    page = page.lstrip("/")
    if page.endswith("/"):
        return page + "index"
    return re.sub(r"\.(md|rst|txt|html?)$", "", page)


def _links(value: Any, problem: Callable[[str], None], srcdir: Path | None = None,
           file_problem: Callable[[str], None] | None = None) -> tuple[ProfileLink, ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problem("'links' must map service names to strings")
        return ()
    links = []
    for service, raw in value.items():
        key = str(service).strip().lower()
        spec = SERVICES.get(key, GENERIC_SERVICE)
        if has_control_chars(raw):
            problem(f"link {service!r}: control characters are left out")
            raw = xml_safe(raw)
        url = service_url(key, raw)
        if not is_safe_url(url):
            problem(f"link {service!r}: unsafe URL {raw!r} is not emitted")
            continue
        if srcdir is not None and is_local(url):
            # A local file, relative to the source root like ``photo``: root-marked, so {people}
            # has it copied as a download; a page of the site (no suffix, .html) stays as written.
            path = url.split("#", 1)[0].split("?", 1)[0]
            rel = source_file(srcdir, path.lstrip("/"))
            if rel is not None:
                url = ROOT_MARK + rel
            elif PurePosixPath(path).suffix.lower() not in {"", ".html", ".htm"}:
                if file_problem is not None:
                    file_problem(_file_problem(srcdir, path, f"link {service!r}: local file"))
                continue
        links.append(ProfileLink(key, spec.label or str(service).strip(), url, spec.icon))
    return tuple(links)


class PeopleIndex:
    """Which member an author name is: by family name first, so a lab of 20 costs one lookup."""

    def __init__(self, people: People) -> None:
        self._by_family: dict[str, list[tuple[str, NameMatcher]]] = {}
        self._by_whole: dict[str, str] = {}
        for member in people.members:
            matcher = NameMatcher(member.names)
            for name in member.names:
                for parts in name_readings(name):  # "Castro Neto" is a family of "Antonio H. Castro Neto"
                    self._by_whole.setdefault(parts.whole, member.id)
                    entries = self._by_family.setdefault(parts.family or parts.whole, [])
                    if all(existing != member.id for existing, _m in entries):
                        entries.append((member.id, matcher))
        self._families = tuple(self._by_family)
        self._cache: dict[str, str] = {}
        # al-folio keys a co-author by the last name without "von": "van der Berg, Pieter" is "berg".
        self._without_von = [(m.id, NameMatcher(m.names)) for m in people.members if m.without_von]
        self._without_von_families = tuple({name_parts(n).family for m in people.members if m.without_von
                                            for n in m.names} - {""})

    def __bool__(self) -> bool:
        return bool(self._by_whole)

    def person_for(self, name: str) -> str:
        found = self._cache.get(name)
        if found is None:
            whole = normalised(name)
            found = self._by_whole.get(whole, "")
            if not found:  # a family name of the registry must occur in it (no parse otherwise)
                # Of several members it could be, the closest (registry order breaks a tie).
                candidates = [(matcher.closeness(name), person_id) for family in self._families
                              if may_contain_family(name, whole, (family,))
                              for person_id, matcher in self._by_family[family]]
                best = max((score for score, _id in candidates), default=0)
                found = next((person_id for score, person_id in candidates if score == best and best), "")
            if not found and self._without_von and may_contain_family(name, whole, self._without_von_families):
                plain = without_von(name)
                found = next((person_id for person_id, matcher in self._without_von
                              if plain and matcher.matches(plain)), "")
            self._cache[name] = found
        return found

    def with_people(self, pub: Publication, written: Sequence[str] = ()) -> Publication:
        """``pub`` with each author that is a member carrying the member's id. ``written``: the
        authors' names as the .bib writes them, one per author ("Van Der Berg, P.", whose
        reading order "P. Van Der Berg" would parse with another family name); else their names."""
        if not self or not pub.authors:
            return pub
        names = written if len(written) == len(pub.authors) else [a.name for a in pub.authors]
        authors = tuple(self._author(a, name) for a, name in zip(pub.authors, names, strict=True))
        if all(a is b for a, b in zip(authors, pub.authors, strict=True)):
            return pub
        return replace(pub, authors=authors)

    def _author(self, author: Author, name: str) -> Author:
        person = self.person_for(name)
        return replace(author, person=person) if person != author.person else author

