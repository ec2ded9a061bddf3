"""Where a page sets a key at its top: MyST front matter (``key: …`` between ``---`` lines) or
a reST docinfo field (``:key: …``), for warnings at the right line."""

from __future__ import annotations

import re
from pathlib import Path


def front_matter_line(text: str, key: str) -> int:
    """The 1-based line of ``key`` in the page's front matter or docinfo, else 1."""
    lines = text.splitlines()
    name = re.escape(key)
    if lines and lines[0].strip() == "---":
        yaml = re.compile(rf"^[\"']?{name}[\"']?\s*:")
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == "---":
                break
            if yaml.match(line):
                return number
        return 1
    docinfo = re.compile(rf"^:{name}:(\s|$)")
    return next((number for number, line in enumerate(lines, start=1) if docinfo.match(line)), 1)


def front_matter_line_in(path: str | Path, key: str) -> int:
    """``front_matter_line`` of the page file at ``path`` (1 if it cannot be read)."""
    try:
        return front_matter_line(Path(path).read_text(encoding="utf-8", errors="replace"), key)
    except OSError:
        return 1
