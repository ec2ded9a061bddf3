"""Reading a Jekyll site: YAML with dates kept as written, front matter, Liquid tags."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.links import is_absolute
from .outfiles import inside
from .report import Report

_OUTSIDE = "a symlink to a file outside the source folder: not read"


class _Loader(yaml.SafeLoader):
    """Safe YAML in which timestamps stay strings: PyYAML would move a dated news item
    with a time zone to UTC, and with it, sometimes, to another day."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


@dataclass
class Page:
    """A Markdown file: its front matter and its body, with the body's first line number."""

    path: str  # relative to the source folder, for the report
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    front: str = ""  # the front matter as written

    def line(self, key: str = "", within: str = "") -> int:
        """The line of a top-level front-matter key, or of ``key`` nested in ``within``
        (``profile: image:``); 1, the front matter's, if it is not found."""
        start = 0
        if within:
            parent = re.search(rf"^{re.escape(within)}[ \t]*:", self.front, re.MULTILINE)
            if parent is None:
                return 1
            start = parent.end()
        indent = r"[ \t]+" if within else ""
        pattern = re.compile(rf"^{indent}{re.escape(key)}[ \t]*:", re.MULTILINE)
        match = pattern.search(self.front, start) if key else None
        return 2 + self.front.count("\n", 0, match.start()) if match else 1

    def where(self, key: str = "", within: str = "") -> str:
        """``path:line`` of a front-matter key (see ``line``)."""
        return f"{self.path}:{self.line(key, within)}"


def decode_legacy(data: bytes) -> tuple[str, str, int]:
    """Bytes that are not UTF-8: (text, the encoding guessed, the line of the first non-UTF-8 byte).
    Windows-1252 first (curly quotes and the euro sign, which Latin-1 reads as control characters),
    then Latin-1, which reads anything."""
    try:
        data.decode("utf-8")
        return data.decode("utf-8"), "UTF-8", 1
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    try:
        return data.decode("cp1252"), "Windows-1252", line
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1", line


def read_text(path: Path, report: Report | None = None, rel: str = "") -> str:
    """A text file of the source; one that is not UTF-8 is read as Windows-1252 or Latin-1 (a guess,
    reported at its first non-UTF-8 line when ``report`` is given)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding, line = decode_legacy(data)
        if report is not None:
            report.guess(f"{rel or path.name}:{line}", f"not UTF-8: read as {encoding} and written as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def read_page(root: Path, path: Path, report: Report) -> Page:
    rel = path.relative_to(root).as_posix()
    if not inside(root, path):
        report.left_out(rel, _OUTSIDE)
        return Page(rel, {}, "", 1)
    text = read_text(path, report, rel)
    match = _FRONT.match(text)
    if not match:
        return Page(rel, {}, text, 1)
    try:
        meta = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        report.left_out(f"{rel}:{line}", f"front matter is not valid YAML ({getattr(error, 'problem', error)})")
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    return Page(rel, meta, text[match.end():], text.count("\n", 0, match.end()) + 1, match.group(1))


def home_page_path(root: Path) -> Path:
    """The page served at ``/``: ``_pages/about.md`` in the templates, another file on some sites."""
    default = root / "_pages" / "about.md"
    if default.is_file() or not (root / "_pages").is_dir():
        return default
    for path in sorted((root / "_pages").glob("*.md")):
        match = re.search(r"^permalink:\s*[\"']?/[\"']?\s*$", read_text(path), re.MULTILINE)
        if match:
            return path
    return default


def read_yaml_file(root: Path, rel: str, report: Report) -> Any:
    path = root / rel
    if not path.is_file():
        return None
    if not inside(root, path):
        report.left_out(rel, _OUTSIDE)
        return None
    try:
        return load_yaml(read_text(path, report, rel))
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = (mark.line + 1) if mark is not None else 1
        report.left_out(f"{rel}:{line}", f"not valid YAML ({getattr(error, 'problem', error)}); not read")
        return None


def yaml_where(root: Path, rel: str, key: str, within: str = "") -> str:
    """``rel:line`` of a key of a YAML file (nested in ``within``), for the report."""
    path = root / rel
    text = read_text(path) if path.is_file() else ""
    # Page.line counts from a front matter's first line (after "---"); a whole file starts one line up.
    line = Page(rel, {}, "", 1, text).line(key, within) - 1 if text else 1
    return f"{rel}:{max(line, 1)}"


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def text_value(value: Any) -> str:
    """A YAML scalar as text ("" for nothing); numbers and dates as written."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


