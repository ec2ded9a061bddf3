"""al-folio: ``_config.yml``, ``_data/socials.yml``, ``_pages/about.md`` front matter, ``_news/``,
``_bibliography/papers.bib``, ``_data/cv.yml`` or ``assets/json/resume.json``, other ``_pages/``."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from ..model.links import is_safe_url
from . import coauthors
from .alfolio_pages import Pages
from .bibtex_out import decode_bib, read_bib
from .common import (
    Import,
    collection_files,
    collection_page,
    date_of,
    dated_block,
    directive_block,
    page_markdown,
    titled,
)
from .dates import DateStyle
from .jekyll import (
    as_dict,
    home_page_path,
    read_page,
    read_text,
    read_yaml_file,
    text_value,
    yaml_where,
)
from .markdown import convert as to_myst
from .markdown import escape_text
from .outfiles import inside
from .site import page_name

# socials.yml (and older _config.yml) keys → profile link services; "{}" is the id.
SOCIALS: dict[str, tuple[str, str]] = {
    "scholar_userid": ("scholar", "{}"), "github_username": ("github", "{}"), "orcid_id": ("orcid", "{}"),
    "x_username": ("x", "{}"), "twitter_username": ("x", "{}"), "linkedin_username": ("linkedin", "{}"),
    "bluesky_url": ("bluesky", "{}"), "mastodon_username": ("mastodon", "{}"), "gitlab_username": ("gitlab", "{}"),
    "dblp_url": ("dblp", "{}"), "semanticscholar_id": ("semanticscholar", "{}"),
    "research_gate_profile": ("researchgate", "{}"), "openreview_id": ("openreview", "{}"),
    "youtube_id": ("youtube", "https://youtube.com/@{}"), "inspirehep_id": ("INSPIRE", "https://inspirehep.net/authors/{}"),
    "acm_id": ("ACM DL", "https://dl.acm.org/profile/{}"), "ieee_id": ("IEEE Xplore", "https://ieeexplore.ieee.org/author/{}"),
    "wikipedia_id": ("Wikipedia", "https://wikipedia.org/wiki/User:{}"), "scopus_id": ("Scopus",
    "https://www.scopus.com/authid/detail.uri?authorId={}"), "publons_id": ("Web of Science",
    "https://www.webofscience.com/wos/author/record/{}"), "researcherid": ("ResearcherID",
    "https://www.researcherid.com/rid/{}"), "medium_username": ("Medium", "https://medium.com/@{}"),
    "kaggle_id": ("Kaggle", "https://www.kaggle.com/{}"), "stackoverflow_id": ("Stack Overflow",
    "https://stackoverflow.com/users/{}"), "instagram_id": ("Instagram", "https://instagram.com/{}"),
    "facebook_id": ("Facebook", "https://facebook.com/{}"), "spotify_id": ("Spotify", "https://open.spotify.com/user/{}"),
    "unsplash_id": ("Unsplash", "https://unsplash.com/@{}"), "work_url": ("website", "{}"),
    "blogger_url": ("Blog", "{}"), "zotero_username": ("Zotero", "https://www.zotero.org/{}"),
    "lattes_id": ("Lattes", "http://lattes.cnpq.br/{}"), "osf_id": ("OSF", "https://osf.io/{}/"),
    "keybase_username": ("Keybase", "https://keybase.io/{}"), "discord_id": ("Discord", "https://discord.com/users/{}"),
    "telegram_username": ("Telegram", "https://telegram.me/{}"), "whatsapp_number": ("WhatsApp", "https://wa.me/{}"),
}


def detect(source: Path) -> int:
    score = 3 * (source / "_bibliography").is_dir() + 2 * (source / "_news").is_dir()
    score += 2 * (source / "_data" / "socials.yml").is_file()
    config = source / "_config.yml"
    if config.is_file():
        text = read_text(config)
        score += 2 * ("jekyll/scholar" in text or "al-folio" in text) + ("first_name" in text and "last_name" in text)
    return score


def convert(imp: Import) -> None:
    report, spec, root = imp.report, imp.spec, imp.source
    config = as_dict(read_yaml_file(root, "_config.yml", report))
    parts = [text_value(config.get(k)) for k in ("first_name", "middle_name", "last_name")]
    spec.name = " ".join(p for p in parts if p)
    title = text_value(config.get("title"))
    spec.title = spec.name if title in ("", "blank") else title
    spec.language = text_value(config.get("lang")) or "en"
    imp.web.url = text_value(config.get("url"))
    imp.web.baseurl = text_value(config.get("baseurl"))
    imp.web.search_dirs = ("assets/img",)
    scholar = as_dict(config.get("scholar"))
    last = _names(imp, scholar, "last_name")
    first = _names(imp, scholar, "first_name")
    for family in last:
        for given in first:
            spec.name_variants += [f"{given} {family}", f"{family}, {given}"]
    if spec.name_variants:
        report.done(f"your name in author lists from `scholar:` in `_config.yml` ({len(spec.name_variants)} spellings)")
    profile: dict[str, Any] = {}
    socials = read_yaml_file(root, "_data/socials.yml", report)
    links = social_links(imp, socials if isinstance(socials, dict) else config, "_data/socials.yml"
                         if isinstance(socials, dict) else "_config.yml", profile)
    profile["links"] = links
    spec.profile = profile
    imp.web.permalinks.update({"/": "index", "/publications/": "publications", "/news/": "news", "/cv/": "cv",
                               "/projects/": "projects", "/blog/": "blog"})
    pages = sorted(collection_files(root, "_pages"))
    metas = {p: read_page(root, p, report) for p in pages}
    for path, page in metas.items():
        link = text_value(page.meta.get("permalink"))
        if link and path.stem not in ("about",):
            imp.web.permalinks.setdefault(link, _page_docname(root, path))
    report.progress(f"profile of {spec.name or 'the author'}")

    bibliography(imp, config)
    extra = Pages(imp, config, metas)  # bibliography tags, profiles, projects
    extra.project_permalinks()
    news_done = news(imp)
    made: dict[str, tuple[int, str]] = {}  # docname → (nav order, title)
    about = home_page_path(root)
    spec.pages["index"] = home(imp, metas.get(about), news_done)
    if imp.papers:
        made["publications"] = (0, "publications")
        spec.pages["publications"] = titled("Publications", "```{publications}\n:group-by: year\n```")
    if news_done:
        made["news"] = (1, "news")
    for path, page in metas.items():
        stem = path.stem
        layout = text_value(page.meta.get("layout"))
        order = page.meta.get("nav_order")
        order_n = int(str(order)) if str(order).isdigit() else 99
        in_nav = page.meta.get("nav") is True or str(page.meta.get("nav")).lower() == "true"
        if path == about or stem == "404" or text_value(page.meta.get("layout")) == "redirect":
            continue
        if path in extra.consumed:  # a profile's content file, shown on its profiles page
            continue
        docname = _page_docname(root, path)
        if stem == "publications" or "{% bibliography" in page.body:
            if not extra.has_tags(page):
                if "publications" in made:
                    made["publications"] = (order_n, "publications")
                continue
            listed, only_tags = extra.bibliography_page(page, stem)
            if stem == "publications":
                if not only_tags:
                    spec.pages["publications"] = listed
                    made["publications"] = (order_n, "publications")
                elif "publications" in made:  # the tag alone: the list made above
                    made["publications"] = (order_n, "publications")
                continue
            spec.pages[docname] = listed
            if in_nav:
                made[docname] = (order_n, docname)
            else:
                spec.orphans.append(docname)
            continue
        if layout == "cv" or stem == "cv":
            text = cv(imp, page)
            if text:
                spec.pages["cv"] = text
                made["cv"] = (order_n, "cv")
            continue
        if stem == "projects" or "site.projects" in page.body:
            text = collection_page(imp, "_projects", text_value(page.meta.get("title")).title() or "Projects")
            if text:
                spec.pages[docname] = text
                made[docname] = (order_n, docname)
                report.changed(f"{page.path}:{page.body_line}", "the Liquid loop over `_projects/` is written out "
                                                               "as one section per project")
            continue
        if layout == "profiles":
            spec.pages[docname] = extra.profiles_page(page)
            if in_nav:
                made[docname] = (order_n, docname)
            else:
                spec.orphans.append(docname)
            continue
        if stem in ("news", "blog") or layout in ("archive", "book-shelf"):
            continue
        body = page_markdown(imp, page)
        name = text_value(page.meta.get("title")) or stem
        description = text_value(page.meta.get("description"))
        intro = f"*{escape_text(description)}*\n\n" if description else ""
        spec.pages[docname] = titled(escape_text(name[:1].upper() + name[1:]), intro + body)
        if in_nav:
            made[docname] = (order_n, docname)
        else:
            spec.orphans.append(docname)  # al-folio shows it only where something links to it
    if "projects" not in spec.pages:
        projects = extra.projects_without_page()
        if projects:
            spec.pages["projects"] = projects
            spec.orphans.append("projects")  # al-folio showed each only where something linked to it
    extra.main_lists_only()
    posts = collection_page(imp, "_posts", text_value(config.get("blog_name")) or "Blog")
    if posts:
        spec.pages["blog"] = posts
        made["blog"] = (98, "blog")
        report.done(f"{len(collection_files(root, '_posts'))} blog post(s) → `blog.md` (one section each)")
    spec.nav = [d for d, _v in sorted(made.items(), key=lambda item: item[1][0]) if d in spec.pages]
    report.done(f"{len(spec.pages)} page(s); navigation in `nav_order`")
    if imp.web.outside("_data/coauthors.yml"):
        report.left_out("_data/coauthors.yml", "a symlink to a file outside the source folder: not copied, no "
                                               "co-author links")
    elif (root / "_data/coauthors.yml").is_file():
        # read by the build as it is (researcher_people names al-folio's format), its links checked
        imp.extra_files[coauthors.OUT] = coauthors.coauthors_text(imp)
        spec.extra_conf["researcher_people"] = coauthors.OUT
        report.done("`_data/coauthors.yml` → `researcher_people`: co-authors link to their pages wherever their "
                    "papers are listed")
    for name, what in (("_data/venues.yml", "venue colours and links"),
                       ("_data/repositories.yml", "GitHub repository cards (fetched at view time)")):
        if (root / name).is_file():
            report.left_out(name, f"{what}: no equivalent in sphinx-researcher yet")


def _names(imp: Import, scholar: dict[str, Any], key: str) -> list[str]:
    """``scholar: last_name:`` / ``first_name:``: a name or a list of names; anything else is reported."""
    value = scholar.get(key)
    if value is None or value == "":
        return []
    values = value if isinstance(value, list) else [value]
    if all(isinstance(v, str) for v in values):
        return [v.strip() for v in values if v.strip()]
    imp.report.left_out(config_where(imp.source, key, "scholar"), f"scholar: {key}: {value!r} is not a name or a list "
                                                                  "of names; not used to find you in author lists")
    return []


def _page_docname(root: Path, path: Path) -> str:
    """``_pages/teaching.md`` → ``teaching``; a page in a subfolder keeps it (``zh/teaching``)."""
    return page_name(path.relative_to(root / "_pages").with_suffix("").as_posix())


def _docname(stem: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "page"


def social_links(imp: Import, values: dict[str, Any], rel: str, profile: dict[str, Any]) -> dict[str, str]:
    links: dict[str, str] = {}
    for key, raw in values.items():
        if key == "email":
            profile["email"] = text_value(raw)
            continue
        if key in SOCIALS:
            value = text_value(raw)
            if not value:
                continue
            service, template = SOCIALS[key]
            link = template.format(value) if not re.match(r"^https?://", value) else value
            if not _safe_link(imp, link, yaml_where(imp.source, rel, key), key):
                continue
            links[service] = link
        elif isinstance(raw, dict) and raw.get("url") and rel.endswith("socials.yml"):
            label = text_value(raw.get("title")) or key
            link = text_value(raw["url"])
            if not _safe_link(imp, link, yaml_where(imp.source, rel, "url", key), key):
                continue
            links[label] = link
            if raw.get("logo"):
                imp.report.changed(rel, f"{key}: its logo ({text_value(raw['logo'])}) is not loaded; a generic "
                                        "link icon is shown")
        elif key in ("rss_icon",):
            continue
    return links


def config_where(root: Path, key: str, within: str = "") -> str:
    """``_config.yml:line`` of a key (nested in ``within``)."""
    return yaml_where(root, "_config.yml", key, within)


def _safe_link(imp: Import, url: str, where: str, key: str) -> bool:
    """A profile link's URL may be emitted; an unsafe one (javascript:) is reported and left out."""
    if re.match(r"^[A-Za-z][\w+.-]*:", url) and not is_safe_url(url):
        imp.report.left_out(where, f"{key}: link with an unsafe URL {url!r} is left out")
        return False
    return True


