"""People: authors of a paper and the researcher whose homepage it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from .pickling import fast_pickling


@fast_pickling
@dataclass(frozen=True, slots=True)
class Author:
    """One author as displayed, with the marks a paper puts on the name."""

    name: str
    equal: bool = False  # "*": equal contribution
    corresponding: bool = False  # "†": corresponding author
    is_me: bool = False  # the researcher whose homepage this is
    marks: tuple[str, ...] = ()  # every mark on the name ("*", "†", "#" …), in legend order
    person: str = ""  # id of the matching member of researcher_people, "" if none


@dataclass(frozen=True)
class ProfileLink:
    service: str  # "github", "scholar", ... or a free label
    label: str
    url: str
    icon: str


@dataclass(frozen=True)
class Profile:
    """What ``{profile}`` and the theme's sidebar show."""

    name: str = ""
    photo: str = ""
    role: str = ""
    affiliation: str = ""
    email: str = ""
    location: str = ""
    links: tuple[ProfileLink, ...] = field(default_factory=tuple)