@dataclass
class LineMap:
    """Where each line of a text assembled from ``{% include_relative %}`` pieces was written."""

    rel: str
    first_line: int
    segments: list[tuple[int, str, int]] | None = None  # (0-based output line, file, its line)

    def __post_init__(self) -> None:
        if self.segments is None:
            self.segments = [(0, self.rel, self.first_line)]

    def splice(self, at: int, child: LineMap, resume_at: int, resume_line: int) -> None:
        assert self.segments is not None and child.segments is not None
        self.segments += [(at + offset, rel, line) for offset, rel, line in child.segments]
        self.segments.append((resume_at, self.rel, resume_line))

    def locate(self, line: int) -> tuple[str, int]:
        """(file, line) of the 0-based output ``line``."""
        assert self.segments is not None
        found = self.segments[0]
        for segment in self.segments:
            if segment[0] <= line:
                found = segment
        return found[1], found[2] + line - found[0]

    def where(self, line: int) -> str:
        rel, number = self.locate(line)
        return f"{rel}:{number}"


# ---- Liquid -------------------------------------------------------------------------------

LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
LIQUID_OUTPUT = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_BLOCKS = {"if": "endif", "unless": "endunless", "for": "endfor", "case": "endcase", "capture": "endcapture",
           "comment": "endcomment", "tablerow": "endtablerow"}
_INCLUDE_ARG = re.compile(r"""^\s*["']?([^\s"'%]+)["']?""")


# al-folio's image include: {% include figure.liquid path="assets/img/1.jpg" title="…" caption="…" %}
_FIGURE_INCLUDE = re.compile(r"""^["']?figure(?:\.liquid|\.html)?["']?\s""")
_INCLUDE_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


def figure_html(args: str) -> str | None:
    """The HTML al-folio's figure include renders (an image, its caption), for the HTML reader
    to take as any other image; None when its path is a Liquid variable the import cannot know."""
    params = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else None
              for m in _INCLUDE_PARAM.finditer(args)}
    path = params.get("path")
    if not path or "{{" in path:
        return None
    alt = params.get("alt") or params.get("title") or params.get("caption") or ""
    src = path if is_absolute(path) or path.startswith("/") else "/" + path
    caption = params.get("caption") or ""
    html_caption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{html.escape(src)}" alt="{html.escape(alt)}">{html_caption}</figure>'


def line_at(text: str, index: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, index)


