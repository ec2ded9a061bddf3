"""Check the example site that the installed wheel built: every packaged file reached the output.

    python .ci/check_wheel_site.py OUT    # OUT holds html/, zh/ and latex/ builds

A theme file, static asset, template or message catalog left out of the package data builds
a site that is missing it (or fails): each line below names what would then be lost.
"""

from __future__ import annotations

import sys
from pathlib import Path


def problems(out: Path) -> list[str]:
    html, zh, latex = out / "html", out / "zh", out / "latex"
    found = []
    for asset in ("sphinx-researcher.css", "sphinx-researcher.js", "researcher.css"):
        if not (html / "_static" / asset).is_file():
            found.append(f"_static/{asset} is not in the built site (package data?)")
    index = (html / "index.html").read_text(encoding="utf-8")
    for hook in ('class="sr-profile', 'class="sr-publication', 'class="sr-news', 'class="sr-timeline'):
        if hook not in index:
            found.append(f"index.html has no {hook}")
    if "researcher.css" not in index:
        found.append("index.html is not built with the researcher theme")
    if not list((html / "pub").glob("*.html")):
        found.append("no per-paper page was written")
    zh_index = (zh / "index.html").read_text(encoding="utf-8")
    for label in ("代码", "至今"):  # "Code", "present" from the shipped zh_CN catalog
        if label not in zh_index:
            found.append(f"zh_CN build lacks the label {label!r} (message catalog not packaged?)")
    tex = "".join(path.read_text(encoding="utf-8") for path in latex.glob("*.tex"))
    if "Jane Q. Doe" not in tex:
        found.append("the LaTeX build has no researcher name")
    return found


if __name__ == "__main__":
    lines = problems(Path(sys.argv[1]))
    print("\n".join(f"ci: wheel site: {line}" for line in lines) or "ci: the wheel's example site is complete")
    sys.exit(1 if lines else 0)
