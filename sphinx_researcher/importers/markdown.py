"""Jekyll Markdown (kramdown + raw HTML + Liquid) → MyST that builds safely with ``-W``.

Imported text is other people's input. Raw HTML is never copied through: each element is
mapped to Markdown (links, emphasis, lists, simple tables, local images, badges) or left out
and reported. MyST constructs that plain Markdown does not have (roles, directives, targets,
``%`` comments) are escaped so that the text reads as it did on the old site.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

from ..model.links import is_safe_url
from .outfiles import OutsidePath, destination, inside
from .report import Report

# ---- the import's shared state ---------------------------------------------------------------


@dataclass
class Site:
    """What every converted page needs: where files come from and go, and how old URLs map."""

    source: Path
    out: Path
    report: Report
    baseurl: str = ""  # the old site's path prefix, e.g. "/al-folio"
    url: str = ""  # the old site's address, e.g. "https://jane.github.io"
    permalinks: dict[str, str] = field(default_factory=dict)  # "/publications/" → "publications"
    copied: dict[str, str] = field(default_factory=dict)  # source rel → output rel
    search_dirs: tuple[str, ...] = ()  # extra folders where bare image names are looked up
    trusted: list[str] = field(default_factory=list)  # MyST the import wrote itself (roles), kept from escaping
    replaced_links: list[str] = field(default_factory=list)  # symlinks in the output folder not written through
    page_refs: dict[str, list[str]] = field(default_factory=dict)  # docname linked → "file:line" of each link

    def keep(self, myst: str) -> str:
        """A token for MyST written by the import, put back after imported text is escaped."""
        self.trusted.append(myst)
        return f"\ue004{len(self.trusted) - 1}\ue005"

    def restore(self, text: str) -> str:
        return re.sub("\ue004(\\d+)\ue005", lambda m: self.trusted[int(m.group(1))], text)

    def _candidates(self, ref: str, page_dir: str) -> list[str]:
        path = unquote(urlsplit(ref).path)
        if self.baseurl and path.startswith(self.baseurl.rstrip("/") + "/"):
            path = path[len(self.baseurl.rstrip("/")):]
        candidates = []
        if path.startswith("/"):
            candidates.append(path.lstrip("/"))
        else:
            candidates += [posixpath.normpath(posixpath.join(page_dir, path)), path]
            candidates += [f"{d}/{path}" for d in self.search_dirs]
        return candidates

    def missing(self, ref: str, page_dir: str = "") -> str:
        """Why ``local_file`` found nothing, for the report."""
        for candidate in self._candidates(ref, page_dir):
            if candidate and (self.source / candidate).is_file():  # there, but (a symlink) out of the source
                return "is outside the source folder (a symlink or ../); it is not copied"
        return "is named but the source has no such file"

    def local_file(self, ref: str, page_dir: str = "") -> str | None:
        """The source-relative path of a file the old site names, or None if it is not there."""
        candidates = self._candidates(ref, page_dir)
        root = self.source.resolve()
        for candidate in candidates:
            if not candidate or candidate.startswith(".."):
                continue
            full = (root / candidate).resolve()
            if full.is_file() and root in full.parents:
                return full.relative_to(root).as_posix()
        return None

    def inside(self, rel: str) -> str | None:
        """``rel`` normalised, if it names a file of the source that is in the source, every
        symlink followed; None if there is no such file or it is outside."""
        norm = posixpath.normpath(rel.lstrip("/")) if rel.strip("/") else ""
        if not norm or norm == ".." or norm.startswith("../"):
            return None
        path = self.source / norm
        return norm if path.is_file() and inside(self.source, path) else None

    def outside(self, rel: str) -> bool:
        """Whether ``rel`` names a file that exists but is outside the source (``../``, a symlink)."""
        path = self.source / rel.lstrip("/")
        return path.is_file() and self.inside(rel) is None

    def copy(self, rel: str) -> str:
        """Copy a source file into the site (same relative path); its output-relative path.
        A file outside the source, or a path leaving the output folder, is refused (OutsidePath):
        callers find the file with ``local_file`` or ``inside`` first."""
        if rel in self.copied:
            return self.copied[rel]
        norm = self.inside(rel)
        if norm is None:
            raise OutsidePath(f"{rel!r} is not a file inside the source folder")
        target = norm
        if target.startswith("_"):  # Sphinx ignores nothing by name, but keep Jekyll's data out of sight
            target = "files/" + target.lstrip("_")
        shutil.copyfile((self.source / norm).resolve(), destination(self.out, target, self.replaced_links))
        self.copied[rel] = target
        return target

    def page_for(self, ref: str) -> str | None:
        """The docname an old internal URL points to, if the import made that page."""
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            own = self.url and ref.startswith(self.url.rstrip("/") + "/")
            if not own:
                return None
            parts = urlsplit(ref[len(self.url.rstrip("/")):])
        path = parts.path
        if self.baseurl and path.startswith(self.baseurl.rstrip("/") + "/"):
            path = path[len(self.baseurl.rstrip("/")):]
        for form in (path, path.rstrip("/") + "/", path.removesuffix(".html") + "/", path.removesuffix(".html")):
            if form in self.permalinks:
                return self.permalinks[form]
        return None


# ---- plain text into Markdown -----------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_{}\[\]<>|~$%#&!])")


def escape_text(text: str) -> str:
    """A plain value (a title from YAML, a venue) as Markdown that shows exactly that text."""
    text = " ".join(str(text).split())
    text = _ESCAPE.sub(r"\\\1", text)
    return re.sub(r"^([+\-=>]|\d+[.)])", r"\\\1", text)


def escape_role_text(text: str) -> str:
    """Text inside a role's backticks: no backticks, ``|`` or ``<`` that would change its meaning."""
    return " ".join(text.replace("`", "'").replace("|", "/").replace("<", "‹").replace(">", "›").split())


