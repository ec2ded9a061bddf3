"""al-folio pages the plain page conversion cannot follow: ``{% bibliography %}`` tags (with
jekyll-scholar's options) anywhere in ``_pages/``, ``layout: profiles`` people pages, and
``_projects/`` without a ``_pages/projects.md`` listing them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from .bibtex_out import BibEntry, check_entries, decode_bib, read_bib, unique_keys, write_bib
from .common import Import, collection_files, collection_page, directive_block, page_markdown, titled
from .jekyll import LIQUID_TAG, Page, as_dict, read_page, text_value
from .markdown import convert as to_myst
from .markdown import escape_text, first_heading, normalise_headings
from .report import Report
from .site import page_name

_BIB_TAG = re.compile(r"\{%-?\s*bibliography(?:\s+(?P<args>.*?))?\s*-?%\}", re.DOTALL)
_TOKEN = re.compile("\ue00a(\\d+)\ue00b")
# jekyll-scholar splits a tag's arguments at its option names (a value may hold spaces).
_OPTION = re.compile(r"(?:(?<=\s)|^)(-[cCfhqptTsgGOlLomAr]|--(?:cited_in_order|cited|clear|bibliography_list_tag|file|"
                     r"query|prefix|text|style|group_by|group_order|type_order|template|locator|label|offset|max|"
                     r"suppress_author|remove_duplicates))(?=\s|$)")
_LONG = {"-c": "--cited", "-C": "--cited_in_order", "-f": "--file", "-q": "--query", "-h": "--bibliography_list_tag",
         "-p": "--prefix", "-t": "--text", "-T": "--template", "-s": "--style", "-g": "--group_by",
         "-G": "--group_order", "-O": "--type_order", "-l": "--locator", "-L": "--label", "-o": "--offset",
         "-m": "--max", "-A": "--suppress_author", "-r": "--remove_duplicates"}
_SELECTOR = re.compile(r"(!)?@(\*|\w+)(?:\[([^\]]*)\])?")
_CONDITION = re.compile(r"\s*([!~/^<>]?=|!~)\s*")
_LITERAL = re.compile(r"^[\w\s'’-]+$")
_YEAR = re.compile(r"^\d{4}$")
_LIQUID_OUT = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_LOOP_CONDITION = re.compile(r"[\w.]+\s*(?:[!~/^<>]?=|!~)\s*\{\{.*?\}\}\s*(?:,|&&)?\s*")


def _value(text: str) -> str | None:
    """A value in the :filter: language (quoted when it must be), or None if it cannot be one."""
    if '"' in text or not text:
        return None
    return f'"{text}"' if re.search(r"[\s,()=!<>]", text) else text


def _condition(text: str) -> str | None:
    """One bibtex-ruby condition (``year>=2020``, ``author ~= Nguyen``) as a :filter: condition."""
    parts = _CONDITION.split(text.strip(), maxsplit=1)
    prop = parts[0].strip().lower()
    if len(parts) == 1:
        return "selected" if prop == "selected" else None
    op, value = parts[1], parts[2].strip()
    if prop == "year" and _YEAR.match(value):
        return {"=": f"year={value}", "~=": f"year={value}", "^=": f"year={value}", "!=": f"year!={value}",
                "/=": f"year!={value}", "!~": f"year!={value}", ">=": f"year>={value}",
                "<=": f"year<={value}"}.get(op)
    if prop == "selected" and value.lower() in ("true", "false") and op in ("=", "!=", "/="):
        return "selected" if (value.lower() == "true") == (op == "=") else "not selected"
    if prop == "key" and op == "=":
        shown = _value(value)
        return f"key={shown}" if shown else None
    field = {"author": "author", "title": "title", "keywords": "keyword", "journal": "venue", "booktitle": "venue",
             "abbr": "venue"}.get(prop)
    if field and op in ("~=", "!~") and _LITERAL.match(value):
        shown = _value(value.strip())
        if shown is None:
            return None
        return f"{field}={shown}" if op == "~=" else f"not {field}={shown}"
    return None


def _join(parts: list[str], word: str) -> str:
    if len(parts) == 1:
        return parts[0]
    wrap = " or " in word or word == "and"
    return f" {word} ".join(f"({p})" if wrap and " or " in p else p for p in parts)


def translate_query(query: str) -> tuple[str, list[str]]:
    """A jekyll-scholar ``--query`` as a :filter: ("" = every entry) and the conditions it could
    not say (they are dropped, so the list shows more, never less, than the old one)."""
    dropped: list[str] = []
    selectors = _SELECTOR.findall(query)
    if not selectors:
        return "", [query.strip()]
    out: list[str] = []
    plain_types: list[str] = []
    for negated, kind, conditions in selectors:
        every = kind.lower() in ("*", "entry")
        type_part = "" if every else f"type{'!=' if negated else '='}{kind.lower()}"
        groups: list[str] = []
        whole = False
        for group in re.split(r"\s*\|\|\s*", conditions or ""):
            if not group.strip():
                whole = True
                continue
            ands = []
            for condition in re.split(r"\s*(?:,|&&)\s*", group):
                if not condition.strip():
                    continue
                made = _condition(condition)
                if made is None:
                    dropped.append(condition.strip())
                else:
                    ands.append(made)
            if not ands:
                whole = True
            else:
                groups.append(_join(ands, "and"))
        cond = "" if whole or not groups else _join(groups, "or")
        if negated and every:
            return "", [*dropped, f"!@{kind}"]  # "no entry at all": never what a page wants
        if not cond and type_part.startswith("type=") and not negated:
            plain_types.append(kind.lower())
            continue
        parts = [p for p in (type_part, cond) if p]
        if not parts:
            return "", dropped  # this selector takes every entry
        out.append(_join(parts, "and"))
    if plain_types:
        out.insert(0, "type=" + ",".join(dict.fromkeys(plain_types)))
    return _join(out, "or"), dropped


@dataclasses.dataclass
class Tag:
    """A ``{% bibliography %}`` tag's options as the import reads them."""

    files: list[str]
    query: str | None
    group_by: str | None
    limit: str | None
    other: list[str]


