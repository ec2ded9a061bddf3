"""Writing a site: conf.py, the pages with their toctree, and the files that publish it."""

from __future__ import annotations

import datetime as dt
import pprint
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .outfiles import destination

READTHEDOCS_YAML = """\
# Read the Docs builds this site; a warning fails the build, as locally with -W.
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

sphinx:
  configuration: conf.py
  fail_on_warning: true

python:
  install:
    - requirements: requirements.txt
"""

REQUIREMENTS_TXT = f"""\
# What Read the Docs (or you) installs to build this site.
sphinx-researcher>={__version__}
"""

GITIGNORE = """\
_build/
.venv/
__pycache__/
*.pyc
.DS_Store
"""

BUILD_HINT = "python -m sphinx -W -b html . _build/html"


# Names Sphinx writes itself: a page of the same name would clash with them.
RESERVED_DOCNAMES = frozenset({"genindex", "search", "py-modindex", "modindex", "_static", "_images", "_sources",
                               "_downloads", "pub"})


def page_name(name: str) -> str:
    """A docname for an imported page: lower-case words and hyphens, never one Sphinx reserves."""
    name = "/".join(re.sub(r"[^a-z0-9-]+", "-", part.lower()).strip("-") or "page" for part in name.split("/"))
    return f"{name}-page" if name in RESERVED_DOCNAMES else name


@dataclass
class SiteSpec:
    """A whole site as the importers (and ``new``) describe it, before it is written."""

    name: str = ""
    title: str = ""
    language: str = "en"
    profile: dict[str, Any] = field(default_factory=dict)
    name_variants: list[str] = field(default_factory=list)
    bibtex_files: list[str] = field(default_factory=list)
    baseurl: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # docname → MyST text (index first)
    nav: list[str] = field(default_factory=list)  # docnames in the top navigation, in order
    orphans: list[str] = field(default_factory=list)  # pages reached by links only, not from the menu
    extra_conf: dict[str, Any] = field(default_factory=dict)
    conf_comments: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def add_page(self, docname: str, text: str, nav: bool = True) -> str:
        """Add a page under a free docname (``talks``, ``talks-2``…); returns the name used."""
        base, n = docname, 1
        while docname in self.pages:
            n += 1
            docname = f"{base}-{n}"
        self.pages[docname] = text
        if nav:
            self.nav.append(docname)
        return docname


def conf_py(spec: SiteSpec, header: str) -> str:
    def value(obj: Any) -> str:
        return pprint.pformat(obj, indent=4, width=100, sort_dicts=False)

    lines = [f'"""{header}', "", f"Build it with ``{BUILD_HINT}``.", '"""', ""]
    name = spec.name or "Your Name"
    lines += [
        f"project = {value(spec.title or name)}",
        f"author = {value(name)}",
        f"copyright = {value(f'{dt.date.today().year}, {name}')}",
        f"version = release = {value(str(dt.date.today().year))}  # EPUB needs one",
        f"language = {value(spec.language or 'en')}",
        "",
        'extensions = ["sphinx_researcher"]',
        f"exclude_patterns = {value(['_build', '.venv', 'README.md', 'IMPORT-REPORT.md', *spec.exclude])}",
        "",
        f"researcher_name = {value(name)}",
    ]
    if spec.name_variants:
        lines.append(f"researcher_name_variants = {value(spec.name_variants)}")
    lines.append(f"researcher_bibtex_files = {value(spec.bibtex_files)}")
    profile = {k: v for k, v in spec.profile.items() if v}
    lines.append(f"researcher_profile = {value(profile)}")
    for key, extra in spec.extra_conf.items():
        lines.append(f"{key} = {value(extra)}")
    lines += ["", 'html_theme = "researcher"', f"html_title = {value(spec.title or name)}"]
    if spec.baseurl:
        lines.append(f"html_baseurl = {value(spec.baseurl)}")
    lines += [
        "",
        "# `sphinx -b epub SRC OUT` keeps its doctrees inside OUT, where the epub builder meets them",
        "# as files it has no mimetype for; they are never part of the book.",
        'suppress_warnings = ["epub.unknown_project_files"]',
    ]
    lines += [f"# {comment}" for comment in spec.conf_comments]
    return "\n".join(lines) + "\n"


def with_toctree(index: str, nav: list[str]) -> str:
    """The home page with the root toctree (hidden: the theme shows it as the top navigation)."""
    if not nav:
        return index
    block = "```{toctree}\n:hidden:\n\n" + "\n".join(nav) + "\n```\n"
    match = re.match(r"^(# [^\n]*\n)", index)
    if match:
        return match.group(1) + "\n" + block + index[match.end():]
    return block + "\n" + index


def write_site(spec: SiteSpec, out: Path, header: str, files: dict[str, str] | None = None,
               replaced: list[str] | None = None) -> list[Path]:
    """Write conf.py, every page and the publishing files; return what was written. Nothing is
    written through a symlink in ``out`` (``replaced`` collects the links put aside)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    contents = {"conf.py": conf_py(spec, header), ".readthedocs.yaml": READTHEDOCS_YAML,
                "requirements.txt": REQUIREMENTS_TXT, ".gitignore": GITIGNORE, **(files or {})}
    for docname, text in spec.pages.items():
        if docname == "index":
            text = with_toctree(text, spec.nav)
        elif docname in spec.orphans and docname not in spec.nav:
            text = "---\norphan: true\n---\n\n" + text  # in no toctree on purpose: no warning
        contents[f"{docname}.md"] = text
    for name, text in contents.items():
        path = destination(out, name, replaced)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        written.append(path)
    return written