# ---- badges -------------------------------------------------------------------------------------

_SHIELDS_HOSTS = ("img.shields.io", "shields.io", "badgen.net", "flat.badgen.net")


def _shields_static(url: str) -> tuple[str, str, str] | None:
    parts = urlsplit(url)
    if parts.netloc not in _SHIELDS_HOSTS:
        return None
    query = parse_qs(parts.query)
    path = unquote(parts.path)
    if path.startswith("/badge/"):
        spec = path[len("/badge/"):].rsplit(".", 1)[0] if re.search(r"\.(svg|png)$", path) else path[7:]
        if parts.netloc.endswith("badgen.net"):
            pieces = spec.split("/")
        else:
            pieces = [p.replace("\0", "-").replace("__", "\1").replace("_", " ").replace("\1", "_")
                      for p in spec.replace("--", "\0").split("-")]
        if len(pieces) >= 3:
            return pieces[0], "-".join(pieces[1:-1]), pieces[-1]
        if len(pieces) == 2:
            return "", pieces[0], pieces[1]
    if path.startswith("/static/v1"):
        return (query.get("label", [""])[0], query.get("message", [""])[0], query.get("color", ["blue"])[0])
    return None


def _github_stars(url: str) -> str | None:
    match = re.match(r"^/github/(?:stars|forks|watchers)/([\w.-]+)/([\w.-]+)", urlsplit(url).path)
    return f"{match.group(1)}/{match.group(2)}" if match and urlsplit(url).netloc in _SHIELDS_HOSTS else None


def badge_for(src: str, link: str, where: str, site: Site) -> str | None:
    """A remote badge image as a local ``{badge}`` role, or None (reported) if it cannot be one."""
    report = site.report
    host = urlsplit(src).netloc
    if host not in _SHIELDS_HOSTS and host != "badge.fury.io":
        return None
    link_part = f" <{link}>" if link and is_safe_url(link) and not link.startswith("#") else ""
    static = _shields_static(src)
    if static:
        label, message, _color = static
        label, message = escape_role_text(label), escape_role_text(message)
        if not label:
            label, message = message, ""
        if label:
            report.changed(where, f"badge image from {host} drawn locally as `{{badge}}` ({label}: {message})")
            return site.keep(f"{{badge}}`{label}|{message}{link_part}`" if message else
                             f"{{badge}}`{label}{link_part}`")
    repo = _github_stars(src)
    if repo:
        target = link_part or f" <https://github.com/{repo}>"
        report.changed(where, f"GitHub stars badge for {repo} drawn locally without the count (no request to "
                              f"{host}); `sphinx-researcher metrics` can supply counts")
        return site.keep(f"{{badge}}`GitHub|{escape_role_text(repo)}{target}`")
    report.left_out(where, f"dynamic badge from {host} ({_short_url(src)}): its value is computed by a third "
                           "party at view time")
    return ""


