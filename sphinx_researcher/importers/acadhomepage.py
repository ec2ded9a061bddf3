"""AcadHomepage: ``_config.yml``, ``_pages/about.md`` (news lines, paper boxes, dated sections,
``{% include_relative %}`` pieces) and a second-language page (``about-zh.md``)."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag

from .bibtex_out import BibEntry, author_key, normalise_title
from .common import Import, dated_block, directive_block, note_date, profile_links, profile_photo
from .dates import DateStyle, split_leading_date
from .jekyll import LineMap, as_dict, expand_liquid, home_page_path, read_page, read_text, read_yaml_file, text_value
from .markdown import convert as to_myst
from .markdown import escape_text, normalise_headings
from .site import page_name

_NEWS = re.compile(r"news|新闻|动态|消息|近况|🔥", re.I)
_PUBS = re.compile(r"publication|paper|论文|发表|📝", re.I)
_NOT_PAGES = frozenset({"README", "LICENSE", "CHANGELOG", "CONTRIBUTING", "CODE_OF_CONDUCT", "404"})
_LANG_PAGE = re.compile(r"^about[-_]?(zh|cn|zh-cn|chinese|en|english|[a-z]{2})$", re.I)
_BULLET = re.compile(r"^[-*+]\s+")
_MD_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])+)\]\((?P<url>[^)\s]+)\)")
_TITLE_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])+)\]\((?P<url>[^)\s]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|<strong>(.*?)</strong>|<b>(.*?)</b>", re.S)
_VENUE_YEAR = re.compile(r"^(?P<venue>.*?)[\s,']*(?P<year>(?:19|20)\d\d)\b")


def detect(source: Path) -> int:
    about = source / "_pages" / "about.md"
    score = 0
    if about.is_file():
        text = read_text(about)
        score += 3 * ("paper-box" in text) + 2 * ("google_scholar_stats" in text or "gsDataBaseUrl" in text)
    config = source / "_config.yml"
    if config.is_file():
        text = read_text(config)
        score += 2 * ("google_scholar_stats_use_cdn" in text) + ("acad-homepage" in text.lower())
    return score


def convert(imp: Import) -> None:
    report, spec, root = imp.report, imp.spec, imp.source
    config = as_dict(read_yaml_file(root, "_config.yml", report))
    author: dict[str, Any] = as_dict(config.get("author"))
    spec.name = text_value(author.get("name")) or text_value(config.get("title"))
    spec.title = text_value(config.get("title")) or spec.name
    imp.web.url = text_value(config.get("url"))
    imp.web.baseurl = text_value(config.get("baseurl"))
    profile: dict[str, Any] = {"role": text_value(author.get("bio")), "affiliation": text_value(author.get("employer")),
                               "location": text_value(author.get("location")), "email": text_value(author.get("email"))}
    photo = profile_photo(author, "_config.yml", imp)
    if photo:
        profile["photo"] = photo
    profile["links"] = profile_links(author, "_config.yml", imp)
    spec.profile = profile
    report.progress(f"profile of {spec.name or 'the author'} from _config.yml")
    imp.web.permalinks.update({"/": "index", "/about/": "index"})
    if "google_scholar_stats_use_cdn" in config:
        report.left_out("_config.yml", "Google Scholar statistics fetched from a CDN at view time are not shown "
                                       "(no third-party request); `sphinx-researcher metrics` can store counts")

    pages = root / "_pages"
    about = home_page_path(root)
    others = sorted(p for p in pages.glob("*.md") if p != about) if pages.is_dir() else []
    # Pages may also sit at the top of the repository (zh.md with "permalink: /zh/"): Jekyll
    # serves any Markdown file with front matter; README and the like have none.
    others += sorted(p for p in root.glob("*.md") if p != about and p.stem.upper() not in _NOT_PAGES
                     and re.match(r"^---\s*\n(?:.*\n)*?permalink:", read_text(p)))
    if not about.is_file():
        report.left_out("_pages/about.md", "no home page in the source")
        return
    spec.pages["index"] = home_page(imp, about, spec.name)
    if cjk_share(read_text(about)) > 0.3:
        spec.language = "zh_CN"
        report.changed(page_ref(about, root), "the home page is written in Chinese: language = 'zh_CN' (dates and "
                                              "labels in Chinese)")
    for other in others:
        match = _LANG_PAGE.match(other.stem)
        page = read_page(root, other, report)
        link = text_value(page.meta.get("permalink"))
        if match or "about" in other.stem or link.strip("/") in ("zh", "cn", "en"):
            code = (match.group(1).lower() if match else link.strip("/") or other.stem)[:2]
            code = "zh" if code in ("cn", "ch") else code
            docname = spec.add_page(code, home_page(imp, other, spec.name, language_page=code), nav=True)
            if link:
                imp.web.permalinks[link] = docname
            report.done(f"second-language page `{page.path}` → `{docname}.md`")
        elif other.suffix == ".md":
            from .common import convert_page

            docname = spec.add_page(page_name(other.stem),
                                    convert_page(imp, page.path, other.stem.title()), nav=True)
            report.done(f"page `{page.path}` → `{docname}.md`")
    nav = read_yaml_file(root, "_data/navigation.yml", report) or {}
    anchors = [text_value(i.get("title")) for i in (nav.get("main") or []) if isinstance(i, dict)] \
        if isinstance(nav, dict) else []
    if anchors:
        report.changed("_data/navigation.yml", f"the menu of in-page anchors ({', '.join(anchors)}) is the section "
                                               "list of the home page now; the top bar links pages")


def page_ref(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _sections(text: str) -> list[tuple[str, int, str]]:
    """(heading, line offset, body) for each top-level (``#``) section; the part before is ''."""
    out: list[tuple[str, int, str]] = []
    heading, start = "", 0
    buffer: list[str] = []
    in_fence = False
    for index, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = re.match(r"^#\s+(.*?)\s*#*\s*$", line) if not in_fence else None
        if match:
            out.append((heading, start, "\n".join(buffer)))
            heading, start, buffer = match.group(1), index, []
            continue
        buffer.append(line)
    out.append((heading, start, "\n".join(buffer)))
    return out


def _items(body: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Top-level bullets (line offset, text) and the other lines of a section. A bullet goes on
    over indented lines and over lines right below it (Markdown's lazy continuation); HTML
    ``<li>`` items with no Markdown bullets around are read as bullets too."""
    lines = body.split("\n")
    if not any(_BULLET.match(line) for line in lines) and re.search(r"<li\b", body, re.I):
        lines = [re.sub(r"^\s*<li[^>]*>(.*?)(?:</li>)?\s*$", r"- \1", line, flags=re.I) for line in lines]
        lines = [re.sub(r"</?(?:em|i)>", "*", re.sub(r"</?(?:strong|b)>", "**", line)) if line.startswith("- ")
                 else line for line in lines]
    items: list[tuple[int, str]] = []
    rest: list[tuple[int, str]] = []
    open_item = False
    for index, line in enumerate(lines):
        if _BULLET.match(line):
            items.append((index, _BULLET.sub("", line, count=1)))
            open_item = True
            continue
        continues = line.startswith((" ", "\t")) or not re.match(r"^\s*(?:#|<|\||>|```|~~~|\d+[.)]\s)", line)
        if open_item and line.strip() and continues:
            items[-1] = (items[-1][0], items[-1][1] + "\n" + line.strip())
            continue
        open_item = bool(line.strip()) and open_item
        rest.append((index, line))
    return items, rest


def _in_place(lines: list[tuple[int, str]]) -> str:
    """Lines put back at their own line numbers (the items between them blank), for the report."""
    out = [""] * (max((i for i, _t in lines), default=-1) + 1)
    for index, text in lines:
        out[index] = text
    return "\n".join(out)


_LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ja": "日本語", "ko": "한국어", "fr": "Français", "de": "Deutsch",
                   "es": "Español", "pt": "Português", "ru": "Русский", "it": "Italiano"}


def cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters) if letters else 0.0


def home_page(imp: Import, path: Path, name: str, language_page: str = "") -> str:
    report, root = imp.report, imp.source
    page = read_page(root, path, report)
    lines = LineMap(page.path, page.body_line)  # pieces from {% include_relative %} keep their own file:line
    text = expand_liquid(page.body, page.body_line, page.path, report, include_root=path.parent, source_root=root,
                         line_map=lines)
    style = DateStyle.of(text)
    out: list[str] = []
    title = text_value(page.meta.get("title")) or (name if not language_page else "")
    pieces = _sections(text)
    for heading, offset, body in pieces:
        first = offset + 1 if heading else offset  # 0-based line of the body in the expanded text
        where = lines.where(offset)
        rel, line = lines.locate(first)
        clean = re.sub(r"^[^\w(（]+", "", heading, flags=re.U).strip() or heading.strip()
        if not heading:
            intro = to_myst(body, imp.web, rel, line).strip()
            intro = normalise_headings(intro, top=2)
            if not language_page:
                out.append(directive_block("profile", intro))
            else:
                out.append(intro)
            continue
        out.append(f"## {escape_text(clean)}\n")
        if _PUBS.search(heading) and ("paper-box" in body or _MD_LINK.search(body)):
            out.append(publications(imp, body, functools.partial(_shifted, lines, first), where))
            continue
        items, rest = _items(body)
        dated = []
        for item_offset, item in items:
            split = split_leading_date(item, style)
            dated.append((item_offset, item, split))
        is_news = bool(_NEWS.search(heading))
        if items and all(split for _o, _i, split in dated):
            entries = []
            for item_offset, item, split in dated:
                assert split is not None
                parsed, rest_text = split
                item_rel, item_line = lines.locate(first + item_offset)
                item_where = f"{item_rel}:{item_line}"
                note_date(imp, item_where, item[: len(item) - len(rest_text)], parsed, style)
                when = parsed.start.date.iso() if is_news else parsed.text()  # a news item has one date
                body_md = to_myst(rest_text, imp.web, item_rel, item_line).strip()
                entries.append((when, _flat(body_md)))
            directive = "news" if is_news else "timeline"
            rest_md = to_myst(_in_place(rest), imp.web, rel, line).strip()
            if rest_md:
                out.append(normalise_headings(rest_md, top=3))
            out.append(dated_block(directive, entries))
            report.done(f"{len(entries)} {'news item' if is_news else 'dated entry'}(s) of '{clean}' "
                        f"(`{where}`) → {{{directive}}}")
            continue
        if is_news and items:
            undated = [lines.where(first + o) for o, _i, s in dated if not s]
            report.changed(where, f"news without a readable date ({', '.join(undated)}) kept as a plain list")
        converted = normalise_headings(to_myst(body, imp.web, rel, line), top=3)
        if converted.strip():
            out.append(converted)
        else:
            out.pop()  # a section left empty (a visitor map, say): no heading either
    if not title and language_page:
        title = _LANGUAGE_NAMES.get(language_page, language_page)
    heading = f"# {escape_text(title or 'Home')}\n\n"
    return heading + "\n\n".join(piece.strip() for piece in out if piece.strip()) + "\n"


def _shifted(lines: LineMap, first: int, offset: int) -> tuple[str, int]:
    return lines.locate(first + offset)


def _flat(markdown: str) -> str:
    """A news or timeline item's text: one paragraph (continuation lines indented by the caller)."""
    lines = [line for line in markdown.split("\n")]
    return "\n".join(re.sub(r"^#{1,6}\s+", "", line) for line in lines).strip()


def publications(imp: Import, body: str, locate: Callable[[int], tuple[str, int]], where_section: str) -> str:
    """Paper boxes and ``- [Title](url), authors, **VENUE YEAR**`` lines → papers.bib entries,
    one ``{publications}`` list per sub-heading (``## 🎙 Speech Synthesis``), in the source's groups."""
    out: list[str] = []
    total = 0
    groups: list[tuple[str, int, list[str]]] = [("", 0, [])]
    for index, line in enumerate(body.split("\n")):
        sub = re.match(r"^#{2,6}\s+(.*?)\s*#*\s*$", line)
        if sub:
            groups.append((sub.group(1), index + 1, []))
        else:
            groups[-1][2].append(line)
    for heading, first, lines in groups:
        keys, leftover = _papers(imp, "\n".join(lines), functools.partial(_offset, locate, first))
        total += len(keys)
        if heading and (keys or leftover):
            out.append(f"### {escape_text(heading)}\n")
        if leftover:
            out.append(leftover)
        if keys:
            out.append(f"```{{publications}}\n:filter: key={','.join(keys)}\n```\n")
    # A key= filter lists the papers in the order written, as the old page had them.
    imp.report.done(f"{total} publication(s) of `{where_section}` → `papers.bib` and {{publications}}")
    return "\n\n".join(piece.strip("\n") for piece in out) + "\n"


def _offset(locate: Callable[[int], tuple[str, int]], first: int, offset: int) -> tuple[str, int]:
    return locate(first + offset)


def _papers(imp: Import, text: str, locate: Callable[[int], tuple[str, int]]) -> tuple[list[str], str]:
    keys: list[str] = []
    consumed: list[tuple[int, int]] = []
    for match in re.finditer(r"<div\s+class=['\"]paper-box['\"]", text):
        if consumed and match.start() < consumed[-1][1]:
            continue
        end = _div_end(text, match.start())
        consumed.append((match.start(), end))
        where = "{}:{}".format(*locate(text.count("\n", 0, match.start())))
        entry = _paper_box(imp, text[match.start():end], where)
        if entry:
            keys.append(_add(imp, entry))
    remaining = text
    for start, end in reversed(consumed):
        remaining = remaining[:start] + "\n" * text.count("\n", start, end) + remaining[end:]
    remaining = _bare_papers(imp, remaining, locate, keys)
    items, rest = _items(remaining)
    for offset, item in items:
        entry = _paper_line(imp, item, "{}:{}".format(*locate(offset)))
        if entry:
            keys.append(_add(imp, entry))
    leftover = _in_place(rest)
    leftover_md = ""
    if re.search(r"\w", re.sub(r"<[^>]+>", "", leftover)) or re.search(r"<(?:script|iframe|img)\b", leftover):
        rel, line = locate(0)
        leftover_md = normalise_headings(to_myst(leftover, imp.web, rel, line).strip(), top=4)
    return keys, leftover_md


_BOLD_LINE = re.compile(r"^\s*(?:\*\*[^*]+\*\*|\[\*\*[^*]+\*\*\]\([^)]*\)|\*\*\[[^\]]+\]\([^)]*\)\*\*)\s*\\?\s*$")


def _bare_papers(imp: Import, text: str, locate: Callable[[int], tuple[str, int]], keys: list[str]) -> str:
    """Papers written like a paper box's text but outside one: a bold title line, then authors, a
    venue with its year and links, up to the next blank-separated bold title. Read the same way."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _BOLD_LINE.match(line) and (i == 0 or not lines[i - 1].strip())]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        for index in range(start + 1, stop):
            if re.match(r"^\s*(?:#|<div|- |\* )", lines[index]):
                stop = index
                break
        block = "\n".join(lines[start:stop])
        if not re.search(r"(?:19|20)\d\d", block) or len([x for x in lines[start:stop] if x.strip()]) < 2:
            continue
        where = "{}:{}".format(*locate(start))
        chunk = f"<div class='paper-box'><div class='paper-box-text' markdown=\"1\">\n\n{block}\n\n</div></div>"
        entry = _paper_box(imp, chunk, where)
        if entry is None:
            continue
        entry.fields.pop("selected", None)
        keys.append(_add(imp, entry))
        for index in range(start, stop):
            lines[index] = ""
    return "\n".join(lines)


def _div_end(text: str, start: int) -> int:
    depth = 0
    for match in re.finditer(r"<div\b|</div\s*>", text[start:]):
        depth += 1 if match.group().startswith("<div") else -1
        if depth == 0:
            return start + match.end()
    return len(text)


_LINK_FIELDS = {"code": "code", "github": "code", "project": "html", "page": "html", "website": "html",
                "homepage": "html", "pdf": "pdf", "paper": "pdf", "slides": "slides", "video": "video",
                "poster": "poster", "arxiv": "arxiv", "demo": "demo", "blog": "blog", "dataset": "dataset",
                "data": "dataset", "models": "models", "supp": "supp", "supplementary": "supp"}
_STARS = re.compile(r"img\.shields\.io/github/stars/([\w.-]+/[\w.-]+)")


def _clean(fragment: str) -> str:
    """Markup-free text of a Markdown/HTML fragment (marks such as * and † kept)."""
    text = re.sub(r"<sup>\s*(.*?)\s*</sup>", r"\1", fragment, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = text.replace("\\*", "*").replace("\\", " ")
    return " ".join(text.replace("**", "").replace("__", "").split())


def _bold_parts(fragment: str) -> list[str]:
    return [_clean(next(g for g in m.groups() if g is not None)) for m in _BOLD.finditer(fragment)] + \
        [_clean(m.group(1)) for m in re.finditer(r"<span[^>]*style=[^>]*>(.*?)</span>", fragment, re.S)]


def _remember_me(imp: Import, names: list[str]) -> None:
    for name in names:
        name = name.strip(" *†#,")
        if name and len(name) < 60 and name != imp.spec.name and name not in imp.spec.name_variants:
            imp.spec.name_variants.append(name)


def _authors_line(line: str) -> list[str]:
    text = _clean(line)
    parts = re.split(r"\s*,\s*|\s+and\s+|\s*，\s*|\s*、\s*|\s*;\s*", text)
    names = []
    for part in parts:
        part = re.sub(r"^and\s+", "", part.strip())
        # "Jie Zhang [the corresponding author]", "(equal contribution)": the marks the project knows
        note = re.search(r"\s*[\[(]([^\])]*)[\])]\s*$", part)
        if note:
            words = note.group(1).lower()
            part = part[: note.start()] + ("†" if "correspond" in words else "*" if "equal" in words else "")
        if part.strip(" .") and part.strip() not in ("et al.", "etc.", "...", "…"):
            names.append(" ".join(part.split()))
    return names


def _is_link_row(line: str) -> bool:
    bare = _MD_LINK.sub("", re.sub(r"<[^>]+>", "", line))
    return bool(_MD_LINK.search(line) or "<a " in line) and not re.search(r"[A-Za-z]{3}", bare.replace("|", ""))


def _paper_box(imp: Import, chunk: str, where: str) -> BibEntry | None:
    soup = BeautifulSoup(chunk, "html.parser")
    badge = soup.find(class_="badge")
    venue = badge.get_text(" ", strip=True) if isinstance(badge, Tag) else ""
    image = soup.find("img", src=lambda v: bool(v) and "shields.io" not in v)
    text_div = soup.find(class_="paper-box-text")
    if isinstance(text_div, Tag):
        for comment in text_div.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()  # "<!-- [[**Code**]]() -->": not shown, so not a link either
    inner = html.unescape(text_div.decode_contents()) if isinstance(text_div, Tag) else ""
    lines = [line.strip() for line in inner.split("\n") if line.strip()]
    if not lines:
        imp.report.left_out(where, "paper box without text")
        return None
    title_match = _TITLE_LINK.search(lines[0])
    title, url = (title_match["text"], title_match["url"]) if title_match else (_clean(lines[0]).strip("# "), "")
    title = _clean(title)
    author_line = next((line for line in lines[1:] if not _is_link_row(line) and not line.startswith(("- ", "* "))),
                       "")
    authors = _authors_line(author_line)
    _remember_me(imp, _bold_parts(author_line))
    links: dict[str, str] = {}
    notes = []
    for line in lines[1:]:
        if line == author_line:
            continue
        if line.startswith(("- ", "* ")):
            notes.append(_clean(line[2:]))
            continue
        for match in _MD_LINK.finditer(line):
            label = re.sub(r"[*_`\[\]]", "", match["text"]).strip().lower()
            field = _LINK_FIELDS.get(label, "")
            if field and field not in links:
                links[field] = match["url"]
            elif not field:
                imp.report.changed(where, f"link {label!r} of a paper box is not kept (no field for it)")
    stars = _STARS.search(chunk)
    if stars and "code" not in links:
        links["code"] = f"https://github.com/{stars.group(1)}"
        imp.report.changed(where, f"GitHub stars badge of {stars.group(1)}: kept as the Code link (no request to "
                                  "shields.io)")
    if soup.find_all(["span", "strong"], class_=re.compile("citation|show_paper")):
        imp.report.left_out(where, "a citation count filled in by a script at view time is not shown")
    year, short = _venue_year(venue)
    if not year:  # "Preprint" on the badge, "Preprint, 2025" on a line of the box
        venue_line = next((_clean(line) for line in lines[1:] if line != author_line and not _is_link_row(line)
                           and len(_clean(line)) < 80 and _venue_year(line)[0]), "")
        year, short_line = _venue_year(venue_line)
        if year:
            venue, short = venue_line, short or short_line
    if not year:
        found = re.search(r"(?:19|20)\d\d", title + " " + url)
        year = found.group() if found else ""
    if not year:
        imp.report.left_out(where, f"paper {title!r}: no year in its badge {venue!r} or text; not in papers.bib")
        return None
    values: dict[str, str] = {"title": title, "year": year}
    if short:
        values["abbr"] = short
    if venue:
        values["howpublished"] = venue
    if url:
        values["pdf" if url.lower().endswith(".pdf") else "url"] = url
    values.update(links)
    for field_name in list(values):  # links to the site's own files: a PDF is copied, others reported
        value = values[field_name]
        if field_name in ("title", "year", "abbr", "howpublished", "preview") or re.match(r"^(\w+:|//|#)", value):
            continue
        local = imp.web.local_file(value)
        values.pop(field_name)
        if local and local.lower().endswith(".pdf") and "pdf" not in values:
            values["pdf"] = imp.web.copy(local)
        else:
            why = "a local file that is not a PDF" if local else "a file the source does not have"
            imp.report.left_out(where, f"paper {title!r}: {field_name} link {value!r} is {why}")
    if notes:
        values["note"] = " ".join(notes)
    if isinstance(image, Tag):
        src = str(image["src"])
        local = imp.web.local_file(src)
        if local:
            values["preview"] = imp.web.copy(local)
        elif re.match(r"^(https?:)?//", src):
            imp.report.left_out(where, f"remote paper image {src} is not loaded from another host")
        else:
            imp.report.left_out(where, f"paper image {src!r} is named but the source has no such file")
    values["selected"] = "true"
    return BibEntry.from_text(author_key(authors, year, title), "inproceedings" if short else "misc", where,
                              {"author": authors} if authors else None, **values)


def _venue_year(text: str) -> tuple[str, str]:
    """("2024", "ICML") from "ICML 2024" / "CVPR'24"-less forms; ("", "") if there is no year."""
    match = _VENUE_YEAR.match(_clean(text))
    if not match:
        return "", ""
    return match["year"], match["venue"].strip(" ,'’")


def _plain(text: str) -> str:
    return _clean(text)


def _paper_line(imp: Import, item: str, where: str) -> BibEntry | None:
    match = _MD_LINK.search(item)
    if not match:
        imp.report.changed(where, f"publication line without a title link kept out of the list: {item[:60]!r}")
        return None
    title, url = _clean(match["text"]), match["url"]
    before, after = item[: match.start()], item[match.end():]
    venue = ""
    code = re.search(r"`+([^`]+?)`+", before)
    if code:
        venue = code.group(1).strip()
    bold = [m for m in _BOLD.finditer(after)]
    venue_bold = next((m for m in reversed(bold) if _venue_year(next(g for g in m.groups() if g))[0]), None)
    if venue_bold and not venue:
        venue = _clean(next(g for g in venue_bold.groups() if g))
    authors_text = after[: venue_bold.start()] if venue_bold else after
    authors = _authors_line(authors_text.strip(" ,."))
    _remember_me(imp, [_clean(next(g for g in m.groups() if g)) for m in bold if m is not venue_bold])
    year, short = _venue_year(venue)
    if not year:
        found = re.search(r"(?:19|20)\d\d", item)
        year = found.group() if found else ""
    if not year:
        imp.report.left_out(where, f"paper {title!r}: no year; not in papers.bib")
        return None
    values = {"title": title, "year": year, "howpublished": venue}
    if short:
        values["abbr"] = short
    values["pdf" if url.lower().endswith(".pdf") else "url"] = url
    return BibEntry.from_text(author_key(authors, year, title), "inproceedings" if venue else "misc", where,
                              {"author": authors} if authors else None, **values)


def _add(imp: Import, entry: BibEntry) -> str:
    """The key of ``entry`` in the site's papers (the same paper on two language pages is one entry)."""
    title = normalise_title(entry.fields.get("title", ""))
    for existing in imp.papers:
        if normalise_title(existing.fields.get("title", "")) == title and title:
            return existing.key
    keys = {p.key.lower() for p in imp.papers}
    base, n = entry.key, 1
    while entry.key.lower() in keys:
        n += 1
        entry.key = f"{base}{chr(ord('a') + n - 1)}" if n <= 26 else f"{base}-{n}"
    if n > 1:
        imp.report.renamed(entry.origin, f"BibTeX key {base!r} is taken by another paper; this one is {entry.key!r}")
    imp.papers.append(entry)
    return entry.key
