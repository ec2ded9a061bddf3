"""What the three template converters share: pages, profile links, dated lists, collections."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bibtex_out import BibEntry
from .dates import DateStyle, ParsedRange, parse_range
from .jekyll import Page, expand_liquid, read_page, text_value
from .markdown import Site, convert, escape_text, first_heading, normalise_headings
from .report import Report
from .site import SiteSpec


@dataclass
class Import:
    """One import in progress: the source, the site being made, its papers and its report."""

    source: Path
    out: Path
    report: Report
    spec: SiteSpec = field(default_factory=SiteSpec)
    site: Site | None = None
    papers: list[BibEntry] = field(default_factory=list)
    bib_header: str = ""
    extra_files: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.site is None:
            self.site = Site(self.source, self.out, self.report)

    @property
    def web(self) -> Site:
        assert self.site is not None
        return self.site


LoopHandler = Callable[[str, str], "str | None"]


def page_markdown(imp: Import, page: Page, out_dir: str = "", loop_handler: LoopHandler | None = None) -> str:
    """A page body as safe MyST (Liquid expanded, HTML mapped, headings from level 2)."""
    root = imp.source
    trusted: list[str] = []

    def keep(args: str, where: str) -> str | None:
        # What a loop handler writes is our own MyST: it must not be escaped like imported text.
        made = loop_handler(args, where) if loop_handler else None
        if made is None:
            return None
        trusted.append(made)
        return f"\ue002{len(trusted) - 1}\ue003"

    body = expand_liquid(page.body, page.body_line, page.path, imp.report, include_root=(root / page.path).parent,
                         source_root=root, loop_handler=keep)
    text = normalise_headings(convert(body, imp.web, page.path, page.body_line, out_dir), top=2)
    return re.sub("\ue002(\\d+)\ue003", lambda m: "\n\n" + trusted[int(m.group(1))].strip("\n") + "\n\n", text)


def _fence_for(body: str) -> str:
    """A backtick fence longer than any fence inside ``body``, so that none of them closes it."""
    runs = [len(m.group(1)) for m in re.finditer(r"^\s*(`{3,}|~{3,})", body, re.M)]
    return "`" * max(3, *(n + 1 for n in runs)) if runs else "```"


def directive_block(name: str, body: str = "", options: str = "") -> str:
    """```{name}``` around ``body``, with a fence longer than any fence inside it."""
    fence = _fence_for(body)
    parts = [f"{fence}{{{name}}}"] + ([options] if options else []) + ([body.strip("\n")] if body.strip() else [])
    return "\n".join([*parts, fence]) + "\n"


def titled(title: str, body: str) -> str:
    return f"# {title}\n\n{body.strip()}\n"


def page_title(page: Page, body: str, fallback: str) -> tuple[str, str]:
    """The page's title (front matter, else its first heading) and the body without that heading."""
    title = text_value(page.meta.get("title"))
    if title:
        return escape_text(title[:1].upper() + title[1:]), body
    found = first_heading(body)
    if found:
        return found[0], found[1]
    return escape_text(fallback), body


def convert_page(imp: Import, rel: str, fallback_title: str, loop_handler: LoopHandler | None = None) -> str:
    page = read_page(imp.source, imp.source / rel, imp.report)
    body = page_markdown(imp, page, loop_handler=loop_handler)
    title, body = page_title(page, body, fallback_title)
    return titled(title, body)


def dated_block(directive: str, items: list[tuple[str, str]], options: str = "") -> str:
    """```{news}``` / ```{timeline}``` of ``(date text, MyST line)`` items, in a fence longer
    than any code fence of the items (a shorter one would end the directive there)."""
    lines = []
    if options:
        lines.append(options)
    lines.append("")
    for when, text in items:
        text = text.strip() or "—"
        first, *rest = text.split("\n")
        if re.match(r"^\s*(`{3,}|~{3,})", first):  # an item that opens with code: the date on a line of its own
            first, rest = "", text.split("\n")
        lines.append(f"- {when}: {first}".rstrip())
        lines += [("  " + line) if line.strip() else "" for line in rest]
    fence = _fence_for("\n".join(lines))
    return "\n".join([f"{fence}{{{directive}}}", *lines, fence]) + "\n"


def one_paragraph(text: str) -> str:
    """Markdown content made safe for one list item: headings become bold lines, fences stay."""
    out = []
    for line in text.strip().split("\n"):
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        out.append(f"**{heading.group(1)}**" if heading else line)
    return "\n".join(out)


def note_date(imp: Import, where: str, written: str, parsed: ParsedRange, style: DateStyle) -> None:
    if parsed.ambiguous:
        how = "day first" if style.day_first else "month first"
        why = f", as {style.evidence!r} elsewhere in the file shows" if style.evidence else \
            " (nothing else in the file tells; the most common reading)"
        imp.report.guess(where, f"date {written.strip()!r} read {how} as {parsed.text()}{why}")
    elif parsed.two_digit:
        imp.report.guess(where, f"two-digit year in {written.strip()!r} read as {parsed.start.date.year}")
    if parsed.ongoing_note:
        imp.report.changed(where, f"{written.strip()!r}: an end date marked 'now' is shown as ongoing "
                                  f"({parsed.text()})")


