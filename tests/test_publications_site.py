"""Site-wide behaviour: per-paper pages with Scholar meta tags and JSON-LD, one canonical
target per paper, Person JSON-LD on the home page, incremental == clean, -j 2 == -j 1, and
a .bib parsed once per build and not at all on a no-change rebuild."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from bib_fixtures import PAPERS_BIB, project
from conftest import run_build, write_project

from sphinx_researcher.collectors import bibliography

HOME = "# Jane Q. Doe\n\nSelected:\n\n```{publications}\n:filter: selected\n```\n\n```{toctree}\npapers\n```\n"
PAPERS = "# Papers\n\n```{publications}\n:group-by: year\n```\n"


def _jsonld(soup, kind: str) -> list[dict]:
    found = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return [d for d in found if d.get("@type") == kind]


def test_per_paper_pages_carry_scholar_meta_and_jsonld(build) -> None:
    built = build(project({"index.md": HOME, "papers.md": PAPERS}))
    page = built.soup("pub/doe2024sparse")
    meta = {}
    for tag in page.find_all("meta", attrs={"name": re.compile("^citation_")}):
        meta.setdefault(tag["name"], []).append(tag["content"])
    assert meta["citation_title"] == ["SparseX: Sparse Experts for Tiny Vision Models"]
    assert meta["citation_author"] == ["Jane Q. Doe", "Wei Zhang", "Maria Rossi", "John Smith"]
    assert meta["citation_publication_date"] == ["2024/06"]
    assert meta["citation_conference_title"] == ["IEEE/CVF Conference on Computer Vision and Pattern Recognition"]
    assert meta["citation_arxiv_id"] == ["2405.01234"]
    pdf = meta["citation_pdf_url"][0]
    assert pdf == "https://jane.example.org/pub/doe2024sparse.pdf"  # beside the page, as Scholar asks
    article = _jsonld(page, "ScholarlyArticle")
    assert len(article) == 1 and article[0]["name"].startswith("SparseX")
    assert [a["name"] for a in article[0]["author"]] == meta["citation_author"]
    assert article[0]["datePublished"] == "2024-06"
    graphs = built.soup("pub/doe2022graphs")
    assert graphs.find("meta", attrs={"name": "citation_doi"})["content"] == "10.1000/jmlr.2022.1"
    assert graphs.find("meta", attrs={"name": "citation_journal_title"})["content"] == (
        "Journal of Machine Learning Research"
    )
    # The body is the publication's own HTML; relative links work from the sub-folder.
    assert page.select_one("article.sr-publication .sr-pub-authors .sr-me") is not None
    assert page.select_one(".sr-pub-listed a")["href"] == "../index.html#pub-doe2024sparse"
    # One page per paper shown anywhere; the title of every listing links to it.
    pages = sorted(p.stem for p in (built.outdir / "pub").glob("*.html"))
    assert len(pages) == len(re.findall(r'<article[^>]*id="pub-', built.html("papers")))
    assert built.soup("papers").select_one("#pub-doe2024sparse .sr-pub-title a")["href"] == "pub/doe2024sparse.html"


def test_same_paper_on_two_pages_gives_no_warning_but_one_target(build) -> None:
    built = build(project({"index.md": HOME, "papers.md": PAPERS}))
    assert not [w for w in built.warning_lines() if "duplicate label" in w or "duplicate object" in w]
    assert built.soup().select_one("#pub-doe2024sparse") and built.soup("papers").select_one("#pub-doe2024sparse")
    assert (built.outdir / "pub" / "doe2024sparse.html").is_file()


def test_home_page_has_person_jsonld_once(build) -> None:
    conf = project({})["conf.py"] + 'researcher_profile = {"affiliation": "Example University", ' \
        '"links": {"github": "janedoe"}}\n'
    built = build(project({"index.md": HOME, "papers.md": PAPERS}, conf=conf))
    people = _jsonld(built.soup(), "Person")
    assert len(people) == 1 and people[0]["name"] == "Jane Q. Doe"
    assert people[0]["affiliation"]["name"] == "Example University"
    assert people[0]["sameAs"] == ["https://github.com/janedoe"]
    assert _jsonld(built.soup("papers"), "Person") == []
    with_profile = build(project({"index.md": "# Home\n\n```{profile}\n```\n"}, conf=conf))
    assert len(_jsonld(with_profile.soup(), "Person")) == 1


def _html_tree(outdir: Path) -> dict[str, str]:
    result = {}
    for path in sorted(outdir.rglob("*.html")):
        rel = path.relative_to(outdir).as_posix()
        if rel not in ("genindex.html", "search.html"):
            result[rel] = path.read_text(encoding="utf-8")
    return result


def _site(n: int = 7) -> dict[str, str | bytes]:
    pages = {"index.md": HOME + "".join(f"\nSee {{pub}}`doe2022graphs`.\n{i}\n" for i in range(1)),
             "papers.md": PAPERS}
    for i in range(n):
        pages[f"p{i}.md"] = f"# Page {i}\n\n{{pub}}`doe2024sparse` and {{pub}}`other2018`\n"
    return project(pages)


def test_editing_the_bib_then_rebuilding_equals_a_clean_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site())
    first = run_build(src, outdir=tmp_path / "inc")
    assert "doe2021undated" in first.html("papers")
    bib = src / "papers.bib"
    edited = PAPERS_BIB.replace("{SparseX}: Sparse Experts", "{SparseY}: Sparse Experts").replace(
        "@misc{doe2021undated", "@misc{doe2021renamed")
    bib.write_text(edited, encoding="utf-8")
    stamp = os.stat(bib).st_mtime + 5
    os.utime(bib, (stamp, stamp))
    incremental = run_build(src, outdir=tmp_path / "inc")
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    clean = run_build(clean_src, outdir=tmp_path / "clean")
    inc_tree, clean_tree = _html_tree(incremental.outdir), _html_tree(clean.outdir)
    assert inc_tree.keys() == clean_tree.keys()
    for name in inc_tree:
        assert inc_tree[name] == clean_tree[name], name
    assert "SparseY" in inc_tree["p3.html"] and "doe2021renamed" in inc_tree["papers.html"]


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_project(src, _site(8))
    serial = run_build(src, outdir=tmp_path / "j1")
    parallel = run_build(src, outdir=tmp_path / "j2", parallel=2)
    assert _html_tree(serial.outdir) == _html_tree(parallel.outdir)
    assert parallel.warnings.count("duplicate key 'doe2024sparse'") == 1


def test_bib_parsed_once_per_build_and_not_on_a_no_change_rebuild(tmp_path: Path, monkeypatch) -> None:
    calls = []
    original = bibliography.parse_sources
    monkeypatch.setattr(bibliography, "parse_sources", lambda *a: calls.append(1) or original(*a))
    src = tmp_path / "src"
    write_project(src, _site(3))
    first = run_build(src, outdir=tmp_path / "out")
    assert calls == [1]
    again = run_build(src, outdir=tmp_path / "out")
    assert calls == [1]
    # Not parsed again, but its problems are still there: said again, as a clean build says them.
    said = sorted(line for line in first.warning_lines() if "papers.bib" in line)
    assert said and sorted(line for line in again.warning_lines() if "papers.bib" in line) == said


def test_dirhtml_writes_pages_and_singlehtml_epub_do_not(build) -> None:
    files = project({"index.md": HOME, "papers.md": PAPERS})
    dirhtml = build(files, "dirhtml")
    page = (dirhtml.outdir / "pub" / "doe2024sparse" / "index.html").read_text(encoding="utf-8")
    assert 'name="citation_title"' in page and 'href="../../#pub-doe2024sparse"' in page
    assert 'href="../pub/doe2024sparse/"' in (dirhtml.outdir / "papers" / "index.html").read_text(encoding="utf-8")
    for name in ("singlehtml", "epub"):
        built = build(files, name)
        assert not list(built.outdir.rglob("pub/*.*html")), name
        assert "Traceback" not in built.warnings


def test_home_page_is_the_canonical_place_before_pages_named_earlier(build) -> None:
    home = HOME.replace("papers\n```", "papers\nabout\n```")
    built = build(project({"index.md": home, "papers.md": PAPERS, "about.md": PAPERS.replace("# Papers", "# About")}))
    listed = built.soup("pub/doe2024sparse").select_one(".sr-pub-listed a")["href"]
    assert listed == "../index.html#pub-doe2024sparse"


def test_pub_role_in_singlehtml_links_to_an_anchor_of_the_one_page(build) -> None:
    files = project({"index.md": HOME + "\nSee {pub}`doe2022graphs`.\n", "papers.md": PAPERS})
    built = build(files, "singlehtml")
    hrefs = [a["href"] for a in built.soup().select("a") if a.select_one(".sr-pub-ref")]
    assert hrefs == ["#pub-doe2022graphs"], hrefs


def test_singlehtml_has_each_paper_id_once(build) -> None:
    built = build(project({"index.md": HOME, "papers.md": PAPERS}), "singlehtml")
    ids = [a["id"] for a in built.soup().select("article.sr-publication[id]")]
    assert "pub-doe2024sparse" in ids and len(ids) == len(set(ids))
    # The home page's copy (first on the page) keeps the id.
    assert built.soup().select("article.sr-publication")[0].get("id") == "pub-doe2024sparse"


def test_other_builders_never_fail(build) -> None:
    files = project({"index.md": HOME + "\n{pub}`doe2024sparse`\n", "papers.md": PAPERS})
    for name in ("man", "texinfo", "xml", "gettext"):
        built = build(files, name)
        assert "Traceback" not in built.warnings and "Exception" not in built.warnings, name
