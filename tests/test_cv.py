"""researcher_cv: the LaTeX document it sets up, what the user's own settings override, and
what the CV leaves out (no TeX needed: these look at the .tex)."""

from __future__ import annotations

import re

CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
author = "Jane Q. Doe"
version = release = "2024"
researcher_name = "Jane Q. Doe"
researcher_profile = {
    "role": "PhD candidate", "affiliation": "Example University", "email": "jane@example.org",
    "location": "Example City", "links": {"github": "janedoe", "orcid": "0000-0002-1825-0097", "cv": "cv.html"},
}
html_baseurl = "https://jane.example.org/"
researcher_cv = "cv"
"""

CV = """\
# CV

```{profile}
A bio that the header replaces.
```

```{only} html
The PDF of this page is linked from the home page.
```

## Education

```{timeline}
- 2019-09 – present: Ph.D., Example University.
```

## Publications

```{publication} doe2024sparse
:title: "Sparse Experts for Tiny Vision Models"
:authors: Jane Q. Doe*, Wei Zhang
:venue: CVPR
:year: 2024
:arxiv: 2405.01234
:doi: 10.1000/x.1
:code: https://github.com/janedoe/sparse-experts
```

See {pub}`doe2024sparse`.
"""

SITE = {"index.md": "# Home\n\n```{toctree}\n:hidden:\n\ncv\n```\n\nHello.\n", "cv.md": CV}


def _tex(built) -> str:
    (tex,) = built.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


def test_cv_document_is_a_compact_howto(build) -> None:
    built = build({**SITE, "conf.py": CONF}, "latex")
    assert built.warning_lines() == [], built.warnings
    (tex_file,) = built.outdir.glob("*.tex")
    assert tex_file.name == "janeqdoe-cv.tex"
    tex = tex_file.read_text(encoding="utf-8")
    assert r"\documentclass[a4paper,10pt,english]{sphinxhowto}" in tex
    body = tex[tex.index(r"\begin{document}"):].replace(r"\sphinxhyphen{}", "-")
    # The header: name, role and affiliation, mailto, website, readable service URLs; no CV link.
    assert r"{\LARGE\bfseries Jane Q. Doe\par}" in body
    assert "PhD candidate, Example University" in body
    assert r"\href{mailto:jane@example.org}{jane@example.org}" in body
    assert r"\href{https://jane.example.org/}{jane.example.org}" in body
    assert r"\href{https://github.com/janedoe}{github.com/janedoe}" in body
    assert r"\href{https://orcid.org/0000-0002-1825-0097}{orcid.org/0000-0002-1825-0097}" in body
    assert "cv.html" not in body
    # No title page, contents, index, section numbers; the profile card and html-only text left out.
    assert r"\sphinxmaketitle" not in body and r"\sphinxtableofcontents" not in body
    assert r"\printindex" not in body and r"\setcounter{secnumdepth}{-1}" in tex
    assert "bio that the header replaces" not in body and "linked from the home page" not in body
    assert "Hello." not in body  # only the CV page
    assert re.search(r"\\section\{Education\}.*\\section\{Publications\}", body, re.DOTALL)
    # Timeline as a date column; publications numbered with short links; {pub} with its number.
    assert r"\item[{Sep 2019 \textendash{} present}]" in body
    assert r"\label{\detokenize{cv:pub-doe2024sparse}}\sphinxstylestrong{Jane Q. Doe}*" in body
    assert r"\sphinxhref{https://arxiv.org/abs/2405.01234}{arXiv: 2405.01234}" in body
    assert r"\sphinxhref{https://doi.org/10.1000/x.1}{DOI: 10.1000/x.1}" in body
    assert "{Code: github.com/janedoe/sparse" in body
    assert r"Sparse Experts for Tiny Vision Models}}}}~[\ref{\detokenize{cv:pub-doe2024sparse}}]" in body.replace(
        "\n", "")


def test_user_settings_win(build) -> None:
    conf = CONF + (
        'latex_documents = [("cv", "mine.tex", "My CV", "Jane", "howto")]\n'
        'latex_elements = {"papersize": "letterpaper", "maketitle": "\\\\maketitle"}\n'
    )
    built = build({**SITE, "conf.py": conf}, "latex")
    assert built.warning_lines() == [], built.warnings
    tex = (built.outdir / "mine.tex").read_text(encoding="utf-8")
    assert "letterpaper" in tex and r"\maketitle" in tex and r"\LARGE\bfseries" not in tex
    # Their own title page: the profile card is kept (our header does not replace it).
    assert "bio that the header replaces" in tex
    assert r"\setcounter{secnumdepth}{-1}" in tex  # what they did not set is still the CV's


def test_paper_size_and_a_bad_one(build) -> None:
    built = build({**SITE, "conf.py": CONF + 'researcher_cv_paper = "letter"\n'}, "latex")
    assert "letterpaper" in _tex(built)
    built = build({**SITE, "conf.py": CONF + 'researcher_cv_paper = "b5"\n'}, "latex")
    assert any("researcher.config" in line and "conf.py:12" in line for line in built.warning_lines()), built.warnings
    assert "a4paper" in _tex(built)


def test_without_researcher_cv_latex_is_untouched(build) -> None:
    conf = CONF.replace('researcher_cv = "cv"\n', "")
    built = build({**SITE, "conf.py": conf}, "latex")
    tex = _tex(built)
    assert r"\sphinxmaketitle" in tex and r"\LARGE\bfseries Jane" not in tex
    assert r"\item[{Sep 2019 \textendash{} present}]" in tex  # the date column is every LaTeX build's


def test_html_unchanged_by_researcher_cv(build) -> None:
    built = build({**SITE, "conf.py": CONF}, "html")
    assert built.warning_lines() == []
    html = built.html("cv")
    assert "bio that the header replaces" in html and "linked from the home page" in html


def test_header_values_are_escaped(build) -> None:
    conf = CONF.replace('"role": "PhD candidate"', r'"role": "R\u0026D \\input{secret} 100% #1 a_b ~"').replace(
        '"github": "janedoe"', '"blog": "https://x.example/a%20b#top", "bad": "javascript:alert(1)"')
    built = build({**SITE, "conf.py": conf}, "latex")
    tex = _tex(built)
    header = tex[tex.index(r"{\LARGE\bfseries"):tex.index(r"\endgroup\medskip")].replace(r"\sphinxhyphen{}", "-")
    assert r"\input{secret}" not in header and r"\textbackslash{}input\{secret\}" in header
    assert r"100\% \#1 a\_b \textasciitilde{}" in header and r"R\&D" in header
    assert r"\href{https://x.example/a\%20b\#top}{x.example/a b}" in header
    assert "javascript" not in tex


def test_header_without_a_name_uses_the_project(build) -> None:
    conf = CONF.replace('researcher_name = "Jane Q. Doe"\n', "")
    conf = conf.replace('project = "Jane Q. Doe"', 'project = "J. Doe"')
    built = build({**SITE, "conf.py": conf}, "latex")
    assert r"{\LARGE\bfseries J. Doe\par}" in _tex(built)


def test_unknown_cv_page_is_a_located_warning(build) -> None:
    built = build({**SITE, "conf.py": CONF.replace('researcher_cv = "cv"', 'researcher_cv = "resume"')}, "html")
    lines = [line for line in built.warning_lines() if "researcher.config" in line]
    assert len(lines) == 1 and "conf.py:11" in lines[0] and "'resume'" in lines[0], built.warnings


def test_widest_date_labels_do_not_depend_on_set_order() -> None:
    # Labels of the same width were ordered as a set iterates (PYTHONHASHSEED): the .tex changed.
    from itertools import permutations

    from sphinx_researcher.render.cv_latex import widest_labels

    labels = ["2019 – 2021", "2018 – 2020", "2017 – 2019", "2016 – 2018", "2024"]
    results = {tuple(widest_labels(list(order))) for order in permutations(labels)}
    assert results == {("2016 – 2018", "2017 – 2019", "2018 – 2020")}
