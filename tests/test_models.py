"""The model and parsing layers alone: no Sphinx build needed."""

from __future__ import annotations

import re

import pytest

from sphinx_researcher.directives.base import parse_key_values
from sphinx_researcher.model.dates import DateRange, PartialDate
from sphinx_researcher.model.links import is_safe_url, service_url
from sphinx_researcher.model.person import Author
from sphinx_researcher.model.publication import Link, Publication
from sphinx_researcher.parsing.latex import latex_to_text
from sphinx_researcher.parsing.marks import mark_set
from sphinx_researcher.parsing.names import NameMatcher, display_name, make_author, split_marks, split_option_authors
from sphinx_researcher.parsing.options import parse_arxiv, parse_doi, parse_month, parse_year
from sphinx_researcher.render.dates import format_partial_date, format_range

# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [("2024", "2024", "year"), ("2024-05", "2024-05", "month"), ("2024-5", "2024-05", "month"),
     ("2024-02-14", "2024-02-14", "day"), (" 2024-02-29 ", "2024-02-29", "day")],
)
def test_partial_date_parses_each_precision(text: str, iso: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert date.iso() == iso
    assert date.precision == precision


@pytest.mark.parametrize("text", ["2024-13", "2023-02-29", "2024/05", "May 2024", "24", "", "2024-05-32"])
def test_partial_date_rejects_bad_dates(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_partial_dates_sort_with_less_precise_first() -> None:
    dates = [PartialDate.parse(t) for t in ("2024-05-01", "2024", "2024-05", "2023-12-31")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == ["2023-12-31", "2024", "2024-05", "2024-05-01"]


@pytest.mark.parametrize(
    ("text", "start", "end", "ongoing"),
    [
        ("2019-09 – present", "2019-09", None, True),
        ("2019-09 - Present", "2019-09", None, True),
        ("2015-09 – 2019-06", "2015-09", "2019-06", False),
        ("2015 to 2019", "2015", "2019", False),
        ("2015-2019", "2015", "2019", False),
        ("2015—2019", "2015", "2019", False),
        ("2021-06", "2021-06", None, False),
    ],
)
def test_date_range_forms(text: str, start: str, end: str | None, ongoing: bool) -> None:
    when = DateRange.parse(text)
    assert when.start.iso() == start
    assert (when.end.iso() if when.end else None) == end
    assert when.ongoing is ongoing
    assert when.is_range is (end is not None or ongoing)


@pytest.mark.parametrize("text", ["2020 – 2019", "2019 – 2020 – 2021", "2019 – soon"])
def test_date_range_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        DateRange.parse(text)


def test_ongoing_ranges_sort_newest() -> None:
    assert DateRange.parse("2010 – present").sort_key() > DateRange.parse("2020-01 – 2024-12").sort_key()


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "2024-05", "May 2024"),
        ("en", "2024", "2024"),
        ("en", "2024-02-14", "Feb 14, 2024"),
        ("zh_CN", "2024-05", "2024年5月"),
        ("zh_CN", "2024-02-14", "2024年2月14日"),
        ("de", "2024-05", "Mai 2024"),
        (None, "2024-05", "May 2024"),
        ("xx_NOPE", "2024-05", "May 2024"),  # unknown language: English, no crash
    ],
)
def test_dates_follow_the_language(language: str | None, text: str, expected: str) -> None:
    assert format_partial_date(PartialDate.parse(text), language) == expected


