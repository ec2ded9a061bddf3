"""{publication}: one paper from options — title, authors (me, marks), venue, link row, TL;DR,
abstract, BibTeX, image, legend."""

from __future__ import annotations

import re

from conftest import PNG

CONF = """
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_name_variants = ["J. Q. Doe", "Doe, Jane", "多伊"]
"""

PUB = """
# Home

```{publication} doe2024sparse
:title: "Sparse Experts for Tiny Vision Models"
:authors: Jane Q. Doe*, Wei Zhang*, Maria Rossi, John Smith†
:venue: CVPR
:year: 2024
:arxiv: 2405.01234
:pdf: https://arxiv.org/pdf/2405.01234
:code: https://github.com/janedoe/sparse-experts
:github: janedoe/sparse-experts
:links: Models=https://huggingface.co/janedoe/sparse-experts, Demo=https://demo.example.org
:image: sparse.png
:tldr: Routing tokens to a few tiny experts halves latency at equal accuracy.
:selected:

Optional longer text (an *abstract*) in MyST.
```
"""


def _files(page: str = PUB) -> dict[str, str | bytes]:
    return {"conf.py": CONF, "index.md": page, "sparse.png": PNG}


def _article(built):
    return built.soup().select_one("article.sr-publication")


def test_article_structure(build) -> None:
    built = build(_files())
    assert built.warning_lines() == []
    article = _article(built)
    assert article["id"] == "pub-doe2024sparse"
    assert "sr-selected" in article["class"]
    assert article.select_one(".sr-pub-title").get_text() == "Sparse Experts for Tiny Vision Models"
    venue = article.select_one(".sr-pub-venue")
    assert "CVPR" in venue.get_text() and venue.time["datetime"] == "2024"
    assert article.select_one(".sr-pub-tldr").get_text().endswith("halves latency at equal accuracy.")


def test_title_links_to_the_paper(build) -> None:
    built = build(_files())
    title_link = _article(built).select_one(".sr-pub-title a")
    assert title_link is not None
    assert title_link["href"]  # per-paper page or the paper's own URL, never empty


def test_authors_me_and_marks(build) -> None:
    built = build(_files())
    authors = _article(built).select(".sr-pub-authors .sr-author")
    assert [a.get_text() for a in authors] == ["Jane Q. Doe*", "Wei Zhang*", "Maria Rossi", "John Smith†"]
    assert ["sr-me" in a["class"] for a in authors] == [True, False, False, False]
    assert authors[0].strong.get_text() == "Jane Q. Doe"
    assert [bool(a.select_one(".sr-equal")) for a in authors] == [True, True, False, False]
    assert [bool(a.select_one(".sr-corresponding")) for a in authors] == [False, False, False, True]
    assert authors[0].select_one(".sr-equal")["title"] == "equal contribution"


def test_variants_of_my_name_are_highlighted(build) -> None:
    page = """
    # Home

    ```{publication} a
    :title: A
    :authors: J. Q. Doe and Wei Zhang
    ```

    ```{publication} b
    :title: B
    :authors: 多伊, Wei Zhang
    ```

    ```{publication} c
    :title: C
    :authors: John Doe, Jane Smith
    ```
    """
    built = build(_files(page))
    assert built.warning_lines() == []
    me = [[a.get_text() for a in art.select(".sr-me")] for art in built.soup().select("article.sr-publication")]
    assert me == [["J. Q. Doe"], ["多伊"], []]


def test_legend_only_when_marks_are_used(build) -> None:
    built = build(_files())
    legends = built.soup().select(".sr-pub-legend")
    assert len(legends) == 1
    assert "equal contribution" in legends[0].get_text() and "corresponding author" in legends[0].get_text()
    plain = build(_files("# Home\n\n```{publication} x\n:title: X\n:authors: Jane Q. Doe, Wei Zhang\n```\n"))
    assert plain.soup().select(".sr-pub-legend") == []
    only_equal = build(_files("# Home\n\n```{publication} x\n:title: X\n:authors: A B*, C D*\n```\n"))
    legend = only_equal.soup().select_one(".sr-pub-legend").get_text()
    assert "equal contribution" in legend and "corresponding" not in legend