def date_of(value: Any, where: str, imp: Import, style: DateStyle | None = None) -> ParsedRange | None:
    text = text_value(value)
    if not text:
        return None
    parsed = parse_range(text, style)
    if parsed is None:
        imp.report.left_out(where, f"date {text!r} is not a date the import can read")
        return None
    note_date(imp, where, text, parsed, style or DateStyle())
    return parsed


# ---- profile links -----------------------------------------------------------------------------

# Jekyll author keys (academicpages, AcadHomepage, minimal-mistakes) → profile link services.
AUTHOR_LINKS: dict[str, tuple[str, str]] = {
    # key: (service, url template for a bare id; "" = the value is a URL or an id the service knows)
    "googlescholar": ("scholar", ""), "google_scholar": ("scholar", ""), "scholar": ("scholar", ""),
    "github": ("github", ""), "orcid": ("orcid", ""), "linkedin": ("linkedin", ""), "twitter": ("x", ""),
    "x": ("x", ""), "bluesky": ("bluesky", ""), "mastodon": ("mastodon", ""), "dblp": ("dblp", ""),
    "researchgate": ("researchgate", ""), "semantic": ("semanticscholar", ""), "gitlab": ("gitlab", ""),
    "youtube": ("youtube", ""), "uri": ("website", ""), "website": ("website", ""),
    "pubmed": ("PubMed", ""), "arxiv": ("arXiv", ""), "academia": ("Academia", ""),
    "inspire-hep": ("INSPIRE", ""), "impactstory": ("Impactstory", ""), "scopus": ("Scopus", ""),
    "stackoverflow": ("Stack Overflow", "https://stackoverflow.com/users/{}"), "kaggle": ("Kaggle", "https://www.kaggle.com/{}"),
    "facebook": ("Facebook", "https://www.facebook.com/{}"), "instagram": ("Instagram", "https://instagram.com/{}"),
    "medium": ("Medium", ""), "weibo": ("Weibo", "https://weibo.com/{}"), "zhihu": ("Zhihu", "https://www.zhihu.com/people/{}"),
    "wikipedia": ("Wikipedia", "https://en.wikipedia.org/wiki/User:{}"), "telegram": ("Telegram", ""),
    "bitbucket": ("Bitbucket", "https://bitbucket.org/{}"), "keybase": ("Keybase", "https://keybase.io/{}"),
}
_SCHOLAR_ID = re.compile(r"[?&]user=([\w-]+)")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


def profile_photo(author: dict[str, Any], where: str, imp: Import, folders: tuple[str, ...] = ("",)) -> str:
    """The author's ``avatar`` copied into the site (looked for in each of ``folders``), or ""."""
    avatar = text_value(author.get("avatar"))
    if not avatar:
        return ""
    for folder in folders:
        found = imp.web.local_file(folder + avatar)
        if found:
            return imp.web.copy(found)
    imp.report.left_out(where, f"author avatar {avatar!r} {imp.web.missing(avatar)}")
    return ""


def profile_links(values: dict[str, Any], where: str, imp: Import) -> dict[str, str]:
    links: dict[str, str] = {}
    for key, raw in values.items():
        value = text_value(raw)
        if not value or key not in AUTHOR_LINKS:
            continue
        service, template = AUTHOR_LINKS[key]
        if service == "scholar":
            match = _SCHOLAR_ID.search(value)
            value = match.group(1) if match else value
        elif service == "orcid":
            match = _ORCID.search(value)
            if not match:
                imp.report.left_out(where, f"author {key}: {value!r} is not an ORCID iD")
                continue
            value = match.group(1)
        elif service == "bluesky" and value in ("bsky.app",):
            imp.report.left_out(where, f"author {key}: {value!r} is the template's placeholder")
            continue
        elif template and not re.match(r"^https?://", value):
            value = template.format(value)
        elif not service.islower() and not re.match(r"^https?://", value):
            imp.report.left_out(where, f"author {key}: {value!r} is not a URL")
            continue
        links[service] = value
    return links


def collection_files(root: Path, folder: str) -> list[Path]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file())


def collection_page(imp: Import, folder: str, title: str, out_dir: str = "") -> str | None:
    """Every item of a Jekyll collection (projects, portfolio, posts) as a section of one page."""
    files = collection_files(imp.source, folder)
    if not files:
        return None
    items = []
    for path in files:
        page = read_page(imp.source, path, imp.report)
        body = page_markdown(imp, page, out_dir)
        name = text_value(page.meta.get("title")) or path.stem
        body = normalise_headings(body, top=3)
        date = text_value(page.meta.get("date")) or (re.match(r"\d{4}-\d{2}-\d{2}", path.name) or [""])[0]
        key = (text_value(page.meta.get("importance")).zfill(4) if page.meta.get("importance") is not None else "",
               date)
        lines = [f"## {escape_text(name)}", ""]
        facts = [text_value(page.meta.get(k)) for k in ("description", "venue", "location")]
        facts = [f for f in facts if f]
        if date:
            facts.insert(0, date[:10])
        if facts:
            lines += [f"*{escape_text(', '.join(facts))}*", ""]
        lines.append(body.strip())
        items.append((key, "\n".join(lines)))
    items.sort(key=lambda item: item[0], reverse=not any(k[0] for k, _t in items))
    if any(k[0] for k, _t in items):
        items.sort(key=lambda item: item[0][0])
    return titled(escape_text(title), "\n\n".join(text for _k, text in items))