def test_date_format_patterns() -> None:
    day, month = PartialDate.parse("2024-02-14"), PartialDate.parse("2024-02")
    assert format_partial_date(day, "en", "dd.MM.yyyy") == "14.02.2024"
    assert format_partial_date(month, "en", "dd.MM.yyyy") == "Feb 2024"  # a single pattern is for days
    assert format_partial_date(month, "en", {"month": "MM/yyyy"}) == "02/2024"
    assert format_range(DateRange.parse("2019 – present"), "en", "", "now") == ("2019", "now")


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "equal", "corresponding", "marks"),
    [
        ("Jane Doe*", "Jane Doe", True, False, ("*",)),
        ("John Smith†", "John Smith", False, True, ("†",)),
        ("Jane Doe*†", "Jane Doe", True, True, ("*", "†")),
        ("Wei Zhang#", "Wei Zhang", True, False, ("#",)),
        ("Doe, Jane$^\\dagger$", "Doe, Jane", False, True, ("†",)),
        ("Doe$^*$, Jane", "Doe, Jane", True, False, ("*",)),
        ("Plain Name", "Plain Name", False, False, ()),
        # Several marks in one superscript, LaTeX's own spellings (\# \dag \textdagger), commas.
        ("Einstein$^{*\\dagger}$, A.", "Einstein, A.", True, True, ("*", "†")),
        ("Einstein\\textsuperscript{\\textdagger}, A.", "Einstein, A.", False, True, ("†",)),
        ("Einstein$^\\dag$, A.", "Einstein, A.", False, True, ("†",)),
        ("Podolsky\\textsuperscript{\\#}, B.", "Podolsky, B.", True, False, ("#",)),
        ("Doe\\textsuperscript{*, \\dag}, J.", "Doe, J.", True, True, ("*", "†")),
        ("Doe\\textsuperscript{$\\dagger$}, J.", "Doe, J.", False, True, ("†",)),
        ("Doe\\textdagger{}, J.", "Doe, J.", False, True, ("†",)),
        # Braces hold the author's own text; a command that only begins like a mark is none.
        ("{{C++ Standards Committee}}", "{{C++ Standards Committee}}", False, False, ()),
        ("{van der Berg}*, P.", "{van der Berg}, P.", True, False, ("*",)),
        # Braces around marks alone protect them: still marks.
        ("Jane Doe{$^*$}", "Jane Doe", True, False, ("*",)),
        ("Zhang{*}, Wei", "Zhang, Wei", True, False, ("*",)),
        ("{*}Ruiyao Liu", "Ruiyao Liu", True, False, ("*",)),
        ("Doe{\\textsuperscript{*}}, Jane", "Doe, Jane", True, False, ("*",)),
        ("Doe, Jane{\\textdagger}", "Doe, Jane", False, True, ("†",)),
        ("Jane \\daggerfoo Doe", "Jane \\daggerfoo Doe", False, False, ()),
        ("Doe\\textsuperscript{1}, J.", "Doe\\textsuperscript{1}, J.", False, False, ()),
    ],
)
def test_split_marks(raw: str, name: str, equal: bool, corresponding: bool, marks: tuple[str, ...]) -> None:
    assert split_marks(raw) == (split_marks(raw).__class__(name, equal, corresponding, marks))


def test_configured_marks_change_meaning_and_symbols() -> None:
    # AcadHomepage's convention: † equal contribution, * corresponding; # co-supervised; ✳ too.
    marks = mark_set({"†": "equal contribution", "*": "corresponding author", "#": "co-supervised", "✳": "intern"})
    assert split_marks("Jane Doe*", marks) == split_marks("x").__class__("Jane Doe", False, True, ("*",))
    assert split_marks("Wei Zhang✳#", marks).marks == ("#", "✳")
    assert split_marks("Wei Zhang\\textsuperscript{#}", marks).marks == ("#",)
    # A symbol that is not configured stays in the name.
    assert split_marks("C++ Team", mark_set({"*": "equal contribution"})).name == "C++ Team"
    assert mark_set({}).split("Jane Doe*") == ("Jane Doe*", ())


def test_option_authors_split_on_commas_or_and() -> None:
    assert split_option_authors("A One, B Two, and C Three") == ["A One", "B Two", "C Three"]
    assert split_option_authors("A One and B Two") == ["A One", "B Two"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Doe, Jane", "Jane Doe"), ("Jane Doe", "Jane Doe"), ("M{\\\"u}ller, Hans", "Hans Müller"),
     ("Doe, Jr, John", "John Doe, Jr")],
)
def test_display_name_reading_order(name: str, shown: str) -> None:
    assert display_name(name) == shown


