"""BibTeX entries on the page: names, marks, accents, al-folio fields, crossref, and every
problem of a .bib as a warning at its file:line (project-owned fixtures, no shared data)."""

from __future__ import annotations

import re

import pytest
from bib_fixtures import CONF, MORE_BIB, PAPERS_BIB, article_ids, line_of, project

from sphinx_researcher.parsing.bibtex import count_entries, decode, parse_bib_text
from sphinx_researcher.parsing.latex import latex_to_text

ALL = "# Papers\n\n```{publications}\n```\n"


@pytest.fixture
def papers(build):
    return build(project({"index.md": ALL}))


def _article(built, key: str):
    return built.soup().find("article", id=f"pub-{key}")


def test_every_entry_renders_or_is_named_in_a_warning(papers) -> None:
    ids = article_ids(papers.html())
    written = {key for text in (PAPERS_BIB, MORE_BIB) for key, _line in count_entries(text)}
    derived = dict(re.findall(r"duplicate key '([^']+)' .*this one as '([^']+)'", papers.warnings))
    assert derived == {"doe2024sparse": "doe2024sparse-2", "doe2022graphs": "doe2022graphs-2"}
    assert {i.removeprefix("pub-") for i in ids} == {k.lower() for k in written} | set(derived.values())
    # Both duplicates name other papers than the first entry with their key: every entry is shown.
    assert len(ids) == len(count_entries(PAPERS_BIB)) + len(count_entries(MORE_BIB))
    second = _article(papers, "doe2024sparse-2").select_one(".sr-pub-title").get_text()
    assert second == "A second entry with the same key"
    assert "Traceback" not in papers.warnings


def test_problems_are_located_at_the_bib_line(papers) -> None:
    text = papers.warnings
    dup_first = line_of(PAPERS_BIB, "@inproceedings{doe2024sparse")
    dup_second = line_of(PAPERS_BIB, "title = {A second entry")  - 1
    assert re.search(rf"papers\.bib:{dup_second}: WARNING: duplicate key 'doe2024sparse' \(first at \S*papers\.bib:"
                     rf"{dup_first}\).*\[researcher\.duplicate\]", text)
    across = line_of(PAPERS_BIB, "@article{doe2022graphs")
    assert re.search(rf"more\.bib:1: WARNING: duplicate key 'doe2022graphs' \(first at \S*papers\.bib:{across}\)", text)
    syntax = line_of(PAPERS_BIB, "year {2020}")
    assert re.search(rf"papers\.bib:{syntax}: WARNING: syntax error.*\[researcher\.bibtex\]", text)
    assert re.search(rf"papers\.bib:{line_of(PAPERS_BIB, '@misc{doe2021undated')}: WARNING: entry 'doe2021undated': "
                     r"no year.*\[researcher\.missing_field\]", text)
    assert re.search(rf"papers\.bib:{line_of(PAPERS_BIB, '@article{zhang2023cjk')}: WARNING: .*'missing-preview\.png' "
                     r"does not exist \[researcher\.file\]", text)
    # The broken entry still renders with what could be read.
    assert _article(papers, "broken2020") is not None


def test_a_field_warning_names_the_fields_own_line() -> None:
    from sphinx_researcher.parsing.bibtex_fields import entry_to_publication
    from sphinx_researcher.parsing.names import NameMatcher

    bib = (
        "@article{first,\n  title = {One},\n  year = 2020,\n  doi = {10.1/ok}}\n\n"
        "@article{second,\n  title = {Two},\n  year = 2021,\n\n  doi = {not a doi},\n  github = {x y z}}\n"
        "@article{third, title = {Three}, year = 2022, doi = {nope}}\n"
    )
    parsed = parse_bib_text(bib, "p.bib")
    lines = {}
    for entry in parsed.entries:
        _pub, issues = entry_to_publication(entry, NameMatcher([]), lambda kind, value: None)
        lines.update({(entry.key, issue.message.split(": ", 1)[1].split()[0]): issue.line for issue in issues})
    assert lines[("second", "doi")] == line_of(bib, "doi = {not a doi}")
    assert lines[("second", "github")] == line_of(bib, "github = {x y z}")
    assert lines[("third", "doi")] == line_of(bib, "@article{third")  # not at a line's start: the entry's line
    assert not parsed.issues