def _short_url(url: str, limit: int = 70) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


# ---- HTML → Markdown ----------------------------------------------------------------------------

_INLINE_UNWRAP = {"span", "font", "small", "big", "u", "ins", "mark", "abbr", "cite", "label", "time", "nobr", "tt",
                  "q", "dfn", "bdi", "bdo", "wbr"}
_BLOCK_UNWRAP = {"div", "section", "article", "header", "footer", "main", "aside", "center", "figure", "nav",
                 "address", "body", "html", "dl", "figcaption", "picture", "tbody", "thead"}
_DROP = {"script": "script", "noscript": "script fallback", "style": "inline style sheet", "iframe": "embedded frame",
         "object": "embedded object", "embed": "embedded object", "form": "form", "input": "form field",
         "button": "button", "select": "form field", "textarea": "form field", "link": "external resource",
         "meta": "meta tag", "video": "video", "audio": "audio", "canvas": "canvas", "svg": "inline SVG",
         "map": "image map", "head": "head", "title": "title", "template": "template", "source": "media source"}
_VISITOR_MAPS = ("clustrmaps", "mapmyvisitors", "revolvermaps", "statcounter", "flagcounter", "whos.amung.us",
                 "visitor", "hitwebcounter", "counter", "analytics", "googletagmanager", "busuanzi")


@dataclass
class _Html:
    site: Site
    rel: str
    first_line: int
    page_dir: str
    out_dir: str
    comments: int = 0

    def where(self, node: Tag | NavigableString | None) -> str:
        line = getattr(node, "sourceline", None) if node is not None else None
        return f"{self.rel}:{self.first_line + (line or 1) - 1}"


def _children(node: Tag, state: _Html, inline: bool = False) -> str:
    return "".join(_node(child, state, inline) for child in node.children)


def _text_of(node: NavigableString) -> str:
    text = str(node).replace("\xa0", " ")
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _inline(node: Tag, state: _Html) -> str:
    return " ".join(_children(node, state, True).split())


