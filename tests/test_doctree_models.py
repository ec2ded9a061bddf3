"""Doctrees name their publications and the models live once, in the environment
(collectors.doctree_models): the pickles hold no model, and every way a doctree comes back
(from memory after reading, from disk on a rebuild, assembled from several pages by
singlehtml, LaTeX and text, read by two processes) shows each page's own model."""

from __future__ import annotations

import os
import pickle
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from bib_fixtures import PAPERS_BIB, project
from bs4 import BeautifulSoup
from conftest import run_build, write_project
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_researcher import nodes as sr
from sphinx_researcher.collectors.domain import shown_in
from sphinx_researcher.model.publication import Publication

HOME = (
    "# Home\n\n```{toctree}\npapers\nnotes\n```\n\n"
    "```{publication} doe2024sparse\n:award: Home award\n```\n\n"
    "```{publications}\n:filter: key=doe2022graphs\n```\n"
)
PAPERS = "# Papers\n\n```{publications}\n:group-by: year\n```\n"
NOTES = (
    "# Notes\n\n```{publication} doe2024sparse\n:award: Notes award\n```\n\n"
    "```{publication}\n:title: Own paper\n:year: 2020\n```\n"
)


def _site() -> dict[str, str | bytes]:
    return project({"index.md": HOME, "papers.md": PAPERS, "notes.md": NOTES})


