"""The extension's config values: registered in one table, validated on ``config-inited``.

A value of the wrong type is a warning located at conf.py, and its default is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .model.links import is_safe_url, service_url
from .warnings_ import Subtype, warn


@dataclass(frozen=True)
class ConfigValue:
    name: str
    default: Any
    rebuild: Literal["env", "html"]  # "env": re-read every document; "html": re-write html pages
    types: tuple[type, ...]
    doc: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue("researcher_name", "", "env", (str,), "Your name, highlighted in every author list."),
    ConfigValue("researcher_name_variants", [], "env", (list, tuple), "Other spellings of your name."),
    ConfigValue("researcher_profile", {}, "env", (dict,), "Photo, role, affiliation, email, location, links."),
    ConfigValue("researcher_bibtex_files", [], "env", (list, tuple), ".bib files, relative to conf.py."),
    ConfigValue("researcher_bibtex_encoding", "utf-8", "env", (str,), "Encoding of the .bib files."),
    ConfigValue("researcher_date_format", "", "env", (str, dict), "Babel pattern(s) for dates."),
    ConfigValue("researcher_news_feed", "", "html", (str,), "Atom feed file name, e.g. news.xml."),
    ConfigValue("researcher_publication_pages", True, "env", (bool,), "Write one page per publication."),
    ConfigValue("researcher_publication_dir", "pub", "env", (str,), "Folder of the per-paper pages."),
    ConfigValue("researcher_pdf_dir", "", "env", (str,), "Where bare local pdf names are looked up."),
    ConfigValue("researcher_people", {}, "env", (dict, list, str),
                "The lab's people (names, variants, role, page, links), or a YAML/TOML/JSON file of them."),
    ConfigValue("researcher_preview_dir", "", "env", (str,), "Where bare local preview images are looked up."),
)

_ELEMENT_TYPES: dict[str, type] = {
    "researcher_name_variants": str,
    "researcher_bibtex_files": str,
}


def register_config_values(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=frozenset(value.types))
    app.connect("config-inited", validate_config, priority=100)
    app.connect("config-inited", allow_option_comments)


def allow_option_comments(app: Sphinx, config: Config) -> None:
    """Let ``:group-by: year   # year | type | none`` build with -W, as the documented examples
    are written: MyST reads the comment away correctly but warns about it."""
    if "myst.directive_comments" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "myst.directive_comments"]


def validate_config(app: Sphinx, config: Config) -> None:
    """Replace each ill-typed value with its default, with a warning at conf.py."""
    conf_py = Path(app.confdir) / "conf.py"
    conf_text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""

    def location(name: str = "") -> str:
        return conf_location(conf_py, conf_text, name)

    for value in CONFIG_VALUES:
        current = config[value.name]
        problem = _problem(value, current)
        if problem:
            warn(f"{value.name} {problem}; using the default {value.default!r}", Subtype.config, location(value.name))
            config[value.name] = value.default
    date_format = config.researcher_date_format
    if isinstance(date_format, dict):
        unknown = sorted(set(date_format) - {"year", "month", "day"})
        if unknown:
            warn(
                f"researcher_date_format has unknown keys {unknown}; use 'year', 'month' and 'day'",
                Subtype.config,
                location("researcher_date_format"),
            )
    links = config.researcher_profile.get("links", {})
    for service, value in links.items():
        if not is_safe_url(service_url(str(service).lower(), value)):
            warn(
                f"researcher_profile link {service!r}: unsafe URL {value!r} is not emitted",
                Subtype.url,
                location("researcher_profile"),
            )
    feed = config.researcher_news_feed
    if feed and not config.html_baseurl:
        warn(
            "researcher_news_feed needs html_baseurl (absolute links); no feed is written",
            Subtype.config,
            location("researcher_news_feed"),
        )


def conf_location(conf_py: Path, conf_text: str, name: str) -> str:
    """``conf.py:LINE`` of the assignment to ``name`` (line 1 if it cannot be found).

    Always with a colon: Sphinx reads a location without one as a document name.
    """
    match = re.search(rf"^{re.escape(name)}\s*[:=]", conf_text, re.MULTILINE) if name else None
    line = conf_text.count("\n", 0, match.start()) + 1 if match else 1
    return f"{conf_py}:{line}"


def _problem(value: ConfigValue, current: Any) -> str:
    if not isinstance(current, value.types):
        wanted = " or ".join(t.__name__ for t in value.types)
        return f"must be a {wanted}, not {type(current).__name__}"
    return _shape_problem(value.name, current)


def _shape_problem(name: str, current: Any) -> str:
    """What is wrong inside a value of the right type (its items, its keys)."""
    element_type = _ELEMENT_TYPES.get(name)
    if element_type and not all(isinstance(item, element_type) for item in current):
        return f"must hold only {element_type.__name__} values"
    if name == "researcher_profile":
        bad = [k for k, v in current.items() if k != "links" and not isinstance(v, str)]
        if bad:
            return f"values must be strings (not for {', '.join(map(str, bad))})"
        links = current.get("links", {})
        if not isinstance(links, dict) or not all(isinstance(v, str) for v in links.values()):
            return "'links' must map service names to strings"
    return ""
