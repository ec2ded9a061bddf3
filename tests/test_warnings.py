"""Bad input: a located warning of type ``researcher`` with the right subtype; the rest builds."""

from __future__ import annotations

import re

import pytest

from sphinx_researcher.warnings_ import Subtype

BAD_PAGE = """
# Home

```{news}
- 2024-13: Bad month.
- 2024/05: Slashes.
- No date at all.
- 2024-05: Fine.
```

```{timeline}
- 2020 – 2019: Backwards.
- 2019: Fine.
```

```{badge} x
:message: y
:color: notacolour
:link: javascript:alert(1)
```

```{publication} k
:title: Still Rendered
:pdf: missing.pdf
:image: missing.png
:code: JaVaScRiPt:alert(1)
:project: "java\tscript:alert(1)"
:year: soon
```

```{profile}
:photo: nowhere.png
:links: github=janedoe, blog=javascript:alert(1)
```

Text after every directive is still here.
"""

# (line, subtype, a fragment of the message) for every warning BAD_PAGE must give.
EXPECTED = [
    (4, "date", "month must be in 1..12"),
    (5, "date", "'2024/05'"),
    (6, "date", "must start with 'DATE:'"),
    (11, "date", "ends before it starts"),
    # Option mistakes are located at the option's own line.
    (17, "option", "unknown color 'notacolour'"),
    (18, "url", "unsafe URL 'javascript:alert(1)'"),
    (27, "option", ":year: 'soon'"),
    (25, "url", "unsafe URL 'JaVaScRiPt:alert(1)'"),
    (26, "url", "unsafe URL 'java\\tscript:alert(1)'"),
    (23, "file", "local PDF 'missing.pdf'"),
    (24, "file", "image 'missing.png'"),
    (32, "url", "unsafe URL 'javascript:alert(1)'"),
    (31, "file", "'nowhere.png' does not exist"),
]

_WARNING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<type>[\w]+)\.(?P<sub>\w+)\]$")


def _parsed(lines: list[str]) -> list[tuple[str, int, str, str, str]]:
    result = []
    for line in lines:
        match = _WARNING.match(line)
        assert match, f"warning without file:line or [type.subtype]: {line!r}"
        result.append((match["path"], int(match["line"]), match["type"], match["sub"], match["message"]))
    return result


def test_every_mistake_is_located_with_its_subtype(build) -> None:
    built = build({"index.md": BAD_PAGE})
    parsed = _parsed(built.warning_lines())
    assert all(path.endswith("index.md") for path, *_rest in parsed)
    assert all(kind == "researcher" for _p, _l, kind, _s, _m in parsed)
    got = sorted((line, sub, message) for _p, line, _k, sub, message in parsed)
    for line, sub, fragment in EXPECTED:
        assert any(g[0] == line and g[1] == sub and fragment in g[2] for g in got), (line, sub, fragment, got)
    assert len(got) == len(EXPECTED), got


def test_the_rest_of_the_page_still_builds(build) -> None:
    built = build({"index.md": BAD_PAGE})
    soup = built.soup()
    assert len(soup.select(".sr-news-item")) == 1
    assert len(soup.select(".sr-timeline-entry")) == 1
    assert soup.select_one(".sr-pub-title").get_text() == "Still Rendered"
    assert soup.select_one(".sr-profile a.sr-link-github") is not None
    assert "Text after every directive is still here." in soup.get_text()
    assert "javascript" not in built.html().lower()


def test_suppress_warnings_silences_one_kind(build) -> None:
    built = build({"index.md": BAD_PAGE}, confoverrides={"suppress_warnings": ["researcher.date"]})
    subs = [sub for _p, _l, _k, sub, _m in _parsed(built.warning_lines())]
    assert "date" not in subs
    assert "url" in subs and "file" in subs and "option" in subs


def test_suppress_all_researcher_warnings(build) -> None:
    built = build({"index.md": BAD_PAGE}, confoverrides={"suppress_warnings": ["researcher"]})
    assert built.warning_lines() == []


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_same_warnings_for_other_builders(build, builder: str) -> None:
    built = build({"index.md": BAD_PAGE}, builder)
    assert len(built.warning_lines()) == len(EXPECTED)


def test_rst_locations(build) -> None:
    rst = """
    Home
    ====

    .. news::

       - 2024-99: Bad month.
       - 2024-01: Fine.

    .. badge:: x
       :link: javascript:alert(1)
    """
    built = build({"index.rst": rst})
    parsed = _parsed(built.warning_lines())
    assert [(line, sub) for _p, line, _k, sub, _m in parsed] == [(6, "date"), (10, "url")]


def test_unknown_option_is_located_and_page_builds(build) -> None:
    page = "# Home\n\n```{publication} k\n:title: T\n:bogus: 1\n```\n\nAfter.\n"
    built = build({"index.md": page})
    lines = built.warning_lines()
    assert len(lines) == 1 and "index.md:5:" in lines[0] and ":bogus:" in lines[0], lines
    assert lines[0].endswith("[researcher.option]")
    assert "After." in built.soup().get_text() and built.soup().select_one(".sr-publication")


def test_unknown_option_in_rst_still_renders_the_directive(build) -> None:
    rst = "Home\n====\n\n.. timeline::\n   :colour: red\n\n   - 2020: Joined.\n"
    built = build({"index.rst": rst})
    [line] = built.warning_lines()
    assert "index.rst:5:" in line and ":colour:" in line and line.endswith("[researcher.option]")
    assert built.soup().select_one(".sr-timeline time")["datetime"] == "2020"


def test_subtypes_are_documented_in_the_readme() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for subtype in Subtype:
        assert f"researcher.{subtype.value}" in readme, subtype


def test_option_lines_in_myst_yaml_block(build) -> None:
    page = "# Home\n\n```{publication} k\n---\ntitle: T\nyear: soon\n---\n```\n"
    built = build({"index.md": page})
    lines = built.warning_lines()
    assert len(lines) == 1 and "index.md:6:" in lines[0] and "[researcher.option]" in lines[0]