def _node(node: object, state: _Html, inline: bool) -> str:
    if isinstance(node, Comment):
        state.comments += 1
        return ""
    if isinstance(node, Doctype):
        return ""
    if isinstance(node, NavigableString):
        text = _text_of(node)
        if inline:
            return re.sub(r"\s+", " ", text)
        if isinstance(node.parent, Tag) and node.parent.name.lower() in _BLOCK_UNWRAP:
            # Indentation inside HTML is layout, not Markdown: a <div> unwrapped would leave its
            # indented text as a code block.
            return re.sub(r"\n[ \t]+", "\n", text)
        return text
    if not isinstance(node, Tag):
        return ""
    name = node.name.lower()
    where = state.where(node)
    if name in _DROP:
        src = node.get("src") or node.get("href") or node.get("data") or ""
        what = _DROP[name]
        blob = (str(src) + node.get_text(" ", strip=True)[:300]).lower()
        if name in ("script", "noscript", "iframe") and any(k in blob for k in _VISITOR_MAPS):
            what = "visitor map / counter"
        detail = f" from {_short_url(str(src))}" if src else ""
        state.site.report.left_out(where, f"raw HTML <{name}> ({what}{detail}) is not copied: no third-party "
                                          "request or raw HTML in the result")
        return ""
    if name in ("br",):
        return " " if inline else "\\\n"
    if name in ("hr",):
        return "\n\n----\n\n"
    if name in ("strong", "b"):
        inner = _inline(node, state)
        return f"**{inner}**" if inner else ""
    if name in ("em", "i"):
        inner = _inline(node, state)
        return f"*{inner}*" if inner and not node.get("class") else inner  # <i class="fa…"> is an icon font
    if name in ("code", "kbd", "samp", "var"):
        inner = node.get_text().replace("`", "'")
        return f"`{inner}`" if inner.strip() else ""
    if name in ("sup", "sub"):
        inner = escape_role_text(node.get_text())
        return state.site.keep(f"{{{name}}}`{inner}`") if inner else ""
    if name in ("s", "strike", "del"):
        return _inline(node, state)
    if name == "a":
        return _anchor(node, state, where)
    if name == "img":
        return _image(node, state, where, link="")
    if name in _INLINE_UNWRAP:
        if name == "span" and node.get("id") and not node.get_text(strip=True):
            return ""  # an anchor target such as AcadHomepage's <span class='anchor' id='about-me'>
        return _children(node, state, inline)
    if re.fullmatch(r"h[1-6]", name):
        inner = _inline(node, state)
        return f"\n\n{'#' * int(name[1])} {inner}\n\n" if inner else ""
    if name == "p":
        inner = _children(node, state, True).strip()
        return f"\n\n{inner}\n\n" if not inline else f" {inner} "
    if name in ("ul", "ol", "menu"):
        return _list(node, state, ordered=name == "ol")
    if name == "li":
        return "\n\n- " + _inline(node, state) + "\n\n"
    if name in ("dt",):
        return f"\n\n**{_inline(node, state)}**\n\n"
    if name in ("dd",):
        return f"\n\n{_inline(node, state)}\n\n"
    if name == "blockquote":
        inner = _children(node, state).strip()
        return "\n\n" + "\n".join("> " + line if line.strip() else ">" for line in inner.splitlines()) + "\n\n"
    if name == "pre":
        code = node.get_text()
        return f"\n\n```text\n{code.strip(chr(10))}\n```\n\n"
    if name == "table":
        return _table(node, state, where)
    if name in ("details",):
        summary = node.find("summary")
        title = _inline(summary, state) if isinstance(summary, Tag) else ""
        if isinstance(summary, Tag):
            summary.extract()
        body = _children(node, state).strip()
        return f"\n\n**{title}**\n\n{body}\n\n" if title else f"\n\n{body}\n\n"
    if name in _BLOCK_UNWRAP or name in ("summary", "tr", "td", "th", "caption"):
        inner = _children(node, state, inline)
        return inner if inline else f"\n\n{inner}\n\n"
    state.site.report.left_out(where, f"raw HTML <{name}> has no Markdown equivalent; its text is kept")
    return _children(node, state, inline)


def _list(node: Tag, state: _Html, ordered: bool) -> str:
    if not node.find("li", recursive=False):  # e.g. <ul>{% for … %}</ul>: what the loop became
        return "\n\n" + _children(node, state) + "\n\n"
    lines = []
    for index, item in enumerate(node.find_all("li", recursive=False), start=1):
        nested = [child for child in item.find_all(["ul", "ol"], recursive=False)]
        for child in nested:
            child.extract()
        marker = f"{index}. " if ordered else "- "
        text = _inline(item, state)
        lines.append(marker + text)
        for child in nested:
            inner = _list(child, state, ordered=child.name == "ol").strip("\n")
            lines += ["   " + line if line else "" for line in inner.splitlines()]
    return "\n\n" + "\n".join(lines) + "\n\n" if lines else ""


