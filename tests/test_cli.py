"""The console script: `new` writes a site that builds with -W; every failure is one line and a
non-zero exit, never a traceback; --help for each command, --version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_build

from sphinx_researcher import __version__
from sphinx_researcher.cli import main

STARTER_FILES = {"conf.py", "index.md", "publications.md", "news.md", "cv.md", "papers.bib", ".readthedocs.yaml",
                 "requirements.txt", ".gitignore"}


def test_new_writes_a_site_that_builds_clean(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["new", str(out), "--name", "Zoë O'Neil-Smith"]) == 0
    assert {p.name for p in out.iterdir()} >= STARTER_FILES
    built = run_build(out, "html")
    assert built.warning_lines() == [], built.warnings
    index = built.soup()
    assert index.select_one(".sr-profile") is not None
    assert index.select_one(".sr-recent-news .sr-news-item") is not None
    assert index.select(".sr-publication") and index.select_one(".sr-me").get_text(strip=True) == "Zoë O'Neil-Smith"
    assert len(built.soup("publications").select(".sr-publication")) == 2
    assert [a.get_text(strip=True) for a in index.select("nav a")][-3:] == ["Publications", "News", "CV"]
    for builder in ("latex", "epub"):
        other = run_build(out, builder, outdir=tmp_path / f"_build-{builder}")
        assert other.warning_lines() == [], other.warnings
    assert "fail_on_warning: true" in (out / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "sphinx-researcher" in (out / "requirements.txt").read_text(encoding="utf-8")


def test_new_refuses_a_folder_with_files_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sphinx-researcher: error: ") and "--force" in err
    assert main(["new", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine" and (tmp_path / "conf.py").is_file()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "{tmp}/nowhere", "{tmp}/out"], "is not a folder"),
        (["import", "{tmp}", "{tmp}/out"], "is not a Jekyll site"),
        (["import", "{tmp}/jekyll", "{tmp}/full"], "is not empty"),
        (["import", "{tmp}/jekyll", "{tmp}/jekyll/inside"], "inside"),
        (["import", "{tmp}/jekyll", "{tmp}/out2"], "not an academicpages, AcadHomepage or al-folio site"),
        (["new", "{tmp}/a-file"], "not a folder"),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               args: list[str], words: str) -> None:
    (tmp_path / "jekyll").mkdir()
    (tmp_path / "jekyll" / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("", encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main([a.format(tmp=tmp_path) for a in args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sphinx-researcher: error: ") and words in err, err
    assert "Traceback" not in err


def test_a_broken_source_is_still_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "jekyll"
    (source / "_news").mkdir(parents=True)
    (source / "_config.yml").write_text("first_name: [unclosed\n", encoding="utf-8")
    (source / "_news" / "a.md").write_text("---\ndate: [\n---\nbody\n", encoding="utf-8")
    (source / "_news" / "b.md").write_bytes(b"---\ndate: 2020-13-45\n---\n\xff\xfe bad bytes\n")
    assert main(["import", "-q", str(source), str(tmp_path / "out")]) == 0
    report = (tmp_path / "out" / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    assert "`_config.yml:1`" in report and "`_news/a.md:" in report and "2020-13-45" in report
    assert capsys.readouterr().err == ""
    built = run_build(tmp_path / "out", "html")
    assert built.warning_lines() == [], built.warnings


def test_help_and_version() -> None:
    for command in ([], ["new"], ["import"]):
        result = subprocess.run([sys.executable, "-m", "sphinx_researcher.cli", *command, "--help"],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0 and "usage: sphinx-researcher" in result.stdout
    result = subprocess.run([sys.executable, "-m", "sphinx_researcher.cli", "--version"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and __version__ in result.stdout


def test_progress_lines_on_stderr(tmp_path: Path) -> None:
    from import_fixtures import ALFOLIO, write_site

    source = write_site(tmp_path / "jekyll", ALFOLIO)
    result = subprocess.run([sys.executable, "-m", "sphinx_researcher.cli", "import", str(source),
                             str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("looks like al-folio" in line for line in lines)
    assert any("BibTeX entries" in line for line in lines)
    assert any("IMPORT-REPORT.md" in line for line in lines)


@pytest.mark.parametrize("args", [[], ["bogus"], ["import"], ["new"], ["import", "a", "b", "--template", "jekyll"]])
def test_usage_mistakes_are_one_line(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "sphinx_researcher.cli", *args], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and ": error: " in result.stderr and "--help" in result.stderr
