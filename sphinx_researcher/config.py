"""The extension's config values: registered in one table, validated on ``config-inited``.

A value of the wrong type is a warning located at conf.py, and its default is used.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .model.links import is_absolute, is_malformed_url, is_safe_url, service_url
from .parsing.marks import DEFAULT_MARKS, config_problem
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
    ConfigValue("researcher_sitemap", True, "html", (bool,),
                "Write sitemap.xml and robots.txt (html and dirhtml, with html_baseurl)."),
    ConfigValue("researcher_citation_downloads", True, "html", (bool,),
                "Offer BibTeX, RIS and CSL-JSON files on each per-paper page."),
    ConfigValue("researcher_author_marks", dict(DEFAULT_MARKS), "env", (dict,),
                "Author marks and their legend texts, in legend order."),
    ConfigValue("researcher_metrics_file", "metrics.json", "html", (str,), "Stored figures, relative to conf.py."),
    ConfigValue("researcher_metrics_mailto", "", "html", (str,), "Email for the APIs' polite pools (metrics, sync)."),
    ConfigValue("researcher_cv", "", "env", (str,), "The page that is your CV: a compact LaTeX/PDF document."),
    ConfigValue("researcher_languages", {}, "html", (dict,), "Language code → URL of that language's site."),
    ConfigValue("researcher_cv_paper", "a4", "env", (str,), "Paper of the CV PDF: a4, letter, a5 or legal."),
    ConfigValue("researcher_analytics", {}, "html", (dict,), "Opt-in privacy-first visitor counter (off by default)."),
)

_ELEMENT_TYPES: dict[str, type] = {
    "researcher_name_variants": str,
    "researcher_bibtex_files": str,
}

# The keys researcher_profile understands (the {profile} options, plus links).
PROFILE_KEYS = ("name", "photo", "role", "affiliation", "email", "location", "links")

# Values that name a file or folder: a control character (a NUL byte) cannot be in a path.
_PATH_VALUES = frozenset({
    "researcher_bibtex_files", "researcher_news_feed", "researcher_publication_dir", "researcher_pdf_dir",
    "researcher_preview_dir",
})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# The researcher theme's options (theme.toml); each is a string.
THEME_OPTIONS = ("nav_title", "nav_home", "footer_text", "description", "favicon", "show_profile")
_BOOLEAN_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


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
        unknown = sorted(map(str, set(date_format) - {"year", "month", "day"}))
        if unknown:
            warn(
                f"researcher_date_format has unknown keys {unknown}; use 'year', 'month' and 'day'",
                Subtype.config,
                location("researcher_date_format"),
            )
    pattern_problem = _date_format_problem(config.researcher_date_format)
    if pattern_problem:
        warn(f"researcher_date_format: {pattern_problem}; using the default ''", Subtype.config,
             location("researcher_date_format"))
        config.researcher_date_format = ""
    _check_profile_keys(config.researcher_profile, location("researcher_profile"))
    links = config.researcher_profile.get("links", {})
    for service, value in links.items():
        if not is_safe_url(service_url(str(service).lower(), value)):
            kind = "malformed" if is_malformed_url(value) else "unsafe"
            warn(
                f"researcher_profile link {service!r}: {kind} URL {value!r} is not emitted",
                Subtype.url,
                location("researcher_profile"),
            )
    photo = config.researcher_profile.get("photo", "")
    if photo and is_absolute(photo) and not is_safe_url(photo):
        kind = "malformed" if is_malformed_url(photo) else "unsafe"
        warn(f"researcher_profile photo: {kind} URL {photo!r} is not emitted", Subtype.url,
             location("researcher_profile"))
    _check_encoding(config, location("researcher_bibtex_encoding"))
    _check_baseurl(config, location("html_baseurl"))
    _check_theme_options(config, location("html_theme_options"))
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


def conf_location_of(app: Sphinx, name: str) -> str:
    """``conf_location`` of the project's conf.py, read now (for a warning about ``name``)."""
    conf_py = Path(app.confdir) / "conf.py"
    try:
        text = conf_py.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    return conf_location(conf_py, text, name)