def _table(node: Tag, state: _Html, where: str) -> str:
    rows = node.find_all("tr")
    if not rows:
        return ""
    cells = [[" ".join(_inline(cell, state).replace("|", "\\|").split()) for cell in row.find_all(["td", "th"])]
             for row in rows]
    spans = [cell for cell in node.find_all(["td", "th"]) if cell.get("colspan") or cell.get("rowspan")]
    nested = node.find("table")
    if spans or nested:
        state.site.report.left_out(where, "raw HTML table with merged cells or nested tables: its cells are kept as "
                                          "paragraphs")
        return "\n\n" + "\n\n".join(" ".join(c for c in row if c) for row in cells if any(cells)) + "\n\n"
    width = max(len(row) for row in cells)
    if width == 0:
        return ""
    cells = [row + [""] * (width - len(row)) for row in cells]
    has_header = bool(rows[0].find("th"))
    header = cells[0] if has_header else [""] * width
    body = cells[1:] if has_header else cells
    if not has_header:
        header = [" "] * width
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(row) + " |" for row in body]
    return "\n\n" + "\n".join(out) + "\n\n"


def _anchor(node: Tag, state: _Html, where: str) -> str:
    href = str(node.get("href") or "").strip()
    images = node.find_all("img")
    if images and not node.get_text(strip=True):
        return "".join(_image(img, state, state.where(img), link=href) for img in images)
    inner = _inline(node, state)
    if not href:
        return inner
    target = rewrite_link(href, state.site, state.rel, where, state.page_dir, state.out_dir)
    if target is None or not inner:
        return inner
    return f"[{inner}]({target})"


def _image(node: Tag, state: _Html, where: str, link: str) -> str:
    src = str(node.get("src") or node.get("data-src") or "").strip()
    alt = " ".join(str(node.get("alt") or "").split())
    return image_markdown(src, alt, link, state.site, state.rel, where, state.page_dir, state.out_dir)


def image_markdown(src: str, alt: str, link: str, site: Site, rel: str, where: str, page_dir: str,
                   out_dir: str) -> str:
    if not src:
        return ""
    if urlsplit(src).scheme or src.startswith("//"):
        badge = badge_for(src if not src.startswith("//") else "https:" + src, link, where, site)
        if badge is not None:
            return badge
        what = "visitor map / counter image" if any(k in src.lower() for k in _VISITOR_MAPS) else "remote image"
        site.report.left_out(where, f"{what} {_short_url(src)} is not loaded from another host; save it into "
                                    "the site to show it")
        return ""
    local = site.local_file(src, page_dir)
    if local is None:
        site.report.left_out(where, f"image {src!r} {site.missing(src, page_dir)}")
        return ""
    target = relative_to_page(site.copy(local), out_dir)
    picture = f"![{_escape_alt(alt)}]({_md_url(target)})"
    if link:
        href = rewrite_link(link, site, rel, where, page_dir, out_dir)
        if href:
            return f"[{picture}]({href})"
    return picture


def _escape_alt(alt: str) -> str:
    return alt.replace("[", "(").replace("]", ")").replace("\\", "/")


def _md_url(url: str) -> str:
    return "<" + url + ">" if re.search(r"[\s()]", url) else url


def relative_to_page(target: str, out_dir: str) -> str:
    return posixpath.relpath(target, out_dir or ".") if out_dir else target


_BARE_DOMAIN = re.compile(r"^(?:www\.[\w-]+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|io|ai|gov|cn|uk|de|fr|jp|me|dev|"
                          r"info|co|ca|au|nl|ch|it|es|kr|in|us))(?:/|$)", re.I)