def parse_tag(args: str) -> Tag:
    tag = Tag([], None, None, None, [])
    pieces = _OPTION.split(" ".join(args.split()))  # a tag may run over several lines
    lead = pieces[0].strip()
    if lead:
        tag.other.append(lead)
    for name, value in zip(pieces[1::2], pieces[2::2], strict=True):
        name, value = _LONG.get(name, name), value.strip()
        if name == "--file":
            tag.files.append(value)
        elif name == "--query":
            tag.query = value
        elif name == "--group_by":
            tag.group_by = value
        elif name == "--max":
            tag.limit = value
        elif name == "--group_order" and value.lower().startswith("desc"):
            continue  # newest first: what every list here does
        else:
            tag.other.append(f"{name} {value}".strip())
    return tag


def _group_by(value: str) -> str | None:
    first = value.split(",")[0].strip().lower()
    return {"year": "year", "type": "type", "none": "none", "": "none"}.get(first)


class Pages:
    """The al-folio pages handled here; made once per import, before the pages are converted."""

    def __init__(self, imp: Import, config: dict[str, Any], metas: dict[Path, Page]) -> None:
        self.imp = imp
        self.metas = metas
        scholar = as_dict(config.get("scholar"))
        self.folder = text_value(scholar.get("source")).strip("/") or "_bibliography"
        self.main = text_value(scholar.get("bibliography")) or "papers.bib"
        folder = imp.source / self.folder
        if not (folder / self.main).is_file() and folder.is_dir():
            found = sorted(folder.glob("*.bib"))  # what bibliography() read instead
            self.main = found[0].name if found else self.main
        group = text_value(scholar.get("group_by"))
        self.default_group = (_group_by(group) if group else None) or "year"
        query = text_value(scholar.get("query"))
        self.default_query = "" if query in ("", "@*") else query
        self.extra: dict[str, list[str]] = {}  # source stem → keys of that file in the site
        self.extra_names: dict[str, str] = {}  # source stem → the .bib file's name in the site
        self.made_texts: set[str] = set()  # pages written from tags (their lists name their files)
        self.consumed = self._profile_contents()
        for page in metas.values():
            for match in _BIB_TAG.finditer(page.body):
                for name in parse_tag(_LIQUID_OUT.sub("", match.group("args") or "")).files:
                    self._extra_file(name, page, match.start())

    # ---- bibliographies ---------------------------------------------------------------------

    def _where(self, page: Page, index: int) -> str:
        return f"{page.path}:{page.body_line + page.body.count(chr(10), 0, index)}"

    def _is_main(self, name: str) -> bool:
        return not name or Path(name).stem == Path(self.main).stem or "{{" in name

    def _extra_file(self, name: str, page: Page, index: int) -> None:
        if self._is_main(name) or Path(name).stem in self.extra:
            return
        imp, stem = self.imp, Path(name).stem
        root = imp.source.resolve()
        path = (root / self.folder / (name if name.endswith(".bib") else name + ".bib")).resolve()
        if not path.is_file() or root not in path.parents:
            imp.report.left_out(self._where(page, index), f"`{{% bibliography -f {name} %}}`: the source has no "
                                                          f"`{self.folder}/{stem}.bib`; that list is left out")
            return
        rel = path.relative_to(root).as_posix()
        entries = read_bib(decode_bib(path.read_bytes(), rel, imp.report), rel, imp.report)
        entries = unique_keys(entries, imp.report)
        taken = {e.key.lower() for e in unique_keys([dataclasses.replace(e) for e in imp.papers], Report(quiet=True))}
        taken |= {k.lower() for keys in self.extra.values() for k in keys}
        for entry in entries:
            if entry.key.lower() in taken:
                new, n = entry.key, 1
                while new.lower() in taken:
                    n += 1
                    new = f"{entry.key}-{n}"
                imp.report.renamed(entry.origin, f"BibTeX key {entry.key!r} is also used in `{self.main}`; this "
                                                 f"one is now {new!r}")
                entry.key = new
            taken.add(entry.key.lower())
        entries = check_entries(entries, [imp.spec.name, *imp.spec.name_variants], self._resolver(entries), imp.report)
        out_name = f"{stem}.bib" if f"{stem}.bib" not in ("papers.bib", *self.extra_names.values()) else f"{stem}-2.bib"
        imp.extra_files[out_name] = write_bib(entries)
        imp.spec.bibtex_files.append(out_name)
        self.extra[stem] = [e.key for e in entries]
        self.extra_names[stem] = out_name
        imp.report.done(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} of `{rel}` (shown with "
                        f"`-f {name}`) → `{out_name}`, also in `researcher_bibtex_files`")

    def _resolver(self, entries: list[BibEntry]) -> Any:
        """Local PDFs and previews copied as for papers.bib; the check then finds them."""
        imp = self.imp
        for kind, folder, conf in (("pdf", "assets/pdf", "researcher_pdf_dir"),
                                   ("preview", "assets/img/publication_preview", "researcher_preview_dir")):
            used = {e.fields[kind] for e in entries if kind in e.fields and not re.match(r"^\w+://", e.fields[kind])}
            for value in sorted(used):
                for candidate in (f"{folder}/{value}", value.lstrip("/")):
                    local = imp.web.local_file("/" + candidate)
                    if local:
                        imp.web.copy(local)
                        break
            if used:
                imp.spec.extra_conf.setdefault(conf, folder)

        def resolve(kind: str, value: str) -> str | None:
            folder = imp.spec.extra_conf.get("researcher_pdf_dir" if kind == "pdf" else "researcher_preview_dir", "")
            for candidate in ([f"{folder}/{value}"] if folder else []) + [value.lstrip("/")]:
                if (imp.out / candidate).is_file():
                    return "/" + candidate
            return None

        return resolve

    def _directive(self, args: str, where: str, heading_level: int, group_by: str | None = None) -> str | None:
        """The ``{publications}`` a tag becomes (None: nothing to list), what it cannot say reported."""
        imp = self.imp
        tag = parse_tag(args)
        files = tag.files or [self.main]
        stems = [Path(f).stem for f in files if not self._is_main(f)]
        main = any(self._is_main(f) for f in files)
        if not main and not any(s in self.extra for s in stems):
            return None  # the file is missing: reported when it was looked for
        if main and not imp.papers and not stems:
            imp.report.left_out(where, f"`{{% bibliography %}}`: `{self.folder}/{self.main}` is not in the source; "
                                       "no list here")
            return None
        conditions: list[str] = []
        query = tag.query if tag.query is not None else self.default_query
        if query and "{{" in query:
            imp.report.left_out(where, f"`--query {query}` uses Liquid the import cannot compute; the list shows "
                                       "every entry of the file")
        elif query:
            made, dropped = translate_query(query)
            if made:
                conditions.append(made)
            for condition in dropped:
                imp.report.left_out(where, f"`--query {query}`: the condition `{condition}` has no equivalent in "
                                           "`:filter:`; it is left out, so the list may show more than the old one")
        sort = ""
        others = [k for s, keys in self.extra.items() if s not in stems for k in keys]
        if not main:
            keys = [k for s in stems for k in self.extra.get(s, [])]
            conditions.insert(0, "key=" + ",".join(keys))
            sort = "year"
        elif others:
            conditions.insert(0, "not key=" + ",".join(others))
            sort = "year"
        options = []
        if conditions:
            options.append(":filter: " + _join(conditions, "and"))
        group = group_by or self.default_group
        if tag.group_by is not None and group_by is None:
            mapped = _group_by(tag.group_by)
            if mapped is None:
                imp.report.left_out(where, f"`--group_by {tag.group_by}`: lists are grouped by year, type or not at "
                                           f"all; grouped by {self.default_group}")
            else:
                group = mapped
        if group != "none":
            options.append(f":group-by: {group}")
        if sort:
            options.append(f":sort: {sort}")
        if tag.limit is not None:
            if tag.limit.isdigit():
                options.append(f":limit: {tag.limit}")
            else:
                imp.report.left_out(where, f"`--max {tag.limit}` is not a number; the list is not cut")
        if heading_level > 3 and group != "none":
            options.append(f":heading-level: {min(heading_level, 6)}")
        for other in tag.other:
            imp.report.left_out(where, f"`{{% bibliography %}}` option `{other}` has no equivalent in "
                                       "`{publications}`; it is left out")
        return directive_block("publications", "", "\n".join(options))

    def main_lists_only(self) -> None:
        """The lists the import wrote itself (the publications page, selected papers, the CV) show
        ``papers.bib`` only, as a tag without ``-f`` does, once another .bib is in the site."""
        others = [k for keys in self.extra.values() for k in keys]
        if not others:
            return
        exclude = "not key=" + ",".join(others)

        def narrow(match: re.Match[str]) -> str:
            options = match.group(2)
            found = re.search(r"^:filter: (.*)$", options, re.MULTILINE)
            if found:
                options = options.replace(found.group(0), f":filter: ({found.group(1)}) and {exclude}")
            else:
                options = f":filter: {exclude}\n" + options
            if ":sort:" not in options:
                options += ":sort: year\n"
            return match.group(1) + options + match.group(3)

        for docname, text in self.imp.spec.pages.items():
            if text not in self.made_texts:  # the tags' own lists say which file already
                self.imp.spec.pages[docname] = re.sub(r"(^```\{publications\}\n)((?::[\w-]+:.*\n)*)(```)", narrow,
                                                      text, flags=re.MULTILINE)

    def has_tags(self, page: Page) -> bool:
        return _BIB_TAG.search(page.body) is not None

    def bibliography_page(self, page: Page, fallback_title: str) -> tuple[str, bool]:
        """The page with each tag as a ``{publications}``; (text, whether it only held the tags)."""
        tags: list[tuple[str, str]] = []

        def token(match: re.Match[str]) -> str:
            tags.append((match.group("args") or "", self._where(page, match.start())))
            # The tag's own newlines stay, so later lines keep their numbers in the report.
            return f"\ue00a{len(tags) - 1}\ue00b" + "\n" * match.group().count("\n")

        body = _BIB_TAG.sub(token, page.body)
        # al-folio's older publications page: {% for y in page.years %} … -q @*[year={{y}}]* …
        loops: dict[str, int] = {}
        stack: list[str] = []
        count = 0
        for match in LIQUID_TAG.finditer(page.body):
            name, args = match.group(1), match.group(2).strip()
            if name == "for":
                stack.append(args)
            elif name == "endfor" and stack:
                stack.pop()
            elif name == "bibliography":
                if stack:
                    loops.setdefault(stack[0], count)
                count += 1
        in_loop: set[int] = set()

        def loop(args: str, where: str) -> str | None:
            index = loops.get(args)
            if index is None:
                return None
            in_loop.add(index)
            self.imp.report.changed(where, f"the Liquid loop `{{% for {args} %}}` around `{{% bibliography %}}` is "
                                           "one list, grouped by year")
            return f"\ue00a{index}\ue00b"

        text = page_markdown(self.imp, dataclasses.replace(page, body=body), loop_handler=loop)
        only_tags = _TOKEN.sub("", text).strip() == ""
        made: list[str] = []

        def directive(match: re.Match[str]) -> str:
            args, where = tags[int(match.group(1))]
            group = None
            if int(match.group(1)) in in_loop:  # the loop's variable: one list grouped instead
                args = _LOOP_CONDITION.sub("", args)
                group = "year"
            before = text[: match.start()]
            levels = re.findall(r"^(#{1,6})\s", before, re.MULTILINE)
            level = len(levels[-1]) + 1 if levels else 3
            block = self._directive(args, where, level, group)
            if block is None:
                return ""
            made.append(block)
            return "\n\n" + block + "\n"

        text = _TOKEN.sub(directive, text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        meta = page.meta
        name = text_value(meta.get("title")) or fallback_title
        title = escape_text(name[:1].upper() + name[1:])
        description = text_value(meta.get("description"))
        intro = f"*{escape_text(description)}*\n\n" if description and not only_tags else ""
        bare = directive_block("publications", "", ":group-by: year")
        page_text = titled(title, intro + text)
        self.made_texts.add(page_text)
        return page_text, only_tags and made in ([], [bare])

    # ---- profiles ----------------------------------------------------------------------------

    def _content_path(self, page: Page, content: str) -> Path | None:
        root = self.imp.source.resolve()
        path = ((root / page.path).parent / content).resolve()
        return path if path.is_file() and root in path.parents else None

    def _profile_contents(self) -> set[Path]:
        """The ``content`` files of every ``layout: profiles`` page that are no page of their own."""
        found: set[Path] = set()
        for page in self.metas.values():
            if text_value(page.meta.get("layout")) != "profiles":
                continue
            listed = page.meta.get("profiles")
            for profile in listed if isinstance(listed, list) else []:
                content = text_value(as_dict(profile).get("content"))
                path = self._content_path(page, content) if content else None
                if path is None:
                    continue
                for own, meta in self.metas.items():
                    if own.resolve() == path and str(meta.meta.get("nav")).lower() != "true":
                        found.add(own)
        return found

    def profiles_page(self, page: Page) -> str:
        """A ``layout: profiles`` page: per profile its image, ``more_info`` and ``content`` file, in order."""
        imp = self.imp
        lines = _item_lines(page, "profiles")
        listed = page.meta.get("profiles")
        if listed is not None and not isinstance(listed, list):
            imp.report.left_out(page.where("profiles"), "`profiles:` is not a list of profiles; none is shown")
        profiles = [as_dict(p) for p in listed] if isinstance(listed, list) else []
        own_body = page_markdown(imp, page).strip()
        blocks: list[tuple[str, str]] = []  # (heading, MyST)
        for n, profile in enumerate(profiles):
            keys = lines[n] if n < len(lines) else {}

            def where(key: str, keys: dict[str, int] = keys) -> str:
                return f"{page.path}:{keys.get(key, keys.get('', 1))}"

            heading, body = "", own_body
            content = text_value(profile.get("content"))
            if content:
                path = self._content_path(page, content)
                if path is None:
                    imp.report.left_out(where("content"), f"profile content {content!r}: the source has no such file")
                    body = ""
                else:
                    sub = read_page(imp.source.resolve(), path, imp.report)
                    body = page_markdown(imp, sub).strip()
                    found = first_heading(body)
                    if found:
                        heading, body = found[0], found[1].strip()
            if not heading and len(profiles) > 1:  # a section each, so the profiles do not run together
                stem = re.sub(r"^(about|profile|bio)[_-]", "", Path(content).stem, flags=re.I) if content else ""
                words = [w[:1].upper() + w[1:] for w in re.split(r"[_\-\s]+", stem) if w]
                heading = escape_text(" ".join(words)) if words else f"Profile {n + 1}"
                after = f"after its file {content!r}" if words else "by its place"
                imp.report.guess(where("content" if content else ""), f"profile {n + 1} has no heading: it is titled "
                                                                      f"{heading!r} {after}")
            parts = []
            image = text_value(profile.get("image"))
            if image:
                local = imp.web.local_file("assets/img/" + image.lstrip("/")) or imp.web.local_file(image)
                if local:
                    align = "left" if text_value(profile.get("align")).lower() == "left" else "right"
                    shape = "sd-rounded-circle" if profile.get("image_circular") is True else "sd-rounded-2"
                    alt = heading or escape_text(text_value(page.meta.get("title")) or "Profile")
                    alt = re.sub(r"[\\*_`]", "", alt)
                    target = "/" + imp.web.copy(local).replace(" ", "\\ ")  # escaped: docutils drops spaces
                    parts.append(f"```{{image}} {target}\n:alt: {alt}\n:align: {align}\n:width: 30%\n"
                                 f":class: {shape}\n```")
                else:
                    imp.report.left_out(where("image"), f"profile image {image!r}: the source has no such file")
            more = text_value(profile.get("more_info"))
            if more:
                more_text = to_myst(more, imp.web, page.path, keys.get("more_info", 1))
                parts.append(re.sub(r"\n[ \t\u00a0]+(?=\n)", "\n", more_text).strip())
            if body:
                parts.append(normalise_headings(body, top=3 if heading else 2))
            blocks.append((heading, re.sub(r"\n{3,}", "\n\n", "\n\n".join(p.strip() for p in parts if p.strip()))))
        if not profiles and own_body:
            blocks.append(("", own_body))
        out = []
        for heading, text in blocks:
            if heading:
                out.append(f"## {heading}\n\n{text}")
            elif text:
                out.append(text)
        name = text_value(page.meta.get("title")) or "People"
        description = text_value(page.meta.get("description"))
        intro = f"*{escape_text(description)}*\n\n" if description else ""
        imp.report.done(f"`{page.path}` (layout: profiles) → a page of {len(profiles)} profile(s), each with its "
                        "image, `more_info` and `content` file")
        return titled(escape_text(name[:1].upper() + name[1:]), intro + "\n\n".join(out))

    # ---- projects ------------------------------------------------------------------------------

    def _projects_listing(self) -> str | None:
        """The docname of the page that lists ``_projects/`` (as convert() makes it), if there is one."""
        for path, page in self.metas.items():
            if path.stem == "projects" or "site.projects" in page.body:
                return page_name(path.relative_to(self.imp.source / "_pages").with_suffix("").as_posix())
        return None

    def project_permalinks(self) -> None:
        """``/projects/<name>/`` (al-folio's URL of each project) → the page that shows it."""
        target = self._projects_listing() or "projects"
        for path in collection_files(self.imp.source, "_projects"):
            stem = path.relative_to(self.imp.source / "_projects").with_suffix("").as_posix()
            self.imp.web.permalinks.setdefault(f"/projects/{stem}/", target)

    def projects_without_page(self) -> str | None:
        """``_projects/`` with no page listing them: one page, a section each, as when there is one."""
        imp = self.imp
        files = collection_files(imp.source, "_projects")
        if self._projects_listing() is not None:
            return None  # a page lists them (convert() writes it)
        text = collection_page(imp, "_projects", "Projects") if files else None
        if text is None:
            return None
        for path in files:
            rel = path.relative_to(imp.source).as_posix()
            stem = path.relative_to(imp.source / "_projects").with_suffix("").as_posix()
            imp.report.changed(rel, f"shown at /projects/{stem}/ on the old site (no `_pages/projects.md` lists the "
                                    "projects); now a section of `projects.md`, reached through links as before")
        imp.report.done(f"{len(files)} project(s) of `_projects/` → `projects.md` (one section each; not in the "
                        "navigation, as on the old site)")
        return text


def _item_lines(page: Page, key: str) -> list[dict[str, int]]:
    """For each item of the front-matter list ``key``: its keys' file lines ("" = the item's)."""
    lines = page.front.split("\n")
    items: list[dict[str, int]] = []
    inside = False
    for index, line in enumerate(lines):
        number = index + 2
        if re.match(rf"^{re.escape(key)}\s*:", line):
            inside = True
            continue
        if not inside:
            continue
        if re.match(r"^\S", line) and not line.startswith("-") and not line.startswith("#"):
            break
        item = re.match(r"^\s*-\s+(?:(\w+)\s*:)?", line)
        if item:
            items.append({"": number})
            if item.group(1):
                items[-1][item.group(1)] = number
            continue
        field = re.match(r"^\s+(\w+)\s*:", line)
        if field and items:
            items[-1].setdefault(field.group(1), number)
    return items


__all__ = ["Pages", "parse_tag", "translate_query"]
