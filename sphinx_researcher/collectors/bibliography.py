"""The publications of ``researcher_bibtex_files``, parsed once per build.

Parsed in the main process on ``env-before-read-docs`` (so parallel readers, forked after it,
share the result) and kept in the environment keyed by the files' content and the config that
shapes the models: a no-change rebuild parses nothing, and an edited .bib is parsed again.
Pages that use the files declare them as dependencies, so editing a .bib re-reads them.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..compat import links_remote_images
from ..config import conf_location_of
from ..gc_pauses import collection_paused, freeze_long_lived, thaw_previous_build
from ..model.publication import Publication
from ..parsing.local_files import OutsideSource, inside_folder, register_download, source_file
from ..warnings_ import Subtype, warn

if TYPE_CHECKING:  # the parsing stack (pybtex, latexcodec, pylatexenc) is imported when a .bib is parsed
    from ..parsing.bibtex import BibIssue, RawEntry
    from ..parsing.people import PeopleIndex

DOMAIN = "researcher"


class Bibliography:
    """The parsed files: their fingerprint, their paths and the models.

    Pickled with the environment, the models go as one pickled blob that is read back only when
    a document is read or written: a no-change rebuild never builds thousands of objects it
    does not use.
    """

    def __init__(self, fingerprint: tuple[Any, ...] = (), files: tuple[str, ...] = (),
                 pubs: dict[str, Publication] | None = None, issues: tuple[BibIssue, ...] = (),
                 remote: tuple[BibIssue, ...] = ()) -> None:
        self.fingerprint = fingerprint
        self.files = files  # absolute paths, for note_dependency
        self._pubs = pubs if pubs is not None else {}
        self._blob: bytes | None = None
        # Its problems, said on every build as a clean build says them; ``remote``: previews
        # from another host, said only by builders that link remote images.
        self.issues, self.remote = issues, remote
        self.any_pubs = bool(self._pubs)
        self.name_found = any(a.is_me for p in self._pubs.values() for a in p.authors)

    @property
    def pubs(self) -> dict[str, Publication]:
        """lower-cased key → model, in source order."""
        if self._blob is not None:
            self._pubs, self._blob = pickle.loads(self._blob), None
        return self._pubs

    def __getstate__(self) -> tuple[Any, ...]:
        blob = self._blob if self._blob is not None else pickle.dumps(self._pubs, pickle.HIGHEST_PROTOCOL)
        return self.fingerprint, self.files, blob, self.issues, self.remote, self.any_pubs, self.name_found

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.fingerprint, self.files, self._blob, self.issues, self.remote, self.any_pubs, self.name_found = state
        self._pubs = {}

    def report(self, app: Sphinx) -> None:
        """Its problems, at their lines (and researcher_name's, at conf.py)."""
        remote = self.remote if links_remote_images(app.env) else ()
        order = {path: index for index, path in enumerate(self.files)}
        for issue in sorted((*self.issues, *remote), key=lambda i: (order.get(i.path, -1), i.line)):
            warn(issue.message, issue.subtype, issue.location)
        config = app.config
        if config.researcher_name and self.any_pubs and not self.name_found:
            warn(
                f"researcher_name {config.researcher_name!r} matches no author in researcher_bibtex_files; "
                "add the spelling used there to researcher_name_variants",
                Subtype.name,
                conf_location_of(app, "researcher_name"),
            )


def bibliography(env: BuildEnvironment) -> Bibliography:
    data = env.domaindata.setdefault(DOMAIN, {})
    bib = data.get("bib")
    return bib if isinstance(bib, Bibliography) else Bibliography()


def lookup_publication(env: BuildEnvironment, key: str) -> Publication | None:
    """The entry ``key`` (case-insensitive, as BibTeX keys are), ready for the current document."""
    pub = bibliography(env).pubs.get(key.lower())
    return localize(env, pub) if pub is not None else None


def all_publications(env: BuildEnvironment) -> list[Publication]:
    return list(bibliography(env).pubs.values())


def localize(env: BuildEnvironment, pub: Publication) -> Publication:
    """A local PDF (kept as a root-relative source path) registered for copying by this document."""
    if pub.pdf.startswith("/") and not pub.pdf.startswith(("//", "/_downloads/")):
        return replace(pub, pdf=register_download(env, env.docname, pub.pdf[1:]))
    return pub


def note_bibliography_dependency(env: BuildEnvironment) -> None:
    """The current document shows BibTeX data: editing a .bib must re-read it."""
    for path in bibliography(env).files:
        env.note_dependency(path)


def load_bibliography(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    config = env.config
    sources: list[tuple[str, bytes | None, str | None]] = []  # path, bytes, their SHA-256
    for name in config.researcher_bibtex_files:
        path = (Path(app.confdir) / name).resolve()
        try:
            data = path.read_bytes()
            sources.append((str(path), data, hashlib.sha256(data).hexdigest()))
        except OSError as error:
            sources.append((str(path), None, None))
            location = conf_location_of(app, "researcher_bibtex_files")
            warn(f"cannot read BibTeX file {name!r}: {error.strerror or error}", Subtype.bibtex, location)
    from .people import people, people_files, people_index

    fingerprint = (
        people(env).fingerprint,
        tuple((path, digest) for path, _data, digest in sources),
        config.researcher_bibtex_encoding,
        config.researcher_name,
        tuple(config.researcher_name_variants),
        config.researcher_pdf_dir,
        config.researcher_preview_dir,
        config.language,
        repr(config.researcher_author_marks),
    )
    data = env.domaindata.setdefault(DOMAIN, {})
    cached = data.get("bib")
    if isinstance(cached, Bibliography) and cached.fingerprint == fingerprint:
        if docnames:
            cached.pubs  # noqa: B018 (read once here, not in every parallel reader)
        cached.report(app)  # unchanged: its problems are still there
        return
    with collection_paused():
        bib = parse_sources(app, sources, fingerprint, people_index(env), people_files(env))
        # Frozen before the collector runs again: its first collection would walk every model.
        freeze_long_lived()
    data["bib"] = bib
    bib.report(app)


def parse_sources(app: Sphinx, sources: list[tuple[str, bytes | None, str | None]], fingerprint: tuple[Any, ...],
                  index: PeopleIndex | None = None, extra_files: tuple[str, ...] = ()) -> Bibliography:
    from ..parsing.bibtex import BibIssue, decode, resolve_duplicates
    from ..parsing.bibtex_fields import entry_to_publication, resolve_crossrefs, written_names
    from ..parsing.marks import mark_set
    from ..parsing.names import NameMatcher, release_name_caches
    from ..parsing.raw_html import third_party_host
    from .bib_cache import cache_key, cached_parse, prune

    config = app.config
    issues: list[BibIssue] = []
    entries: list[RawEntry] = []
    keys: set[str] = set()
    for path, data, digest in sources:
        if data is None or digest is None:
            continue
        text, decode_issues = decode(data, config.researcher_bibtex_encoding, path)
        key = cache_key(digest, config.researcher_bibtex_encoding, path)
        parsed = cached_parse(app.doctreedir, text, path, key)
        keys.add(key)
        issues += decode_issues + parsed.issues
        entries += parsed.entries
    entries = resolve_duplicates(entries, issues)  # a key used in two files
    prune(app.doctreedir, keys)
    resolve_crossrefs(entries)
    matcher = NameMatcher([config.researcher_name, *config.researcher_name_variants])
    marks = mark_set(config.researcher_author_marks)
    srcdir = Path(app.srcdir)

    def resolve_local(kind: str, value: str) -> str | None:
        """A root-relative source path; files outside the source folder are never published."""
        folder = config.researcher_pdf_dir if kind == "pdf" else config.researcher_preview_dir
        candidates = ([f"{folder.strip('/')}/{value}"] if folder else []) + [value.lstrip("/")]
        for candidate in candidates:
            found = source_file(srcdir, candidate)
            if found is not None:
                return "/" + found
        if not any(inside_folder(srcdir, candidate) for candidate in candidates):
            raise OutsideSource(value)
        return None

    own_url = config.html_baseurl or ""
    remote: list[BibIssue] = []  # said by the builders that link remote images (the others leave them out)
    pubs: dict[str, Publication] = {}
    for entry in entries:
        pub, entry_issues = entry_to_publication(entry, matcher, resolve_local, marks)
        if index:
            pub = index.with_people(pub, written_names(entry, marks))
        issues += entry_issues
        if pub.image and "preview" not in entry.inherited and (host := third_party_host(pub.image, own_url)):
            remote.append(BibIssue(f"entry {entry.key!r}: preview {pub.image} loads from {host} when the page is "
                                   "viewed; put a copy in the source folder", Subtype.external, entry.path,
                                   entry.field_line("preview")))
        pubs[entry.key.lower()] = pub
    release_name_caches()  # their work is done: less memory for the rest of the build
    files = tuple(path for path, data, _digest in sources if data is not None) + extra_files
    return Bibliography(fingerprint, files, pubs, tuple(issues), tuple(remote))


def setup_bibliography(app: Sphinx) -> None:
    app.connect("env-before-read-docs", load_bibliography)
    app.connect("env-before-read-docs", freeze_long_lived, priority=900)  # after every loader
    app.connect("config-inited", thaw_previous_build, priority=0)  # before the new build makes anything
