"""Build small real Sphinx projects and look at what they produce."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ANSI = re.compile(r"\x1b\[[0-9;]*m")

DEFAULT_CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
"""

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Built:
    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    warnings: str

    def html(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")

    def soup(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup(self.html(page), "html.parser")

    def text(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if "WARNING" in line or "ERROR" in line]


def write_project(srcdir: Path, files: dict[str, str | bytes]) -> None:
    srcdir.mkdir(parents=True, exist_ok=True)
    if "conf.py" not in files:
        (srcdir / "conf.py").write_text(DEFAULT_CONF, encoding="utf-8")
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def run_build(srcdir: Path, buildername: str = "html", *, outdir: Path | None = None, **kwargs: Any) -> Built:
    """Build ``srcdir`` with Sphinx's own test application; warnings are collected, not raised."""
    from io import StringIO

    status, warning = StringIO(), StringIO()
    builddir = outdir or (srcdir.parent / f"_build-{srcdir.name}")
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=builddir, status=status, warning=warning, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(app, srcdir, Path(app.outdir), ANSI.sub("", warning.getvalue()))


@pytest.fixture
def build(tmp_path: Path):
    """``build(files, buildername="html", confoverrides=..., parallel=...)`` → Built."""
    counter = iter(range(1000))

    def _build(files: dict[str, str | bytes], buildername: str = "html", **kwargs: Any) -> Built:
        srcdir = tmp_path / f"src{next(counter)}"
        write_project(srcdir, files)
        return run_build(srcdir, buildername, **kwargs)

    return _build


# A 1x1 PNG for projects that need an image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f5b3"
    "1c0000000049454e44ae426082"
)
