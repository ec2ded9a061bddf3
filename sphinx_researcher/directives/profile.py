"""``{profile}``: who the page belongs to; options override ``researcher_profile``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import nodes as sr
from ..model.links import GENERIC_SERVICE, SERVICES, is_safe_url, service_url
from ..model.person import Profile, ProfileLink
from ..parsing.local_files import (
    PHOTO_FORMATS,
    PHOTO_SUFFIXES,
    ROOT_MARK,
    file_part,
    find_local,
    is_local,
    local_problem,
    note_missing,
    register_download,
)
from ..warnings_ import Subtype
from .base import ResearcherDirective, parse_key_values

FIELDS = ("name", "photo", "role", "affiliation", "email", "location")


def build_links(pairs: list[tuple[str, str]], report: Any, from_config: bool = False) -> tuple[ProfileLink, ...]:
    """``github=janedoe`` → a GitHub link; an unsafe URL is reported and left out.

    A local path from conf.py is relative to the source root: it is marked so, for every page
    to link it right."""
    links = []
    for service, value in pairs:
        key = service.strip().lower()
        spec = SERVICES.get(key, GENERIC_SERVICE)
        url = service_url(key, value)
        if from_config and is_local(url):
            url = ROOT_MARK + url.lstrip("/")
        if not is_safe_url(url):
            report(f"profile link {service!r}: unsafe URL {value!r} is not emitted", Subtype.url)
            continue
        links.append(ProfileLink(key, spec.label or service.strip(), url, spec.icon))
    return tuple(links)


def profile_from_config(config: Any, report: Any) -> Profile:
    """The profile as conf.py gives it (``researcher_name`` + ``researcher_profile``)."""
    values = dict(config.researcher_profile)
    links = values.pop("links", {}) or {}
    fields = {name: str(values.get(name, "")) for name in FIELDS}
    fields["name"] = fields["name"] or config.researcher_name
    return Profile(**fields, links=build_links(list(links.items()), report, from_config=True))


class ProfileDirective(ResearcherDirective):
    has_content = True
    option_spec = {name: directives.unchanged for name in FIELDS} | {
        "links": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        # Unsafe links in conf.py were reported at conf.py on config-inited.
        base = profile_from_config(self.config, lambda message, subtype: None)
        fields = {name: getattr(base, name) for name in FIELDS}
        fields.update({name: self.options[name].strip() for name in FIELDS if name in self.options})
        links = self.local_links(base.links, from_config=True)
        if "links" in self.options:
            try:
                pairs = parse_key_values(self.options["links"])
                links = self.local_links(build_links(pairs, self.report_at("links")), from_config=False)
            except ValueError as error:
                self.warn(f"profile :links: {error}", Subtype.option, self.option_line("links"))
        profile = Profile(**fields, links=links)
        if not profile.name:
            self.warn("profile has no name: set researcher_name or :name:", Subtype.option)

        node = sr.profile(profile=profile, classes=["sr-profile", *self.options.get("class", [])])
        self.set_source_info(node)
        photo = self.photo_node(profile)
        if photo is not None:
            node += photo
        if self.content:
            bio = sr.profile_bio()
            bio.extend(self.parse_content_to_nodes())
            node += bio
        return [node]

    def report_at(self, option: str) -> Callable[[str, Subtype], None]:
        """A reporter that locates its warnings at the line of ``option``."""
        line = self.option_line(option)
        return lambda message, subtype: self.warn(message, subtype, line)

    def local_links(self, links: tuple[ProfileLink, ...], from_config: bool) -> tuple[ProfileLink, ...]:
        """A local file (``cv=cv.pdf``) is copied into the site; a missing one is reported.

        conf.py paths are relative to the source root, options to the document.
        """
        kept = []
        for link in links:
            if not is_local(link.url) or link.url.startswith(f"{ROOT_MARK}_downloads/"):
                kept.append(link)
                continue
            path = link.url.split("#", 1)[0].split("?", 1)[0]
            wanted = "/" + path.lstrip("/") if from_config else path
            rel = find_local(self.env, self.env.docname, wanted)
            if rel is not None:
                kept.append(replace(link, url=register_download(self.env, self.env.docname, rel)))
            elif PurePosixPath(path).suffix.lower() in {"", ".html", ".htm"}:
                kept.append(link)  # a page of the site, not a file
            else:
                line = None if from_config else self.option_line("links")
                what = f"profile link {link.service!r}: local file"
                self.warn(local_problem(self.env, self.env.docname, wanted, what), Subtype.file, line)
        return tuple(kept)

    def photo_node(self, profile: Profile) -> sr.profile_photo | None:
        if not profile.photo:
            return None
        uri = profile.photo
        if is_local(uri):
            # conf.py paths are relative to the source root; options to the document.
            from_config = "photo" not in self.options
            if PurePosixPath(file_part(uri)).suffix.lower() not in PHOTO_SUFFIXES:
                self.warn(f"profile photo {uri!r} is not an image every browser shows ({PHOTO_FORMATS}); "
                          "it is left out", Subtype.file, self.option_line("photo"))
                return None
            uri = file_part(uri)  # a cache-busting ?v=2 names no other file
            wanted = "/" + uri.lstrip("/") if from_config else uri
            rel = find_local(self.env, self.env.docname, wanted)
            if rel is None:
                note_missing(self.env, self.env.docname, wanted)
                if not (from_config and self.config.html_theme == "researcher"):  # else said at conf.py
                    message = local_problem(self.env, self.env.docname, wanted, "profile photo")
                    self.warn(message, Subtype.file, self.option_line("photo"))
                return None
            uri = "/" + rel
        elif "photo" not in self.options and not is_safe_url(uri):
            return None  # from conf.py: reported there on config-inited
        elif not self.safe_url(uri, "profile photo", self.option_line("photo")):
            return None
        elif "photo" in self.options or self.config.html_theme != "researcher":
            # (researcher_profile's photo in the researcher theme's sidebar is reported at conf.py)
            self.warn_remote_image(uri, "profile photo", self.option_line("photo"))
        wrapper = sr.profile_photo()
        wrapper += nodes.image(uri=uri, alt=profile.name, classes=["sr-photo"])
        return wrapper


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile", ProfileDirective)
