"""`sphinx-researcher import` reads only inside SOURCE and writes only inside DIR: a ``../`` path
or a symlink that leads out of either is refused and reported at its file:line."""

from __future__ import annotations

from pathlib import Path

from import_fixtures import PDF, write_site

from sphinx_researcher.cli import main

CONFIG = "first_name: Jane\nlast_name: Doe\nscholar:\n  last_name: [Doe]\n  first_name: [Jane]\n"
ABOUT = "---\nlayout: about\n---\nHi\n"


def alfolio(root: Path, bib: str, **more: str | bytes) -> Path:
    return write_site(root, {"_config.yml": CONFIG, "_pages/about.md": ABOUT, "_bibliography/papers.bib": bib,
                             **more})


def run(source: Path, out: Path, *extra: str) -> str:
    assert main(["import", "--quiet", *extra, str(source), str(out)]) == 0
    return (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_pdf_with_dot_dot_is_not_copied_out_of_the_folders(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    source = alfolio(tmp_path / "a" / "b" / "src", """\
        @article{a, title={T}, author={Doe, Jane}, journal={J}, year={2022},
                 pdf={../../../../../secret.txt}}
        @article{b, title={U}, author={Doe, Jane}, journal={J}, year={2023}, pdf={b.pdf}}
        """, **{"assets/pdf/b.pdf": PDF})
    out = tmp_path / "a" / "out" / "site"
    before = tree(tmp_path)
    report = run(source, out)
    assert {p for p in tree(tmp_path) - before if not p.startswith("a/out/site")} == {"a/out"}
    assert "SECRET" not in "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())
    assert "`_bibliography/papers.bib:1`: BibTeX entry 'a': pdf file '../../../../../secret.txt' is outside the " \
           "source folder" in report
    assert (out / "assets/pdf/b.pdf").read_bytes() == PDF  # a file inside is copied as before
    bib = (out / "papers.bib").read_text(encoding="utf-8")
    assert "secret" not in bib and "b.pdf" in bib


def test_symlinks_to_outside_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    source = alfolio(tmp_path / "src", """\
        @article{a, title={T}, author={Doe, Jane}, journal={J}, year={2022}, pdf={paper.pdf}}
        """, **{"assets/pdf/inside.pdf": PDF})
    (source / "assets/pdf/paper.pdf").symlink_to(tmp_path / "secret.txt")
    (source / "_data").mkdir()
    (source / "_data/coauthors.yml").symlink_to(tmp_path / "secret.txt")
    (source / "_pages/teaching.md").symlink_to(tmp_path / "secret.txt")
    (source / "assets/pdf/alias.pdf").symlink_to(source / "assets/pdf/inside.pdf")  # inside: fine
    out = tmp_path / "out"
    report = run(source, out)
    for path in out.rglob("*"):
        assert not path.is_file() or b"SECRET" not in path.read_bytes(), path
    assert "`_bibliography/papers.bib:1`: BibTeX entry 'a': pdf file 'paper.pdf' is outside" in report
    assert "`_data/coauthors.yml`: a symlink to a file outside the source folder" in report
    assert "`_pages/teaching.md`: a symlink to a file outside the source folder" in report
    assert "researcher_people" not in (out / "conf.py").read_text(encoding="utf-8")


def test_bibliography_folder_outside_the_source_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other/secret.bib").write_text("@article{p, title={Private draft}, author={Doe, Jane}, "
                                              "journal={J}, year={2024}}\n", encoding="utf-8")
    source = write_site(tmp_path / "src", {"_config.yml": CONFIG + "  source: /../other/\n"
                                                                          "  bibliography: secret.bib\n",
                                           "_pages/about.md": ABOUT})
    out = tmp_path / "out"
    report = run(source, out)
    assert not (out / "papers.bib").exists()
    assert "Private" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))
    assert "`_config.yml:6`: the bibliography `../other` is outside the source folder" in report


def test_force_does_not_write_through_symlinks_in_dir(tmp_path: Path) -> None:
    source = alfolio(tmp_path / "src", "@article{a, title={T}, author={Doe, Jane}, journal={J}, year={2022}, "
                                       "pdf={a.pdf}}\n", **{"assets/pdf/a.pdf": PDF})
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "victim.txt").write_text("victim\n", encoding="utf-8")
    (tmp_path / "victimdir").mkdir()
    (out / "conf.py").symlink_to(tmp_path / "victim.txt")
    (out / "assets").symlink_to(tmp_path / "victimdir")
    report = run(source, out, "--force")
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "victim\n"
    assert list((tmp_path / "victimdir").iterdir()) == []
    assert not (out / "conf.py").is_symlink() and "sphinx_researcher" in (out / "conf.py").read_text()
    assert (out / "assets/pdf/a.pdf").read_bytes() == PDF and not (out / "assets").is_symlink()
    assert "out/conf.py`: was a symlink" in report and "out/assets`: was a symlink" in report


def test_data_files_symlinked_out_are_not_read(tmp_path: Path) -> None:
    from import_fixtures import ACADEMICPAGES

    (tmp_path / "secret.tsv").write_text("pub_date\ttitle\tvenue\n2020-01-01\tSECRET PAPER\tJ\n", encoding="utf-8")
    (tmp_path / "secret.json").write_text('{"basics": {"summary": "SECRET SUMMARY"}}', encoding="utf-8")
    files = {k: v for k, v in ACADEMICPAGES.items() if k != "markdown_generator/publications.tsv"}
    source = write_site(tmp_path / "ap", files)
    (source / "markdown_generator").mkdir(exist_ok=True)
    (source / "markdown_generator/publications.tsv").symlink_to(tmp_path / "secret.tsv")
    report = run(source, tmp_path / "ap-out")
    assert "`markdown_generator/publications.tsv`: a symlink to a file outside the source folder" in report
    assert "SECRET" not in (tmp_path / "ap-out/papers.bib").read_text(encoding="utf-8")
    source = alfolio(tmp_path / "af", "@article{a, title={T}, author={Doe, Jane}, journal={J}, year={2022}}\n",
                     **{"_pages/cv.md": "---\nlayout: cv\ntitle: cv\n---\nMy CV.\n"})
    (source / "assets/json").mkdir(parents=True)
    (source / "assets/json/resume.json").symlink_to(tmp_path / "secret.json")
    report = run(source, tmp_path / "af-out")
    assert "`assets/json/resume.json`: a symlink to a file outside the source folder" in report
    assert "SECRET" not in (tmp_path / "af-out/cv.md").read_text(encoding="utf-8")


def test_images_and_links_symlinked_out_are_reported_as_outside(tmp_path: Path) -> None:
    from conftest import PNG

    (tmp_path / "secret.png").write_bytes(PNG)
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    source = alfolio(tmp_path / "src", "", **{"_pages/about.md": "---\nlayout: about\n---\n\n"
                                              "![me](/assets/img/me.png) and [notes](/assets/notes.txt).\n"})
    (source / "assets/img").mkdir(parents=True)
    (source / "assets/img/me.png").symlink_to(tmp_path / "secret.png")
    (source / "assets/notes.txt").symlink_to(tmp_path / "secret.txt")
    out = tmp_path / "out"
    report = run(source, out)
    assert "`_pages/about.md:5`: image '/assets/img/me.png' is outside the source folder" in report
    assert "`_pages/about.md:5`: link '/assets/notes.txt': the file is outside the source folder" in report
    assert not (out / "assets").exists()
