"""The CV compiled for real: the example site's LaTeX through latexmk to a PDF whose text
(pdftotext) holds the name, the contacts, every section and every publication on at most
three pages; and a CV with a Chinese co-author through xelatex + xeCJK.

Needs TeX Live and poppler-utils (``.ci/install_tex.sh``); skipped when they are absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, run_build, write_project
from web_tools import require

EXAMPLE = ROOT / "example_site"
SECTIONS = ["Education", "Positions", "Awards", "Service", "Talks", "Publications"]


def _need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    require(not missing, f"{', '.join(missing)} (TeX Live: bash .ci/install_tex.sh)")  # CI fails, others skip


def compile_pdf(outdir: Path, engine: str = "pdflatex") -> Path:
    """latexmk in the LaTeX output folder, as its Makefile runs it; the PDF of the one .tex."""
    (tex_file,) = outdir.glob("*.tex")
    mode = "-pdfxe" if engine == "xelatex" else "-pdf"
    result = subprocess.run(
        ["latexmk", mode, "-interaction=nonstopmode", "-halt-on-error", tex_file.name],
        cwd=outdir, capture_output=True, text=True, timeout=300, check=False,
    )
    pdf = tex_file.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.is_file(), result.stdout[-3000:]
    return pdf


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def squeeze(text: str) -> str:
    """Without white space and hyphens: TeX breaks and hyphenates lines where it likes."""
    return re.sub(r"[\s\-‐­]+", "", text)


def bib_titles(path: Path) -> list[str]:
    titles = re.findall(r"^\s*title\s*=\s*\{(.*)\},?\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return [re.sub(r"\$(.*?)\$", r"\1", title.replace("{", "").replace("}", "")) for title in titles]


def test_example_site_cv_compiles_to_a_short_pdf(tmp_path: Path) -> None:
    _need("latexmk", "pdflatex", "pdftotext", "pdfinfo")
    srcdir = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build", "locales"))
    built = run_build(srcdir, "latex")
    assert built.warning_lines() == [], built.warnings
    pdf = compile_pdf(built.outdir)
    assert pdf.name == "janeqdoe-cv.pdf"
    assert 1 <= pdf_pages(pdf) <= 3

    text = pdf_text(pdf)
    first_page = text.split("\f")[0]
    lines = [line.strip() for line in first_page.splitlines() if line.strip()]
    # The first page starts with the name and the contacts; no title page, contents or release.
    assert lines[0] == "Jane Q. Doe"
    assert "PhD candidate in computer vision, Department of Automation, Example University" in lines[1]
    head = "\n".join(lines[:5])
    for contact in ("jane@example.org", "Example City", "jane-doe.example.org", "github.com/janedoe",
                    "orcid.org/0000-0002-1825-0097", "scholar.google.com/citations?user=XXXXXXX"):
        assert contact in head, contact
    for absent in ("Release", "Contents", "CHAPTER", "Index", "This page is also a PDF"):
        assert absent not in text, absent
    # Every section, in the page's order, unnumbered.
    positions = [text.index(f"\n{section}\n") for section in SECTIONS]
    assert positions == sorted(positions)
    assert not re.search(r"^\d+(\.\d+)*\s+(Education|Publications)$", text, re.MULTILINE)
    # A date column: each date on the line of its entry.
    layout = pdf_text(pdf, "-layout")
    assert re.search(r"^Sep 2021 – present {2,}Ph\.D\. in Control Science", layout, re.MULTILINE)
    assert re.search(r"^Nov 9, 2023 {2,}Efficient Vision Transformers, invited talk", layout, re.MULTILINE)
    # Every publication of papers.bib, numbered, with its short links; {pub} gives the number.
    flat = squeeze(text)
    titles = bib_titles(EXAMPLE / "papers.bib")
    assert len(titles) == 8
    for title in titles:
        assert squeeze(title) in flat, title
    assert re.search(r"^8\.\s", text[text.index("\nPublications\n"):], re.MULTILINE)
    assert "arXiv: 2405.01234" in text and "DOI: 10.1000/example.2024.007" in text
    assert squeeze("Code: github.com/janedoe/sparse-experts") in flat
    assert "Sparse Experts for Tiny Vision Models [1]" in " ".join(text.split())
    assert "* equal contribution" in text and "† corresponding author" in text


CJK_BIB = """\
@inproceedings{ge2024cjk,
  author    = {Ge, Chunjiang and Doe, Jane Q.},
  title     = {Sparse Routing — with Dashes – and Dots · in English},
  booktitle = {Example Conference},
  year      = {2024},
}
@article{ge2023zh,
  author    = {葛春江 and Doe, Jane Q.},
  title     = {稀疏专家模型},
  journal   = {Example Journal},
  year      = {2023},
}
"""

CJK_CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
author = "Jane Q. Doe"
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
researcher_profile = {"role": "PhD candidate", "affiliation": "Example University", "email": "jane@example.org"}
researcher_cv = "cv"
latex_engine = "xelatex"
"""

