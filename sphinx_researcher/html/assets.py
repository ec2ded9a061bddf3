"""The extension's CSS and its one small script, added for html builders only; and
sphinx-design's assets, kept off the pages that use none of its components.

No config value is changed at run time: Sphinx stores the config with the environment and
compares it with conf.py on the next build, so a value changed here would make every
rebuild report "The configuration has changed". Static files are copied into ``_static``
when writing starts instead, before Sphinx copies the user's own ``html_static_path``
(which therefore wins for a file of the same name).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

STATIC_DIR = Path(__file__).parent.parent / "static"
CSS_FILE = "sphinx-researcher.css"
JS_FILE = "sphinx-researcher.js"

# Only class attributes holding an "sd-" class: the regex engine skips the others (a list page
# has tens of thousands), not a Python loop.
_DESIGN_CLASS_ATTR = re.compile(r'class="([^"]*\bsd-[^"]*)"')  # no leading \b: it costs the literal search


class StaticFiles:
    """Per application: the static folders to copy ourselves (ours, and the one
    sphinx-design appends to ``html_static_path``, which is put back as conf.py wrote it)."""

    def __init__(self) -> None:
        self.user_static_path: list[str] = []
        self.folders: list[Path] = [STATIC_DIR]

    def remember(self, app: Sphinx) -> None:
        self.user_static_path = list(app.config.html_static_path)

    def take_back(self, app: Sphinx) -> None:
        """Runs after sphinx-design's builder-inited handler, which appends its folder."""
        if app.builder.format != "html":
            return
        current = list(app.config.html_static_path)
        added = [entry for entry in current if entry not in self.user_static_path and _is_design_folder(entry)]
        if added:
            self.folders.extend(Path(app.confdir, entry) for entry in added)
            # The user's own list again (sphinx-design appended to it in place).
            app.config.html_static_path = [entry for entry in current if entry not in added]
        app.add_css_file(CSS_FILE)
        app.add_js_file(JS_FILE, loading_method="defer")

    def copy(self, app: Sphinx, builder: Builder) -> None:
        if builder.format != "html":
            return
        static = Path(builder.outdir) / "_static"
        users = {
            PurePosixPath(path.relative_to(Path(app.confdir, entry))).as_posix()
            for entry in app.config.html_static_path
            if Path(app.confdir, entry).is_dir()
            for path in Path(app.confdir, entry).rglob("*")
            if path.is_file()
        }
        for folder in self.folders:
            for source in sorted(folder.rglob("*")):
                name = source.relative_to(folder).as_posix()
                if not source.is_file() or name in users or source.name.startswith("."):
                    continue
                target = static / name
                if target.is_file() and target.stat().st_size == source.stat().st_size and _same(source, target):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def _is_design_folder(entry: str) -> bool:
    """sphinx-design's static folder: inside its package (0.8) or ``_sphinx_design_static`` (0.6)."""
    path = Path(entry)
    return "sphinx_design" in path.parts or path.name == "_sphinx_design_static"


# -- sphinx-design's CSS (~55 KB) and tabs script, only where a page uses them --------------------


def design_classes(body: str) -> set[str]:
    """The ``sd-`` classes of the page body, leaving out the elements the extension draws itself
    (their classes hold an ``sr-`` one) and octicons: sphinx-researcher.css styles both."""
    found: set[str] = set()
    if "sd-" not in body:  # most pages (every per-paper page): no need to scan their class attributes
        return found
    for match in _DESIGN_CLASS_ATTR.finditer(body):
        classes = match.group(1).split()
        if any(c.startswith("sr-") for c in classes):
            continue
        found.update(c for c in classes if c.startswith("sd-") and not c.startswith("sd-octicon"))
    return found


def design_use(body: str) -> tuple[bool, bool]:
    """What ``prune_design_assets`` decides from a page body: (keep the stylesheet, keep the tabs script)."""
    used = design_classes(body)
    return bool(used), "sd-tab-set" in used


def _asset_name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "").rstrip("/").rsplit("/", 1)[-1]  # once per asset and page


def prune_design_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Drop sphinx-design's stylesheet from a page that shows none of its components, and its
    tabs script from a page without tabs. The builder's own lists are left as they are."""
    if app.builder.format != "html":
        return
    stylesheet, tabs = design_use(str(context.get("body", "")))
    if not stylesheet and "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if not _asset_name(c).startswith("sphinx-design")]
    if not tabs and "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if _asset_name(s) != "design-tabs.js"]


def setup_assets(app: Sphinx) -> None:
    files = StaticFiles()
    app.connect("builder-inited", files.remember, priority=100)
    app.connect("builder-inited", files.take_back, priority=900)
    app.connect("write-started", files.copy)
    app.connect("html-page-context", prune_design_assets, priority=900)
