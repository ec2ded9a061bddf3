"""The nine real .bib files of ../shared/data/bib on one page: nothing crashes, every
entry renders or is named in a warning, LaTeX is decoded, CJK names survive, latin-1 reads.
Skipped when the shared data is absent."""

from __future__ import annotations

import random
import re
import shutil

import pytest
from conftest import SHARED

from sphinx_researcher.parsing.bibtex import count_entries

BIB_DIR = SHARED / "data" / "bib"
pytestmark = pytest.mark.skipif(not BIB_DIR.is_dir(), reason="shared BibTeX data absent")

LATIN1 = "sphinxcontrib-bibtex_encoding-latin1.bib"


@pytest.fixture(scope="module")
def all_files(tmp_path_factory):
    from conftest import run_build, write_project

    src = tmp_path_factory.mktemp("real") / "src"
    names = sorted(p.name for p in BIB_DIR.glob("*.bib"))
    pages = {"index.md": "# All\n\n```{publications}\n:group-by: year\n```\n"}
    conf = (
        'extensions = ["sphinx_researcher"]\nresearcher_name = "Mark Hasegawa-Johnson"\n'
        f"researcher_bibtex_files = {names!r}\n"
    )
    write_project(src, {"conf.py": conf, **pages})
    for name in names:
        shutil.copy(BIB_DIR / name, src / name)
    return run_build(src), names


def test_every_entry_renders_or_is_named(all_files) -> None:
    built, names = all_files
    assert "Traceback" not in built.warnings and "Exception" not in built.warnings
    html = built.html()
    rendered = len(re.findall(r'<article class="sr-publication', html))
    written = 0
    for name in names:
        text = (BIB_DIR / name).read_bytes().decode("utf-8", errors="replace")
        written += len(count_entries(text))
    named = len(re.findall(r"WARNING: duplicate key", built.warnings))
    ignored = len(re.findall(r"WARNING: duplicate key .*this one is ignored", built.warnings))
    unreadable = len(re.findall(r"WARNING: entry '[^']+' could not be read", built.warnings))
    assert rendered + ignored + unreadable == written
    # 1115 entries written; of the 4 repeated keys in the isle file, 3 repeat the same paper and
    # chan2022speech names two different papers: both are shown.
    assert rendered == 1112
    assert named == 4 and ignored == 3
    assert 'id="pub-chan2022speech-2"' in html and "SpeechSplit2: Disentangling" in html


def test_problems_of_each_file_are_located(all_files) -> None:
    built, _names = all_files
    w = built.warnings
    isle = r"isle_pubs_hasegawa-johnson\.bib"
    for line in (184, 2827, 5428, 5635):
        assert re.search(rf"{isle}:{line}: WARNING: syntax error", w), line
    assert re.search(rf"{isle}:5190: WARNING: duplicate key 'chang2023classification' \(first at \S*{isle}:1401\)", w)
    assert re.search(r"al-folio_chenxiqiu_papers\.bib:438: WARNING: entry 'TMC2018' has a second 'selected1'", w)
    assert re.search(rf"{LATIN1}:2: WARNING: not valid utf-8", w)
    for line in w.splitlines():
        if "WARNING" in line and "researcher." in line:
            assert re.match(r"^\S+:\d+: WARNING: ", line), line


def test_latex_decoded_and_cjk_names_kept(all_files) -> None:
    built, _names = all_files
    soup = built.soup()
    for block in soup.select(".sr-bibtex"):
        block.decompose()
    text = soup.get_text()
    for raw in ('{\\"', "\\textit", "\\'", '\\"', "\\v{", "{\\ae}", "\\emph{"):
        assert raw not in text, raw
    heads = " ".join(p.get_text() for p in soup.select(".sr-pub-title, .sr-pub-authors, .sr-pub-venue"))
    assert "\\" not in heads and "{" not in heads  # (abstracts may hold LaTeX escaped on purpose)
    assert "张昆" in text and "冯立群" in text  # thuthesis CJK authors
    assert "Frédéric Merkt" in text
    assert "Schrödinger" in text and "Über" in text  # al-folio demo: UTF-8 next to {\"U}ber
    # Jr part, brace-protected corporate author
    assert "Peyton Z. Peebles, Jr" in text and "World Health Organization" in text
    # al-folio markers in names: Einstein*†, A. → marks, not part of the name
    einstein = soup.find("article", id="pub-physrev-47-777")
    first = einstein.select(".sr-author")[0]
    assert first.get_text(strip=True) == "A. Einstein*†"
    assert first.select_one(".sr-equal") and first.select_one(".sr-corresponding")
    assert soup.select_one(".sr-pub-legend") is not None
    # The researcher is highlighted in the isle file (BibTeX "Last, First" and initials).
    assert len(soup.select(".sr-me")) > 100