def bibliography(imp: Import, config: dict[str, Any]) -> None:
    root = imp.source
    scholar = as_dict(config.get("scholar"))
    name = text_value(scholar.get("bibliography")) or "papers.bib"
    folder = text_value(scholar.get("source")).strip("/") or "_bibliography"
    path = root / folder / name
    for key, value in (("source", folder), ("bibliography", f"{folder}/{name}")):
        if (root / value).exists() and not inside(root, root / value):
            imp.report.left_out(config_where(root, key, "scholar"), f"the bibliography `{value}` is outside the "
                                                                   "source folder: not read, no publication lists")
            return
    if not path.is_file():
        found = sorted(p for p in (root / folder).glob("*.bib") if inside(root, p)) \
            if (root / folder).is_dir() else []
        if not found:
            if scholar or (root / "_pages" / "publications.md").is_file():
                imp.report.left_out(config_where(root, "bibliography", "scholar"),
                                    f"the bibliography `{folder}/{name}` is not in the source: no publication lists")
            return
        path = found[0]
    rel = path.relative_to(root).as_posix()
    text = decode_bib(path.read_bytes(), rel, imp.report)
    imp.papers = read_bib(text, rel, imp.report)
    # al-folio keeps PDFs in assets/pdf/ and previews in assets/img/publication_preview/.
    for kind, folder_name, conf in (("pdf", "assets/pdf", "researcher_pdf_dir"),
                                    ("preview", "assets/img/publication_preview", "researcher_preview_dir")):
        used = {e.fields[kind] for e in imp.papers if kind in e.fields and not re.match(r"^\w+://", e.fields[kind])}
        copied = 0
        for value in sorted(used):
            candidates = (f"{folder_name}/{value}", value.lstrip("/"))
            found_rel = next((c for c in candidates if imp.web.inside(c)), None)
            if found_rel is not None:
                imp.web.copy(found_rel)
                copied += 1
            elif any(imp.web.outside(c) for c in candidates):
                for entry in imp.papers:  # refused, and the field with it: the build would look for it too
                    if entry.fields.get(kind) == value:
                        del entry.fields[kind]
                        imp.report.left_out(entry.origin, f"BibTeX entry {entry.key!r}: {kind} file {value!r} is "
                                                          "outside the source folder; not copied, the field is "
                                                          "dropped")
        if used:
            imp.spec.extra_conf[conf] = folder_name
        if copied:
            imp.report.done(f"{copied} {kind} file(s) named in `{rel}` copied")
    imp.report.done(f"{len(imp.papers)} entr{'y' if len(imp.papers) == 1 else 'ies'} of `{rel}`")
    imp.report.progress(f"{len(imp.papers)} BibTeX entries from {rel}")


