"""A raw BibTeX entry → a Publication: standard fields, al-folio's display fields, crossref.

al-folio conventions: ``abbr`` (venue badge), ``selected``, ``preview`` (image), ``pdf``,
``code``, ``html``/``website`` (project page), ``slides``, ``poster``, ``video``, ``supp``,
``blog``, ``arxiv``, ``award``/``award_name``, ``additional_info``, ``abstract``; display-only
fields (``bibtex_show``, ``altmetric``, ``dimensions``, ``google_scholar_id`` …) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model.links import is_malformed_url, is_safe_url
from ..model.publication import Link, Publication
from ..warnings_ import Subtype
from . import options as opt
from .bibtex import BibIssue, RawEntry, lenient_pybtex
from .bibtex_export import entry_to_bibtex
from .latex import latex_problems, latex_to_text
from .local_files import OutsideSource, is_local
from .names import NameMatcher, make_author, split_marks

# Where the venue is written, in order of preference; a book's own venue is its publisher.
_VENUE_FIELDS = ("journal", "booktitle", "school", "institution", "howpublished", "organization", "publisher", "series")
_BOOK_VENUE_FIELDS = ("publisher", "organization", "series", "howpublished")
_BOOKS = frozenset({"book", "proceedings", "manual", "periodical"})
_TRUE = frozenset({"true", "yes", "1", "y"})
_URL_FIELDS = {"code": "code", "html": "project", "website": "project", "slides": "slides", "poster": "poster",
               "video": "video"}
_EXTRA_LINKS = {"supp": "Supp", "blog": "Blog", "demo": "Demo", "models": "Models", "dataset": "Dataset"}
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1")
_GITHUB = re.compile(r"^https?://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?$")

# (kind "pdf" | "preview", value) → a root-relative source path, or None if the file is missing.
LocalResolver = Callable[[str, str], "str | None"]


def resolve_crossrefs(entries: list[RawEntry]) -> None:
    """Children take the fields (and people) they lack from the entry named in ``crossref``.

    A parent's title becomes the child's ``booktitle``, as biblatex does. Order does not matter.
    """
    by_key = {e.key.lower(): e for e in entries}
    for entry in entries:
        parent = by_key.get(entry.fields.get("crossref", "").lower())
        if parent is None or parent is entry:
            continue
        for name, value in parent.fields.items():
            if name == "title":
                entry.fields.setdefault("booktitle", value)
            elif name not in ("crossref", "key", "ids"):
                entry.fields.setdefault(name, value)
        for role, names in parent.persons.items():
            entry.persons.setdefault(role, names)


def plain(value: str) -> str:
    """A BibTeX value as reading text (LaTeX decoded)."""
    return latex_to_text(value) if value else ""


def markdown_to_text(value: str) -> str:
    """al-folio writes ``award``/``additional_info`` in Markdown: keep the words."""
    text = _MARKDOWN_LINK.sub(r"\1", value)
    return _MARKDOWN_EMPHASIS.sub(r"\2", text)


def entry_to_publication(
    entry: RawEntry, matcher: NameMatcher, resolve_local: LocalResolver
) -> tuple[Publication, list[BibIssue]]:
    f = entry.fields
    issues: list[BibIssue] = []

    def issue(message: str, subtype: Subtype) -> None:
        issues.append(BibIssue(f"entry {entry.key!r}: {message}", subtype, entry.path, entry.line))

    values: dict[str, object] = {"key": entry.key, "entry_type": entry.entry_type, "source": entry.location}
    values["title"] = plain(f.get("title", ""))
    names = entry.persons.get("author") or entry.persons.get("editor") or []
    with lenient_pybtex() as captured:
        values["authors"] = tuple(make_author(name, matcher) for name in names)
    for error in captured:
        issue(f"author list: {error}", Subtype.bibtex)

    for name in _BOOK_VENUE_FIELDS if entry.entry_type in _BOOKS else _VENUE_FIELDS:
        if f.get(name):
            values["venue"] = plain(f[name])
            break
    values["venue_short"] = plain(f.get("abbr", ""))

    year_text = f.get("year") or f.get("date", "")
    values["year"] = opt.parse_year(year_text) if year_text else None
    month_text = f.get("month", "")
    if not month_text and re.match(r"^\d{4}-\d{2}", f.get("date", "")):
        month_text = f["date"][5:7]
    values["month"] = opt.parse_month(month_text) if month_text else None
    if month_text and values["month"] is None:
        issue(f"month {month_text!r} is not a month (1–12 or a name); it is left out", Subtype.date)

    doi = f.get("doi", "")
    values["doi"] = opt.parse_doi(doi.replace("\\_", "_")) or "" if doi else ""
    values["arxiv"] = _arxiv(f)
    for name, target in _URL_FIELDS.items():
        if f.get(name) and not values.get(target):
            values[target] = _url(f[name], name, issue)
    url = f.get("url", "")
    values["url"] = _url(url.replace("\\_", "_").replace("\\%", "%"), "url", issue) if url else ""
    code = str(values.get("code", ""))
    github = _GITHUB.match(code)
    if github:
        values["github"] = github.group(1)
    values["extra_links"] = tuple(
        Link(label, safe) for name, label in _EXTRA_LINKS.items()
        if f.get(name) and (safe := _url(f[name], name, issue))
    )
    if f.get("pdf"):
        values["pdf"] = _local_or_url(f["pdf"], "pdf", resolve_local, issue)
    if f.get("preview"):
        values["image"] = _local_or_url(f["preview"], "preview", resolve_local, issue)

    values["abstract"] = plain(f.get("abstract", ""))
    award = f.get("award_name") or f.get("award", "")
    values["award"] = plain(markdown_to_text(award)) if award else ""
    # al-folio appends additional_info right after the venue, so it often starts with ". " or ", ".
    extra_info = markdown_to_text(f.get("additional_info", "")).lstrip(" .,;")
    note = " ".join(v for v in (f.get("note", ""), extra_info) if v)
    values["note"] = plain(note)
    values["selected"] = f.get("selected", "").strip().lower() in _TRUE
    values["keywords"] = opt.parse_keywords(plain(f.get("keywords", "")))
    short = f.get("shorttitle", "")
    if short:
        values["extra"] = (("shorttitle", plain(short)),)

    for name, value in f.items():
        for command in latex_problems(value):
            issue(f"field {name!r}: LaTeX {command!r} lacks its argument; it is shown as plain text", Subtype.bibtex)
    if not values["title"]:
        issue("no title (the key is shown instead)", Subtype.missing_field)
    if not values["year"]:
        what = f"year {year_text!r} is not a year" if year_text else "no year"
        issue(f"{what} (listed after dated entries)", Subtype.missing_field)
    values["bibtex"] = _export(entry)
    return Publication(**values), issues  # type: ignore[arg-type]


def _arxiv(f: dict[str, str]) -> str:
    for value in (f.get("arxiv", ""), f.get("arxivid", "")):
        if value and (found := opt.parse_arxiv(value)):
            return found
    if f.get("eprint") and f.get("archiveprefix", "arxiv").lower() == "arxiv":
        return opt.parse_arxiv(f["eprint"]) or ""
    return ""


def _url(value: str, what: str, issue: Callable[[str, Subtype], None]) -> str:
    value = value.strip()
    if value and not is_safe_url(value):
        kind = "malformed" if is_malformed_url(value) else "unsafe"
        issue(f"{what}: {kind} URL {value!r} is not emitted", Subtype.url)
        return ""
    return value


def _local_or_url(value: str, kind: str, resolve_local: LocalResolver, issue: Callable[[str, Subtype], None]) -> str:
    value = value.strip()
    if not is_local(value):
        return _url(value, kind, issue)
    try:
        found = resolve_local(kind, value)
    except OutsideSource:
        issue(f"local {kind} file {value!r} is outside the source folder; it is not published", Subtype.file)
        return ""
    if found is None:
        issue(f"local {kind} file {value!r} does not exist", Subtype.file)
        return ""
    return found


def _export(entry: RawEntry) -> str:
    fields = dict(entry.fields)
    if "issue" in fields and "number" not in fields:
        fields["number"] = fields["issue"]
    persons = {role: [split_marks(n).name for n in names] for role, names in entry.persons.items()}
    try:
        with lenient_pybtex():
            return entry_to_bibtex(entry.key, entry.entry_type, fields, persons)
    except Exception:  # an export problem must not hide the entry
        return ""
