"""The one error a command raises for a mistake the user can fix."""

from __future__ import annotations


class CommandError(Exception):
    """Printed as one line ``sphinx-researcher: error: …``; the process exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
