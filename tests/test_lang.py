"""lang: a page (front matter), a block ({lang}, any directive's :lang:) or a phrase ({lang} role)
declares its language as an HTML lang attribute; bad tags are located warnings."""

from __future__ import annotations

PAGE = """\
---
lang: zh
---
# 关于我

我是一名博士生。
"""

MIXED = """\
# About me

My name in Chinese is {lang}`zh|多伊`.

```{lang} zh-Hans
我研究**高效**的计算机视觉。
```

```{timeline}
:lang: zh_CN

- 2021-09 – present: 博士研究生，示例大学。
```

```{news}
:lang: en-GB

- 2024-05: Colour.
```
"""


def test_page_block_phrase_and_option(build) -> None:
    built = build({"index.md": MIXED + "\n```{toctree}\n:hidden:\n\nzh\n```\n", "zh.md": PAGE})
    assert built.warning_lines() == []
    home = built.soup("index")
    assert home.html["lang"] == "en"  # the site's language stays
    assert home.select_one('span[lang="zh"]').get_text() == "多伊"
    block = home.select_one('div[lang="zh-Hans"]')
    assert block is not None and block.find("strong").get_text() == "高效"
    assert home.select_one('ul.sr-timeline[lang="zh-CN"]') is not None
    assert home.select_one('.sr-news[lang="en-GB"]') is not None
    assert "language-" not in built.html("index").split("<body", 1)[1]  # moved into lang=, not left as a class
    page = built.soup("zh")
    section = page.select_one("section[lang=zh]")
    assert section is not None and section.find("h1").get_text().startswith("关于我")


def test_bad_tags_are_located_warnings(build) -> None:
    page = (
        "---\nlang: chinese!\n---\n# Home\n\nText {lang}`no pipe`.\n\n"
        "```{lang} 12\nBody.\n```\n\n```{timeline}\n:lang: x y\n\n- 2020: Thing.\n```\n"
    )
    built = build({"index.md": page})
    lines = built.warning_lines()
    assert len(lines) == 4, lines
    assert all(line.endswith("[researcher.option]") for line in lines)
    joined = "\n".join(lines)
    assert "index.md:6:" in joined and "index.md:8:" in joined and "index.md:13:" in joined
    assert any("index.md:2:" in line and "page lang 'chinese!'" in line for line in lines), lines  # its own line
    html = built.html("index")
    assert "Body." in html and "Thing." in html and "no pipe" in html


def test_other_builders_ignore_the_language(build) -> None:
    built = build({"index.md": MIXED}, buildername="text")
    assert built.warning_lines() == []
    text = built.text("index.txt")
    assert "多伊" in text and "高效" in text
