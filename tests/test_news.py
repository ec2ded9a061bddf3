"""{news}: dated items, newest first, <time datetime>, older ones in a closed <details>."""

from __future__ import annotations

NEWS = """
# Home

```{news}
- 2023: Received the *Example Scholarship*.
- 2024-05: Paper [Sparse Experts](https://arxiv.org/abs/2405.01234) accepted.
- 2024-02-14: Code of **SparseX** released!
- 2024-05: Second item of May, written later.
- 2024-05-03: Talk at a workshop.
```
"""


def _items(built, page: str = "index"):
    return built.soup(page).select(".sr-news .sr-news-item")


def test_items_newest_first_with_time_elements(build) -> None:
    built = build({"index.md": NEWS})
    assert built.warning_lines() == []
    items = _items(built)
    assert [i.find("time", class_="sr-date")["datetime"] for i in items] == [
        "2024-05-03", "2024-05", "2024-05", "2024-02-14", "2023",
    ]
    # Ties keep source order.
    assert "accepted" in items[1].get_text() and "written later" in items[2].get_text()
    assert [i.time.get_text() for i in items] == ["May 3, 2024", "May 2024", "May 2024", "Feb 14, 2024", "2023"]
    assert built.soup().select_one(".sr-news").name == "div"
    assert all(i.name == "li" and i.parent.name == "ul" for i in items)


def test_item_bodies_keep_their_markup(build) -> None:
    built = build({"index.md": NEWS})
    soup = built.soup()
    link = soup.select_one(".sr-news-item a[href='https://arxiv.org/abs/2405.01234']")
    assert link is not None and link.get_text() == "Sparse Experts"
    assert soup.select_one(".sr-news-item strong").get_text() == "SparseX"
    assert soup.select_one(".sr-news-item em").get_text() == "Example Scholarship"
    # The date prefix is gone from the text.
    assert not any(i.select_one(".sr-news-body").get_text().lstrip().startswith("20") for i in _items(built))


def test_item_ids_are_unique(build) -> None:
    built = build({"index.md": NEWS})
    ids = [i["id"] for i in _items(built)]
    assert len(ids) == len(set(ids)) == 5
    assert "news-2024-05" in ids and "news-2024-05-2" in ids


def test_no_limit_means_no_details(build) -> None:
    built = build({"index.md": NEWS})
    assert built.soup().find("details") is None


def test_limit_moves_older_items_into_closed_details(build) -> None:
    built = build({"index.md": NEWS.replace("```{news}\n", "```{news}\n:limit: 2\n\n")})
    assert built.warning_lines() == []
    news = built.soup().select_one(".sr-news")
    details = news.find("details", class_="sr-news-older")
    assert details is not None and not details.has_attr("open")
    assert details.summary.get_text() == "Older news"
    visible = [li for li in news.select(".sr-news-item") if li.find_parent("details") is None]
    hidden = details.select(".sr-news-item")
    assert [li.time["datetime"] for li in visible] == ["2024-05-03", "2024-05"]
    assert [li.time["datetime"] for li in hidden] == ["2024-05", "2024-02-14", "2023"]


def test_limit_not_reached_gives_no_details(build) -> None:
    built = build({"index.md": NEWS.replace("```{news}\n", "```{news}\n:limit: 10\n\n")})
    assert built.soup().find("details") is None
    assert len(_items(built)) == 5


def test_limit_zero_hides_everything(build) -> None:
    built = build({"index.md": NEWS.replace("```{news}\n", "```{news}\n:limit: 0\n\n")})
    assert len(built.soup().select("details .sr-news-item")) == 5


def test_dates_in_chinese(build) -> None:
    built = build({"index.md": NEWS}, confoverrides={"language": "zh_CN"})
    labels = [i.time.get_text() for i in _items(built)]
    assert labels[1] == "2024年5月"
    assert labels[0] == "2024年5月3日"
    assert labels[-1] == "2023年"


def test_date_format_config(build) -> None:
    formats = {"day": "dd.MM.yyyy", "month": "MM/yyyy"}
    built = build({"index.md": NEWS}, confoverrides={"researcher_date_format": formats})
    assert built.warning_lines() == []
    labels = [i.time.get_text() for i in _items(built)]
    assert labels[:2] == ["03.05.2024", "05/2024"]
    # The machine-readable value does not change with the display format.
    assert _items(built)[0].time["datetime"] == "2024-05-03"


def test_class_option_and_several_lists(build) -> None:
    page = NEWS.replace("```{news}\n", "```{news}\n:class: featured\n\n") + "\n```{news}\n- 2022: Another list.\n```\n"
    built = build({"index.md": page})
    lists = built.soup().select(".sr-news")
    assert len(lists) == 2
    assert "featured" in lists[0]["class"] and "featured" not in lists[1]["class"]


def test_items_with_several_paragraphs_and_rst(build) -> None:
    rst = """
    News
    ====

    .. news::
       :limit: 1

       - 2024-05: Paper accepted, see `the preprint <https://example.org/p>`_.

         A second paragraph.
       - 2023-01-02: An older **item**.
    """
    built = build({"index.rst": rst})
    assert built.warning_lines() == []
    items = _items(built)
    assert items[0].time["datetime"] == "2024-05"
    assert len(items[0].find_all("p")) == 2
    assert items[0].select_one("a[href='https://example.org/p']") is not None
    assert items[1].find_parent("details") is not None


def test_bad_limit_is_a_located_warning(build) -> None:
    built = build({"index.md": NEWS.replace("```{news}\n", "```{news}\n:limit: five\n\n")})
    lines = built.warning_lines()
    assert len(lines) == 1 and "index.md:4:" in lines[0] and "[researcher.option]" in lines[0]
    assert len(_items(built)) == 5 and built.soup().find("details") is None


def test_person_filter_finds_every_registry_spelling_as_a_sentence_writes_it() -> None:
    from sphinx_researcher.parsing.news_filter import news_matches, parse_news_filter

    sofia = parse_news_filter("person=sofia")
    names = {"sofia": ("Rossi, Sofia",), "hanna": (r'M{\"u}ller, Hanna', "H. Mueller")}
    assert news_matches(sofia, "Sofia Rossi gives a talk on depth.", (), names)
    assert news_matches(sofia, "A note by Rossi, Sofia.", (), names)
    assert not news_matches(sofia, "Sofia Bianchi gives a talk.", (), names)
    hanna = parse_news_filter("person=hanna")
    assert news_matches(hanna, "Hanna Müller joins the lab.", (), names)
    assert news_matches(hanna, "H. Mueller joins the lab.", (), names)
    assert not news_matches(hanna, "Anna Müller joins the lab.", (), names)
