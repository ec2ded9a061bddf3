"""papers.bib for the imported site: entries made from front matter, or a .bib read with the
project's parser and written again so that it builds clean (duplicate keys renamed, repeated
fields and unreadable entries reported, local PDFs and previews checked)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer

from ..parsing.bibtex import RawEntry, count_entries, decode, parse_bib_text
from ..parsing.bibtex_export import balanced_braces
from ..parsing.bibtex_fields import entry_to_publication, resolve_crossrefs
from ..parsing.latex import latex_to_text
from ..parsing.names import NameMatcher, display_name, split_marks
from .jekyll import decode_legacy
from .report import Report

# Fields whose values are URLs or file names: written as they are, never LaTeX-encoded.
URL_FIELDS = frozenset({"url", "pdf", "code", "html", "website", "slides", "poster", "video", "preview", "supp",
                        "blog", "demo", "models", "dataset", "doi", "arxiv", "eprint"})


class _RawWriter(Writer):
    """pybtex's BibTeX writer for values that are already LaTeX (it would encode them again)."""

    def _encode(self, text: str) -> str:
        return text


def latex_escape(text: str) -> str:
    """Plain text (from YAML or HTML) as a BibTeX value: specials escaped, Unicode kept."""
    # Braces in plain text are characters, not BibTeX groups: escape them (latexcodec keeps them).
    text = " ".join(str(text).split()).replace("{", "\ue010").replace("}", "\ue011")
    encoded: str = codecs.encode(text, "ulatex+utf8")  # type: ignore[assignment]
    return encoded.replace("\ue010", "\\{").replace("\ue011", "\\}")


@dataclass
class BibEntry:
    """One entry to write: values already in LaTeX, persons as written."""

    key: str
    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[str]] = field(default_factory=dict)
    origin: str = ""  # "file:line" of what it was made from

    @classmethod
    def from_text(cls, key: str, entry_type: str, origin: str, persons: dict[str, list[str]] | None = None,
                  **values: str) -> BibEntry:
        fields = {}
        for name, value in values.items():
            if value:
                fields[name] = str(value).strip() if name in URL_FIELDS else latex_escape(value)
        return cls(key, entry_type, fields, persons or {}, origin)

    def title_text(self) -> str:
        return latex_to_text(self.fields.get("title", ""))


def write_bib(entries: Iterable[BibEntry], header: str = "") -> str:
    data = BibliographyData()
    for entry in entries:
        pairs = []
        for role, names in entry.persons.items():
            if names:
                pairs.append((role, balanced_braces(" and ".join(names))))
        # pybtex's writer puts a value with '"' in braces, where BibTeX reads '"' (and \"a) as it is.
        pairs += [(name, balanced_braces(value)) for name, value in entry.fields.items() if value]
        data.entries[entry.key] = Entry(entry.entry_type, fields=pairs)
    text = _RawWriter().to_string(data)
    return (header + "\n" if header else "") + text


def slug_key(*parts: str) -> str:
    """A BibTeX key from words: ASCII letters, digits and hyphens."""
    text = "-".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:60].strip("-") or "paper"


def author_key(authors: list[str], year: int | str | None, title: str) -> str:
    """``doe2024sparse``: the first author's family name, the year, the first title word."""
    family = ""
    if authors:
        shown = display_name(split_marks(authors[0]).name)
        family = shown.split()[-1] if shown.split() else ""
    words = [w for w in re.findall(r"[A-Za-z]+", unicodedata.normalize("NFKD", title))
             if w.lower() not in {"a", "an", "the", "on", "of", "for", "and", "in", "to", "with"}]
    return slug_key(f"{family}{year or ''}{words[0] if words else ''}").replace("-", "")


def normalise_title(text: str) -> str:
    return re.sub(r"\W+", " ", latex_to_text(text).lower()).strip()


def unique_keys(entries: list[BibEntry], report: Report) -> list[BibEntry]:
    """Keys made unique: a repeat of the same paper (same title) is dropped, another paper renamed."""
    seen: dict[str, BibEntry] = {}
    kept = []
    for entry in entries:
        first = seen.get(entry.key.lower())
        if first is None:
            seen[entry.key.lower()] = entry
            kept.append(entry)
            continue
        if normalise_title(first.fields.get("title", "")) == normalise_title(entry.fields.get("title", "")):
            report.changed(entry.origin, f"BibTeX key {entry.key!r} repeats the same paper (first at {first.origin}); "
                                         "the repeat is left out")
            continue
        new, n = entry.key, 1
        while new.lower() in seen:
            n += 1
            new = f"{entry.key}-{n}"
        report.renamed(entry.origin, f"BibTeX key {entry.key!r} is also used for another paper at {first.origin}; "
                                     f"this one is now {new!r}")
        entry.key = new
        seen[new.lower()] = entry
        kept.append(entry)
    return kept