def rewrite_link(href: str, site: Site, rel: str, where: str, page_dir: str, out_dir: str) -> str | None:
    """Where a link of the old site should point in the new one (None: keep the text only)."""
    href = href.strip()
    if not is_safe_url(href):
        site.report.left_out(where, f"link with an unsafe URL {_short_url(href)!r}: its text is kept")
        return None
    if href.startswith("#"):
        site.report.changed(where, f"in-page link {href!r} (to an anchor of the old theme) kept as plain text")
        return None
    if href.startswith("mailto:") or href.startswith("tel:"):
        return _md_url(href)
    docname = site.page_for(href)
    if docname is not None:
        site.page_refs.setdefault(docname, []).append(where)  # for the report if that page is not made
        return _md_url(relative_to_page(docname + ".md", out_dir))
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return _md_url(href if not href.startswith("//") else "https:" + href)
    local = site.local_file(href, page_dir)
    if local is not None and not local.endswith((".md", ".html", ".markdown")):
        return _md_url(relative_to_page(site.copy(local), out_dir))
    if local is None and not parts.netloc and site.missing(href, page_dir).startswith("is outside"):
        site.report.left_out(where, f"link {href!r}: the file {site.missing(href, page_dir)}; its text is kept")
        return None
    if local is None and _BARE_DOMAIN.match(href):  # "www.example.org": a browser on the old site went there too
        site.report.changed(where, f"link {href!r} has no scheme; it now reads https://{href}")
        return _md_url("https://" + href)
    if site.url:
        absolute = site.url.rstrip("/") + (href if href.startswith("/") else "/" + href)
        site.report.changed(where, f"link {href!r} to a page the import did not make now points to the old site "
                                   f"({absolute})")
        return _md_url(absolute)
    site.report.left_out(where, f"link {href!r}: no such page or file in the import; its text is kept")
    return None


# ---- whole documents ----------------------------------------------------------------------------

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:|ftp://)[^>\s]+>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>")
_IAL = re.compile(r"\{:\s*[^}]*\}|\{::[^}]*/?\}")
_HTML_START = re.compile(r"<(?:[a-zA-Z][\w-]*[\s/>]|[a-zA-Z][\w-]*$|/[a-zA-Z]|!--)", re.MULTILINE)
# A link destination may hold parentheses that balance, one level deep (CommonMark allows any depth;
# wiki/Mercury_(planet) is the case people write).
_MD_DEST = r"(?:[^()\s<>]|\([^()\s<>]*\))"
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>" + _MD_DEST + r"+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_MD_LINK = re.compile(r"(?<![!\\])\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<href>" + _MD_DEST + r"*)>?"
                      r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_ROLE_LIKE = re.compile(r"\{([\w:.+-]+)\}(?=\ue000|`)")
_EMOJI_CODE = re.compile(r"(?<![\w:]):[a-z0-9_+\-]+:(?![\w:])")


def emojize(text: str) -> str:
    """jemoji's ``:smile:`` shortcodes as the characters themselves."""
    try:
        import emoji
    except ImportError:  # pragma: no cover - a declared dependency
        return text
    return _EMOJI_CODE.sub(lambda m: emoji.emojize(m.group(), language="alias"), text)


def convert(text: str, site: Site, rel: str, first_line: int, out_dir: str = "") -> str:
    """A whole Markdown body (Liquid already expanded) as safe MyST."""
    page_dir = posixpath.dirname(rel)
    lines = text.split("\n")
    out: list[str] = []
    chunk: list[str] = []
    chunk_start = first_line
    comments = 0

    def flush(next_line: int) -> None:
        nonlocal chunk, chunk_start, comments
        if chunk:
            converted, found = _convert_text("\n".join(chunk), site, rel, chunk_start, page_dir, out_dir)
            comments += found
            out.append(converted)
        chunk = []
        chunk_start = next_line

    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            flush(first_line + index)
            marker = fence.group(2)
            info = fence.group(3).strip()
            end = index + 1
            while end < len(lines) and not re.match(rf"^ {{0,3}}{marker[0]}{{{len(marker)},}}\s*$", lines[end]):
                end += 1
            body = lines[index + 1: end]
            if info.startswith("{") or not re.fullmatch(r"[\w+#.\-]*", info.split(" ")[0] if info else ""):
                site.report.changed(f"{rel}:{first_line + index}", f"code block marked {info!r} is shown as plain "
                                                                 "code (MyST would run it as a directive)")
                info = "text"
            out.append("\n".join([f"{marker}{info.split(' ')[0] if info else ''}", *body, marker]))
            index = end + 1
            chunk_start = first_line + index
            continue
        chunk.append(line)
        index += 1
    flush(first_line + index)
    if comments:
        site.report.changed(f"{rel}", f"{comments} HTML comment(s) dropped (they were not shown on the page)")
    result = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", result).strip("\n") + "\n"


def _convert_text(text: str, site: Site, rel: str, first_line: int, page_dir: str, out_dir: str) -> tuple[str, int]:
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group())
        return f"\ue000{len(protected) - 1}\ue001"

    text = _CODE_SPAN.sub(protect, text)
    text = _AUTOLINK.sub(protect, text)
    text = _IAL.sub("", text)
    comments = 0
    # Markdown images and links first: their URLs are rewritten (and they may sit inside HTML).

    def line_of(pos: int) -> str:
        return f"{rel}:{first_line + text.count(chr(10), 0, pos)}"

    def image(match: re.Match[str]) -> str:
        md = image_markdown(match["src"], match["alt"], "", site, rel, line_of(match.start()), page_dir, out_dir)
        return protect_text(md)

    def link(match: re.Match[str]) -> str:
        target = rewrite_link(match["href"], site, rel, line_of(match.start()), page_dir, out_dir) \
            if match["href"] else None
        inner = match["text"]
        if target is None:
            return inner
        return f"[{inner}]({protect_text(target)})"

    def protect_text(value: str) -> str:
        protected.append(value)
        return f"\ue000{len(protected) - 1}\ue001"

    text = _MD_IMAGE.sub(image, text)
    text = _MD_LINK.sub(link, text)
    if _HTML_START.search(text):
        soup_state_text = html_to_markdown_counting(text, site, rel, first_line, page_dir, out_dir)
        text, comments = soup_state_text
    text = emojize(text)
    text = _myst_escape(text)
    for _ in range(3):  # placeholders may hold placeholders (a link around an image)
        text = re.sub(r"\ue000(\d+)\ue001", lambda m: protected[int(m.group(1))], text)
    text = re.sub(r"\ue000\d+\ue001", "", text)
    return site.restore(text), comments


