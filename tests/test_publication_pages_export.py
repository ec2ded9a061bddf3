"""Per-paper pages: "Listed on" every page showing the paper, the preview image, a local PDF
copied beside the page (citation_pdf_url there), and BibTeX / RIS / CSL-JSON downloads."""

from __future__ import annotations

import json
from pathlib import Path

import rispy
from bib_fixtures import PAPERS_BIB, project
from conftest import PNG
from pybtex.database import parse_string

HOME = "# Jane Q. Doe\n\n```{publications}\n:filter: selected\n```\n\n```{toctree}\npapers\ncv\n```\n"
PAPERS = "# Papers\n\n```{publications}\n:group-by: year\n```\n"
CV = "# CV\n\n```{publication} doe2024sparse\n```\n"


def _files() -> dict[str, str | bytes]:
    files = project({"index.md": HOME, "papers.md": PAPERS, "cv.md": CV})
    files["papers.bib"] = PAPERS_BIB.replace("pdf = {sparse.pdf},", "pdf = {sparse.pdf},\n  preview = {teaser.png},")
    files["teaser.png"] = PNG
    return files


def test_listed_on_every_page_and_preview_image(build) -> None:
    built = build(_files())
    page = built.soup("pub/doe2024sparse")
    listed = page.select(".sr-pub-listed a")
    assert [a.get_text() for a in listed] == ["Jane Q. Doe", "CV", "Papers"]
    assert [a["href"] for a in listed] == ["../index.html#pub-doe2024sparse", "../cv.html#pub-doe2024sparse",
                                           "../papers.html#pub-doe2024sparse"]
    image = page.select_one(".sr-pub-page figure img")
    assert image["alt"] and (built.outdir / "pub" / image["src"]).resolve().is_file()


def test_local_pdf_beside_the_page_and_citation_pdf_url(build) -> None:
    built = build(_files())
    page = built.soup("pub/doe2024sparse")
    assert (built.outdir / "pub" / "doe2024sparse.pdf").read_bytes().startswith(b"%PDF")
    meta = page.find("meta", attrs={"name": "citation_pdf_url"})["content"]
    assert meta == "https://jane.example.org/pub/doe2024sparse.pdf"
    pdf_link = page.select_one(".sr-pub-links a.sr-link-pdf")["href"]
    assert (built.outdir / "pub" / pdf_link).resolve() == (built.outdir / "pub" / "doe2024sparse.pdf").resolve()


def test_dirhtml_pdf_and_downloads_in_the_page_folder(build) -> None:
    built = build(_files(), "dirhtml")
    folder = built.outdir / "pub" / "doe2024sparse"
    assert (folder / "index.html").is_file() and (folder / "doe2024sparse.pdf").is_file()
    for suffix in ("bib", "ris", "json"):
        assert (folder / f"doe2024sparse.{suffix}").is_file()


def test_citation_downloads_parse_back(build) -> None:
    built = build(_files())
    links = {a.get_text(): a["href"] for a in built.soup("pub/doe2024sparse").select(".sr-pub-cite a[download]")}
    assert list(links) == ["BibTeX", "RIS", "CSL-JSON"]
    folder = built.outdir / "pub"
    bib = parse_string((folder / links["BibTeX"]).read_text(encoding="utf-8"), "bibtex")
    entry = bib.entries["doe2024sparse"]
    assert entry.type == "inproceedings" and entry.fields["year"] == "2024"
    assert [str(p) for p in entry.persons["author"]][:2] == ["Doe, Jane Q.", "Zhang, Wei"]  # marks left out
    ris = rispy.loads((folder / links["RIS"]).read_text(encoding="utf-8"))
    assert len(ris) == 1 and ris[0]["type_of_reference"] == "CPAPER"
    assert ris[0]["title"] == "SparseX: Sparse Experts for Tiny Vision Models" and ris[0]["year"] == "2024"
    assert ris[0]["authors"][0] == "Jane Q. Doe"
    csl = json.loads((folder / links["CSL-JSON"]).read_text(encoding="utf-8"))
    assert csl[0]["type"] == "paper-conference" and csl[0]["issued"] == {"date-parts": [[2024, 6]]}
    assert csl[0]["author"][0] == {"family": "Doe", "given": "Jane Q."}
    assert csl[0]["container-title"].startswith("IEEE/CVF")


def test_incremental_rebuild_keeps_downloads_and_removes_stale_ones(tmp_path: Path) -> None:
    from conftest import run_build, write_project

    src = tmp_path / "src"
    write_project(src, _files())
    out = tmp_path / "out"
    run_build(src, outdir=out)
    pub = out / "html" / "pub"
    assert (pub / "doe2023workshop.ris").is_file()
    (src / "papers.md").write_text("# Papers\n\nNone here.\n", encoding="utf-8")
    run_build(src, outdir=out)
    assert not (pub / "doe2023workshop.ris").exists() and not (pub / "doe2023workshop.html").exists()
    assert (pub / "doe2024sparse.ris").is_file() and (pub / "doe2024sparse.pdf").is_file()


def test_downloads_can_be_turned_off(build) -> None:
    files = _files()
    files["conf.py"] = str(files["conf.py"]) + "researcher_citation_downloads = False\n"
    built = build(files)
    assert built.soup("pub/doe2024sparse").select(".sr-pub-cite") == []
    assert not (built.outdir / "pub" / "doe2024sparse.ris").exists()


