"""The message catalog for every label the extension writes."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "sphinx_researcher"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(MESSAGE_CATALOG_NAME)