def read_bib(text: str, rel: str, report: Report) -> list[BibEntry]:
    """Every entry of a .bib file, repeats of a key included, read with the project's parser."""
    keyed: list[tuple[str, int]] = count_entries(text)
    # The project's parser keeps the first entry of a key: give each repeat a temporary name.
    counts: Counter[str] = Counter()
    lines = text.split("\n")
    renamed: dict[str, str] = {}
    for key, line in keyed:
        counts[key.lower()] += 1
        if counts[key.lower()] > 1:
            temporary = f"{key}\u2063{counts[key.lower()]}"
            row = lines[line - 1]
            lines[line - 1] = re.sub(rf"([{{(]\s*){re.escape(key)}(?=\s*,)", rf"\g<1>{temporary}", row, count=1)
            renamed[temporary.lower()] = key
    parsed = parse_bib_text("\n".join(lines), rel)
    for issue in parsed.issues:
        if issue.subtype == "duplicate":
            continue
        message = issue.message
        if "second" in message:
            report.changed(f"{rel}:{issue.line}", message.replace("\u2063", "#"))
        else:
            report.left_out(f"{rel}:{issue.line}", f"BibTeX {message}; what pybtex could read of the entry is kept")
    result = []
    for raw in parsed.entries:
        original = renamed.get(raw.key.lower(), raw.key)
        result.append(BibEntry(original, raw.entry_type, dict(raw.fields), dict(raw.persons), f"{rel}:{raw.line}"))
    return result


def decode_bib(data: bytes, rel: str, report: Report) -> str:
    text, issues = decode(data, "utf-8", rel)
    if issues:
        text, encoding, _line = decode_legacy(data)
        report.changed(f"{rel}:{issues[0].line}", f"not UTF-8: read as {encoding} and written as UTF-8")
    return text


LocalFile = Callable[[str, str], "str | None"]  # (kind "pdf" | "preview", value) → output path, or None


def check_entries(entries: list[BibEntry], names: list[str], resolve: LocalFile, report: Report) -> list[BibEntry]:
    """What the build would warn about, fixed here and reported: no title (left out), no year
    (taken from the key when it holds one), unsafe URLs, local files the source lacks."""
    kept = []
    raws = []
    for entry in entries:  # copies: crossref fields are filled in for the check, not written twice
        path, _, line = entry.origin.rpartition(":")
        raws.append(RawEntry(entry.key, entry.entry_type, dict(entry.fields),
                             {role: list(names) for role, names in entry.persons.items()}, path or entry.origin,
                             int(line) if line.isdigit() else 1))
    resolve_crossrefs(raws)
    matcher = NameMatcher(names)
    for entry, raw in zip(entries, raws, strict=True):
        _pub, issues = entry_to_publication(raw, matcher, resolve)
        drop = False
        for issue in issues:
            message = issue.message
            if issue.subtype == "missing_field" and "no title" in message:
                report.left_out(entry.origin, f"BibTeX entry {entry.key!r} has no title; not in papers.bib")
                drop = True
            elif issue.subtype == "missing_field":
                year = re.search(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", entry.key)
                if year:
                    entry.fields["year"] = year.group(1)
                    report.guess(entry.origin, f"BibTeX entry {entry.key!r} has no year; {year.group(1)} taken from "
                                               "its key")
                else:
                    report.left_out(entry.origin, f"BibTeX entry {entry.key!r} has no year; not in papers.bib")
                    drop = True
            elif issue.subtype == "file":
                match = re.search(r"local (\w+) file '([^']*)'", message)
                field_name = match.group(1) if match else ""
                entry.fields.pop(field_name, None)
                report.left_out(entry.origin, f"BibTeX entry {entry.key!r}: {field_name} file "
                                              f"{match.group(2) if match else ''!r} is named but the source has "
                                              "no such file; the field is dropped")
            elif issue.subtype == "url":
                match = re.search(r": (\w+): unsafe URL", message)
                if match:
                    entry.fields.pop(match.group(1), None)
                report.left_out(entry.origin, message)
            elif issue.subtype == "bibtex":
                report.changed(entry.origin, message)
        if not drop:
            kept.append(entry)
    return kept


def researcher_variants(entries: list[BibEntry], names: list[str], report: Report, where: str) -> list[str]:
    """Spellings to add so that the researcher is found in the author lists: if none of
    ``names`` matches, the most frequent author (whose list it is) is named, as a guess."""
    matcher = NameMatcher(names)
    authors = [split_marks(name).name for entry in entries for name in entry.persons.get("author", [])]
    if not authors or any(matcher.matches(a) for a in authors):
        return []
    counts = Counter(authors)
    top, count = counts.most_common(1)[0]
    report.guess(where, f"none of {', '.join(repr(n) for n in names if n) or 'the names given'} is an author in "
                        f"papers.bib; {top!r} (an author of {count} of {len(entries)} papers) is taken to be you "
                        "(researcher_name_variants)")
    return [top]


__all__ = ["BibEntry", "check_entries", "decode_bib", "read_bib", "researcher_variants", "unique_keys", "write_bib"]
