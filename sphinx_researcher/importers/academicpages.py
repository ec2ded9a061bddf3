"""academicpages: ``_config.yml`` author block, ``_pages/``, ``_publications/``, ``_talks/``,
``_teaching/``, ``markdown_generator/*.tsv``, ``_data/navigation.yml`` → a researcher site."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .bibtex_out import BibEntry, author_key, slug_key
from .common import (
    Import,
    collection_files,
    collection_page,
    convert_page,
    date_of,
    dated_block,
    one_paragraph,
    page_markdown,
    profile_links,
    profile_photo,
    titled,
)
from .jekyll import as_dict, home_page_path, read_page, read_text, read_yaml_file, text_value
from .markdown import escape_text
from .outfiles import inside
from .site import page_name

_CATEGORY_TYPES = {"books": "book", "book": "book", "manuscripts": "article", "journal": "article",
                   "journals": "article", "conferences": "inproceedings", "conference": "inproceedings",
                   "thesis": "phdthesis", "preprints": "misc", "preprint": "misc"}
_VENUE_FIELD = {"article": "journal", "inproceedings": "booktitle", "book": "publisher", "phdthesis": "school",
                "misc": "howpublished"}


def detect(source: Path) -> int:
    score = 0
    score += 2 * any((source / d).is_dir() for d in ("_publications", "_talks", "_teaching"))
    score += (source / "markdown_generator").is_dir()
    config = (source / "_config.yml")
    if config.is_file() and "academicpages" in read_text(config).lower():
        score += 2
    return score


def convert(imp: Import) -> None:
    report, spec, root = imp.report, imp.spec, imp.source
    config = as_dict(read_yaml_file(root, "_config.yml", report))
    author = as_dict(config.get("author"))
    name = text_value(author.get("name")) or text_value(config.get("name")) or text_value(config.get("title"))
    spec.name = name
    spec.title = text_value(config.get("title")) or name
    imp.web.url = text_value(config.get("url"))
    imp.web.baseurl = text_value(config.get("baseurl"))
    spec.language = (text_value(config.get("locale")) or "en").split("-")[0]
    profile: dict[str, Any] = {"role": text_value(author.get("bio")), "affiliation": text_value(author.get("employer")),
                               "location": text_value(author.get("location")),
                               "email": text_value(author.get("email"))}
    photo = profile_photo(author, "_config.yml", imp, ("", "images/"))
    if photo:
        profile["photo"] = photo
    profile["links"] = profile_links(author, "_config.yml", imp)
    spec.profile = profile
    report.progress(f"profile of {name or 'the author'} from _config.yml")

    permalinks = {"/": "index", "/publications/": "publications", "/talks/": "talks", "/teaching/": "teaching",
                  "/cv/": "cv", "/portfolio/": "portfolio", "/year-archive/": "posts", "/about/": "index"}
    imp.web.permalinks.update(permalinks)
    for path in sorted((root / "_pages").glob("*.md")) if (root / "_pages").is_dir() else []:
        page = read_page(root, path, report)
        link = text_value(page.meta.get("permalink"))
        if link and path.stem not in ("about", "cv"):
            imp.web.permalinks.setdefault(link, page_name(path.stem))

    papers(imp)
    talks = dated_collection(imp, "_talks", "talks", "Talks")
    teaching = dated_collection(imp, "_teaching", "teaching", "Teaching")

    made: dict[str, str] = {}
    if imp.papers:
        listing = titled("Publications", "```{publications}\n:group-by: year\n```")
        made["publications"] = spec.add_page("publications", listing, nav=False)
    if talks:
        made["talks"] = spec.add_page("talks", talks, nav=False)
    if teaching:
        made["teaching"] = spec.add_page("teaching", teaching, nav=False)
    for folder, docname, title in (("_portfolio", "portfolio", "Portfolio"), ("_posts", "posts", "Blog posts")):
        text = collection_page(imp, folder, title)
        if text:
            made[docname] = spec.add_page(docname, text, nav=False)
            report.done(f"{len(collection_files(root, folder))} item(s) of `{folder}/` → `{docname}.md`")

    def loop(args: str, where: str) -> str | None:
        collection = re.search(r"site\.(\w+)", args)
        name = collection.group(1) if collection else ""
        if name == "publications" and imp.papers:
            return "\n```{publications}\n```\n"
        if name in ("talks", "teaching") and name in made:
            block = re.search(r"```\{timeline\}.*?```", spec.pages[made[name]], re.DOTALL)
            if block:
                report.changed(where, f"the Liquid loop over site.{name} is the same list as `{made[name]}.md`")
                return "\n" + block.group() + "\n"
        return None

    about = home_page_path(root)
    if about.is_file():
        page = read_page(root, about, report)
        body = page_markdown(imp, page, loop_handler=loop)
        title = escape_text(name or text_value(page.meta.get("title")) or "Home")
        lead = text_value(page.meta.get("title"))
        intro = f"*{escape_text(lead)}*\n\n" if lead and lead != name else ""
        spec.pages["index"] = f"# {title}\n\n```{{profile}}\n```\n\n{intro}{body}"
    else:
        spec.pages["index"] = f"# {escape_text(name or 'Home')}\n\n```{{profile}}\n```\n"
        report.left_out("_pages/about.md", "no home page in the source; the new one shows the profile only")
    if (root / "_pages" / "cv.md").is_file():
        made["cv"] = spec.add_page("cv", convert_page(imp, "_pages/cv.md", "CV", loop_handler=loop), nav=False)
    elif (root / "_data" / "cv.json").is_file():
        report.left_out("_data/cv.json", "the JSON CV is not converted (no `_pages/cv.md`); write cv.md by hand")
    for path in sorted((root / "_pages").iterdir()) if (root / "_pages").is_dir() else []:
        stem = path.stem
        if stem in ("cv", "404") or path == about or stem.startswith("about-") or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() in (".md", ".markdown"):
            docname = page_name(stem)
            if docname in made or docname in ("publications", "talks", "teaching", "portfolio", "posts"):
                continue
            made[docname] = spec.add_page(docname, convert_page(imp, rel, stem.replace("-", " ").title()), nav=False)
        elif path.suffix.lower() == ".html" and page_name(stem) not in made:
            report.left_out(rel, "an HTML page (layout code, not content) is not converted")
    navigation(imp, made)
    report.done(f"profile, {len(spec.pages)} page(s), navigation order from `_data/navigation.yml`")


def navigation(imp: Import, made: dict[str, str]) -> None:
    nav = read_yaml_file(imp.source, "_data/navigation.yml", imp.report) or {}
    order: list[str] = []
    for item in nav.get("main", []) or [] if isinstance(nav, dict) else []:
        if not isinstance(item, dict):
            continue
        url = text_value(item.get("url"))
        docname = imp.web.page_for(url) if url else None
        if docname and docname in imp.spec.pages and docname != "index":
            if docname not in order:
                order.append(docname)
        else:
            imp.report.left_out("_data/navigation.yml", f"menu item {text_value(item.get('title'))!r} ({url}) names "
                                                        "a page the import did not make")
    rest = [d for d in imp.spec.pages if d != "index" and d not in order]
    if order:  # the menu lists what it lists; the other pages are reached through links, as before
        imp.spec.nav = order
        imp.spec.orphans = rest
        for docname in rest:
            imp.report.changed(f"{docname}.md", "not in the old menu (_data/navigation.yml): not in the new one")
    else:
        imp.spec.nav = rest


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [text_value(v) for v in value if text_value(v)]
    text = text_value(value)
    if not text:
        return []
    parts = re.split(r"\s*(?:;|\band\b|&)\s*|,\s*(?=[^,]+(?:,|$))", text)
    return [" ".join(p.split()) for p in parts if p and p.strip(" ,")]


def _from_citation(citation: str) -> list[str]:
    """The authors at the start of academicpages' ``citation`` text ("A, B, and C. (2024). …" or
    IEEE's 'A. B, C. D and E. F, "Title," …'), when they can be told apart."""
    text = html.unescape(re.sub(r"<[^>]+>", "", citation))
    match = re.match(r"^(.*?)\s*\(\s*\d{4}[a-z]?\s*\)", text) or re.match(r"^(.*?),?\s*[\"“]", text)
    if not match:
        return []
    names = match.group(1).strip().rstrip(".,")
    if not names or len(names) > 600:
        return []
    if ";" in names:
        return [n.strip() for n in names.split(";") if n.strip()]
    pieces = [p.strip() for p in re.split(r",\s*(?:and|&)\s+|\s+(?:and|&)\s+|,", names) if p.strip()]
    if len(pieces) == 2 and not re.search(r"\s(?:and|&)\s", names):
        return [f"{pieces[0]}, {pieces[1]}"]  # "Family, Given": one author
    given = r"(?:[A-Z][\w'-]*\.?\s?){1,3}"  # "Jane Q." / "J. Q." / "Wei"
    if len(pieces) % 2 == 0 and all(re.fullmatch(given, p) for p in pieces[1::2]) \
            and not any("." in p for p in pieces[0::2]) and all(len(p.split()) == 1 for p in pieces[0::2]):
        return [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2)]  # "Family, Given" pairs
    return pieces


