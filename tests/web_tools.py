"""The instruments of the browser and validator tests, and a local server for built sites.

They come from outside Python: Debian's chromium, the system Java, and from npm the Nu HTML
checker's jar and axe-core, installed into ``.tools/`` by ``.ci/install_web_tools.sh``. A
developer without them gets skipped tests; CI (``CI`` set) fails instead, because a check
that quietly does not run guards nothing.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".tools" / "node_modules"
CHROMIUM = Path(os.environ.get("SR_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(os.environ.get("SR_AXE_JS", TOOLS / "axe-core" / "axe.min.js"))
VNU_JAR = Path(os.environ.get("SR_VNU_JAR", TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"))

# Chromium as this closed network needs it: no background requests to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(condition: bool, what: str) -> None:
    if condition:
        return
    message = what if "bash .ci/" in what else f"{what} is missing: run `bash .ci/install_web_tools.sh`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_browser() -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "the playwright package")
    require(CHROMIUM.is_file(), str(CHROMIUM))
    require(AXE_JS.is_file(), str(AXE_JS))


def require_validator() -> None:
    require(shutil.which("java") is not None, "java")
    require(VNU_JAR.is_file(), str(VNU_JAR))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL (with a slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def html_pages(outdir: Path) -> list[Path]:
    """Every page a reader can open: no Sphinx internals (sources, static files, images)."""
    skip = {"_static", "_sources", "_images", "_downloads"}
    return sorted(p for p in outdir.rglob("*.html") if not skip & set(p.relative_to(outdir).parts))
