"""One case per class of the red-team sweep (issue 8): each builds under the builders that
broke, warns with the right subtype at the right ``file:line``, and leaves the bad output out.

The property tests (test_properties.py) look for new members of each class; these pin one.
"""

from __future__ import annotations

import re
import xml.dom.minidom

import pytest
from bib_fixtures import line_of
from hardening import assert_sound

CONF = """\
extensions = ["sphinx_researcher"]
project = "P"
copyright = "2024"
version = release = "1"
researcher_name = "Jane Doe"
researcher_bibtex_files = ["p.bib"]
"""
BIB = """\
@article{a1,
  title = {A Title},
  author = {Doe, Jane},
  year = {2024},
  journal = {J},
}
"""


def located(built, subtype: str, file: str, line: int, needle: str = "") -> str:
    """The one warning of ``researcher.<subtype>`` at ``file:line`` (containing ``needle``)."""
    pattern = re.compile(rf"{re.escape(file)}:{line}: WARNING: .*\[researcher\.{subtype}\]$")
    found = [w for w in built.warning_lines() if pattern.search(w) and needle in w]
    assert found, f"no researcher.{subtype} at {file}:{line} ({needle!r}) in:\n" + "\n".join(built.warning_lines())
    return found[0]


def no_researcher_warnings(built) -> None:
    assert [w for w in built.warning_lines() if "[researcher." in w] == []


# --- Tracebacks: components that render nothing, in every builder outside the html family ---

EMPTY_PAGE = """\
# Empty things

```{publications}
:filter: key=nothing-matches
```

```{publications}
:limit: 0
```

```{news}
```

```{timeline}
```

```{recent-news}
:limit: 0
```
"""


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo", "xml", "html"])
def test_components_that_render_nothing(build, builder: str) -> None:
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": EMPTY_PAGE}, builder)
    assert_sound(built, builder)  # no empty itemize for pdflatex, no "Losing classes"
    no_researcher_warnings(built)


@pytest.mark.parametrize("builder", ["latex", "text", "xml"])
def test_profile_without_fields_and_publications_without_bib(build, builder: str) -> None:
    conf = 'extensions = ["sphinx_researcher"]\n'
    page = "# P\n\n```{profile}\n```\n\n```{publications}\n```\n"
    built = build({"conf.py": conf, "index.md": page}, builder)
    assert_sound(built, builder)
    located(built, "option", "index.md", 3, "profile has no name")
    located(built, "option", "index.md", 6, "researcher_bibtex_files is empty")


# --- Tracebacks: nesting ---

NESTED = """\
# Nested

````{news}
- 2024-05: outer item

  ```{recent-news}
  ```

- 2024-04: holds a list

  ```{news}
  - 2023: inner news
  ```
````

````{timeline}
- 2020 – present: outer entry

  ```{timeline}
  - 2021: inner entry
  ```
````
"""


@pytest.mark.parametrize("builder", ["latex", "text", "man", "html"])
def test_nested_components(build, builder: str) -> None:
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": NESTED}, builder)
    assert_sound(built, builder)
    located(built, "content", "index.md", line_of(NESTED, "{recent-news}"), "recent-news cannot be inside")
    if builder == "text":
        text = built.text("index.txt")
        assert "inner news" in text and "inner entry" in text and "outer item" in text


COPIED = """\
# News

````{news}
- 2024-05: with a footnote[^n] and a toctree

  [^n]: the note

  ```{toctree}
  other
  ```
````
"""


@pytest.mark.parametrize("builder", ["latex", "text", "man", "html"])
def test_items_copied_by_recent_news_keep_page_bound_content_home(build, builder: str) -> None:
    index = "# Home\n\n```{toctree}\nnews\n```\n\n```{recent-news}\n```\n"
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": index, "news.md": COPIED, "other.md": "# Other\n"},
                  builder)
    assert_sound(built, builder)
    if builder == "html":
        copy = built.soup("index").select_one(".sr-recent-news")
        assert copy is not None and "with a footnote" in copy.get_text()
        assert copy.select(".footnote-reference, nav, .toctree-wrapper") == []


# --- Tracebacks: values that pass a first check and fail a second ---