def test_names_marks_and_self_highlighting(papers) -> None:
    sparse = _article(papers, "doe2024sparse")
    authors = sparse.select(".sr-author")
    assert authors[0].get_text(strip=True).startswith("Jane Q. Doe") and "sr-me" in authors[0]["class"]
    assert authors[0].select_one(".sr-equal") and authors[0].select_one(".sr-corresponding")
    assert authors[1].get_text(strip=True) == "Wei Zhang*" and "sr-me" not in authors[1]["class"]
    assert papers.soup().select_one(".sr-pub-legend") is not None
    graphs = [a.get_text(strip=True) for a in _article(papers, "doe2022graphs").select(".sr-author")]
    assert graphs == ["J. Q. Doe", "Erwin Schrödinger", "Hans van der Berg, Jr", "et al."]
    assert "sr-me" in _article(papers, "doe2022graphs").select(".sr-author")[0]["class"]
    workshop = _article(papers, "doe2023workshop").select(".sr-author")
    assert "sr-me" in workshop[0]["class"] and workshop[1].get_text(strip=True) == "Ce Pang*"
    cjk = _article(papers, "zhang2023cjk")
    assert [a.get_text(strip=True) for a in cjk.select(".sr-author")] == ["张伟", "简 多伊"]
    assert cjk.select_one(".sr-pub-title").get_text(strip=True) == "稀疏专家模型"


def test_latex_is_decoded_and_no_raw_markup_shows(papers) -> None:
    soup = papers.soup()
    for block in soup.select(".sr-bibtex"):
        block.decompose()
    text = soup.get_text()
    assert "Graphs of Müller and Čech: a Bayesian view" in text
    assert "O(n log n)" in text
    for raw in ('{\\"', "\\textit", "\\v{", "{M}"):
        assert raw not in text


def test_alfolio_fields(papers) -> None:
    sparse = _article(papers, "doe2024sparse")
    assert sparse.select_one(".sr-pub-abbr").get_text() == "CVPR"
    assert "sr-selected" in sparse["class"]
    links = {a.get_text(): a["href"] for a in sparse.select(".sr-pub-links a.sr-pub-link")}
    assert links["arXiv"] == "https://arxiv.org/abs/2405.01234"
    assert links["Code"] == "https://github.com/janedoe/sparse-experts"
    assert links["PDF"].startswith("_downloads/") and links["PDF"].endswith("/sparse.pdf")
    assert (papers.outdir / links["PDF"]).is_file()
    venue = sparse.select_one(".sr-pub-venue").get_text()
    assert "IEEE/CVF Conference on Computer Vision and Pattern Recognition" in venue
    bibtex = sparse.select_one(".sr-bibtex code").get_text()
    assert bibtex.startswith("@inproceedings{doe2024sparse,") and "booktitle = {IEEE/CVF" in bibtex
    for custom in ("abbr", "selected", "bibtex_show", "google_scholar_id", "code =", "*", "†"):
        assert custom not in bibtex
    button = sparse.select_one(".sr-bibtex button.sr-copy")
    assert button is not None and button.has_attr("hidden")
    assert _article(papers, "doe2022graphs").select_one(".sr-pub-link.sr-link-doi")["href"] == (
        "https://doi.org/10.1000/jmlr.2022.1"
    )


def test_crossref_children_inherit_from_their_parent(papers) -> None:
    child = _article(papers, "child2019")
    assert child.select_one(".sr-pub-authors").get_text(strip=True) == "Maria Rossi"
    assert "2019" in child.select_one(".sr-pub-venue").get_text()
    assert "The Big Book" in child.select_one(".sr-pub-venue").get_text()