def news(imp: Import) -> bool:
    root, report, spec = imp.source, imp.report, imp.spec
    files = collection_files(root, "_news")
    items: list[tuple[tuple[int, int, int], str, str]] = []
    own: list[str] = []
    made: dict[str, str] = {}  # docname → the news file it was made from
    for path in files:
        page = read_page(root, path, report)
        where = page.where("date")
        written = page.meta.get("date") or (re.match(r"\d{4}-\d{2}-\d{2}", path.name) or [""])[0]
        parsed = date_of(written, where, imp)
        if parsed is None:
            report.left_out(where, "news item without a readable date")
            continue
        date = parsed.start.date
        inline = page.meta.get("inline")
        title = text_value(page.meta.get("title"))
        if inline is False or (inline is None and title):
            docname = _news_docname(imp, path, made)
            body = page_markdown(imp, page, out_dir="news")
            spec.pages[docname] = titled(escape_text(title or path.stem), f"*{date.iso()}*\n\n{body}")
            own.append(docname.split("/", 1)[1])
            text = f"[{escape_text(title or path.stem)}]({docname}.md)"
        else:
            body = page_markdown(imp, page).strip()
            text = re.sub(r"^#{1,6}\s+", "", body, flags=re.M)
        items.append((date.sort_key(), date.iso(), text))
    if not items:
        return False
    items.sort(key=lambda item: item[0], reverse=True)
    toc = "```{toctree}\n:hidden:\n\n" + "\n".join(f"news/{d}" for d in own) + "\n```\n\n" if own else ""
    spec.pages["news"] = titled("News", toc + dated_block("news", [(w, t) for _k, w, t in items]))
    report.done(f"{len(items)} news item(s) of `_news/` → `news.md` ({len(own)} with a page of their own)")
    return True