def html_to_markdown_counting(text: str, site: Site, rel: str, first_line: int, page_dir: str,
                              out_dir: str) -> tuple[str, int]:
    soup = BeautifulSoup(text, "html.parser")
    state = _Html(site, rel, first_line, page_dir, out_dir)
    return _children(soup, state), state.comments


# A "%" comment, a "(target)=" label, a "+++" block break, a ":::" fence: MyST syntax, not text.
_MYST_LINE = re.compile(r"^(?:%|\([^)]*\)=\s*$|\+\+\+|:{3,}|\^{3,})")


def _myst_escape(text: str) -> str:
    """Constructs MyST reads differently from the Markdown the text was written in."""
    text = _ROLE_LIKE.sub(r"\\{\1}", text)
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if _MYST_LINE.match(stripped):
            line = indent + "\\" + stripped
        out.append(line)
    return "\n".join(out)


# ---- headings -------------------------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def setext_to_atx(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and out and re.match(r"^ {0,3}(=+|-+)\s*$", line) and out[-1].strip() \
                and not re.match(r"^\s*([-*+>]|\d+[.)]|#|\||```)", out[-1]) and not _ATX.match(out[-1]):
            level = "#" if line.strip().startswith("=") else "##"
            out[-1] = f"{level} {out[-1].strip()}"
            continue
        out.append(line)
    return "\n".join(out)


def normalise_headings(text: str, top: int = 2) -> str:
    """Headings renumbered from ``top`` without jumps (MyST warns on H1 → H3), outside code."""
    text = setext_to_atx(text)
    lines = text.split("\n")
    levels = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _ATX.match(line)):
            levels.append(len(m.group(1)))
    ranks = {level: index for index, level in enumerate(sorted(set(levels)))}
    out = []
    previous = top - 1
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _ATX.match(line)):
            level = min(top + ranks[len(m.group(1))], previous + 1, 6)
            previous = level
            title = m.group(2).strip() or "Section"
            line = f"{'#' * level} {title}"
        out.append(line)
    return "\n".join(out)


def first_heading(text: str) -> tuple[str, str] | None:
    """(title, text without it) if the body starts with a heading."""
    stripped = setext_to_atx(text).lstrip("\n")
    first, _, rest = stripped.partition("\n")
    match = _ATX.match(first)
    return (match.group(2).strip(), rest) if match else None

