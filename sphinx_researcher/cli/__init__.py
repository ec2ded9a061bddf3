"""The ``sphinx-researcher`` command line: one entry point, one module per command.

Each command module has ``register(subparsers)``, which adds its parser and sets
``handler`` to a function ``(args) -> int``. A mistake the user can fix is raised as
:class:`CommandError` and printed as one line; nothing reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from .errors import CommandError

# The order of ``--help``; each name is a module of this package.
COMMAND_MODULES = ("new", "import_site", "metrics", "sync")


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line too (and exit status 2, as argparse has it), with a pointer to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sphinx-researcher",
        description="Set up and maintain an academic homepage built with Sphinx.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CommandError as error:
        print(f"sphinx-researcher: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("sphinx-researcher: interrupted", file=sys.stderr)
        return 130
    except OSError as error:  # a file or folder the user named: their fix, not a bug report
        where = f": {error.filename}" if error.filename else ""
        print(f"sphinx-researcher: error: {error.strerror or error}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