def papers(imp: Import) -> None:
    report, root = imp.report, imp.source
    files = collection_files(root, "_publications")
    seen_titles: set[str] = set()
    for path in files:
        page = read_page(root, path, report)
        meta = page.meta
        where = f"{page.path}:1"
        title = text_value(meta.get("title"))
        if not title:
            report.left_out(where, "publication without a title")
            continue
        written = meta.get("date") or meta.get("year") or _file_date(path)
        parsed = date_of(written, page.where("date" if "date" in meta else "year"), imp)
        year = parsed.start.date.year if parsed else None
        if year is None:
            report.left_out(where, f"publication {title!r} has no date or year; not in papers.bib")
            continue
        month = parsed.start.date.month if parsed else None
        category = text_value(meta.get("category")).lower()
        entry_type = _CATEGORY_TYPES.get(category, "misc")
        venue = text_value(meta.get("venue")) or text_value(meta.get("journal"))
        authors = _authors(meta.get("authors") or meta.get("author"))
        citation = text_value(meta.get("citation"))
        if not authors and citation:
            authors = _from_citation(citation)
            if authors:
                report.guess(where, f"authors of {title!r} read from its citation text: {', '.join(authors)}")
        paper_url = text_value(meta.get("paperurl")) or text_value(meta.get("paper_url"))
        slides = text_value(meta.get("slidesurl"))
        values: dict[str, str] = {"title": html.unescape(title), "year": str(year)}
        if month:
            values["month"] = str(month)
        if venue:
            values[_VENUE_FIELD[entry_type]] = html.unescape(venue)
        for field_name, url in (("pdf", paper_url), ("slides", slides)):
            if url:
                name = field_name if url.lower().endswith(".pdf") or field_name == "slides" else "url"
                values[name] = _url(imp, url, where)
        excerpt = text_value(meta.get("excerpt"))
        if excerpt:
            values["abstract"] = html.unescape(re.sub(r"<[^>]+>", "", excerpt))
        if meta.get("bibtexurl"):
            report.changed(where, "bibtexurl: the paper's BibTeX is now written from papers.bib by the site itself")
        if text_value(meta.get("selected")).lower() in ("true", "yes"):
            values["selected"] = "true"
        key = slug_key(path.stem[11:] if re.match(r"\d{4}-\d{2}-\d{2}-", path.stem) else path.stem)
        key = author_key(authors, year, title) if authors else key
        body = page.body.strip()
        if body and not excerpt:
            report.changed(where, "the publication page's own text is not in the list (use the abstract field)")
        entry = BibEntry.from_text(key, entry_type, where, {"author": authors} if authors else None, **values)
        seen_titles.add(" ".join(title.lower().split()))
        imp.papers.append(entry)
    tsv = root / "markdown_generator" / "publications.tsv"
    if tsv.is_file() and _readable(imp, tsv):
        added = 0
        for number, row in _tsv_rows(tsv):
            title = (row.get("title") or "").strip()
            if not title or " ".join(title.lower().split()) in seen_titles:
                continue
            where = f"markdown_generator/publications.tsv:{number}"
            parsed = date_of(row.get("pub_date"), where, imp)
            if parsed is None:
                continue
            values = {"title": title, "year": str(parsed.start.date.year), "howpublished": row.get("venue", ""),
                      "abstract": row.get("excerpt", "")}
            if row.get("paper_url"):
                values["pdf"] = _url(imp, row["paper_url"], where)
            if row.get("slides_url"):
                values["slides"] = _url(imp, row["slides_url"], where)
            imp.papers.append(BibEntry.from_text(slug_key(row.get("url_slug") or title), "misc", where, None, **values))
            added += 1
        if added:
            report.done(f"{added} publication(s) only in `markdown_generator/publications.tsv`")
    if files:
        report.done(f"{len(files)} publication(s) of `_publications/` → `papers.bib` and `publications.md`")
    report.progress(f"{len(imp.papers)} publication(s)")


