"""``sphinx-researcher sync``: add the researcher's new works from ORCID, DBLP or OpenAlex to the .bib.

Entries already there (same DOI, arXiv id, or title and year) are never changed: their edits
win, and what the service says differently is reported. New entries are appended as text,
so everything else in the file stays byte for byte; ``--dry-run`` prints the diff instead.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..model.works import Work
from ..parsing.bibtex import decode, parse_bib_text
from ..parsing.bibtex_merge import MergeResult, merge_works
from ..services import dblp, openalex, orcid
from ..services.http import HttpClient, NotFound, ServiceError
from .errors import CommandError
from .files import atomic_write


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="add your new works from ORCID, DBLP or OpenAlex to the .bib file",
        description="Fetch your works and append the ones the .bib does not have yet. Entries already "
        "there are never changed; differences are reported.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--orcid", metavar="ID", help="an ORCID iD, e.g. 0000-0002-1825-0097")
    source.add_argument("--dblp", metavar="PID", help="a DBLP person id, e.g. 12/3456")
    source.add_argument("--openalex", metavar="ID", help="an OpenAlex author id, e.g. A5023888391")
    parser.add_argument("--bib", metavar="FILE",
                        help="the .bib to update (default: the first of researcher_bibtex_files)")
    parser.add_argument("--site", default=".", metavar="DIR", help="the folder holding conf.py (default: .)")
    parser.add_argument("--mailto", default="", metavar="EMAIL", help="your email for the APIs' polite pools")
    parser.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    parser.set_defaults(handler=run)


def read_conf(site: str) -> dict[str, object]:
    """conf.py's values, executed as Sphinx executes it (an empty dict when there is none)."""
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    conf = Path(site) / "conf.py"
    if not conf.is_file():
        return {}
    try:
        return eval_config_file(conf.resolve(), Tags())
    except ConfigError as error:
        raise CommandError(f"cannot read {conf}: {error}") from None


def bib_path(args: argparse.Namespace, conf: dict[str, object]) -> Path:
    if args.bib:
        return Path(args.bib)
    files = conf.get("researcher_bibtex_files") or []
    if isinstance(files, list | tuple) and files and isinstance(files[0], str):
        return Path(args.site) / files[0]
    raise CommandError("no .bib file: give --bib FILE, or set researcher_bibtex_files in conf.py")


def fetch_works(args: argparse.Namespace, client: HttpClient) -> tuple[str, list[Work]]:
    if args.orcid:
        ident = orcid.normalise_orcid(args.orcid)
        if not ident:
            raise CommandError(f"--orcid {args.orcid!r} is not an ORCID iD (0000-0000-0000-0000)")
        return orcid.NAME, orcid.works(client, ident)
    if args.dblp:
        pid = dblp.normalise_pid(args.dblp) or _dblp_search(client, args.dblp)
        return dblp.NAME, dblp.works(client, pid)
    author = args.openalex.strip().rsplit("/", 1)[-1]
    if not author[:1].upper() == "A" or not author[1:].isdigit():
        raise CommandError(f"--openalex {args.openalex!r} is not an OpenAlex author id (like A5023888391)")
    works = [w for w in (openalex.as_work(item) for item in openalex.author_works(client, author.upper())) if w]
    return openalex.NAME, works


def _dblp_search(client: HttpClient, name: str) -> str:
    """A name instead of a pid: DBLP's author search, which must find exactly one person."""
    if not name.strip() or "/" in name:
        raise CommandError(f"--dblp {name!r} is not a DBLP person id (like 12/3456) or a name")
    found = dblp.search_author(client, name)
    if len(found) == 1:
        return found[0][1]
    if not found:
        raise CommandError(f"DBLP knows no author named {name!r}; give the person id (like 12/3456)")
    choices = ", ".join(f"{who} ({pid})" for who, pid in found[:5])
    raise CommandError(f"{len(found)} DBLP authors match {name!r}: {choices}; give the person id with --dblp")


def report(result: MergeResult, service: str) -> None:
    for match in result.matched:
        for diff in match.differences:
            print(f"{match.entry.location}: {match.entry.key}: {diff.field} is {diff.here!r} here, "
                  f"{diff.there!r} in {service} (kept yours)")


def run(args: argparse.Namespace) -> int:
    conf = read_conf(args.site)
    path = bib_path(args, conf)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""  # a new file: every work is new
    encoding = str(conf.get("researcher_bibtex_encoding") or "utf-8")
    text, issues = decode(data, encoding, str(path))
    if issues:  # writing back replaced bytes would damage the file
        raise CommandError(f"{issues[0].location}: {issues[0].message}; nothing written")
    mailto = args.mailto or str(conf.get("researcher_metrics_mailto") or "")
    client = HttpClient(mailto=mailto)
    try:
        service, works = fetch_works(args, client)
    except NotFound:
        raise CommandError(f"{_service_of(args)}: no such author; {path} is unchanged") from None
    except ServiceError as error:
        raise CommandError(f"{error}; {path} is unchanged") from None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:  # a shape no check foresaw
        raise CommandError(f"{_service_of(args)}: unexpected answer ({type(error).__name__}); {path} is unchanged") \
            from None
    finally:
        client.close()
    name = str(conf.get("researcher_name") or "")
    result = merge_works(text, str(path), works, fallback_author=name)
    if result.added:
        before = {e.key for e in parse_bib_text(text, str(path)).entries}
        after = {e.key for e in parse_bib_text(result.text, str(path)).entries}
        if after - before != {key for key, _work in result.added}:  # never write what we cannot read back
            raise CommandError(f"the new entries would not read back from {path}; nothing written")
    report(result, service)
    if args.dry_run:
        sys.stdout.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), result.text.splitlines(keepends=True), str(path), f"{path} (synced)"
        ))
    elif result.added:
        try:
            result.text.encode(encoding)
        except UnicodeEncodeError:
            raise CommandError(f"the new entries cannot be written in {encoding}; nothing written") from None
        atomic_write(path, result.text, encoding)
    unchanged = sum(1 for m in result.matched if not m.differences)
    differing = len(result.matched) - unchanged
    verb = "would add" if args.dry_run else "added"
    print(f"{path.name}: {len(works)} works from {service}; {verb} {len(result.added)}, "
          f"{len(result.matched)} already there ({differing} with differences, not applied)")
    if service == orcid.NAME and any(not work.authors for _key, work in result.added):
        print(f"{path.name}: ORCID lists no co-authors; add the author field to the new entries")
    return 0


def _service_of(args: argparse.Namespace) -> str:
    return orcid.NAME if args.orcid else dblp.NAME if args.dblp else openalex.NAME
