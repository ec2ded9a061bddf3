"""``{publications}``: filters, grouping, limit; ``{publication} KEY`` merging; ``{pub}``."""

from __future__ import annotations

import re

import pytest
from bib_fixtures import article_ids, project

from sphinx_researcher.model.publication import Publication
from sphinx_researcher.parsing.filters import FilterError, parse_filter


def page(options: str = "") -> str:
    return f"# Papers\n\n```{{publications}}\n{options}```\n"


PUBS = [
    Publication("a", year=2019, entry_type="article", selected=True, keywords=("vision",)),
    Publication("b", year=2022, entry_type="inproceedings", venue="CVPR"),
    Publication("c", year=2024, entry_type="article", keywords=("nlp", "Vision")),
    Publication("d"),
]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("selected", "a"),
        ("type=article", "ac"),
        ("year>=2022", "bc"),
        ("year=2020-2023", "b"),
        ("year<2020", "a"),
        ("keyword=vision", "ac"),
        ("key=a,b", "ab"),
        ("type=article,inproceedings", "abc"),
        ("selected, year>=2022", ""),
        ("selected or year>=2023", "ac"),
        ("not selected and type=article", "c"),
        ("(selected or key=b), not type=misc", "ab"),
        ("key=a,b, year>2020", "b"),
        ("venue=cvpr", "b"),
        ("year!=2019", "bcd"),
        ('key="c"', "c"),
    ],
)
def test_filter_language(text: str, keys: str) -> None:
    predicate = parse_filter(text)
    assert "".join(p.key for p in PUBS if predicate(p)) == keys


@pytest.mark.parametrize("text", ["", "year>=", "colour=red", "year>=20x", "selected and", "(selected", "type>3",
                                  "selected selected", "__import__('os')"])
def test_bad_filters_raise_with_a_position(text: str) -> None:
    with pytest.raises(FilterError) as error:
        parse_filter(text)
    assert 0 <= error.value.position <= len(text)


def test_filtered_page_and_bad_filter_warning(build) -> None:
    built = build(project({
        "index.md": page(":filter: keyword=vision and year>=2023\n"),
        "bad.md": "# Bad\n\ntext\n\n```{publications}\n:filter: year>>2020\n```\n",
        "other.md": "# Other\n",
    }))
    assert article_ids(built.html()) == ["pub-doe2024sparse", "pub-doe2023workshop"]
    bad = [w for w in built.warning_lines() if "[researcher.filter]" in w]
    assert len(bad) == 1 and "bad.md:5:" in bad[0] and "year>>2020" in bad[0]
    assert article_ids(built.html("bad")) == []


def test_newest_first_group_by_year_and_limit(build) -> None:
    built = build(project({
        "index.md": page(":group-by: year\n"),
        "top.md": "# Top\n\n```{publications}\n:limit: 2\n```\n",
        "types.md": "# Types\n\n```{publications}\n:group-by: type\n```\n",
    }))
    soup = built.soup()
    headings = [h.get_text() for h in soup.select(".sr-pub-group-title")]
    assert headings == ["2024", "2023", "2022", "2021", "2020", "2019", "2018", "Undated"]
    ids = article_ids(built.html())
    # 2023: June? no: zhang2023cjk has no month, doe2023workshop is November → workshop first.
    assert ids.index("pub-doe2023workshop") < ids.index("pub-zhang2023cjk")
    assert ids[0] == "pub-doe2024sparse" and ids[-1] in ("pub-doe2021undated", "pub-broken2020")
    assert article_ids(built.html("top")) == ["pub-doe2024sparse", "pub-doe2023workshop"]
    types = [h.get_text() for h in built.soup("types").select(".sr-pub-group-title")]
    assert types == ["Journal articles", "Conference papers", "Books", "Book chapters", "Other"]


def test_publication_key_merges_options_over_the_entry(build) -> None:
    built = build(project({"index.md": """
        # One

        ```{publication} doe2022graphs
        :title: A Better Title
        :tldr: Short.
        ```

        ```{publication} nosuchkey
        ```
        """}))
    article = built.soup().find("article", id="pub-doe2022graphs")
    assert article.select_one(".sr-pub-title").get_text(strip=True) == "A Better Title"
    assert "Journal of Machine Learning Research" in article.select_one(".sr-pub-venue").get_text()
    assert article.select_one(".sr-pub-tldr") is not None
    assert "J. Q. Doe" in article.select_one(".sr-pub-authors").get_text()
    unknown = [w for w in built.warning_lines() if "[researcher.key]" in w]
    assert len(unknown) == 1 and "index.md:8:" in unknown[0] and "nosuchkey" in unknown[0]