def expand_liquid(
    text: str, first_line: int, rel: str, report: Report, *, include_root: Path | None = None,
    source_root: Path | None = None, loop_handler: Any = None, depth: int = 0, line_map: LineMap | None = None,
) -> str:
    """Liquid the import cannot run is removed and reported; ``{% raw %}`` keeps its text,
    ``{% include_relative %}`` is replaced by the file it names (read the same way), and a
    ``{% for %}`` loop may be replaced by ``loop_handler(loop_arguments)`` (e.g. a directive)."""
    text = strip_comments(text, rel, report)
    out: list[str] = []
    pos = 0
    while True:
        match = LIQUID_TAG.search(text, pos)
        out.append(_drop_outputs(text[pos: match.start() if match else len(text)], pos, text, first_line, rel,
                                 report))
        if not match:
            break
        name, args = match.group(1), match.group(2).strip()
        line = line_at(text, match.start(), first_line)
        where = f"{rel}:{line}"
        if name == "raw":
            end = re.compile(r"\{%-?\s*endraw\s*-?%\}").search(text, match.end())
            stop = end.start() if end else len(text)
            out.append(text[match.end():stop])
            pos = end.end() if end else len(text)
            continue
        if name in ("include_relative", "include") and include_root is not None and source_root is not None:
            target = _INCLUDE_ARG.match(args)
            name_arg = target.group(1) if target else ""
            if name == "include_relative" and name_arg and depth < 8:
                included = (include_root / name_arg).resolve()
                if included.is_file() and source_root.resolve() in included.parents:
                    inc_rel = included.relative_to(source_root.resolve()).as_posix()
                    inc_text = read_text(included)
                    front = _FRONT.match(inc_text)
                    inc_first = 1
                    if front:
                        inc_first = inc_text.count("\n", 0, front.end()) + 1
                        inc_text = inc_text[front.end():]
                    here = sum(piece.count("\n") for piece in out)
                    child = LineMap(inc_rel, inc_first)
                    out.append(expand_liquid(inc_text, inc_first, inc_rel, report, include_root=included.parent,
                                             source_root=source_root, loop_handler=loop_handler, depth=depth + 1,
                                             line_map=child))
                    if line_map is not None:
                        line_map.splice(here, child, sum(piece.count("\n") for piece in out),
                                        line_at(text, match.end(), first_line))
                    pos = match.end()
                    continue
                report.left_out(where, f"`{{% include_relative {name_arg} %}}`: the file is missing")
                pos = match.end()
                continue
        if name in _BLOCKS:
            end_index = _block_end(text, match.end(), name)
            _body_end, after = end_index if end_index else (len(text), len(text))
            replacement = loop_handler(args, where) if (name == "for" and loop_handler) else None
            if replacement is not None:
                out.append(replacement + "\n" * text.count("\n", match.start(), after))
            else:
                what = "a Liquid loop" if name in ("for", "tablerow") else f"a Liquid `{name}` block"
                if name != "comment":
                    report.left_out(where, f"{what} (`{{% {name} {_short(args)} %}}`) cannot be followed")
            out.append("\n" * text.count("\n", match.start(), after))  # later lines keep their numbers
            pos = after
            continue
        if name == "include" and _FIGURE_INCLUDE.match(args):
            figure = figure_html(args)
            if figure is not None:
                out.append(figure + "\n" * match.group().count("\n"))
                pos = match.end()
                continue
        out.append(_keep_lines(match.group()))
        pos = match.end()
        if name.startswith("end") or name in ("else", "elsif", "when", "break", "continue"):
            continue
        if name in ("assign", "increment", "decrement", "cycle"):
            continue
        if name == "include" and args.split()[:1] == ["base_path"]:
            continue  # academicpages' include that only sets {{ base_path }} (see _SITE_PREFIX)
        report.left_out(where, f"Liquid tag `{{% {name} {_short(args)} %}}` is not converted")
    return "".join(out)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.DOTALL | re.MULTILINE)


def strip_comments(text: str, rel: str, report: Report) -> str:
    """HTML comments out (with the Liquid in them): the old site did not show them. Their
    newlines stay, so later lines keep their numbers; code blocks are left as they are."""
    pieces, pos, count = [], 0, 0
    for fence in [*_FENCED.finditer(text), None]:
        end = fence.start() if fence else len(text)
        chunk, found = _COMMENT.subn(lambda m: "\n" * m.group().count("\n"), text[pos:end])
        pieces.append(chunk)
        count += found
        if fence:
            pieces.append(fence.group())
            pos = fence.end()
    if count:
        report.changed(rel, f"{count} HTML comment(s) left out (the old site did not show them)")
    return "".join(pieces)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _block_end(text: str, start: int, name: str) -> tuple[int, int] | None:
    """(start, end) of the ``{% endNAME %}`` that closes a block opened before ``start``."""
    depth = 1
    for match in LIQUID_TAG.finditer(text, start):
        tag = match.group(1)
        if tag == name:
            depth += 1
        elif tag == _BLOCKS[name]:
            depth -= 1
            if depth == 0:
                return match.start(), match.end()
    return None


def _keep_lines(text: str) -> str:
    return "\n" * text.count("\n")


_SITE_PREFIX = re.compile(r"site\.(?:baseurl|url)|base_path|site\.url\s*\}\}\s*\{\{\s*site\.baseurl")
_URL_FILTER = re.compile(r"""["']([^"'{}]+)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)""")


def _drop_outputs(chunk: str, offset: int, text: str, first_line: int, rel: str, report: Report) -> str:
    def drop(match: re.Match[str]) -> str:
        inner = match.group()[2:-2].strip()
        if _SITE_PREFIX.fullmatch(inner):
            return ""  # {{ site.baseurl }}/files/x.pdf: the path is the same in the new site
        quoted = _URL_FILTER.fullmatch(inner)
        if quoted:
            return "/" + quoted.group(1).lstrip("/")  # {{ 'assets/img/x.jpg' | relative_url }}
        line = line_at(text, offset + match.start(), first_line)
        report.left_out(f"{rel}:{line}", f"Liquid output `{_short(match.group())}` cannot be computed")
        return _keep_lines(match.group())

    return LIQUID_OUTPUT.sub(drop, chunk)