CJK_CV = """\
# CV

## Education

```{timeline}
- 2019-09 – present: Ph.D., Example University — with Prof. 葛春江 · vision.
```

## Publications

```{publications}
```
"""


def test_cjk_cv_compiles_with_xelatex(tmp_path: Path) -> None:
    _need("latexmk", "xelatex", "pdftotext", "pdffonts", "kpsewhich")
    if not subprocess.run(["kpsewhich", "xeCJK.sty"], capture_output=True, text=True, check=False).stdout.strip():
        require(False, "xeCJK (texlive-lang-cjk: bash .ci/install_tex.sh)")
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CJK_CONF, "index.md": "# Home\n\n```{toctree}\n:hidden:\n\ncv\n```\n",
                           "cv.md": CJK_CV, "papers.bib": CJK_BIB})
    built = run_build(srcdir, "latex")
    assert built.warning_lines() == [], built.warnings
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\usepackage{xeCJK}" in tex and r"\xeCJKDeclareCharClass{Default}" in tex
    pdf = compile_pdf(built.outdir, "xelatex")
    text = pdf_text(pdf)
    assert "葛春江" in text and "稀疏专家模型" in text
    # The dashes and the middle dot stay in the Latin font, with Latin spacing.
    flat = " ".join(text.split())
    assert "Sparse Routing — with Dashes – and Dots · in English" in flat
    assert "Sep 2019 – present" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "FandolSong" in fonts and "FreeSerif" in fonts


def test_cjk_cv_with_pdflatex_is_a_warning(build) -> None:
    files = {"conf.py": CJK_CONF.replace('latex_engine = "xelatex"', 'latex_engine = "pdflatex"'),
             "index.md": "# Home\n\n```{toctree}\n:hidden:\n\ncv\n```\n", "cv.md": CJK_CV, "papers.bib": CJK_BIB}
    built = build(files, "latex")
    assert any("researcher.latex" in line and "xelatex" in line and "conf.py:8" in line
               for line in built.warning_lines()), built.warnings


def test_example_site_cv_in_chinese_compiles_with_xelatex(tmp_path: Path) -> None:
    """The second language of the example site, as a PDF: translated sections and dates."""
    _need("latexmk", "xelatex", "pdftotext", "pdfinfo")
    srcdir = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    built = run_build(srcdir, "latex", confoverrides={"language": "zh_CN", "latex_engine": "xelatex"})
    assert built.warning_lines() == [], built.warnings
    pdf = compile_pdf(built.outdir, "xelatex")
    assert 1 <= pdf_pages(pdf) <= 3
    text = pdf_text(pdf)
    assert text.lstrip().startswith("Jane Q. Doe")
    flat = squeeze(text)
    positions = [flat.index(name) for name in ("教育背景", "工作经历", "荣誉奖励", "学术服务", "学术报告", "论文发表")]
    assert positions == sorted(positions)
    assert "2021年9月–至今" in flat and "同等贡献" in flat
    for title in bib_titles(EXAMPLE / "papers.bib"):
        assert squeeze(title) in flat, title


def test_lab_pdf_with_invisible_characters_and_a_cjk_warning(tmp_path: Path) -> None:
    """Names pasted from the web carry zero-width spaces and direction marks, which pdflatex
    stops at: they are set as nothing. CJK text, which pdflatex cannot set, is a warning for any
    document meant to be compiled (not only the CV)."""
    _need("latexmk", "pdflatex", "pdftotext")
    conf = ('extensions = ["sphinx_researcher"]\nproject = "Lab"\n'
            'researcher_people = {"ann": {"name": "Ann\\u200b Lee\\u200e", "role": "pi"}, '
            '"bo": {"name": "Bo\\u202e Li\\u2060", "role": "student"}}\n')
    src = tmp_path / "src"
    write_project(src, {"conf.py": conf, "index.md": "# Lab\n\n```{people}\n```\n"})
    built = run_build(src, "latex")
    assert built.warning_lines() == [], built.warnings
    text = squeeze(pdf_text(compile_pdf(built.outdir)))
    assert "AnnLee" in text and "BoLi" in text

    write_project(src, {"conf.py": conf, "index.md": "# Lab\n\n```{people}\n```\n\n张伟 joins the lab.\n"})
    warned = run_build(src, "latex", outdir=tmp_path / "cjk")
    assert any("Chinese, Japanese or Korean text" in line and "[researcher.latex]" in line
               for line in warned.warning_lines()), warned.warnings
