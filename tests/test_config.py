"""Config values: all registered, and a value of the wrong type is a warning at conf.py:LINE."""

from __future__ import annotations

import re

import pytest

from sphinx_researcher.config import CONFIG_VALUES

PAGE = "# Home\n\n```{news}\n- 2024-05: Item.\n```\n"


def _conf(*lines: str) -> str:
    return "\n".join(['extensions = ["sphinx_researcher"]', *lines]) + "\n"


def test_every_config_value_is_registered(build) -> None:
    built = build({"conf.py": _conf('researcher_name = "Jane Q. Doe"'), "index.md": PAGE + "\n```{profile}\n```\n"})
    assert built.warning_lines() == []
    for value in CONFIG_VALUES:
        assert value.name in built.app.config.values, value.name
        assert value.doc, value.name


def test_every_config_value_is_documented_in_the_readme() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for value in CONFIG_VALUES:
        assert f"`{value.name}`" in readme, value.name


@pytest.mark.parametrize(
    ("assignment", "name", "fragment"),
    [
        ("researcher_name = 42", "researcher_name", "must be a str, not int"),
        ('researcher_name_variants = "J. Doe"', "researcher_name_variants", "must be a list or tuple, not str"),
        ("researcher_name_variants = ['J. Doe', 3]", "researcher_name_variants", "must hold only str values"),
        ('researcher_profile = ["role"]', "researcher_profile", "must be a dict"),
        ("researcher_profile = {'role': 3}", "researcher_profile", "values must be strings"),
        ("researcher_profile = {'links': ['github']}", "researcher_profile", "'links' must map"),
        ('researcher_publication_pages = "yes"', "researcher_publication_pages", "must be a bool"),
        ("researcher_date_format = 3", "researcher_date_format", "must be a str or dict"),
    ],
)
def test_wrong_type_is_located_at_conf_py(build, assignment: str, name: str, fragment: str) -> None:
    conf = _conf("# a comment line", 'researcher_name = "Jane Q. Doe"', assignment) if name != "researcher_name" else \
        _conf("# a comment line", assignment)
    built = build({"conf.py": conf, "index.md": PAGE})
    lines = built.warning_lines()
    assert len(lines) == 1, lines
    expected_line = conf.splitlines().index(assignment) + 1
    match = re.search(r"conf\.py:(\d+): WARNING: (.*) \[researcher\.config\]$", lines[0])
    assert match, lines[0]
    assert int(match[1]) == expected_line
    assert name in match[2] and fragment in match[2]
    # The page still builds with the default.
    assert built.soup().select_one(".sr-news-item") is not None


def test_wrong_type_falls_back_to_the_default(build) -> None:
    built = build({"conf.py": _conf('researcher_name_variants = "J. Doe"'), "index.md": PAGE})
    assert built.app.config.researcher_name_variants == []


def test_date_format_dict_with_unknown_keys(build) -> None:
    conf = _conf('researcher_date_format = {"days": "d"}')
    built = build({"conf.py": conf, "index.md": PAGE})
    lines = built.warning_lines()
    assert len(lines) == 1 and "conf.py:2:" in lines[0] and "unknown keys ['days']" in lines[0]


def test_unsafe_profile_link_in_conf_is_reported_once(build) -> None:
    conf = _conf('researcher_name = "J"', 'researcher_profile = {"links": {"github": "javascript:alert(1)"}}')
    built = build({"conf.py": conf, "index.md": PAGE})
    lines = built.warning_lines()
    assert len(lines) == 1 and "conf.py:3:" in lines[0] and "[researcher.url]" in lines[0]
    assert "javascript" not in built.html().lower()


def test_feed_without_base_url(build) -> None:
    conf = _conf('researcher_name = "J"', 'researcher_news_feed = "news.xml"')
    built = build({"conf.py": conf, "index.md": PAGE})
    lines = built.warning_lines()
    assert len(lines) == 1 and "conf.py:3:" in lines[0] and "html_baseurl" in lines[0]


def test_suppressing_config_warnings(build) -> None:
    conf = _conf("researcher_name = 42", 'suppress_warnings = ["researcher.config"]')
    built = build({"conf.py": conf, "index.md": PAGE})
    assert built.warning_lines() == []


def test_option_comments_as_documented_build_cleanly(build) -> None:
    page = "# Home\n\n```{news}\n:limit: 1          # the newest one shows\n\n- 2024: A.\n- 2023: B.\n```\n"
    built = build({"index.md": page})
    assert built.warning_lines() == []
    assert len(built.soup().select(".sr-news-older .sr-news-item")) == 1
