"""``sphinx-researcher new DIR``: a complete starter site that builds with ``-W`` at once."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from ..importers.markdown import escape_text
from ..importers.site import BUILD_HINT, SiteSpec, write_site
from .errors import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a starter homepage (conf.py, pages, papers.bib, Read the Docs files)",
        description="Write a complete starter site into DIR that builds with `sphinx -W` at once: conf.py with "
                    "the researcher theme, index.md (profile, recent news, selected publications), "
                    "publications.md, news.md, cv.md, papers.bib, .readthedocs.yaml, requirements.txt and "
                    ".gitignore.",
    )
    parser.add_argument("dir", metavar="DIR", type=Path, help="the folder to create (must be empty)")
    parser.add_argument("--name", default="", help='your name as it appears in author lists (default "Your Name")')
    parser.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    parser.set_defaults(handler=run)


def check_target(out: Path, force: bool) -> None:
    """Refuse to write into a folder that holds anything, unless forced."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CommandError(f"{out} is not empty; choose an empty folder or pass --force to write into it")


def clean_name(name: str) -> str:
    """A name usable in conf.py, Markdown and BibTeX alike (no braces, backslashes or controls)."""
    name = " ".join(re.sub(r"[{}\\\x00-\x1f\x7f]", " ", name).split())
    return name


def starter_bib(name: str, year: int) -> str:
    me = "{" + name + "}" if re.search(r"(^|\s)and(\s|$)|,", name, re.I) else name
    return f"""\
% Your publications. Each entry renders with {{publication}} / {{publications}}; al-folio's fields
% (abbr, selected, pdf, code, html, slides, poster, video, award, preview) are understood.
% "*" after a name marks equal contribution, "†" a corresponding author.

@inproceedings{{me{year}example,
  abbr      = {{CONF}},
  selected  = {{true}},
  title     = {{An Example Paper: Replace It with Your Own}},
  author    = {{{me} and Ada Lovelace and Alan Turing}},
  booktitle = {{Proceedings of the Example Conference}},
  year      = {{{year}}},
  month     = jun,
  code      = {{https://github.com/example/example}},
}}

@article{{me{year - 1}journal,
  title     = {{A Second Example, in a Journal}},
  author    = {{Grace Hopper and {me}}},
  journal   = {{Journal of Examples}},
  volume    = {{1}},
  pages     = {{1--10}},
  year      = {{{year - 1}}},
}}
"""


def starter_spec(name: str, today: dt.date) -> SiteSpec:
    shown = escape_text(name)
    year = today.year
    spec = SiteSpec(
        name=name, title=name, profile={"role": "Your role", "affiliation": "Your institution",
                                        "links": {"github": "your-github-id"}},
        bibtex_files=["papers.bib"],
    )
    spec.pages["index"] = f"""\
# {shown}

```{{profile}}
Write a few sentences about yourself and your research here. The profile above takes its
photo, role, affiliation and links from `researcher_profile` in conf.py.
```

## News

```{{recent-news}}
:limit: 5
:archive: news
```

## Selected publications

```{{publications}}
:filter: selected
```
"""
    spec.add_page("publications", """\
# Publications

Written from `papers.bib`, newest first. Edit that file to add your papers.

```{publications}
:group-by: year
```
""")
    spec.add_page("news", f"""\
# News

```{{news}}
:limit: 10

- {today.isoformat()}: This site was created with `sphinx-researcher new`.
- {year - 1}-09: An example of an older news item: replace it with your own.
```
""")
    spec.add_page("cv", f"""\
# CV

## Education

```{{timeline}}
- {year - 3}-09 – present: Your current degree or position, Your institution.
- {year - 7}-09 – {year - 3}-06: Your previous degree, Another institution.
```

## Awards

```{{timeline}}
- {year - 1}: An example award.
```

## Publications

```{{publications}}
```
""")
    return spec


def run(args: argparse.Namespace) -> int:
    out: Path = args.dir
    check_target(out, args.force)
    name = clean_name(args.name) or "Your Name"
    spec = starter_spec(name, dt.date.today())
    write_site(spec, out, f"The homepage of {name}, started with ``sphinx-researcher new``.",
               files={"papers.bib": starter_bib(name, dt.date.today().year)})
    print(f"sphinx-researcher new: wrote a starter site to {out}", file=sys.stderr)
    print(f"build it with: cd {out} && {BUILD_HINT}", file=sys.stderr)
    return 0