def test_turning_downloads_off_removes_them_and_a_changed_pdf_is_copied_again(tmp_path: Path) -> None:
    import os

    from conftest import run_build, write_project

    src = tmp_path / "src"
    write_project(src, _files())
    out = tmp_path / "out"
    run_build(src, outdir=out)
    pub = out / "html" / "pub"
    assert (pub / "doe2024sparse.ris").is_file()
    pdf = src / "assets" / "pdf" / "sparse.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% a newer version\n%%EOF\n")
    stamp = os.stat(pdf).st_mtime + 5
    os.utime(pdf, (stamp, stamp))
    run_build(src, outdir=out)
    assert b"a newer version" in (pub / "doe2024sparse.pdf").read_bytes()
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "researcher_citation_downloads = False\n", encoding="utf-8")
    run_build(src, outdir=out)
    assert not (pub / "doe2024sparse.ris").exists() and not (pub / "doe2024sparse.bib").exists()
    assert (pub / "doe2024sparse.html").is_file()


def test_bibtex_download_is_the_entry_pybtex_reads_back(build) -> None:
    """The download is the copyable entry: read back, the same type, fields and persons as
    pybtex's reading of the source entry's standard fields (LaTeX, "others", von/Jr parts kept)."""
    built = build(_files())
    text = (built.outdir / "pub" / "doe2022graphs.bib").read_text(encoding="utf-8")
    entry = parse_string(text, "bibtex").entries["doe2022graphs"]
    start = PAPERS_BIB.index("@article{doe2022graphs")
    source = parse_string(PAPERS_BIB[start:PAPERS_BIB.index("\n}\n", start) + 3], "bibtex").entries["doe2022graphs"]
    assert entry.type == source.type
    assert [str(p) for p in entry.persons["author"]] == [str(p) for p in source.persons["author"]]
    for name in ("title", "journal", "year", "month", "doi"):
        assert entry.fields[name] == source.fields[name], name
    assert "abstract" not in entry.fields and "keywords" not in entry.fields  # standard fields only


def test_asset_tags_of_per_paper_pages_point_at_the_files_with_their_checksums(build) -> None:
    import zlib

    for builder, prefix in (("html", "../"), ("dirhtml", "../../")):
        built = build(_files(), builder)
        for name in ("doe2024sparse", "doe2022graphs"):
            page = built.soup(f"pub/{name}" if builder == "html" else f"pub/{name}/index")
            local = [tag.get("href") or tag.get("src") for tag in page.select("link[rel=stylesheet], script[src]")]
            local = [uri for uri in local if "://" not in uri]
            assert any("sphinx-researcher.css" in uri for uri in local)
            for uri in local:
                path, _q, version = uri.partition("?v=")
                assert path.startswith(prefix + "_static/"), uri
                content = (built.outdir / path[len(prefix):]).read_bytes().translate(None, b"\r")
                assert version == f"{zlib.crc32(content):08x}", uri


def test_a_site_change_rewrites_the_pages_but_not_unchanged_downloads(tmp_path: Path) -> None:
    from conftest import run_build, write_project

    src = tmp_path / "src"
    write_project(src, _files())
    out = tmp_path / "out"
    run_build(src, outdir=out)
    pub = out / "html" / "pub"
    stamps = {path.name: path.stat().st_mtime_ns for path in pub.glob("doe20*.*")}
    (pub / "doe2023workshop.json").unlink()  # a download gone from the output is written again
    (src / "cv.md").write_text("# Curriculum\n\n```{publication} doe2024sparse\n```\n", encoding="utf-8")
    papers = src / "papers.bib"
    papers.write_text(papers.read_text(encoding="utf-8").replace("A Note Without a Year", "A Note, Retitled"),
                      encoding="utf-8")
    run_build(src, outdir=out)
    assert "Curriculum" in (pub / "doe2024sparse.html").read_text(encoding="utf-8")  # the page, rewritten
    assert (pub / "doe2024sparse.ris").stat().st_mtime_ns == stamps["doe2024sparse.ris"]  # its downloads: not
    assert (pub / "doe2024sparse.bib").stat().st_mtime_ns == stamps["doe2024sparse.bib"]
    assert (pub / "doe2023workshop.json").is_file()
    assert "A Note, Retitled" in (pub / "doe2021undated.ris").read_text(encoding="utf-8")  # a changed paper's: yes
    assert "A Note, Retitled" in (pub / "doe2021undated.bib").read_text(encoding="utf-8")


def test_listed_on_links_are_the_escaping_helpers() -> None:
    """The "Listed on" link of a per-paper page, made once per listing page and completed with
    each anchor, is what ``tag`` writes for it, and an unsafe page address never gets through."""
    from types import SimpleNamespace

    from sphinx_researcher.html.publication_pages import PageKit
    from sphinx_researcher.render.escape import esc, tag

    uris = {"papers": "../papers.html", "q&a": "../q&amp;a.html", "bad": "javascript:alert(1)"}
    app = SimpleNamespace(
        config=SimpleNamespace(researcher_author_marks=None, language=None),
        env=SimpleNamespace(domaindata={}, titles={}),
        builder=SimpleNamespace(get_relative_uri=lambda page, docname: uris[docname]),
    )
    kit = PageKit(app)  # type: ignore[arg-type]
    for docname in uris:
        for anchor in ("pub-doe2024", "x_1", "odd anchor", 'a"b'):
            assert kit.place_link("pub/doe2024", "pub", docname, anchor) == tag(
                "a", esc(docname), href=f"{uris[docname]}#{anchor}")
    assert 'href="#"' in kit.place_link("pub/doe2024", "pub", "bad", "pub-x")