def _news_docname(imp: Import, path: Path, made: dict[str, str]) -> str:
    """``news/<name>`` for a post with a page of its own; one whose name is taken (the same file
    name in another folder, or differing in case) gets its folder in the name, else a number."""
    rel = path.relative_to(imp.source).as_posix()
    folders = [_docname(part) for part in path.relative_to(imp.source / "_news").parent.parts]
    candidates = [f"news/{_docname(path.stem)}", f"news/{'-'.join([*folders, _docname(path.stem)])}"]
    n = 1
    while all(c in made or c in imp.spec.pages for c in candidates):
        n += 1
        candidates.append(f"{candidates[1]}-{n}")
    docname = next(c for c in candidates if c not in made and c not in imp.spec.pages)
    if docname != candidates[0]:
        first = made.get(candidates[0], candidates[0] + ".md")
        imp.report.renamed(rel, f"the name of its page, `{candidates[0]}`, is taken by `{first}`; its page is "
                                f"`{docname}.md`")
    made[docname] = rel
    return docname


def home(imp: Import, page: Any, news_done: bool) -> str:
    spec = imp.spec
    if page is None:
        imp.report.left_out("_pages/about.md", "no home page in the source")
        return f"# {escape_text(spec.name or 'Home')}\n\n```{{profile}}\n```\n"
    meta = page.meta
    profile = as_dict(meta.get("profile"))
    image = text_value(profile.get("image"))
    if image:
        found = imp.web.local_file(image) or imp.web.local_file("assets/img/" + image)
        if found:
            spec.profile["photo"] = imp.web.copy(found)
        else:
            imp.report.left_out(page.where("image", within="profile"),
                                f"profile image {image!r}: the source has no such file")
    subtitle = text_value(meta.get("subtitle"))
    if subtitle:
        spec.profile["role"] = _plain(to_myst(subtitle, imp.web, page.path, page.line("subtitle")))
    more = text_value(profile.get("more_info"))
    if more:
        spec.profile["location"] = "; ".join(
            line.strip() for line in _plain(to_myst(more, imp.web, page.path, page.line("more_info", within="profile")),
                                            keep_lines=True).split("\n")
            if line.strip())
    body = page_markdown(imp, page)
    out = [f"# {escape_text(spec.name or 'Home')}", "", directive_block("profile", body), ""]
    announcements = as_dict(meta.get("announcements"))
    if news_done and (announcements.get("enabled", True) or meta.get("news")):
        limit = announcements.get("limit") or 5
        out += ["## News", "", "```{recent-news}", f":limit: {limit}", ":archive: news", "```", ""]
    if meta.get("selected_papers") and any(e.fields.get("selected", "").lower() in ("true", "yes")
                                           for e in imp.papers):
        out += ["## Selected publications", "", "```{publications}", ":filter: selected", "```", ""]
    if meta.get("latest_posts") and (imp.source / "_posts").is_dir():
        imp.report.changed(page.where("latest_posts"), "latest blog posts are on the blog page, not on the home page")
    return "\n".join(out)


