"""Regenerate the message catalogs: every ``_()`` label of the package into each .po, then .mo.

    python .ci/catalogs.py           # update the .po files (new labels get an empty translation) and compile
    python .ci/catalogs.py --check   # exit 1 if a .po misses a label or a .mo is stale

Translations are written by hand in the .po files; this never touches an existing one.
A .mo is "stale" when what it means differs from its .po (a message, a translation, the plural
forms): the bytes Babel writes change with Babel's version (its ``Generated-By`` header), so
they are never compared.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages import Catalog, extract, mofile, pofile

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sphinx_researcher"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sphinx_researcher"


def template() -> Catalog:
    """Every message the package passes to ``_()``, with where it is used."""
    catalog = Catalog(project="sphinx-researcher", fuzzy=False)
    found = extract.extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None})
    for filename, lineno, message, _comments, _context in found:
        catalog.add(message, locations=[(f"sphinx_researcher/{filename}", lineno)])
    return catalog


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=po_path.parts[-3])
    out = io.BytesIO()
    mofile.write_mo(out, catalog)
    return out.getvalue()


def meaning(catalog: Catalog) -> tuple[str, dict[object, object]]:
    """What a reader of the catalog gets: its plural rule and every translated message."""
    messages = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    return catalog.plural_forms, messages


def mo_is_current(po_path: Path, mo_path: Path) -> bool:
    if not mo_path.is_file():
        return False
    with po_path.open("rb") as handle:
        from_po = pofile.read_po(handle, locale=po_path.parts[-3])
    with mo_path.open("rb") as handle:
        try:
            from_mo = mofile.read_mo(handle)
        except Exception:  # a truncated or foreign file is simply not current
            return False
    return meaning(from_mo) == meaning(from_po)


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def check() -> list[str]:
    """What is out of date, as readable lines (empty when all is well)."""
    wanted = {m.id for m in template() if m.id}
    problems = []
    for po_path in po_files():
        with po_path.open("rb") as handle:
            have = {m.id for m in pofile.read_po(handle) if m.id}
        missing = sorted(wanted - have)
        if missing:
            problems.append(f"{po_path.relative_to(ROOT)} lacks {missing}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_is_current(po_path, mo_path):
            problems.append(f"{mo_path.relative_to(ROOT)} is not compiled from its .po")
    return problems


def update() -> None:
    fresh = template()
    for po_path in po_files():
        with po_path.open("rb") as handle:
            catalog = pofile.read_po(handle, locale=po_path.parts[-3])
        catalog.update(fresh, no_fuzzy_matching=True)
        with po_path.open("wb") as handle:
            pofile.write_po(handle, catalog, width=120, sort_output=True, omit_header=False, ignore_obsolete=True)
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"updated {po_path.relative_to(ROOT)} and its .mo")


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        lines = check()
        print("\n".join(lines) or "catalogs are up to date")
        sys.exit(1 if lines else 0)
    update()
