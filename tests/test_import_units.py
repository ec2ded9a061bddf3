"""The import's readers on their own: foreign date forms, and papers.bib written back clean."""

from __future__ import annotations

import pytest

from sphinx_researcher.importers.bibtex_out import (
    BibEntry,
    check_entries,
    decode_bib,
    read_bib,
    unique_keys,
    write_bib,
)
from sphinx_researcher.importers.dates import DateStyle, parse_range, split_leading_date
from sphinx_researcher.importers.report import Report
from sphinx_researcher.parsing.bibtex import parse_bib_text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("*2022.02*: &nbsp;🎉 x", "2022-02"),
        ("2023.1.5: x", "2023-01-05"),
        ("*2019.06 - 2022.04 (now)*, x", "2019-06 – present"),
        ("*2022.09 - now*, x", "2022-09 – present"),
        ("09/2021 - 03/2024: x", "2021-09 – 2024-03"),
        ("May-18: x", "2018-05"),
        ("Jan 2023: x", "2023-01"),
        ("[2023.01] x", "2023-01"),
        ("**2024.05**: x", "2024-05"),
        ("2021 - 2023， Researcher", "2021 – 2023"),
    ],
)
def test_leading_dates(written: str, read: str) -> None:
    found = split_leading_date(written)
    assert found is not None and found[0].text() == read
    assert found[1].startswith(("x", "🎉", "Researcher"))


def test_day_and_month_decided_from_the_file() -> None:
    assert DateStyle.of("- 13/05/2020 a\n- 03/04/2021 b").day_first is True
    assert DateStyle.of("- 05/13/2020 a\n- 03/04/2021 b").day_first is False
    day_first = parse_range("03/04/2021", DateStyle.of("13/05/2020"))
    month_first = parse_range("03/04/2021", DateStyle.of("05/13/2020"))
    assert day_first and month_first and day_first.text() == "2021-04-03" and month_first.text() == "2021-03-04"
    assert day_first.ambiguous and not parse_range("13/05/2020").ambiguous


def test_metadata_dates_are_read_whole() -> None:
    assert parse_range("2015-10-22 23:59:00-0400").text() == "2015-10-22"
    assert parse_range("2020-13-45") is None and parse_range("Lorem 2020") is None


def test_papers_bib_written_back_parses_clean() -> None:
    report = Report()
    text = """\
@string{j = {Journal of Things}}
@article{a, title = {One}, author = {Doe, J.}, journal = j, year = 2020, selected1 = {x}, selected1 = {y}}
@article{a, title = {Two}, author = {Doe, J.}, year = 2021}
@article{a, title = {One}, author = {Doe, J.}, year = 2020}
@inbook{child, title = {Chapter}, crossref = {parent}, pages = {1--2}}
@book{parent, title = {Book}, author = {Roe, R.}, year = 2019, publisher = {P}}
@misc{nofields2017}
@misc{untitled, year = 2019}
"""
    entries = check_entries(unique_keys(read_bib(text, "p.bib", report), report), ["J. Doe"],
                            lambda kind, value: None, report)
    written = write_bib(entries)
    parsed = parse_bib_text(written, "papers.bib")
    assert parsed.issues == []
    # The child takes its year from its crossref parent; entries without a title are left out.
    assert [e.key for e in parsed.entries] == ["a", "a-2", "child", "parent"]
    assert parsed.entries[0].fields["journal"] == "Journal of Things"
    kinds = {(note.kind, note.location) for note in report.notes}
    assert ("renamed", "p.bib:3") in kinds and ("changed", "p.bib:4") in kinds
    assert ("left-out", "p.bib:7") in kinds and ("left-out", "p.bib:8") in kinds  # no title
    assert not any(note.location == "p.bib:5" for note in report.notes)  # the crossref child is complete


def test_plain_text_values_are_escaped_for_bibtex() -> None:
    entry = BibEntry.from_text("k", "misc", "x:1", None, title="100% of {braces} & $money_", url="https://e.org/a_b%20c")
    parsed = parse_bib_text(write_bib([entry]), "papers.bib")
    assert parsed.issues == []
    fields = parsed.entries[0].fields
    assert fields["url"] == "https://e.org/a_b%20c"
    from sphinx_researcher.parsing.latex import latex_to_text

    assert latex_to_text(fields["title"]) == "100% of {braces} & $money_"


def test_latin1_bib_is_read() -> None:
    report = Report()
    text = decode_bib("@misc{k, title = {Mr. \xc4ppl\\'e}, year = 2000}".encode("latin-1"), "l.bib", report)
    assert "Äppl" in text and report.notes[0].kind == "changed"


def test_acadhomepage_items_continue_lazily_and_html_lists_are_read() -> None:
    from sphinx_researcher.importers.acadhomepage import _items

    items, rest = _items("- *2024.05*: first\ngoes on.\n- *2024.03*: second\n  indented.\n\nA paragraph.")
    assert items == [(0, "*2024.05*: first\ngoes on."), (2, "*2024.03*: second\nindented.")]
    assert [text for _i, text in rest if text] == ["A paragraph."]
    items, _rest = _items("<ul>\n<li><em>2023.10</em> Award</li>\n</ul>")
    assert items == [(1, "*2023.10* Award")]


def test_front_matter_line_of_a_nested_key_is_under_its_parent() -> None:
    from sphinx_researcher.importers.jekyll import Page

    front = "layout: about\nimage: /assets/og.png\nprofile:\n  align: right\n  image: me.jpg\n  more_info: >\n    x\n"
    page = Page("_pages/about.md", {}, "", 10, front)
    assert page.line("image") == 3 and page.line("image", within="profile") == 6
    assert page.where("more_info", within="profile") == "_pages/about.md:7"
    assert page.line("nothing", within="profile") == 1 and page.line("image", within="nowhere") == 1


@pytest.mark.parametrize("title", [r"Theorie der W{\"a}rme", r"\"{U}ber {\"o}rtliche M\"uller-Gr\"o{\ss}en",
                                   r'A {"quoted"} {\"e}l\`eve', r'She said "hi" to {\"U}lm'])
def test_accents_with_double_quotes_read_back_the_same(title: str) -> None:
    from sphinx_researcher.parsing.latex import latex_to_text

    report = Report()
    source = "@article{k, title = {" + title + "}, author = {M{\\\"u}ller, Anna}, journal = {J}, year = 2020}\n"
    entries = read_bib(source, "p.bib", report)
    parsed = parse_bib_text(write_bib(entries), "papers.bib")
    assert parsed.issues == []
    written = parsed.entries[0]
    assert latex_to_text(written.fields["title"]) == latex_to_text(entries[0].fields["title"])
    assert "''" not in written.fields["title"] and "\u0301" not in latex_to_text(written.fields["title"])
    assert written.persons["author"] == entries[0].persons["author"]
