"""IMPORT-REPORT.md: what an import converted, what it guessed, and what it left out (with file:line)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    kind: str  # "left-out", "guess", "renamed", "changed"
    location: str  # "path:line" relative to the source folder, or "path"
    message: str


@dataclass
class Report:
    """Every note of one import; the importers add to it, the command writes it."""

    template: str = ""
    source: str = ""
    notes: list[Note] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)  # one summary line per kind of content
    quiet: bool = False

    def left_out(self, location: str, message: str) -> None:
        self.notes.append(Note("left-out", location, message))

    def guess(self, location: str, message: str) -> None:
        self.notes.append(Note("guess", location, message))

    def renamed(self, location: str, message: str) -> None:
        self.notes.append(Note("renamed", location, message))

    def changed(self, location: str, message: str) -> None:
        self.notes.append(Note("changed", location, message))

    def done(self, line: str) -> None:
        self.converted.append(line)

    def progress(self, message: str) -> None:
        """One line per step on stderr, so a long import shows where it is."""
        if not self.quiet:
            print(f"sphinx-researcher import: {message}", file=sys.stderr, flush=True)

    def of_kind(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]

    def markdown(self) -> str:
        sections = [
            ("left-out", "Left out", "Not converted faithfully, so not in the pages. Add it by hand if you need it."),
            ("guess", "Guesses to check", "Read in one of several possible ways; check the result."),
            ("renamed", "Renamed", "Changed so that the site builds; nothing was dropped."),
            ("changed", "Changed", "Converted with a difference you may notice."),
        ]
        out = [
            "# Import report",
            "",
            f"Imported from `{self.source}` ({self.template}) by `sphinx-researcher import`.",
            "This file is not part of the site (conf.py excludes it).",
            "",
            "## Converted",
            "",
        ]
        out += [f"- {line}" for line in self.converted] or ["- nothing"]
        for kind, title, intro in sections:
            notes = self.of_kind(kind)
            if not notes:
                continue
            out += ["", f"## {title} ({len(notes)})", "", intro, ""]
            out += [f"- `{note.location}`: {note.message}" for note in notes]
        return "\n".join(out) + "\n"
