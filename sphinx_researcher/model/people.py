"""The people of a lab (``researcher_people``): members with their names, role and links."""

from __future__ import annotations

from dataclasses import dataclass, field

from .person import ProfileLink

# Card groups in the order {people} shows them: (role, accepted spellings).
ROLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("pi", frozenset({"pi", "pis", "principal investigator", "head", "faculty", "professor"})),
    ("postdoc", frozenset({"postdoc", "postdocs", "postdoctoral researcher", "research fellow"})),
    ("student", frozenset({"student", "students", "phd", "phd student", "msc", "master student",
                           "undergraduate"})),
    ("staff", frozenset({"staff", "engineer", "research engineer", "admin"})),
    ("alumni", frozenset({"alumni", "alumnus", "alumna", "former"})),
)


def role_id(text: str) -> str | None:
    """The role group a written role belongs to; "" for none (a co-author); None if unknown."""
    wanted = " ".join(text.casefold().replace("-", " ").replace(".", "").split())
    if not wanted:
        return ""
    return next((role for role, spellings in ROLES if wanted in spellings), None)


@dataclass(frozen=True)
class Member:
    """One person of the registry. A member without a role is a co-author: linked, not listed."""

    id: str
    name: str
    variants: tuple[str, ...] = ()
    role: str = ""  # one of ROLES' ids, or ""
    title: str = ""  # shown on the card, e.g. "PhD student, 2022–"
    page: str = ""  # docname of the member's page in this site
    url: str = ""  # the member's own site
    photo: str = ""  # a local image, root-relative ("/people/alice.jpg")
    email: str = ""
    links: tuple[ProfileLink, ...] = field(default_factory=tuple)
    source: str = ""  # "file:line", for messages
    without_von: bool = False  # an al-folio co-author: also matches "van der Berg" as "Berg"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass(frozen=True)
class People:
    members: tuple[Member, ...] = ()
    fingerprint: str = ""  # changes whenever the registry does

    def get(self, person_id: str) -> Member | None:
        wanted = person_id.strip().casefold()
        return next((m for m in self.members if m.id.casefold() == wanted), None)
