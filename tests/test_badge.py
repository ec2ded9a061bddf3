"""{badge}: shields-style SVG drawn at build time, named "label: message", unique ids per page."""

from __future__ import annotations

import re
from collections import Counter

PAGE = """
# Home

```{badge} arXiv
:message: 2405.15738
:color: b31b1b
:logo: arxiv
:link: https://arxiv.org/abs/2405.15738
```

Inline {badge}`release|1.0 <https://example.org/project/x/>` and {badge}`license|MIT` and {badge}`plain`.
"""


def test_directive_and_role_draw_named_svgs(build) -> None:
    built = build({"index.md": PAGE})
    assert built.warning_lines() == []
    badges = built.soup().select(".sr-badge")
    assert len(badges) == 4
    names = [b.svg["aria-label"] for b in badges]
    assert names == ["arXiv: 2405.15738", "release: 1.0", "license: MIT", "plain"]
    assert all(b.svg["role"] == "img" for b in badges)
    assert [b.svg.title.get_text() for b in badges] == names


def test_links_and_colours(build) -> None:
    built = build({"index.md": PAGE})
    badges = built.soup().select(".sr-badge")
    assert badges[0].name == "a" and badges[0]["href"] == "https://arxiv.org/abs/2405.15738"
    assert badges[1]["href"] == "https://example.org/project/x/"
    assert badges[2].name == "span" and not badges[2].has_attr("href")
    fills = [r.get("fill") for r in badges[0].select("rect")]
    assert "#b31b1b" in fills
    # The arXiv logo is an inline data: image, nothing fetched.
    assert badges[0].find("image")["xlink:href"].startswith("data:image/svg+xml;base64,")


def test_named_colours(build) -> None:
    page = "# Home\n\n```{badge} build\n:message: passing\n:color: brightgreen\n:label-color: blue\n```\n"
    built = build({"index.md": page})
    assert built.warning_lines() == []
    fills = [r.get("fill") for r in built.soup().select(".sr-badge rect")]
    assert "#4c1" in fills and "#007ec6" in fills


def test_many_badges_never_repeat_an_id(build) -> None:
    roles = " ".join(f"{{badge}}`b{i}|m{i}`" for i in range(30))
    page = PAGE + "\n" + roles + "\n\n```{publication} p\n:title: T\n:arxiv: 2405.01234\n```\n"
    built = build({"index.md": page})
    assert built.warning_lines() == []
    html = built.html()
    ids = re.findall(r'\sid="([^"]*)"', html)
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == []
    assert len(built.soup().select(".sr-badge")) == 4 + 30  # a paper's arXiv is a button, not a badge
    # Each badge's internal references point at its own ids.
    for svg in built.soup().select(".sr-badge svg"):
        own = {e["id"] for e in svg.find_all(id=True)}
        refs = set(re.findall(r"url\(#([^)]+)\)", str(svg)))
        assert refs <= own


def test_badges_in_text_latex_and_singlehtml(build) -> None:
    built = build({"index.md": PAGE}, "text")
    assert built.warning_lines() == []
    text = built.text("index.txt")
    assert "arXiv: 2405.15738" in text and "release: 1.0" in text and "license: MIT" in text
    assert "<svg" not in text
    latex = build({"index.md": PAGE}, "latex")
    tex = "".join(p.read_text(encoding="utf-8") for p in latex.outdir.glob("*.tex"))
    assert r"\sphinxhref{https://arxiv.org/abs/2405.15738}{arXiv: 2405.15738}" in tex
    assert "svg" not in tex.lower()


def test_bad_values_are_warned_and_left_out(build) -> None:
    page = """
    # Home

    ```{badge} x
    :message: y
    :color: notacolour
    :logo: no-such-logo
    :link: javascript:alert(1)
    ```
    """
    built = build({"index.md": page})
    lines = built.warning_lines()
    assert len(lines) == 3, lines
    # Each at the line of its option.
    assert sorted(int(line.split("index.md:")[1].split(":")[0]) for line in lines) == [5, 6, 7]
    assert sum("[researcher.option]" in line for line in lines) == 2
    assert sum("[researcher.url]" in line for line in lines) == 1
    badge = built.soup().select_one(".sr-badge")
    assert badge.name == "span"  # no link
    assert "javascript" not in built.html().lower()


def test_bad_role_is_warned(build) -> None:
    built = build({"index.md": "# Home\n\nA {badge}`|nolabel` here.\n"})
    lines = built.warning_lines()
    assert len(lines) == 1 and "index.md:3:" in lines[0] and "[researcher.option]" in lines[0]