def test_malformed_urls_in_every_slot(build) -> None:
    conf = CONF + 'html_baseurl = "https://[jane.example.org/"\nresearcher_profile = {"links": {"website": "http://[x"}}\n'
    bib = BIB.replace("  journal = {J},\n", "  journal = {J},\n  url = {http://[u},\n  code = {https://c]d},\n")
    page = """\
# P

```{publication} a1
:pdf: http://[pdf
```

```{badge} label
:link: http://[badge
```

{badge}`a|b <http://x]y>`

```{profile}
:links: github=jd, site=http://[site
```
"""
    built = build({"conf.py": conf, "p.bib": bib, "index.md": page})
    assert_sound(built, "html")
    located(built, "config", "conf.py", line_of(conf, "html_baseurl"), "html_baseurl")
    located(built, "url", "conf.py", line_of(conf, "researcher_profile"), "malformed URL 'http://[x'")
    for needle in ("http://[u", "https://c]d"):
        located(built, "url", "p.bib", 1, needle)
    located(built, "url", "index.md", line_of(page, ":pdf:"), "http://[pdf")
    located(built, "url", "index.md", line_of(page, ":link:"), "http://[badge")
    located(built, "url", "index.md", line_of(page, "{badge}`a|b"), "http://x]y")
    located(built, "url", "index.md", line_of(page, ":links:"), "http://[site")
    html = built.html()
    assert not re.search(r'(href|src)="[^"]*(\[|\])', html)


def test_limits_that_pass_isdigit_but_are_not_numbers(build) -> None:
    page = "# P\n\n```{news}\n:limit: ²\n- 2024: a\n```\n\n```{publications}\n:limit: ٣\n```\n\n" \
           "```{recent-news}\n:limit: ²\n```\n"
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": page})
    located(built, "option", "index.md", 4, "news :limit:")
    located(built, "option", "index.md", 9, "publications :limit:")
    located(built, "option", "index.md", 12, "recent-news :limit:")
    assert built.soup().select("article.sr-publication")  # the list is still shown


def test_a_limit_with_more_digits_than_int_reads(build) -> None:
    page = "# P\n\n```{news}\n:limit: " + "9" * 5000 + "\n- 2024: a\n```\n\n```{publications}\n:limit: " + \
           "9" * 5000 + "\n```\n"
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": page})
    no_researcher_warnings(built)
    assert built.soup().select(".sr-news-item") and built.soup().select("article.sr-publication")


def test_control_characters_in_a_badge_label_keep_the_svg_readable(build) -> None:
    page = "# P\n\n{badge}`ar\x01Xiv|24\x0805 <https://arxiv.org/abs/2405.15738>`\n"
    built = build({"conf.py": CONF, "index.md": page})
    located(built, "content", "index.md", 3, "control characters")
    svg = built.soup().select_one(".sr-badge svg")
    assert svg is not None
    xml.dom.minidom.parseString(str(svg))  # well-formed
    assert "arXiv: 2405" in svg["aria-label"]


def test_deeply_nested_filter_is_a_filter_warning(build) -> None:
    page = "# P\n\n```{publications}\n:filter: " + "(" * 300 + "selected" + ")" * 300 + "\n```\n"
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": page})
    located(built, "filter", "index.md", 3, "nested more than")
    assert built.soup().select("article") == []


def test_a_file_name_too_long_for_the_file_system(build) -> None:
    page = "# P\n\n```{profile}\n:photo: " + "x" * 600 + ".png\n```\n"
    built = build({"conf.py": CONF, "index.md": page})
    located(built, "file", "index.md", 4, "does not exist")


# --- Tracebacks: wrong types inside conf.py containers ---