def test_link_row_in_order(build) -> None:
    page = PUB.replace(":code:", ":doi: 10.1000/xyz123\n:project: https://jane.example.org/sparse\n"
                       ":slides: https://x.org/s.pdf\n:video: https://x.org/v\n:poster: https://x.org/p.pdf\n:code:")
    built = build(_files(page))
    assert built.warning_lines() == []
    links = _article(built).select(".sr-pub-links a.sr-pub-link")
    assert [a.get_text() for a in links] == [
        "PDF", "arXiv", "DOI", "Code", "Project", "Slides", "Video", "Poster", "Models", "Demo",
    ]
    assert [a["href"] for a in links][:4] == [
        "https://arxiv.org/pdf/2405.01234",
        "https://arxiv.org/abs/2405.01234",
        "https://doi.org/10.1000/xyz123",
        "https://github.com/janedoe/sparse-experts",
    ]
    # arXiv is linked once: the button, no badge to the same page beside it.
    arxiv = [a for a in _article(built).select(".sr-pub-links a") if "arxiv.org/abs/" in a.get("href", "")]
    assert len(arxiv) == 1
    assert _article(built).select(".sr-pub-links .sr-badge") == []


def test_abstract_and_bibtex_are_collapsed(build) -> None:
    built = build(_files())
    article = _article(built)
    abstract = article.select_one("details.sr-abstract")
    assert abstract is not None and not abstract.has_attr("open")
    assert abstract.summary.get_text() == "Abstract"
    assert abstract.em.get_text() == "abstract"
    bibtex = article.select_one("details.sr-bibtex")
    assert bibtex is not None and not bibtex.has_attr("open")
    code = bibtex.select_one("pre code").get_text()
    assert code.startswith("@") and "doe2024sparse" in code
    assert re.search(r"title = [{\"]Sparse Experts for Tiny Vision Models[}\"]", code)
    assert "eprint" in code
    # Display-only options never reach the copyable BibTeX.
    assert "selected" not in code and "tldr" not in code and "image" not in code
    button = bibtex.select_one("button.sr-copy")
    assert button.has_attr("hidden") and button["type"] == "button"


def test_image_with_alt_text_is_copied(build) -> None:
    built = build(_files())
    img = _article(built).select_one("img")
    assert img["alt"] and "Sparse Experts" in img["alt"]
    assert (built.outdir / img["src"]).is_file()
    custom = build(_files(PUB.replace(":image: sparse.png", ":image: sparse.png\n:image-alt: Routing diagram")))
    assert _article(custom).select_one("img")["alt"] == "Routing diagram"


def test_local_pdf_becomes_a_download(build) -> None:
    files = _files(PUB.replace(":pdf: https://arxiv.org/pdf/2405.01234", ":pdf: papers/sparse.pdf"))
    files["papers/sparse.pdf"] = b"%PDF-1.4\n"
    built = build(files)
    assert built.warning_lines() == []
    pdf = _article(built).select_one("a.sr-link-pdf")
    assert pdf["href"].startswith("_downloads/")
    assert (built.outdir / pdf["href"]).is_file()


def test_minimal_publication(build) -> None:
    built = build(_files("# Home\n\n```{publication}\n:title: Only a Title\n```\n"))
    assert built.warning_lines() == []
    article = _article(built)
    assert article.select_one(".sr-pub-title").get_text() == "Only a Title"
    assert article.select_one(".sr-pub-links") is None
    assert article.select_one(".sr-pub-authors") is None


def test_same_key_twice_on_a_page_gets_distinct_ids(build) -> None:
    page = "# Home\n\n```{publication} k\n:title: T\n```\n\n```{publication} k\n:title: T\n```\n"
    built = build(_files(page))
    assert built.warning_lines() == []
    ids = [a["id"] for a in built.soup().select("article.sr-publication")]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_class_option(build) -> None:
    built = build(_files("# Home\n\n```{publication} k\n:title: T\n:class: highlight\n```\n"))
    assert "highlight" in _article(built)["class"]


def test_rst_publication_matches_myst(build) -> None:
    rst = """
    Home
    ====

    .. publication:: doe2024sparse
       :title: Sparse Experts for Tiny Vision Models
       :authors: Jane Q. Doe*, Wei Zhang*, Maria Rossi, John Smith†
       :venue: CVPR
       :year: 2024
       :arxiv: 2405.01234

       Optional longer text (an *abstract*) in reST.
    """
    built = build({"conf.py": CONF, "index.rst": rst})
    assert built.warning_lines() == []
    article = _article(built)
    assert article.select_one(".sr-pub-title").get_text() == "Sparse Experts for Tiny Vision Models"
    assert [a.get_text() for a in article.select(".sr-me")] == ["Jane Q. Doe*"]
    assert article.select_one(".sr-abstract em").get_text() == "abstract"