def test_researcher_name_matching_nobody_is_one_warning(build) -> None:
    conf = CONF.replace('researcher_name = "Jane Q. Doe"', 'researcher_name = "Nobody Atall"').replace(
        'researcher_name_variants = ["多伊"]', "researcher_name_variants = []")
    built = build(project({"index.md": ALL}, conf=conf))
    hits = [w for w in built.warning_lines() if "[researcher.name]" in w]
    assert len(hits) == 1 and "conf.py:2:" in hits[0] and "Nobody Atall" in hits[0]


def test_missing_local_pdf_is_a_file_warning_at_the_entry(build) -> None:
    built = build(project({"index.md": ALL}, with_pdf=False))
    line = line_of(PAPERS_BIB, "@inproceedings{doe2024sparse")
    assert re.search(rf"papers\.bib:{line}: WARNING: entry 'doe2024sparse': local pdf file 'sparse\.pdf' does not "
                     r"exist \[researcher\.file\]", built.warnings)
    assert _article(built, "doe2024sparse").select_one(".sr-link-pdf") is None


def test_encoding_config_reads_latin1(build) -> None:
    latin1 = "@misc{appl,\n  title = {Mr. \u00c4ppl\\'e},\n  year = {2001},\n}\n".encode("latin-1")
    conf = 'extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["l.bib"]\n'
    built = build({"conf.py": conf + 'researcher_bibtex_encoding = "latin-1"\n', "l.bib": latin1, "index.md": ALL})
    assert "Mr. Äpplé" in built.html() and "researcher.bibtex" not in built.warnings
    wrong = build({"conf.py": conf, "l.bib": latin1, "index.md": ALL})
    assert re.search(r"l\.bib:2: WARNING: not valid utf-8.*researcher_bibtex_encoding", wrong.warnings)
    assert "Mr. \ufffdppl" in wrong.html()  # still rendered, with the replacement character


def test_unit_parser_keeps_lines_and_first_duplicate() -> None:
    parsed = parse_bib_text(PAPERS_BIB, "papers.bib")
    sparse = next(e for e in parsed.entries if e.key == "doe2024sparse")
    assert sparse.line == line_of(PAPERS_BIB, "@inproceedings{doe2024sparse")
    assert sparse.fields["booktitle"].startswith("IEEE/CVF")  # @string macro expanded
    assert sparse.persons["author"][0] == "Doe*†, Jane Q."
    text, issues = decode(b"@misc{a, title={\xff}}", "utf-8", "x.bib")
    assert "\ufffd" in text and issues and issues[0].location == "x.bib:1"