@pytest.mark.parametrize("spelling", ["Jane Q. Doe", "J. Q. Doe", "Doe, Jane", "Doe, J.", "JANE DOE", "Jane Doe"])
def test_name_matcher_knows_the_researcher(spelling: str) -> None:
    matcher = NameMatcher(["Jane Q. Doe", "多伊"])
    assert matcher.matches(spelling)


@pytest.mark.parametrize("other", ["John Doe", "Jane Smith", "Doerte, Jane", ""])
def test_name_matcher_ignores_others(other: str) -> None:
    assert not NameMatcher(["Jane Q. Doe"]).matches(other)


def test_a_hyphenated_given_name_is_one_name() -> None:
    wei = NameMatcher(["Wei Chen"])
    assert wei.matches("Chen, Wei") and wei.matches("W. Chen")
    assert not wei.matches("Chen, Wei-Lun") and not wei.matches("Wei-Lun Chen")
    hanna = NameMatcher(["Hanna Müller"])
    assert not hanna.matches("Hanna-Lena Müller")
    jean_pierre = NameMatcher(["Jean-Pierre Dupont"])
    assert jean_pierre.matches("J.-P. Dupont") and jean_pierre.matches("Dupont, Jean-Pierre")
    assert jean_pierre.matches("J. Dupont")  # an initial may stand for any name it begins
    assert not jean_pierre.matches("Jean Dupont") and not jean_pierre.matches("Jean-Paul Dupont")
    assert not jean_pierre.matches("J.-M. Dupont")


def test_name_matcher_variants_and_empty() -> None:
    assert NameMatcher(["Jane Q. Doe", "多伊"]).matches("多伊")
    assert not NameMatcher([])
    assert not NameMatcher(["", "  "]).matches("Jane Doe")


def test_make_author_marks_and_me() -> None:
    author = make_author("Doe, Jane*†", NameMatcher(["Jane Q. Doe"]))
    assert author == Author("Jane Doe", equal=True, corresponding=True, is_me=True, marks=("*", "†"))


def test_latex_to_text() -> None:
    assert latex_to_text("{\\\"U}ber {GPUs}") == "Über GPUs"
    assert latex_to_text("{Sparse} {E}xperts") == "Sparse Experts"
    assert latex_to_text("\\unknowncommand{x}") in {"x", ""}  # never raises


