"""Publications are found by the site search (``html/search_words.py``), and the page a reader
sees is the same with or without their words in the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_build, write_project

from sphinx_researcher.html import search_words

BIB = """\
@article{quokka2021,
  title = {Quokkas Enumerate Hypergraphs},
  author = {Doe, Jane Q. and Zwicky, Fritzine},
  journal = {Journal of Marsupial Combinatorics},
  year = {2021},
  keywords = {wombatology},
}
"""
CONF = 'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\nresearcher_bibtex_files = ["refs.bib"]\n'
FILES = {"conf.py": CONF, "refs.bib": BIB, "index.md": "# Home\n\nWelcome.\n\n```{toctree}\npapers\none\n```\n",
         "papers.md": "# Papers\n\n```{publications}\n```\n", "one.md": "# One\n\n```{publication} quokka2021\n```\n"}


def terms(outdir: Path) -> dict[str, object]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))  # type: ignore[union-attr]
    return index["terms"]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_titles_authors_venues_and_keywords_are_searchable(tmp_path: Path, builder: str) -> None:
    src = tmp_path / "site"
    write_project(src, FILES)
    built = run_build(src, builder)
    assert built.warning_lines() == []
    found = terms(built.outdir)
    for word in ("quokka", "hypergraph", "zwicki", "marsupi", "wombatolog"):  # as the English stemmer keeps them
        assert any(term.startswith(word) for term in found), word
    docnames = json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", (built.outdir / "searchindex.js").read_text(),
                                   re.S).group(1))["docnames"]  # type: ignore[union-attr]
    hits = found[next(term for term in found if term.startswith("quokka"))]
    pages = {docnames[i] for i in (hits if isinstance(hits, list) else [hits])}
    assert pages == {"papers", "one"}  # the pages that show the paper, not the home page


def test_the_page_is_the_same_with_or_without_the_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_words, without = tmp_path / "with", tmp_path / "without"
    write_project(with_words, FILES)
    write_project(without, FILES)
    first = run_build(with_words)
    monkeypatch.setattr(search_words, "add_search_words", lambda app, doctree, docname: None)
    # setup() connected the module's function when the first app was made; a new app picks this up.
    second = run_build(without)
    for page in ("papers.html", "one.html"):
        assert (first.outdir / page).read_bytes() == (second.outdir / page).read_bytes()
    assert not any(term.startswith("quokka") for term in terms(second.outdir))


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "latex", "text", "man", "texinfo", "xml"])
def test_builders_without_a_search_index_get_no_words(tmp_path: Path, builder: str) -> None:
    src = tmp_path / "site"
    write_project(src, FILES)
    built = run_build(src, builder)  # a node without a visitor for the builder would stop it
    assert [w for w in built.warning_lines() if "for EPUB3" not in w] == []  # epub's own metadata warnings aside
    if builder == "text":
        assert (built.outdir / "papers.txt").read_text(encoding="utf-8").count("Quokkas Enumerate Hypergraphs") == 1


def test_each_word_is_given_once_and_the_index_is_the_one_every_word_gives(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from docutils import nodes

    from sphinx_researcher import nodes as sr

    many = "".join(BIB.replace("quokka2021", f"quokka{n}").replace("Hypergraphs", f"Hypergraphs {word}")
                   for n, word in enumerate(["Hypergraphs", "Zwicky's", "quoll-ish", "2021", "Jane"]))
    files = dict(FILES, **{"refs.bib": many, "one.md": "# One\n\n```{publication} quokka3\n```\n"})
    given: list[str] = []
    real = search_words.add_search_words

    def recording(app, doctree, docname):  # type: ignore[no-untyped-def]
        real(app, doctree, docname)
        given.extend(node.astext() for node in doctree.findall(sr.search_words))

    monkeypatch.setattr(search_words, "add_search_words", recording)
    write_project(tmp_path / "once", files)
    once = run_build(tmp_path / "once")
    assert given and all(len(text.split()) == len(set(text.split())) for text in given)
    assert any("quoll-ish" in text and "Zwicky's" in text for text in given)

    def every_word(app, doctree, docname):  # type: ignore[no-untyped-def]
        words = [search_words.publication_words(node["pub"]) for node in doctree.findall(sr.publication)]
        if words and getattr(app.builder, "indexer", None) is not None:
            doctree += sr.search_words("", nodes.Text("\n".join(words)))

    monkeypatch.setattr(search_words, "add_search_words", every_word)
    write_project(tmp_path / "every", files)
    every = run_build(tmp_path / "every")
    assert terms(once.outdir) == terms(every.outdir)
    assert any(term.startswith("quoll") for term in terms(once.outdir))
