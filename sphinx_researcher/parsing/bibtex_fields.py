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
from .inline_markup import has_markup, markup_to_text
from .latex import latex_problems, latex_to_text
from .local_files import OutsideSource, is_local
from .marks import MarkSet
from .names import NameMatcher, make_author, split_marks

# Where the venue is written, in order of preference; a book's own venue is its publisher.
_VENUE_FIELDS = ("journal", "booktitle", "school", "institution", "howpublished", "organization", "publisher", "series")
_BOOK_VENUE_FIELDS = ("publisher", "organization", "series", "howpublished")
_BOOKS = frozenset({"book", "proceedings", "manual", "periodical"})
_TRUE = frozenset({"true", "yes", "1", "y"})
_URL_FIELDS = {"code": "code", "html": "project", "website": "project", "slides": "slides", "poster": "poster",
               "video": "video"}
_EXTRA_LINKS = {"supp": "Supp", "blog": "Blog", "demo": "Demo", "models": "Models", "dataset": "Dataset"}

_ISO_MONTH = re.compile(r"\d{4}-\d{2}")  # a biblatex date: 2024-05[-17]
_NONE = frozenset({"n/a", "na", "none", "-", "—", "tba", "tbd"})  # "no value", written on purpose
Issue = Callable[..., None]  # issue(message, subtype, field name = "")

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
            own = "booktitle" if name == "title" else name
            if own not in entry.fields and name not in ("crossref", "key", "ids"):
                entry.fields[own] = value
                entry.inherited.add(own)
        for role, names in parent.persons.items():
            entry.persons.setdefault(role, names)


def plain(value: str) -> str:
    """A BibTeX value as reading text (LaTeX decoded)."""
    return latex_to_text(value) if value else ""


def with_markup(text: str, name: str, markup: dict[str, str]) -> str:
    """``text`` as plain words; when it holds inline Markdown (al-folio writes ``award``,
    ``additional_info``, even ``booktitle`` so) its source is kept in ``markup[name]``."""
    if has_markup(text):
        markup[name] = text
        return markup_to_text(text)
    return text


def written_names(entry: RawEntry, marks: MarkSet | None = None) -> list[str]:
    """The names of the entry's authors (else editors) as the .bib writes them, marks taken off:
    one per author of its Publication."""
    return [split_marks(name, marks).name for name in entry.persons.get("author") or entry.persons.get("editor") or []]


def entry_to_publication(
    entry: RawEntry, matcher: NameMatcher, resolve_local: LocalResolver, marks: MarkSet | None = None
) -> tuple[Publication, list[BibIssue]]:
    f = entry.fields
    issues: list[BibIssue] = []

    def issue(message: str, subtype: Subtype, name: str = "") -> None:
        line = entry.field_line(name) if name else entry.line
        issues.append(BibIssue(f"entry {entry.key!r}: {message}", subtype, entry.path, line))

    values: dict[str, object] = {"key": entry.key, "entry_type": entry.entry_type, "source": entry.location}
    values["title"] = plain(f.get("title", ""))
    names = entry.persons.get("author") or entry.persons.get("editor") or []
    with lenient_pybtex() as captured:
        values["authors"] = tuple(make_author(name, matcher, marks) for name in names)
    for error in captured:
        issue(f"author list: {error}", Subtype.bibtex)

    markup: dict[str, str] = {}
    for name in _BOOK_VENUE_FIELDS if entry.entry_type in _BOOKS else _VENUE_FIELDS:
        if f.get(name):
            values["venue"] = with_markup(plain(f[name]), "venue", markup)
            break
    values["venue_short"] = plain(f.get("abbr", ""))

    year_text = f.get("year") or f.get("date", "")
    values["year"] = opt.parse_year(year_text) if year_text else None
    month_text = f.get("month", "")
    if not month_text and _ISO_MONTH.match(f.get("date", "")):
        month_text = f["date"][5:7]
    values["month"] = opt.parse_month(month_text) if month_text else None
    if month_text and values["month"] is None:
        issue(f"month {month_text!r} is not a month (1–12 or a name); it is left out", Subtype.date)

    doi = f.get("doi", "")
    values["doi"] = opt.parse_doi(doi.replace("\\_", "_")) or "" if doi else ""
    if doi and not values["doi"] and doi.strip().casefold() not in _NONE:
        issue(f"doi {doi!r} is not a DOI (10.NNNN/…); it is not shown", Subtype.field, "doi")
    arxiv_links = _arxiv_fields(f, values, issue)
    for name, target in _URL_FIELDS.items():
        if f.get(name) and not values.get(target):
            values[target] = _url(f[name], name, issue)
    url = f.get("url", "")
    values["url"] = _url(url.replace("\\_", "_").replace("\\%", "%"), "url", issue) if url else ""
    _github_field(f, values, issue)
    values["extra_links"] = arxiv_links + tuple(
        Link(label, safe) for name, label in _EXTRA_LINKS.items()
        if f.get(name) and (safe := _url(f[name], name, issue))
    )
    if f.get("pdf"):
        values["pdf"] = _local_or_url(f["pdf"], "pdf", resolve_local, issue)
    if f.get("preview"):
        values["image"] = _local_or_url(f["preview"], "preview", resolve_local, issue)

    values["abstract"] = plain(f.get("abstract", ""))
    award = f.get("award_name") or f.get("award", "")
    values["award"] = with_markup(plain(award), "award", markup) if award else ""
    # al-folio appends additional_info right after the venue, so it often starts with ". " or ", ".
    extra_info = plain(f.get("additional_info", "")).lstrip(" .,;")
    note = " ".join(v for v in (plain(f.get("note", "")), extra_info) if v)
    values["note"] = with_markup(note, "note", markup)
    values["markup"] = tuple(markup.items())
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
    values["bibtex"] = _export(entry, marks)
    return Publication(**values), issues  # type: ignore[arg-type]