def test_crossref_children_inherit(all_files) -> None:
    built, _names = all_files
    soup = built.soup()
    children = [a for a in soup.select("article.sr-publication")
                if a.get("id", "").startswith("pub-") and "inbook" in a.select_one(".sr-bibtex code").get_text()[:10]]
    assert children, "no @inbook entries found"
    for child in children:
        assert child.select_one(".sr-pub-authors") is not None
        assert child.select_one(".sr-pub-venue time") is not None


def test_latin1_file_with_encoding_config(build) -> None:
    conf = (
        'extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["l.bib"]\n'
        'researcher_bibtex_encoding = "iso-8859-1"\n'
    )
    built = build({"conf.py": conf, "l.bib": (BIB_DIR / LATIN1).read_bytes(),
                   "index.md": "# L\n\n```{publications}\n```\n"})
    assert "Äpplé" in built.soup().get_text()
    assert "not valid" not in built.warnings


def test_fast_paths_agree_with_pybtex_on_every_value() -> None:
    """The parser splits name lists and collapses whitespace without pybtex's helpers when it
    can: on every value of the real files (and on awkward ones) the result is pybtex's."""
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database.input.bibtex import LowLevelParser
    from pybtex.textutils import normalize_whitespace

    from sphinx_researcher.parsing.bibtex import _split_names, lenient_pybtex

    values = ["A and B", "A AND B and  C", "Armand and anderssen", " and B", "A and ", "Strange{ }and Name and P",
              "{A and B} and C", "x\u00a0and\u2003y", "tab\tand\nnew line", "a andand b", "only",
              "M{\\\"u}ller and {\\L}ukasz and {Big and Co}", "{a}} and b", "a} and {b", "{a {b} and c} and d",
              "{{x} and {y}} and z", "{x and y and z}", "{open and close", "x and {y} and {z and w}}"]
    with lenient_pybtex():
        for path in sorted(BIB_DIR.glob("*.bib")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            for command, body in LowLevelParser(text, handle_error=lambda error: None):
                if command.lower() not in ("string", "preamble", "comment"):
                    values += ["".join(parts) for _name, parts in body[1]]
    assert len(values) > 2000
    pieces = ("a", "B", " and ", " AND ", "{", "}", " ", "\\'", "x y")
    rng = random.Random(14)
    values += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for raw in values:
        value = " ".join(raw.split())
        assert value == normalize_whitespace(raw).strip(), raw
        if value:
            assert _split_names(value) == [n.strip() for n in split_name_list(value)], value


def test_lexer_without_line_counting_reports_what_pybtex_reports(monkeypatch) -> None:
    """The parser's lexer counts lines only for an error: on the real files, cut and broken at
    random places, with CRLF and CR line ends, its entries and its located problems are those
    of pybtex's own lexer."""
    from pybtex.database.input.bibtex import LowLevelParser

    from sphinx_researcher.parsing import bibtex

    rng = random.Random(14)
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in sorted(BIB_DIR.glob("*.bib"))]
    variants = list(texts)
    for text in texts:
        variants += [text.replace("\n", "\r\n"), text.replace("\n", "\r")]
        for _ in range(8):
            at = rng.randrange(len(text))
            variants.append(text[:at] + rng.choice(["{", "}", "@", ",", '"', "=", "\r\n"]) + text[at:at + 4000])

    def parsed(text: str) -> tuple[list[object], list[object]]:
        result = bibtex.parse_bib_text(text, "x.bib")
        return ([(e.key, e.line, e.fields, e.persons) for e in result.entries],
                [(i.message, i.line) for i in result.issues])

    ours = [parsed(text) for text in variants]
    monkeypatch.setattr(bibtex, "_Lexer", LowLevelParser)
    assert [parsed(text) for text in variants] == ours
    assert sum(bool(issues) for _entries, issues in ours) > 20  # the broken ones did report problems


def test_family_letters_rule_out_only_names_that_cannot_match() -> None:
    """NameMatcher rules a name out by its letters before decoding it: with researchers taken
    from the real files' own authors (LaTeX, accents, von parts, initials), it answers for
    every author exactly as it does decoding each one."""
    from sphinx_researcher.parsing.bibtex import parse_bib_text
    from sphinx_researcher.parsing.names import NameMatcher

    authors = sorted({name for path in sorted(BIB_DIR.glob("*.bib"))
                      for entry in parse_bib_text(path.read_bytes().decode("utf-8", errors="replace"), "x").entries
                      for name in entry.persons.get("author", [])})
    assert len(authors) > 500
    rng = random.Random(14)
    checked = matched = filtered = 0
    for researcher in rng.sample(authors, 60):
        fast = NameMatcher([researcher])
        filtered += fast._family_letters is not None
        slow = NameMatcher([researcher])
        slow._family_letters = None  # decode every name
        for name in authors:
            answer = slow.closeness(name)
            assert fast.closeness(name) == answer, (researcher, name)
            checked += 1
            matched += answer > 0
    assert checked > 30000 and matched >= 60  # each researcher matches at least their own name
    assert filtered > 40  # most families are ASCII: the letters did the ruling out