def _html_tree(outdir: Path) -> dict[str, str]:
    return {
        p.relative_to(outdir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
        if p.name not in ("genindex.html", "search.html")
    }


def _edit(path: Path, text: str) -> None:
    """Write ``text`` with a newer modification time, so the next build sees the change."""
    path.write_text(text, encoding="utf-8")
    stamp = os.stat(path).st_mtime + 5
    os.utime(path, (stamp, stamp))


def _clean_build_tree(src: Path, tmp_path: Path, **kwargs: Any) -> dict[str, str]:
    """The pages of a clean build of a copy of ``src``."""
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    return _html_tree(run_build(clean_src, outdir=tmp_path / "clean", **kwargs).outdir)


def _award(html: str, anchor: str = "pub-doe2024sparse") -> str:
    node = BeautifulSoup(html, "html.parser").select_one(f"#{anchor}")
    assert node is not None, anchor
    found = node.select_one(".sr-pub-award")
    return found.get_text(" ", strip=True) if found else ""


def _models_in(value: object, seen: set[int] | None = None) -> int:
    """How many Publication objects a doctree holds, anywhere in any node's attributes."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, Publication):
        return 1
    if isinstance(value, nodes.Node):
        count = sum(_models_in(child, seen) for child in getattr(value, "children", ()))
        return count + (_models_in(value.attributes, seen) if isinstance(value, nodes.Element) else 0)
    if isinstance(value, dict):
        return sum(_models_in(v, seen) for v in value.values())
    if isinstance(value, list | tuple | set | frozenset):
        return sum(_models_in(v, seen) for v in value)
    return 0


def test_doctree_pickles_hold_no_model_but_pages_show_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    built = run_build(src, outdir=tmp_path / "out")
    assert "Traceback" not in built.warnings
    doctrees = Path(built.app.doctreedir)
    for name in ("index", "papers", "notes"):
        with (doctrees / f"{name}.doctree").open("rb") as handle:
            doctree = pickle.load(handle)
        places = list(doctree.findall(sr.publication))
        assert places, name
        assert _models_in(doctree) == 0, name
        assert all(p["sr_doc"] == name and p["anchor"] in p["ids"] and p["key"] for p in places)
    # ... and the pages show every model, each page its own options.
    assert _award(built.html("index")) == "Home award"
    assert _award(built.html("notes")) == "Notes award"
    assert "Own paper" in built.html("notes")
    papers = built.soup("papers")
    assert len(papers.select("article.sr-publication")) >= 8
    assert "Sparse Experts for Tiny Vision Models" in papers.select_one("#pub-doe2024sparse").get_text()


def _write_all_again(src: Path, outdir: Path) -> None:
    """Read nothing, write every page: each doctree and the environment come from disk."""
    app = SphinxTestApp("html", srcdir=src, builddir=outdir, status=StringIO(), warning=StringIO())
    try:
        app.build(force_all=True)
    finally:
        app.cleanup()


def test_pages_written_from_pickled_doctrees_equal_the_clean_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    clean = _html_tree(run_build(src, outdir=tmp_path / "out").outdir)
    _write_all_again(src, tmp_path / "out")
    again = _html_tree(tmp_path / "out" / "html")
    assert again.keys() == clean.keys()
    for name in clean:
        assert again[name] == clean[name], name


def test_no_change_rebuild_leaves_the_models_pickled_and_an_edit_after_it_still_shows(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    lists_only = {"researcher_publication_pages": False}  # the pages compare every model they show
    first = run_build(src, outdir=tmp_path / "inc", confoverrides=lists_only)
    index = first.app.env.domaindata["researcher"]["index"]
    again = run_build(src, outdir=tmp_path / "inc", confoverrides=lists_only)
    data = again.app.env.domaindata["researcher"]
    assert data["bib"]._blob is not None  # nothing was read or written: no model was built
    assert data["index"] == index and data["changed"] == set()
    _edit(src / "notes.md", NOTES.replace("Notes award", "Edited award"))
    edited = run_build(src, outdir=tmp_path / "inc", confoverrides=lists_only)
    assert "Edited award" in edited.soup("notes").get_text()
    assert edited.app.env.domaindata["researcher"]["index"] == index
    assert _html_tree(edited.outdir) == _clean_build_tree(src, tmp_path, confoverrides=lists_only)


def test_editing_one_entry_shows_the_new_value_on_every_page_listing_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    first = run_build(src, outdir=tmp_path / "inc")
    assert "Bayesian" in first.soup("index").select_one("#pub-doe2022graphs").get_text()
    _edit(src / "papers.bib", PAPERS_BIB.replace(r"a {B}ayesian \textit{view}", r"a {F}requentist \textit{view}"))
    incremental = run_build(src, outdir=tmp_path / "inc")
    for page in ("index", "papers"):
        text = incremental.soup(page).select_one("#pub-doe2022graphs").get_text()
        assert "Frequentist" in text and "Bayesian" not in text, page
    assert _html_tree(incremental.outdir) == _clean_build_tree(src, tmp_path)


def test_editing_one_page_changes_only_that_pages_model(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    run_build(src, outdir=tmp_path / "inc")
    _edit(src / "notes.md", NOTES.replace("Notes award", "Edited award"))
    incremental = run_build(src, outdir=tmp_path / "inc")
    _write_all_again(src, tmp_path / "inc")  # the other pages from their pickles, too
    assert _award(incremental.html("notes")) == "Edited award"
    assert _award(incremental.html("index")) == "Home award"
    assert _html_tree(incremental.outdir) == _clean_build_tree(src, tmp_path)


def test_another_builder_on_the_same_doctrees_finds_the_models(tmp_path: Path) -> None:
    """text after html in one build folder reads nothing: every doctree and model from disk."""
    src = tmp_path / "src"
    write_project(src, _site())
    run_build(src, outdir=tmp_path / "out")
    text = run_build(src, "text", outdir=tmp_path / "out")
    assert "0 added, 0 changed, 0 removed" in text.app._status.getvalue()  # nothing read again
    assert "Home award" in text.text("index.txt") and "Notes award" in text.text("notes.txt")
    assert "Graphs of Müller and Čech" in text.text("papers.txt")


def test_parallel_read_equals_serial(tmp_path: Path) -> None:
    src = tmp_path / "src"
    files = _site()
    for i in range(6):  # enough documents for Sphinx to read in two processes
        files[f"extra{i}.md"] = f"# Extra {i}\n\n```{{publication}} doe2024sparse\n:award: Extra {i}\n```\n"
    files["index.md"] = HOME.replace("notes\n```", "notes\n" + "\n".join(f"extra{i}" for i in range(6)) + "\n```")
    write_project(src, files)
    serial = run_build(src, outdir=tmp_path / "j1")
    parallel = run_build(src, outdir=tmp_path / "j2", parallel=2)
    assert _html_tree(serial.outdir) == _html_tree(parallel.outdir)
    assert _award(parallel.html("extra4")) == "Extra 4"
    # One copy of each model in the environment: a reader process's copies of the models
    # it was given from the .bib are replaced by the ones the main process holds.
    env = parallel.app.env
    data = env.domaindata["researcher"]
    recorded = data["shown"]["papers"]
    assert len(recorded) >= 8
    # Reader processes record the bibliography's own models as None: not one copy comes back.
    assert sum(pub is None for _key, _anchor, pub in recorded) >= len(recorded) - 1  # one local PDF
    listed = [pub for _key, _anchor, pub in shown_in(env, "papers")]
    same = [pub for pub in listed if pub == data["bib"].pubs[pub.key.lower()]]
    assert len(same) >= len(listed) - 1  # doe2024sparse's local PDF is this page's download
    assert all(pub is data["bib"].pubs[pub.key.lower()] for pub in same)


def test_assembled_builders_show_each_pages_own_model(build) -> None:
    """singlehtml, text and LaTeX put several doctrees together: each node finds the model
    of the page it was read for, not of the page being written."""
    single = build(_site(), "singlehtml")
    soup = single.soup()
    notes = [n.get_text(" ", strip=True) for n in soup.select("article.sr-publication .sr-pub-award")]
    assert "Home award" in notes and "Notes award" in notes
    text = build(_site(), "text")
    assert "Home award" in text.text("index.txt") and "Notes award" in text.text("notes.txt")
    assert "Own paper" in text.text("notes.txt")
    latex = build(_site(), "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Home award" in tex and "Notes award" in tex and "Own paper" in tex
    for builder in ("man", "texinfo", "xml", "gettext", "epub", "dirhtml"):
        other = build(_site(), builder)
        assert not [w for w in other.warning_lines() if "Traceback" in w or "Exception" in w], builder


def test_models_pickle_round_trip() -> None:
    from sphinx_researcher.model.person import Author
    from sphinx_researcher.model.publication import Link

    pub = Publication(key="k", title="T", authors=(Author("A", equal=True, marks=("*",)), Author("B")), year=2024,
                      extra_links=(Link("Slides", "https://example.org/s", "slides"),), extra=(("x", "y"),))
    again = pickle.loads(pickle.dumps(pub, pickle.HIGHEST_PROTOCOL))
    assert again == pub and again.authors[0].marks == ("*",) and again.extra_links[0].kind == "slides"
    # The state dataclasses' own pair writes (a list of the values) reads back as well.
    old = object.__new__(Author)
    old.__setstate__(["C", False, True, False, (), ""])
    assert old == Author("C", corresponding=True)
    from sphinx_researcher.collectors.domain import Target

    target = Target("k", "index", "pub-k", "pub/k", "T")
    assert pickle.loads(pickle.dumps(target, pickle.HIGHEST_PROTOCOL)) == target