def test_pub_role_links_to_the_paper_page_and_warns_for_unknown_keys(build) -> None:
    built = build(project({
        "index.md": "# Home\n\nSee {pub}`doe2024sparse` and {pub}`our graphs <doe2022graphs>`.\n\n"
                    "Missing: {pub}`nope2020`.\n\n```{toctree}\npapers\n```\n",
        "papers.md": page(),
    }))
    links = {a.get_text(): a["href"] for a in built.soup().select("a.reference.internal")}
    assert links["SparseX"] == "pub/doe2024sparse.html"
    assert links["our graphs"] == "pub/doe2022graphs.html"
    bad = [w for w in built.warning_lines() if "[researcher.key]" in w]
    assert len(bad) == 1 and "index.md:5:" in bad[0] and "nope2020" in bad[0]
    assert "nope2020" in built.soup().get_text()


def test_pub_role_without_pages_links_to_the_first_page_showing_it(build) -> None:
    conf = project({})["conf.py"] + "researcher_publication_pages = False\n"
    built = build(project({"index.md": "# Home\n\n{pub}`doe2024sparse`\n\n```{toctree}\npapers\n```\n",
                           "papers.md": page()}, conf=conf))
    link = built.soup().select_one("a.reference.internal")
    assert link["href"] == "papers.html#pub-doe2024sparse" and link.get_text() == "SparseX"
    assert not (built.outdir / "pub").exists()
    title = built.soup("papers").select_one("#pub-doe2024sparse .sr-pub-title a")
    assert title["href"] == "https://arxiv.org/abs/2405.01234"


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_pub_role_in_other_builders(build, buildername: str) -> None:
    built = build(project({"index.md": "# Home\n\nSee {pub}`doe2024sparse`.\n\n```{toctree}\npapers\n```\n",
                           "papers.md": page(":group-by: year\n")}), buildername)
    out = built.text("index.txt") if buildername == "text" else next(built.outdir.glob("*.tex")).read_text()
    assert "SparseX" in out
    warnings = built.warnings
    if buildername == "latex":  # the .bib has a Chinese co-author, which pdflatex cannot set
        assert "Chinese, Japanese or Korean text" in warnings
        warnings = warnings.replace("researcher.latex", "")
    assert "Traceback" not in warnings and not re.search(r"researcher\.", warnings.replace(
        "researcher.missing_field", "").replace("researcher.duplicate", "").replace("researcher.bibtex", "").replace(
        "researcher.file", ""))


def test_filter_keys_in_the_order_written() -> None:
    from sphinx_researcher.parsing.filters import filter_keys

    assert filter_keys("key=c,a, selected or key=b") == ["c", "a", "b"]
    assert filter_keys("selected") == []
    assert filter_keys("key!=a") == []


def test_hand_picked_keys_keep_their_order_and_sort_option(build) -> None:
    keys = "doe2022graphs,doe2024sparse,doe2023workshop"
    built = build(project({
        "index.md": page(f":filter: key={keys}\n"),
        "by_year.md": "# Y\n\n```{publications}\n" f":filter: key={keys}\n:sort: year\n```\n",
        "by_title.md": "# T\n\n```{publications}\n:filter: year>=2022\n:sort: title\n```\n",
        "given.md": "# G\n\n```{publications}\n:filter: year>=2022\n:sort: given\n```\n",
        "bad.md": "# B\n\n```{publications}\n:filter: selected\n:sort: random\n```\n",
    }))
    assert article_ids(built.html()) == ["pub-doe2022graphs", "pub-doe2024sparse", "pub-doe2023workshop"]
    assert article_ids(built.html("by_year")) == ["pub-doe2024sparse", "pub-doe2023workshop", "pub-doe2022graphs"]
    titles = [t.get_text() for t in built.soup("by_title").select(".sr-pub-title")]
    assert titles == sorted(titles, key=str.casefold) and len(titles) >= 3
    # given without key=: the order of the .bib file.
    assert article_ids(built.html("given"))[:2] == ["pub-doe2024sparse", "pub-doe2022graphs"]
    bad = [w for w in built.warning_lines() if "[researcher.option]" in w and ":sort:" in w]
    assert len(bad) == 1 and "bad.md:5:" in bad[0]
