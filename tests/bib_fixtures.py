"""Small .bib files owned by the project (no shared data needed), and helpers for their tests."""

from __future__ import annotations

import re

# Line numbers matter: tests assert warnings at papers.bib:LINE.
PAPERS_BIB = r"""---
---
@string{cvpr = {IEEE/CVF Conference on Computer Vision and Pattern Recognition}}

@inproceedings{doe2024sparse,
  abbr = {CVPR},
  selected = {true},
  title = {{SparseX}: Sparse Experts for Tiny Vision Models},
  author = {Doe*†, Jane Q. and Zhang*, Wei and Rossi, Maria and Smith, John},
  booktitle = cvpr,
  year = {2024},
  month = jun,
  arxiv = {2405.01234},
  code = {https://github.com/janedoe/sparse-experts},
  pdf = {sparse.pdf},
  keywords = {vision, efficiency},
  bibtex_show = {true},
  google_scholar_id = {abc123},
}

@article{doe2022graphs,
  title = {Graphs of {M}{\"u}ller and {\v{C}}ech: a {B}ayesian \textit{view}},
  author = {J. Q. Doe and Schr{\"o}dinger, Erwin and van der Berg, Jr, Hans and others},
  journal = {Journal of Machine Learning Research},
  year = 2022,
  month = {3},
  doi = {https://doi.org/10.1000/jmlr.2022.1},
  keywords = {graphs},
  abstract = {We study $O(n \log n)$ graphs.},
}

@misc{doe2021undated,
  title = {A Note Without a Year},
  author = {Doe, Jane},
}

@article{zhang2023cjk,
  title = {稀疏专家模型},
  author = {张伟 and 多伊, 简},
  journal = {计算机学报},
  year = {2023},
  preview = {missing-preview.png},
}

@inproceedings{doe2024sparse,
  title = {A second entry with the same key},
  year = {2020},
}

@article{broken2020,
  title = {Broken entry},
  year {2020},
}

@inbook{child2019,
  crossref = {parent2019},
  title = {A Chapter},
  chapter = {3},
}

@book{parent2019,
  title = {The Big Book},
  author = {Rossi, Maria},
  publisher = {Example Press},
  year = {2019},
}

@inproceedings{doe2023workshop,
  title = {Workshop Paper on Vision},
  author = {Doe, J. and Pang, *Ce},
  booktitle = {Vision Workshop},
  year = {2023},
  month = {November},
  keywords = {vision},
}
"""

MORE_BIB = r"""@article{doe2022graphs,
  title = {Duplicate across files},
  year = {2021},
}

@article{other2018,
  title = {An Older Paper},
  author = {Doe, Jane Q.},
  journal = {Old Journal},
  year = {2018},
}
"""

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_name_variants = ["多伊"]
researcher_bibtex_files = ["papers.bib", "more.bib"]
researcher_pdf_dir = "assets/pdf"
html_baseurl = "https://jane.example.org/"
"""


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def project(pages: dict[str, str], conf: str = CONF, with_pdf: bool = True) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"conf.py": conf, "papers.bib": PAPERS_BIB, "more.bib": MORE_BIB, **pages}
    if with_pdf:
        files["assets/pdf/sparse.pdf"] = b"%PDF-1.4\n%%EOF\n"
    return files


def article_ids(html: str) -> list[str]:
    return re.findall(r'<article[^>]*\bid="([^"]+)"', html)
