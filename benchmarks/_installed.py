"""The package as ``pip install`` leaves it: a copy with its bytecode compiled.

Builds in the benchmarks import the package from such a copy, as a user's installed one is.
Imported from the checkout instead, it would be compiled from source on every build where
``PYTHONDONTWRITEBYTECODE`` is set (as on CI machines), about 0.2 s a build that no user pays.
"""

from __future__ import annotations

import compileall
import os
import shutil
from pathlib import Path


def installed_copy(package: Path, into: Path) -> Path:
    """Copy the package folder ``package`` under ``into`` and byte-compile it; the folder to
    put on ``PYTHONPATH``."""
    target = into / package.name
    shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__"))
    if not compileall.compile_dir(target, quiet=2):
        raise SystemExit(f"could not byte-compile {target}")
    return into


def environment(package: Path | None) -> dict[str, str]:
    """This process's environment with ``package`` (a folder from ``installed_copy``) first on
    ``PYTHONPATH``. Run the build outside the repository: ``python -c`` puts the working folder
    first on ``sys.path``, and the checkout would shadow the copy."""
    paths = (str(package) if package else "", os.environ.get("PYTHONPATH", ""))
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if p))