def _url(imp: Import, url: str, where: str) -> str:
    """A link of a paper: a file of the old site is copied into the new one."""
    parts, own = urlsplit(url), urlsplit(imp.web.url)
    local = imp.web.local_file(url) if not parts.scheme else None
    if local is None and parts.netloc and parts.netloc == own.netloc:  # http:// or https:// of the old site
        local = imp.web.local_file(parts.path)
    if local is not None:
        return imp.web.copy(local)
    return url


def _file_date(path: Path) -> str:
    """Jekyll's own fallback: the date a collection file's name starts with."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})-", path.name)
    return match.group(1) if match else ""


def _readable(imp: Import, path: Path) -> bool:
    """A file of the source that is in it (a symlink out of it is reported, not read)."""
    if inside(imp.source, path):
        return True
    imp.report.left_out(path.relative_to(imp.source).as_posix(), "a symlink to a file outside the source folder: "
                                                                 "not read")
    return False


def _tsv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [(reader.line_num, {k: (v or "") for k, v in row.items() if k}) for row in reader]


def dated_collection(imp: Import, folder: str, docname: str, title: str) -> str | None:
    """``_talks/`` or ``_teaching/`` as a {timeline}, one entry per file, newest first."""
    report, root = imp.report, imp.source
    files = collection_files(root, folder)
    items: list[tuple[tuple[int, int, int], str, str]] = []
    seen: set[str] = set()
    for path in files:
        page = read_page(root, path, report)
        meta = page.meta
        where = f"{page.path}:1"
        name = text_value(meta.get("title")) or path.stem
        parsed = date_of(meta.get("date") or _file_date(path), page.where("date"), imp)
        if parsed is None:
            report.left_out(where, f"{docname} entry {name!r} has no readable date")
            continue
        facts = [text_value(meta.get(k)) for k in ("type", "venue", "location")]
        line = f"**{escape_text(name)}**" + "".join(f", {escape_text(f)}" for f in facts if f)
        url = text_value(meta.get("talk_url")) or text_value(meta.get("url"))
        if url:
            line += f". [More information]({_url(imp, url, where)})"
        body = one_paragraph(page_markdown(imp, page))
        text = line + (f"\n\n{body}" if body.strip() else "")
        seen.add(" ".join(name.lower().split()))
        items.append((parsed.as_model().sort_key(), parsed.text(), text))
    tsv = root / "markdown_generator" / f"{docname}.tsv"
    if tsv.is_file() and _readable(imp, tsv):
        for number, row in _tsv_rows(tsv):
            name = (row.get("title") or "").strip()
            if not name or " ".join(name.lower().split()) in seen:
                continue
            where = f"markdown_generator/{docname}.tsv:{number}"
            parsed = date_of(row.get("date"), where, imp)
            if parsed is None:
                continue
            facts = [row.get(k, "") for k in ("type", "venue", "location")]
            line = f"**{escape_text(name)}**" + "".join(f", {escape_text(f)}" for f in facts if f)
            if row.get("talk_url"):
                line += f". [More information]({row['talk_url']})"
            items.append((parsed.as_model().sort_key(), parsed.text(), line))
    if not items:
        return None
    items.sort(key=lambda item: item[0], reverse=True)
    report.done(f"{len(items)} {docname} entr{'y' if len(items) == 1 else 'ies'} of `{folder}/` → `{docname}.md`")
    return titled(title, dated_block("timeline", [(when, text) for _k, when, text in items]))