@pytest.mark.parametrize(("assignment", "name", "needle"), [
    ('researcher_profile = {"links": {1: "x", "github": "jd"}}', "researcher_profile", "'links' must map"),
    ('researcher_date_format = {"day": 5}', "researcher_date_format", "string patterns"),
    ('researcher_date_format = "QQQQQQ"', "researcher_date_format", "not a Babel date pattern"),
    ('researcher_bibtex_encoding = "rot13"', "researcher_bibtex_encoding", "not a text encoding"),
    ('html_baseurl = "https://x.org/"\nresearcher_news_feed = "news\\x00.xml"', "researcher_news_feed",
     "control characters"),
    ('html_theme = "researcher"\nhtml_theme_options = {"nav_title": 5, "favicon": ["x"]}', "html_theme_options",
     "must be a string"),
])
def test_wrong_types_inside_config_containers(build, assignment: str, name: str, needle: str) -> None:
    conf = CONF + assignment + "\n"
    page = "# P\n\n```{profile}\n```\n\n```{news}\n- 2024-05-14: a\n```\n\n```{publications}\n```\n"
    built = build({"conf.py": conf, "p.bib": BIB, "index.md": page})
    assert_sound(built, "html")
    located(built, "config", "conf.py", line_of(conf, name), needle)
    assert built.soup().select(".sr-news-item")


def test_a_codec_that_raises_unicode_error(build) -> None:
    conf = CONF + 'researcher_bibtex_encoding = "idna"\n'
    bib = BIB.replace("A Title", "Caf\u00e9")
    built = build({"conf.py": conf, "p.bib": bib, "index.md": "# P\n\n```{publications}\n```\n"})
    assert_sound(built, "html")
    located(built, "bibtex", "p.bib", line_of(bib, "Caf"), "not valid idna")
    assert built.soup().select("article.sr-publication")


# --- Accepted or dropped without a word ---

DATED = """\
# Dates

```{news}
- 2024-00: month zero
- 2024-03-00: day zero
- 2024-03: fine
```

```{timeline}
- 2024-00 – present: month zero
```

```{publication} x
:title: X
:year: 20245
```
"""


def test_month_and_day_zero_and_five_digit_years(build) -> None:
    built = build({"conf.py": CONF, "p.bib": BIB, "index.md": DATED})
    for needle in ("2024-00: month", "2024-03-00"):
        located(built, "date", "index.md", line_of(DATED, needle), "not a real date")
    located(built, "date", "index.md", line_of(DATED, "2024-00 – present"), "not a real date")
    located(built, "option", "index.md", line_of(DATED, ":year:"), "'20245' is not a year")
    html = built.html()
    assert 'datetime="2024-00' not in html and 'datetime="2024-03-00' not in html
    assert [t["datetime"] for t in built.soup().select(".sr-news time")] == ["2024-03"]
    assert "2024" not in built.soup().select_one("article.sr-publication").get_text()


def test_bibtex_year_and_month_out_of_range(build) -> None:
    bib = BIB.replace("year = {2024}", "year = {99999},\n  month = {13}")
    built = build({"conf.py": CONF, "p.bib": bib, "index.md": "# P\n\n```{publications}\n```\n"})
    located(built, "missing_field", "p.bib", 1, "'99999' is not a year")
    located(built, "date", "p.bib", 1, "month '13'")
    article = built.soup().select_one("article")
    for block in article.select(".sr-bibtex"):
        block.decompose()  # the copyable BibTeX shows the field as written
    assert "9999" not in article.get_text()


def test_misspelled_profile_key_and_show_profile_maybe(build) -> None:
    conf = CONF + 'researcher_profile = {"role": "PhD", "afiliation": "Uni"}\nhtml_theme = "researcher"\n' \
                  'html_theme_options = {"show_profile": "maybe"}\n'
    built = build({"conf.py": conf, "p.bib": BIB, "index.md": "# P\n\ntext\n"})
    located(built, "config", "conf.py", line_of(conf, "researcher_profile"), "did you mean 'affiliation'?")
    located(built, "config", "conf.py", line_of(conf, "html_theme_options"), "'maybe'")
    assert "PhD" in built.html()  # show_profile falls back to true: the sidebar is there


def test_latex_command_without_its_argument(build, capfd) -> None:
    bib = BIB.replace("A Title", "Learning \\url with a bare command")
    built = build({"conf.py": CONF, "p.bib": bib, "index.md": "# P\n\n```{publications}\n```\n"})
    located(built, "bibtex", "p.bib", 1, "lacks its argument")
    title = built.soup().select_one(".sr-pub-title").get_text()
    assert "%s" not in title and "Learning url with a bare command" in title
    captured = capfd.readouterr()
    assert "failed its substitution" not in captured.err + captured.out + built.warnings
