"""A publication, filled alike from directive options and from a BibTeX entry."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from .person import Author
from .pickling import fast_pickling


@fast_pickling
@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    kind: str = "custom"  # pdf, arxiv, doi, code, project, slides, video, poster, custom


@fast_pickling
@dataclass(frozen=True, slots=True)
class Publication:
    key: str
    title: str = ""
    authors: tuple[Author, ...] = ()
    entry_type: str = "misc"
    venue: str = ""  # booktitle, journal, school, publisher ...
    venue_short: str = ""  # al-folio "abbr", e.g. "CVPR"
    year: int | None = None
    month: int | None = None
    url: str = ""  # where the title links when there is no per-paper page
    doi: str = ""
    arxiv: str = ""
    pdf: str = ""  # URL, or a download path inside the output once resolved
    code: str = ""
    github: str = ""  # owner/repo (a stars badge once metrics exist)
    project: str = ""  # al-folio "html"/"website"
    slides: str = ""
    poster: str = ""
    video: str = ""
    extra_links: tuple[Link, ...] = ()
    image: str = ""  # a URL, or a local source path (see parsing)
    image_alt: str = ""
    tldr: str = ""
    abstract: str = ""  # plain text (BibTeX); MyST abstracts are child nodes instead
    award: str = ""
    note: str = ""
    selected: bool = False
    keywords: tuple[str, ...] = ()
    bibtex: str = ""  # the copyable entry, standard fields only
    source: str = ""  # "file.bib:line" or "doc.md:line", for messages
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # other fields, kept
    # Inline Markdown sources of fields shown as rich text (venue, note, award); the fields
    # themselves hold the plain words.
    markup: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def rich(self, name: str) -> str:
        """The Markdown source of field ``name`` when it had any, else ""."""
        return dict(self.markup).get(name, "") if self.markup else ""

    @property
    def has_marks(self) -> bool:
        return any(a.marks or a.equal or a.corresponding for a in self.authors)

    @property
    def marks(self) -> tuple[str, ...]:
        """Every mark used on this paper's authors, first use first."""
        return tuple(dict.fromkeys(m for a in self.authors for m in a.marks))

    @property
    def sort_key(self) -> tuple[int, int]:
        """Newest first sorts on this, descending."""
        return (self.year or 0, self.month or 0)

    def links(self) -> list[Link]:
        """The link row, in the order the SPEC gives."""
        row: list[Link] = []
        if self.pdf:
            row.append(Link("PDF", self.pdf, "pdf"))
        if self.arxiv:
            row.append(Link("arXiv", f"https://arxiv.org/abs/{self.arxiv}", "arxiv"))
        if self.doi:
            row.append(Link("DOI", f"https://doi.org/{self.doi}", "doi"))
        if self.code:
            row.append(Link("Code", self.code, "code"))
        if self.project:
            row.append(Link("Project", self.project, "project"))
        if self.slides:
            row.append(Link("Slides", self.slides, "slides"))
        if self.video:
            row.append(Link("Video", self.video, "video"))
        if self.poster:
            row.append(Link("Poster", self.poster, "poster"))
        row.extend(self.extra_links)
        return row

    def merged(self, overrides: dict[str, object]) -> Publication:
        """This publication with every non-empty override applied (options win)."""
        known = {f.name for f in fields(self)}
        changes = {k: v for k, v in overrides.items() if k in known and v not in ("", (), None)}
        return replace(self, **changes)  # type: ignore[arg-type]