def test_string_values_read_in_one_match_read_as_pybtex_reads_them(monkeypatch) -> None:
    """The lexer reads a braced or quoted value in one match when its groups are at most two
    deep, and looks for a field's ``name =``, a concatenation's '#' and the comma after a field
    without tokens; every value and field (deeper, quoted, concatenated, oddly spaced, nameless,
    broken, cut off) reads as pybtex's own lexer reads it, with the same located problems."""
    import random

    from pybtex.database.input.bibtex import LowLevelParser

    from sphinx_researcher.parsing import bibtex

    values = ['{Plain}', '{A {B} c}', '{{BERT}: {\\"u}ber {N{\\"a}he}}', '{one {two {three {four}}} deep}',
              '"Quoted {with "inner" quotes} and {\\"o}"', '"a" # { and } # jan', 'nat # { -- } # "x"',
              '{unclosed', '"unclosed', '{a}}', '"a}b"', '{}', '""', '{ spaced\n  lines }', '2024',
              '{a @ sign} # "b"', '{  {x}  {y}  }', '"{"}"', '{"}']
    text = "@string{nat = {Nature}}\n" + "".join(
        f"@article{{k{n},\n  title = {value},\n  note = {{after}}\n}}\n" for n, value in enumerate(values))
    text += "".join(f"@misc{{f{n}, {fields}}}\n" for n, fields in enumerate([
        "title  =  {x} , year = 2020 ,", "title {x}, year = 1", "= {x}, year = 2", "9title = {x}", "ti-tle:x.y = {x}",
        "\n title\n=\n{x}\n,\n", "title = {x},, year = 3", "title = {x} year = {4}", "t\u00eftle = {x}",
        "title = {x}, @misc{g, year = 5}", "title = ", "title=\"x\",year=6"]))
    text += '@article(p1, title = "x", year = 7)\n'
    rng = random.Random(14)
    variants = [text] + [
        text[:at] + rng.choice(["{", "}", '"', "#", ",", "@", "\n", "=", " ", "a"]) + text[at:]
        for at in (rng.randrange(len(text)) for _ in range(500))]
    variants += [text[:at] for at in (rng.randrange(len(text)) for _ in range(150))]  # cut anywhere

    def parsed(source: str) -> tuple[list[object], list[object]]:
        result = bibtex.parse_bib_text(source, "x.bib")
        return ([(e.key, e.line, e.fields, e.persons) for e in result.entries],
                [(i.message, i.line) for i in result.issues])

    ours = [parsed(variant) for variant in variants]
    assert ours[0][0][2][2]["title"] == '{BERT}: {\\"u}ber {N{\\"a}he}'
    assert [ours[0][0][n][2]["title"] for n in (5, 6)] == ["a and January", "Nature -- x"]  # macros joined
    monkeypatch.setattr(bibtex, "_Lexer", LowLevelParser)
    assert [parsed(variant) for variant in variants] == ours
    assert sum(bool(issues) for _entries, issues in ours) > 100  # the broken ones did report problems


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('{\\"u}ber', "über"),
        ("\\v{c}", "č"),
        ("Ji{\\v r}{\\'\\i}", "Jiří"),
        ("{\\ae} {\\o} {\\AA} {\\ss}", "æ ø Å ß"),
        ("$\\alpha$-stable", "α-stable"),
        ("\\unknowncommand{kept}", "kept"),
        ("a -- b", "a – b"),
        ("\\href{http://x}{label}", "label"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


WILD_BIB = r"""@inproceedings{wild1,
  title = {Wild One},
  author = {Doe, Jane Q.},
  booktitle = {**Oral Presentation** at *CVPR*, see [the site](https://cvpr.example.org/)
               or [x](javascript:alert(1)) <b>raw</b>},
  year = {2024},
  arxiv = {https://arxiv.org/abs/2405.01234?context=cs},
  github = {https://github.com/janedoe/wild-one},
  note = {A long note that goes on and on about where the paper was presented and what happened},
}
@article{wild2,
  title = {Wild Two},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2023},
  arxiv = {https://doi.org/10.1000/xyz.2},
  github = {janedoe/wild-two},
}
@article{wild3,
  title = {Wild Three},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2022},
  arxiv = {https://openaccess.example.org/paper3.pdf},
  doi = {not a doi},
  github = {not a repo at all},
}
@article{wild4,
  title = {Wild Four},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2021},
  arxiv = {https://doi.org/10.48550/arXiv.2101.00001},
  award = {**Best Paper** Award},
}
@article{wild5,
  title = {Wild Five},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2020},
  arxiv = {see the appendix},
}
@article{wild6,
  title = {Wild Six},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2019},
  archivePrefix = {arXiv},
  arxivId = {quant-ph/9605043},
  eprint = {9605043},
  primaryClass = {quant-ph},
  doi = {N/A},
}
@article{wild7,
  title = {Wild Seven},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2018},
  eprint = {9612126v2},
  primaryclass = {quant-ph},
}
"""


def test_field_forms_from_the_wild_are_read_or_warned(build) -> None:
    conf = 'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\nresearcher_bibtex_files = ["w.bib"]\n'
    built = build({"conf.py": conf, "w.bib": WILD_BIB, "index.md": "# P\n\n```{publications}\n```\n"})
    soup = built.soup()

    def links(key: str) -> dict[str, str]:
        article = soup.select_one(f"#pub-{key}")
        return {a.get_text(): a["href"] for a in article.select(".sr-pub-links a")}

    assert links("wild1")["arXiv"] == "https://arxiv.org/abs/2405.01234"
    assert links("wild1")["Code"] == "https://github.com/janedoe/wild-one"
    assert links("wild2")["DOI"] == "https://doi.org/10.1000/xyz.2"
    assert links("wild2")["Code"] == "https://github.com/janedoe/wild-two"
    assert links("wild3")["Paper"] == "https://openaccess.example.org/paper3.pdf"
    assert links("wild4")["arXiv"] == "https://arxiv.org/abs/2101.00001"
    # Mendeley: arxivId and a bare old-style eprint with its primaryClass; "N/A" means no DOI.
    assert links("wild6") == {"arXiv": "https://arxiv.org/abs/quant-ph/9605043"}
    assert links("wild7") == {"arXiv": "https://arxiv.org/abs/quant-ph/9612126v2"}
    # Markdown: bold, italic and safe links rendered; raw HTML and a script link stay text.
    venue = soup.select_one("#pub-wild1 .sr-pub-venue em")
    assert venue.strong.get_text() == "Oral Presentation" and venue.em.get_text() == "CVPR"
    assert venue.a["href"] == "https://cvpr.example.org/"
    assert "**" not in venue.get_text() and venue.find("b") is None and "<b>raw</b>" in venue.get_text()
    assert not any("javascript" in (a.get("href") or "") for a in soup.find_all("a"))
    assert soup.select_one("#pub-wild4 .sr-pub-award strong").get_text() == "Best Paper"
    # Every value that cannot be used is a located warning.
    field = [w for w in built.warning_lines() if "[researcher.field]" in w]
    assert any("w.bib:25:" in w and "'not a doi'" in w for w in field)
    assert any("w.bib:26:" in w and "not a repo at all" in w for w in field)
    assert any("w.bib:41:" in w and "see the appendix" in w for w in field)
    assert len(field) == 3
    # Plain builders and meta tags get the words without Markdown.
    text = build({"conf.py": conf, "w.bib": WILD_BIB, "index.md": "# P\n\n```{publications}\n```\n"}, "text")
    assert "Oral Presentation at CVPR" in text.text("index.txt") and "**Oral" not in text.text("index.txt")
    page = built.soup("pub/wild1")
    conference = page.find("meta", attrs={"name": "citation_conference_title"})["content"]
    assert conference.startswith("Oral Presentation at CVPR, see the site")


def test_option_markdown_in_venue(build) -> None:
    page = "# P\n\n```{publication} x\n:title: T\n:venue: *NeurIPS* **Spotlight**\n:year: 2024\n```\n"
    built = build({"index.md": page})
    venue = built.soup().select_one(".sr-pub-venue em")
    assert venue.em.get_text() == "NeurIPS" and venue.strong.get_text() == "Spotlight"


def test_duplicate_keys_same_paper_dropped_different_paper_kept() -> None:
    from sphinx_researcher.parsing.bibtex import resolve_duplicates

    text = (
        "@article{k, title={One Paper}, year=2020}\n"
        "@article{k, title={One paper}, year=2020, doi={10.1/x}}\n"  # same paper, more complete
        "@article{k, title={Another Paper}, year=2021}\n"
        "@article{k-2, title={Taken Key}, year=2022}\n"
    )
    parsed = parse_bib_text(text, "d.bib")
    assert [(e.key, e.fields["title"]) for e in parsed.entries] == [
        ("k", "One Paper"), ("k-3", "Another Paper"), ("k-2", "Taken Key")]
    messages = [(i.location, i.message) for i in parsed.issues]
    assert messages[0][0] == "d.bib:2" and "the same paper again, this one is ignored" in messages[0][1]
    assert messages[1][0] == "d.bib:3" and "first at d.bib:1" in messages[1][1] and "'k-3'" in messages[1][1]
    # Across files: the second file's entry is renamed, avoiding keys already used.
    other = parse_bib_text("@misc{k, title={Elsewhere}, year=2019}\n", "e.bib")
    issues: list = []
    kept = resolve_duplicates(parsed.entries + other.entries, issues)
    assert kept[-1].key == "k-4" and "first at d.bib:1" in issues[0].message and issues[0].location == "e.bib:1"
