"""Shared checks of the hardening tests (property tests and the corpus): a build under a
builder raises nothing, injects nothing, and every researcher warning is located at a real
line of a real file of the project."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

from conftest import Built, run_build

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "xml", "gettext")
HTML_FAMILY = frozenset({"html", "dirhtml", "singlehtml", "epub"})

# What a payload leaves in the output when it got through unescaped.
PAYLOAD = "<script>sr_pwn()</script>"
SCRIPT_URL = "javascript:sr_pwn()"
_INJECTED_SCRIPT = re.compile(r"<script[^>]*>\s*sr_pwn\(", re.I)
_SCRIPT_ATTR = re.compile(
    r"""(?:href|src|action|xlink:href)\s*=\s*["']?\s*(?:&#\w+;|\s)*j\W*a\W*v\W*a\W*s\W*c\W*r\W*i\W*p\W*t\W*:""", re.I
)
_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?:WARNING|ERROR): ")
# A node of ours reaching a writer, or a handler that failed and was logged instead of raised.
_BROKEN = re.compile(r"unknown node type|Losing \"|Traceback|exception:|RecursionError", re.I)


def write_files(srcdir: Path, files: dict[str, str]) -> None:
    """A fresh project in ``srcdir`` (emptied first: one directory reused per example)."""
    if srcdir.exists():
        shutil.rmtree(srcdir)
    srcdir.mkdir(parents=True)
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content) if name.endswith(".md") else content, encoding="utf-8")


def build_in(srcdir: Path, builder: str) -> Built:
    outdir = srcdir.parent / f"_build-{srcdir.name}-{builder}"
    if outdir.exists():
        shutil.rmtree(outdir)
    return run_build(srcdir, builder, outdir=outdir)


def researcher_warnings(built: Built) -> list[str]:
    return [line for line in built.warning_lines() if "[researcher." in line]


def unlocated(built: Built) -> list[str]:
    """Researcher warnings not at ``file:line`` of a file of the project, at a line it has."""
    bad = []
    for line in researcher_warnings(built):
        match = _LOCATED.match(line)
        if not match:
            bad.append(line)
            continue
        path = Path(match["path"])
        try:
            inside = path.resolve().is_relative_to(built.srcdir.resolve())
            lines = path.read_text(encoding="utf-8", errors="replace").count("\n") + 1 if path.is_file() else 0
        except (OSError, ValueError):
            inside, lines = False, 0
        if not inside or not 1 <= int(match["line"]) <= lines:
            bad.append(line)
    return bad


def injected(built: Built) -> list[str]:
    """Output files of the html family where a payload got through unescaped."""
    found = []
    for path in built.outdir.rglob("*"):
        if path.suffix not in {".html", ".xhtml", ".xml", ".svg"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if _INJECTED_SCRIPT.search(text) or _SCRIPT_ATTR.search(text):
            found.append(str(path.relative_to(built.outdir)))
    return found


def assert_sound(built: Built, builder: str) -> None:
    broken = [line for line in built.warnings.splitlines() if _BROKEN.search(line)]
    assert broken == [], f"{builder}: {broken}"
    assert unlocated(built) == [], f"{builder}: unlocated warnings"
    if builder in HTML_FAMILY:
        assert injected(built) == [], f"{builder}: payload in the output"
    if builder == "latex":
        for tex in built.outdir.glob("*.tex"):
            body = tex.read_text(encoding="utf-8")
            # pdflatex stops on a list without an item ("perhaps a missing \item").
            assert not re.search(r"\\begin\{(itemize|enumerate)\}\s*\\end\{\1\}", body), tex.name