def _date_format_problem(date_format: str | dict[str, str]) -> str:
    """A Babel pattern that cannot format a date (``QQQQQQ``, ``%s``) fails at every date:
    try each once here."""
    patterns = date_format.values() if isinstance(date_format, dict) else [date_format]
    from babel.dates import format_date

    for pattern in patterns:
        if not pattern:
            continue
        try:
            format_date(dt.date(2024, 5, 14), pattern, locale="en")
        except Exception as error:  # Babel raises ValueError, AttributeError, KeyError…
            return f"{pattern!r} is not a Babel date pattern ({error})"
    return ""


def _check_profile_keys(profile: dict[str, Any], where: str) -> None:
    """A misspelled key (``afiliation``) would be dropped without a word: name the right one."""
    for key in profile:
        if key in PROFILE_KEYS:
            continue
        close = difflib.get_close_matches(str(key), PROFILE_KEYS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(PROFILE_KEYS)}"
        warn(f"researcher_profile has an unknown key {key!r} (it is ignored); {hint}", Subtype.config, where)


def _check_encoding(config: Config, where: str) -> None:
    """A codec must exist and decode bytes to text (``rot13`` and ``base64`` do not)."""
    encoding = config.researcher_bibtex_encoding
    try:
        known = codecs.lookup(encoding)._is_text_encoding
    except (LookupError, ValueError, TypeError):
        known = False
    if not known:
        warn(f"researcher_bibtex_encoding {encoding!r} is not a text encoding; using the default 'utf-8'",
             Subtype.config, where)
        config.researcher_bibtex_encoding = "utf-8"


def _check_baseurl(config: Config, where: str) -> None:
    """html_baseurl is joined to every absolute link of the site: it must be a readable http(s) URL."""
    base = config.html_baseurl
    if not base:
        return
    readable = isinstance(base, str) and not _CONTROL.search(base) and is_safe_url(base)
    if not readable or not re.match(r"https?://[^/?#\s]", base, re.IGNORECASE):
        warn(f"html_baseurl {base!r} is not a valid absolute URL; absolute links are left out", Subtype.config,
             where)
        config.html_baseurl = ""


def _check_theme_options(config: Config, where: str) -> None:
    """The researcher theme's options are strings; show_profile is true or false."""
    options = config.html_theme_options
    if config.html_theme != "researcher" or not isinstance(options, dict):
        return
    for name in THEME_OPTIONS:
        if name not in options:
            continue
        value = options[name]
        if name == "show_profile" and isinstance(value, bool):
            options[name] = "true" if value else "false"
        elif not isinstance(value, str):
            warn(f"html_theme_options[{name!r}] must be a string, not {type(value).__name__}; using the default",
                 Subtype.config, where)
            del options[name]
        elif name == "show_profile" and value.strip().lower() not in _BOOLEAN_WORDS:
            warn(f"html_theme_options['show_profile'] must be 'true' or 'false', not {value!r}; using 'true'",
                 Subtype.config, where)
            options[name] = "true"


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
    if name == "researcher_analytics" and current:  # an empty dict: off, nothing to check
        from .model.analytics import parse_analytics  # imported on use: only sites with analytics need it

        try:
            parse_analytics(current)
        except ValueError as error:
            return str(error)
    if name in _PATH_VALUES:
        paths = current if isinstance(current, list | tuple) else [current]
        if any(_CONTROL.search(path) for path in paths):
            return "must not contain control characters (a file name cannot)"
    if name == "researcher_author_marks":
        return config_problem(current)
    if name == "researcher_profile":
        bad = [k for k, v in current.items() if k != "links" and not isinstance(v, str)]
        if bad:
            return f"values must be strings (not for {', '.join(map(str, bad))})"
        links = current.get("links", {})
        if not isinstance(links, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in links.items()
        ):
            return "'links' must map service names (strings) to strings"
    if name == "researcher_date_format" and isinstance(current, dict) and not all(
        isinstance(k, str) and isinstance(v, str) for k, v in current.items()
    ):
        return "must map 'year', 'month' and 'day' to string patterns"
    return ""
