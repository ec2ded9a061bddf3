"""Compare a normalised HTML fragment with a stored snapshot under tests/snapshots/.

Set ``SR_UPDATE_SNAPSHOTS=1`` to (re)write the stored files after a deliberate change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

SNAPSHOTS = Path(__file__).parent / "snapshots"


def normalise_html(fragment: Tag | str) -> str:
    """One element per line, sorted attributes, collapsed whitespace; each badge SVG reduced to
    its accessible name (its drawing depends on the pybadges version, not on us)."""
    soup = BeautifulSoup(str(fragment), "html.parser")
    for svg in soup.select(".sr-badge svg"):
        svg.clear()
        for name in list(svg.attrs):
            if name not in {"role", "aria-label"}:
                del svg[name]
    for svg in soup.select("svg.sd-octicon"):
        svg.clear()
    for element in soup.find_all(True):
        element.attrs = {k: element.attrs[k] for k in sorted(element.attrs)}
        for name, value in element.attrs.items():
            if isinstance(value, list):
                element[name] = " ".join(value)
            elif value in ("", "True", "1", name) and name in {"hidden", "open"}:
                element[name] = ""  # docutils 0.22 writes booleans as 1/0
    text = soup.prettify(formatter="minimal")
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def normalise_xml(text: str) -> str:
    """Doctree XML: booleans as docutils < 0.22 wrote them, no source paths, trimmed lines."""
    text = re.sub(r'(\s\w+)="1"', r'\1="True"', text)
    text = re.sub(r'(\s\w+)="0"', r'\1="False"', text)
    text = re.sub(r'\ssource="[^"]*"', "", text)
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("SR_UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not os.environ.get("SR_UPDATE_SNAPSHOTS"):
            raise AssertionError(f"snapshot {name} did not exist; written, check it and commit it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs (SR_UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change)"