def _plain(markdown: str, keep_lines: bool = False) -> str:
    """Converted text as a plain value (the profile's role, location): no Markdown, no entities
    (the theme escapes it; "&amp;" would show as "&amp;amp;")."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = html.unescape(re.sub(r"[*_`\\]", "", text))
    return text.strip() if keep_lines else " ".join(text.split())


# ---- CV --------------------------------------------------------------------------------------------


def cv(imp: Import, page: Any) -> str | None:
    root, report = imp.source, imp.report
    body = page_markdown(imp, page).strip()
    resume = root / "assets" / "json" / "resume.json"
    sections: list[str] = []
    if resume.is_file() and not inside(root, resume):
        report.left_out("assets/json/resume.json", "a symlink to a file outside the source folder: not read")
    elif resume.is_file():
        try:
            data = json.loads(read_text(resume))
        except json.JSONDecodeError as error:
            report.left_out(f"assets/json/resume.json:{error.lineno}", f"not valid JSON ({error.msg})")
            data = None
        if isinstance(data, dict):
            sections = resume_sections(imp, data, "assets/json/resume.json")
            if (root / "_data" / "cv.yml").is_file():
                report.changed("_data/cv.yml", "al-folio shows assets/json/resume.json when both exist; "
                                               "so does the import")
    elif (root / "_data" / "cv.yml").is_file():
        data = read_yaml_file(root, "_data/cv.yml", report)
        if isinstance(data, list):
            sections = cv_yml_sections(imp, data, "_data/cv.yml")
    pdf = text_value(page.meta.get("cv_pdf"))
    if pdf:
        local = imp.web.local_file(pdf) or imp.web.local_file("assets/pdf/" + pdf)
        if local:
            sections.insert(0, f"[Download the CV as PDF]({imp.web.copy(local)})")
        elif re.match(r"^https?://", pdf):
            sections.insert(0, f"[Download the CV as PDF]({pdf})")
        else:
            report.left_out(page.where("cv_pdf"), f"cv_pdf {pdf!r}: the source has no such file")
    if imp.papers:
        sections.append("## Publications\n\n```{publications}\n```")
    if not sections and not body:
        return None
    report.done(f"CV with {len(sections)} section(s) → `cv.md`")
    return titled("CV", "\n\n".join(([body] if body else []) + sections))


def _years(value: Any, where: str, imp: Import, style: DateStyle) -> str | None:
    text = text_value(value)
    if not text:
        return None
    parsed = date_of(text, where, imp, style)
    return parsed.text() if parsed else None


def _cv_text(value: Any, imp: Import, where: str) -> str:
    text = text_value(value)
    return " ".join(to_myst(text, imp.web, where.split(":")[0], 1).split()) if text else ""


def cv_yml_sections(imp: Import, data: list[Any], rel: str) -> list[str]:
    out = []
    style = DateStyle()
    for section in data:
        if not isinstance(section, dict):
            continue
        title = escape_text(text_value(section.get("title")) or "Section")
        kind = text_value(section.get("type"))
        contents = section.get("contents") or []
        lines = [f"## {title}", ""]
        if kind == "map":
            lines += [f"- **{_cv_text(c.get('name'), imp, rel)}**: {_cv_text(c.get('value'), imp, rel)}"
                      for c in contents if isinstance(c, dict)]
        elif kind == "time_table":
            items: list[tuple[str | None, str]] = []
            plain: list[tuple[str | None, str]] = []
            for entry in contents:
                if not isinstance(entry, dict):
                    continue
                head = ", ".join(x for x in (f"**{_cv_text(entry.get('title'), imp, rel)}**" if entry.get("title")
                                             else "", _cv_text(entry.get("institution"), imp, rel)) if x)
                details = _descriptions(entry.get("description"), imp, rel)
                text = head + (("\n" + details) if details else "")
                when = _years(entry.get("year"), f"{rel}:1", imp, style)
                (items if when else plain).append((when, text))
            if items:
                lines.append(dated_block("timeline", [(w, t) for w, t in items if w]))
            lines += [f"- {t}" for _w, t in plain]
        elif kind in ("list", "nested_list"):
            lines.append(_descriptions(contents, imp, rel))
        else:
            lines.append(_descriptions(contents, imp, rel))
        out.append("\n".join(lines).strip())
    return out


def _descriptions(value: Any, imp: Import, rel: str, depth: int = 0) -> str:
    if not value:
        return ""
    if not isinstance(value, list):
        value = [value]
    lines = []
    pad = "  " * depth
    for item in value:
        if isinstance(item, dict) and not (item.get("title") or item.get("name")):
            # "- Advisor: Prof. X" in YAML is a one-key map, not a title
            lines += [f"{pad}- {_cv_text(k, imp, rel)}: {_cv_text(v, imp, rel)}" for k, v in item.items()]
        elif isinstance(item, dict):
            head = _cv_text(item.get("title") or item.get("name"), imp, rel)
            if item.get("year"):
                head = f"{text_value(item.get('year'))}: {head}"
            lines.append(f"{pad}- {head}")
            sub = _descriptions(item.get("contents") or item.get("items"), imp, rel, depth + 1)
            if sub:
                lines.append(sub)
        else:
            lines.append(f"{pad}- {_cv_text(item, imp, rel)}")
    return "\n".join(lines)


_RESUME_SECTIONS = (("work", "Experience", "position", "name"), ("education", "Education", "studyType", "institution"),
                    ("volunteer", "Volunteering", "position", "organization"), ("awards", "Awards", "title", "awarder"),
                    ("certificates", "Certificates", "name", "issuer"), ("publications", "Publications (CV)", "name",
                                                                         "publisher"),
                    ("projects", "Projects", "name", "description"))


def resume_sections(imp: Import, data: dict[str, Any], rel: str) -> list[str]:
    out = []
    style = DateStyle()
    basics = as_dict(data.get("basics"))
    if basics.get("summary"):
        out.append(escape_text(text_value(basics["summary"])))
    for key, title, main, second in _RESUME_SECTIONS:
        entries = data.get(key)
        if not isinstance(entries, list) or not entries:
            continue
        if key == "publications" and imp.papers:
            continue  # papers.bib lists them
        items: list[tuple[str | None, str]] = []
        plain: list[tuple[str | None, str]] = []
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            head_parts = [text_value(entry.get(main)), text_value(entry.get("area")) if key == "education" else "",
                          text_value(entry.get(second))]
            head = ", ".join(escape_text(p) for p in head_parts if p)
            extra = [text_value(entry.get("summary")), text_value(entry.get("location"))]
            text = f"**{head}**" if head else ""
            text += "".join(f". {escape_text(e.rstrip('.'))}" for e in extra if e)
            highlights = [h for h in entry.get("highlights") or entry.get("courses") or [] if text_value(h)]
            if highlights:
                text += "\n" + "\n".join(f"- {escape_text(text_value(h))}" for h in highlights)
            start = text_value(entry.get("startDate") or entry.get("date") or entry.get("releaseDate"))
            end = text_value(entry.get("endDate"))
            when_text = f"{start} - {end}" if start and end and end != start else (f"{start} - present" if start and
                                                                                     "endDate" in entry and not end
                                                                                     else start)
            when = _years(when_text, rel, imp, style) if when_text else None
            (items if when else plain).append((when, text))
        lines = [f"## {title}", ""]
        if items:
            items.sort(key=lambda item: item[0] or "", reverse=True)
            lines.append(dated_block("timeline", [(w, t) for w, t in items if w]))
        lines += [f"- {t.split(chr(10))[0]}" for _w, t in plain]
        out.append("\n".join(lines).strip())
    for key, title in (("skills", "Skills"), ("languages", "Languages"), ("interests", "Interests")):
        entries = data.get(key)
        if isinstance(entries, list) and entries:
            rows = []
            for entry in entries:
                if isinstance(entry, dict):
                    name = text_value(entry.get("name") or entry.get("language"))
                    detail = text_value(entry.get("level") or entry.get("fluency"))
                    keywords = ", ".join(text_value(k) for k in entry.get("keywords") or [])
                    rows.append("- " + escape_text(": ".join(x for x in (name, detail or keywords) if x)))
            out.append(f"## {title}\n\n" + "\n".join(rows))
    if data.get("references"):
        imp.report.left_out(rel, "references (people's names and contacts) are not put on the public CV")
    return out
