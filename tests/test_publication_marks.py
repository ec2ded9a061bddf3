"""Author marks: one legend after each run of papers (never between cards, never once per card),
the legend on per-paper pages, and marks whose symbols and meanings are configured."""

from __future__ import annotations

CONF = """
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
html_baseurl = "https://jane.example.org/"
"""


def _pub(key: str, authors: str) -> str:
    return f"```{{publication}} {key}\n:title: Paper {key}\n:authors: {authors}\n:year: 2024\n```\n"


def _page(*blocks: str) -> str:
    return "# Home\n\n" + "\n".join(blocks)


def _sequence(soup) -> list[str]:
    """The article ids and legends of the page body, in document order."""
    found = soup.select("article.sr-publication, .sr-pub-legend")
    return ["legend" if "sr-pub-legend" in (e.get("class") or []) else e["id"] for e in found]


def test_one_legend_after_a_run_of_standalone_papers(build) -> None:
    page = _page(_pub("a", "Jane Q. Doe*, Wei Zhang*"), _pub("b", "Jane Q. Doe, John Smith†"),
                 _pub("c", "Jane Q. Doe, Maria Rossi"))
    built = build({"conf.py": CONF, "index.md": page})
    assert built.warning_lines() == []
    assert _sequence(built.soup()) == ["pub-a", "pub-b", "pub-c", "legend"]
    legend = built.soup().select_one(".sr-pub-legend").get_text(" ", strip=True)
    assert "* equal contribution" in legend and "† corresponding author" in legend


def test_runs_broken_by_text_get_a_legend_each(build) -> None:
    page = _page(_pub("a", "Jane Q. Doe*, Wei Zhang*"), _pub("b", "Jane Q. Doe, Li Wu"), "Some text.\n",
                 _pub("c", "Jane Q. Doe, John Smith†"), "More text.\n", _pub("d", "Jane Q. Doe, Maria Rossi"))
    built = build({"conf.py": CONF, "index.md": page})
    assert _sequence(built.soup()) == ["pub-a", "pub-b", "legend", "pub-c", "legend", "pub-d"]
    legends = [e.get_text(" ", strip=True) for e in built.soup().select(".sr-pub-legend")]
    assert "equal contribution" in legends[0] and "corresponding" not in legends[0]
    assert "corresponding author" in legends[1] and "equal" not in legends[1]


def test_a_list_has_one_legend_at_its_end(build) -> None:
    bib = ("@article{x1, title={One}, author={Doe*, Jane Q. and Zhang*, Wei}, year=2024, journal={J}}\n"
           "@article{x2, title={Two}, author={Doe, Jane Q. and Smith, John}, year=2023, journal={J}}\n")
    conf = CONF + 'researcher_bibtex_files = ["p.bib"]\n'
    built = build({"conf.py": conf, "p.bib": bib, "index.md": "# Home\n\n```{publications}\n```\n"})
    assert _sequence(built.soup()) == ["pub-x1", "pub-x2", "legend"]


def test_per_paper_page_shows_the_legend(build) -> None:
    built = build({"conf.py": CONF, "index.md": _page(_pub("a", "Jane Q. Doe*, Wei Zhang*"), _pub("b", "A B, C D"))})
    assert "equal contribution" in built.soup("pub/a").select_one(".sr-pub-legend").get_text()
    assert built.soup("pub/b").select(".sr-pub-legend") == []


def test_configured_marks_and_legend_texts(build) -> None:
    conf = CONF + 'researcher_author_marks = {"†": "equal contribution", "*": "corresponding author", ' \
                  '"#": "co-supervised", "✳": "intern"}\n'
    page = _page(_pub("a", "Jane Q. Doe†, Wei Zhang†, Li Wu#, Ann Lee✳, John Smith*"))
    built = build({"conf.py": conf, "index.md": page})
    assert built.warning_lines() == []
    soup = built.soup()
    sups = {s.get_text(): s["class"] for s in soup.select(".sr-pub-authors sup")}
    assert "sr-equal" in sups["†"] and "sr-corresponding" in sups["*"] and sups["#"] == ["sr-mark"]
    legend = soup.select_one(".sr-pub-legend").get_text(" ", strip=True)
    # In the configured order, each mark once.
    assert legend == "† equal contribution * corresponding author # co-supervised ✳ intern"
    names = [a.get_text() for a in soup.select(".sr-author")]
    assert names[2] == "Li Wu#" and names[3] == "Ann Lee✳"


def test_latex_and_text_show_one_legend_per_run(build) -> None:
    page = _page(_pub("a", "Jane Q. Doe*, Wei Zhang*"), _pub("b", "Jane Q. Doe, John Smith†"))
    text = build({"conf.py": CONF, "index.md": page}, "text").text("index.txt")
    assert text.count("equal contribution") == 1 and text.count("corresponding author") == 1
    latex = build({"conf.py": CONF, "index.md": page}, "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count("equal contribution") == 1


def test_bad_marks_config_is_a_located_warning(build) -> None:
    conf = CONF + 'researcher_author_marks = {"a": "letter"}\n'
    built = build({"conf.py": conf, "index.md": _page(_pub("a", "Jane Q. Doe*, Wei Zhang*"))})
    assert any("researcher_author_marks" in line and "conf.py:4" in line for line in built.warning_lines())
    assert "equal contribution" in built.soup().select_one(".sr-pub-legend").get_text()  # defaults used