# -- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x", "java\nscript:x",
     "vbscript:x", "data:text/html,<script>", "\x00javascript:x", "jav&#x09;ascript:x", ""],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize(
    "url", ["https://example.org", "http://x.y/a?b=c", "mailto:a@b.c", "cv.pdf", "../x/y.html", "#top", "/_downloads/x"]
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


def test_plain_web_urls_skip_the_full_check_with_its_answer() -> None:
    """http(s) URLs with a plain host are safe without urlsplit: on URLs made of awkward parts
    (ports, brackets, controls, spaces, colons) the quick answer is the full check's."""
    import itertools

    from sphinx_researcher.model import links

    hosts = ["example.org", "a-b.c", "[::1]", "x.org:80", "x.org:bad", "x.org]", "ex ample.org", "x.org\t", ""]
    tails = ["", "/", "/a b", "/a?b=c#d", "/\x00", "/[x]", "/:x", "?q", "#f", "/%20"]
    urls = [f"{scheme}://{host}{tail}" for scheme, host, tail in
            itertools.product(["http", "https", "HTTPS", "javascript"], hosts, tails)]
    quick = [links.is_safe_url(url) for url in urls]
    pattern = links._PLAIN_WEB_URL
    links._PLAIN_WEB_URL = re.compile("(?!)")  # matches nothing: every URL takes the full check
    try:
        assert quick == [links.is_safe_url(url) for url in urls]
    finally:
        links._PLAIN_WEB_URL = pattern
    assert sum(quick) > 20 and not all(quick)


@pytest.mark.parametrize(
    ("service", "value", "url"),
    [
        ("scholar", "XXXXXXX", "https://scholar.google.com/citations?user=XXXXXXX"),
        ("github", "janedoe", "https://github.com/janedoe"),
        ("orcid", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("x", "janedoe", "https://x.com/janedoe"),
        ("linkedin", "janedoe", "https://www.linkedin.com/in/janedoe"),
        ("bluesky", "jane.bsky.social", "https://bsky.app/profile/jane.bsky.social"),
        ("mastodon", "@jane@sigmoid.social", "https://sigmoid.social/@jane"),
        ("dblp", "123/4567", "https://dblp.org/pid/123/4567.html"),
        ("semanticscholar", "12345", "https://www.semanticscholar.org/author/12345"),
        ("openreview", "~Jane_Doe1", "https://openreview.net/profile?id=~Jane_Doe1"),
        ("github", "https://gitlab.com/jane", "https://gitlab.com/jane"),  # a full URL is kept
        ("cv", "cv.pdf", "cv.pdf"),
        ("github", "a b", "https://github.com/a%20b"),  # ids are quoted
    ],
)
def test_service_urls(service: str, value: str, url: str) -> None:
    assert service_url(service, value) == url


def test_key_values() -> None:
    assert parse_key_values("Models=https://hf.co/x, Demo=https://d.org/?a=1,2") == [
        ("Models", "https://hf.co/x"),
        ("Demo", "https://d.org/?a=1,2"),
    ]
    with pytest.raises(ValueError):
        parse_key_values("no equals sign")


# -- publication ------------------------------------------------------------------------------


def test_link_row_order() -> None:
    pub = Publication(
        key="k", poster="p", video="v", slides="s", project="w", code="c", doi="10.1/x", arxiv="2405.01234", pdf="f",
        extra_links=(Link("Models", "m"),),
    )
    assert [link.kind for link in pub.links()] == [
        "pdf", "arxiv", "doi", "code", "project", "slides", "video", "poster", "custom",
    ]


def test_merged_keeps_empty_overrides_out() -> None:
    pub = Publication(key="k", title="From BibTeX", year=2020)
    merged = pub.merged({"title": "From option", "year": None, "venue": "", "nonsense": 1})
    assert (merged.title, merged.year, merged.venue) == ("From option", 2020, "")


def test_has_marks() -> None:
    assert Publication("k", authors=(Author("A", corresponding=True),)).has_marks
    assert not Publication("k", authors=(Author("A", is_me=True),)).has_marks


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        (parse_arxiv, "2405.01234", "2405.01234"),
        (parse_arxiv, "arXiv:2405.01234v2", "2405.01234v2"),
        (parse_arxiv, "https://arxiv.org/abs/2405.01234", "2405.01234"),
        (parse_arxiv, "hep-th/9901001", "hep-th/9901001"),
        (parse_arxiv, "not an id", None),
        (parse_doi, "10.1000/xyz123", "10.1000/xyz123"),
        (parse_doi, "https://doi.org/10.1000/xyz", "10.1000/xyz"),
        (parse_doi, "doi:10.1000/xyz", "10.1000/xyz"),
        (parse_doi, "11.1/x", None),
        (parse_month, "May", 5),
        (parse_month, "12", 12),
        (parse_month, "13", None),
        (parse_year, "2024", 2024),
        (parse_year, "soon", None),
    ],
)
def test_option_parsers(func: object, value: str, expected: object) -> None:
    assert func(value) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "repo"),
    [("janedoe/sparse", "janedoe/sparse"), ("https://github.com/janedoe/sparse", "janedoe/sparse"),
     ("http://www.github.com/janedoe/sparse.git", "janedoe/sparse"), ("https://github.com/a/b/?tab=x", "a/b"),
     ("https://gitlab.com/a/b", None), ("not a repo", None)],
)
def test_github_forms(value: str, repo: str | None) -> None:
    from sphinx_researcher.parsing.options import parse_github

    assert parse_github(value) == repo