def _arxiv_fields(f: dict[str, str], values: dict[str, object], issue: Issue) -> tuple[Link, ...]:
    """``arxiv``/``arxivid``/``eprint`` as found in the wild: an id, ``arXiv:id``, an arxiv.org
    URL (``?context=cs``), arXiv's DOI; a DOI URL fills ``doi``; any other URL (a publisher's
    page) becomes a "Paper" link. Nothing is dropped without a warning."""
    links: list[Link] = []
    eprint = f.get("eprint", "") if f.get("archiveprefix", "arxiv").lower() == "arxiv" else ""
    for name, value in (("arxiv", f.get("arxiv", "")), ("arxivid", f.get("arxivid", "")), ("eprint", eprint)):
        value = value.strip().replace("\\_", "_").replace("\\%", "%").replace("\\&", "&")
        if not value or value.casefold() in _NONE:
            continue
        if name == "eprint" and re.fullmatch(r"\d{7}(?:v\d+)?", value) and f.get("primaryclass"):
            value = f"{f['primaryclass'].strip()}/{value}"  # an old-style id: quant-ph/9605043
        found = opt.parse_arxiv(value)
        if found:
            values.setdefault("arxiv", found)
            continue
        doi = opt.parse_doi(value) if value.lower().startswith(("http", "doi:")) else None
        if doi:
            if not values.get("doi"):
                values["doi"] = doi
            elif values["doi"] != doi:
                links.append(Link("Paper", f"https://doi.org/{doi}"))
            continue
        if re.match(r"^https?://", value, re.I):
            safe = _url(value, name, issue)
            if safe and safe not in (values.get("url"), *(link.url for link in links)):
                links.append(Link("Paper", safe))
            continue
        if values.get("arxiv"):
            continue  # already known from another field (Mendeley writes arxivId and eprint)
        if name != "eprint" or "archiveprefix" in f:
            issue(f"{name} {value!r} is neither an arXiv id nor a URL; it is not shown", Subtype.field, name)
    values.setdefault("arxiv", "")
    return tuple(links)


def _github_field(f: dict[str, str], values: dict[str, object], issue: Issue) -> None:
    """``github = {owner/repo}`` or a full GitHub URL; otherwise the repo of a GitHub ``code`` URL."""
    raw = f.get("github", "").strip()
    if raw:
        repo = opt.parse_github(raw)
        if repo:
            values["github"] = repo
            if not values.get("code"):
                values["code"] = raw if raw.lower().startswith("http") else f"https://github.com/{repo}"
            return
        if re.match(r"^https?://", raw, re.I) and (safe := _url(raw, "github", issue)):
            values.setdefault("code", safe)  # a GitLab or project URL in the github field: still the code
            if values["code"] != safe:
                issue(f"github {raw!r} is not a GitHub repository and code is set; it is not shown",
                      Subtype.field, "github")
            return
        issue(f"github {raw!r} is neither owner/repo nor a GitHub URL; it is not shown", Subtype.field, "github")
    code = str(values.get("code", ""))
    if code.lower().startswith(("http://", "https://")) and (repo := opt.parse_github(code)):
        values["github"] = repo


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


def _export(entry: RawEntry, marks: MarkSet | None = None) -> str:
    fields = dict(entry.fields)
    if "issue" in fields and "number" not in fields:
        fields["number"] = fields["issue"]
    persons = {role: [split_marks(n, marks).name for n in names] for role, names in entry.persons.items()}
    try:
        return entry_to_bibtex(entry.key, entry.entry_type, fields, persons)
    except Exception:  # an export problem must not hide the entry
        return ""
