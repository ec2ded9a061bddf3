"""LaTeX (as found in BibTeX fields) to readable Unicode text."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

_NEEDS_LATEX = re.compile(r"[\\$~]")
_converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """``{\\"u}ber`` → ``über``; unknown commands keep their argument, maths stays readable."""
    if not _NEEDS_LATEX.search(value):
        # Most fields only carry protective braces: strip them without the slow parser.
        text = value.replace("{", "").replace("}", "")
    else:
        try:
            text = _converter.latex_to_text(value)
        except Exception:  # pylatexenc is lenient, but never let a field stop a build
            text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())
