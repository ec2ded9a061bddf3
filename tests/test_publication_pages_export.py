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
