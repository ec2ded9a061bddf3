"""What a built page makes the browser load: the HTML plus every stylesheet, script, image and
icon it names from the output folder, in bytes (uncompressed, as written on disk).

Not a test: ``python benchmarks/page_weight.py example_site/_build/html/index.html`` prints one
line per file and the total (the issue's target for the example home page: under 100 KB).
"""

from __future__ import annotations

import argparse
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "") in {"stylesheet", "icon"}:
            self.urls.append(values.get("href") or "")
        elif tag in {"script", "img"} and values.get("src"):
            self.urls.append(values.get("src") or "")


def page_weight(page: Path) -> list[tuple[str, int]]:
    """(name, bytes) of the page and of each local file it loads; remote ones are listed with -1."""
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    rows = [(page.name, page.stat().st_size)]
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} or url.startswith("//"):
            rows.append((url, -1))
        elif parts.scheme == "data" or not parts.path:
            continue
        else:
            path = (page.parent / unquote(parts.path)).resolve()
            rows.append((parts.path, path.stat().st_size if path.is_file() else 0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="+", type=Path)
    args = parser.parse_args()
    for page in args.pages:
        rows = page_weight(page)
        for name, size in rows:
            print(f"{size:>9} {name}" if size >= 0 else f"{'remote':>9} {name}")
        total = sum(size for _name, size in rows if size > 0)
        print(f"{total:>9} total for {page} ({total / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
