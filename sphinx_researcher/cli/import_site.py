"""``sphinx-researcher import SOURCE DIR``: an academicpages, AcadHomepage or al-folio site
converted into a sphinx-researcher site, with IMPORT-REPORT.md naming what was left out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CommandError
from .new import check_target

TEMPLATE_NAMES = ("academicpages", "acadhomepage", "al-folio")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="convert a Jekyll academic homepage (academicpages, AcadHomepage, al-folio)",
        description="Convert the Jekyll site in SOURCE (a checkout of an academicpages, AcadHomepage or al-folio "
                    "homepage) into a sphinx-researcher site in DIR: profile, pages, publications (papers.bib), "
                    "news, talks, teaching, CV, images and PDFs. What cannot be converted faithfully is left out "
                    "and listed, with its file:line, in DIR/IMPORT-REPORT.md.",
    )
    parser.add_argument("source", metavar="SOURCE", type=Path, help="the Jekyll site's folder")
    parser.add_argument("dir", metavar="DIR", type=Path, help="the folder to write (must be empty)")
    parser.add_argument("--template", choices=TEMPLATE_NAMES, help="the template SOURCE uses (default: detected)")
    parser.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..importers import detect, run_import
    from ..importers.report import Report

    source: Path = args.source
    out: Path = args.dir
    if not source.is_dir():
        raise CommandError(f"{source} is not a folder")
    if not (source / "_config.yml").is_file() and not (source / "_pages").is_dir():
        raise CommandError(f"{source} is not a Jekyll site (no _config.yml or _pages/)")
    if out.resolve() == source.resolve() or source.resolve() in out.resolve().parents:
        raise CommandError(f"{out} is inside {source}; write the new site somewhere else")
    check_target(out, args.force)
    template = args.template or detect(source)
    if template is None:
        raise CommandError(f"{source} is not an academicpages, AcadHomepage or al-folio site; "
                           "name the template with --template")
    report = Report(quiet=args.quiet)
    report.progress(f"{source} looks like {template}")
    try:
        run_import(source, out, template, report)
    except (CommandError, OSError, KeyboardInterrupt):
        raise
    except Exception as error:  # a site shaped like nothing seen before: one line, not a traceback
        raise CommandError(f"could not import {source}: {type(error).__name__}: {error}") from error
    left = len(report.of_kind("left-out"))
    report.progress(f"wrote {out} ({left} thing(s) left out, {len(report.of_kind('guess'))} guess(es): "
                    f"see {out / 'IMPORT-REPORT.md'})")
    if not args.quiet:
        print(f"build it with: cd {out} && python -m sphinx -W -b html . _build/html", file=sys.stderr)
    return 0
