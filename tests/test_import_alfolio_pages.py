"""al-folio pages beyond plain Markdown: ``{% bibliography %}`` tags with jekyll-scholar options
(another .bib with ``-f``, ``--query``, ``--group_by``) on any page, ``layout: profiles`` people
pages, and ``_projects/`` without a page listing them. Each imported site builds with -W."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PNG
from import_fixtures import ALFOLIO
from test_import import bib_keys, built_clean, has_line, imported, report_lines

from sphinx_researcher.importers.alfolio_pages import parse_tag, translate_query
from sphinx_researcher.parsing.bibtex import parse_bib_text
from sphinx_researcher.parsing.filters import parse_filter

CONFIG = """\
    first_name: Anna
    last_name: Muller
    scholar:
      last_name: [Muller]
      first_name: [Anna]
    """
LAB_BIB = """\
    @article{a, title={Worm Atlas}, author={Muller, Anna and Nguyen, Minh}, journal={J}, year={2022}}
    @inproceedings{b, title={Fly Atlas}, author={Muller, Anna}, booktitle={C}, year={2023}}
    @article{c, title={Cell Atlas}, author={Muller, Anna and Nguyen, Minh}, journal={J}, year={2024}}
    """
LAB: dict[str, str | bytes] = {
    "_config.yml": CONFIG,
    "_bibliography/papers.bib": LAB_BIB,
    "_pages/about.md": "---\nlayout: about\n---\nHome of the lab.\n",
    "_pages/publications.md": """\
        ---
        layout: page
        permalink: /publications/
        title: publications
        description: journal articles first, then conference papers
        nav: true
        nav_order: 1
        ---
        Preprints are on [bioRxiv](https://www.biorxiv.org/).

        ## Journal articles
        {% bibliography --query @article --group_by none %}

        ## Conference papers
        {% bibliography --query @inproceedings %}
        """,
    "_pages/members/minh.md": """\
        ---
        layout: page
        title: Minh Nguyen
        permalink: /people/minh/
        ---
        Minh is a PhD student working on worm atlases.

        ## Minh's papers
        {% bibliography --query @*[author ~= Nguyen]* %}

        ### Since 2024
        {% bibliography -q @*[year>=2024 && author ~= Nguyen]* --template bib -c %}

        ## Titles with a caret
        {% bibliography --query @*[title ^= Worm]* %}
        """,
}


def titles(section: object) -> list[str]:
    return [t.get_text(" ", strip=True) for t in section.select(".sr-pub-title")]  # type: ignore[attr-defined]


def test_bibliography_tags_keep_the_page_and_become_publications(tmp_path: Path) -> None:
    out = imported(tmp_path, LAB)
    built = built_clean(out)
    pubs = built.soup("publications")
    text = pubs.select_one("main").get_text(" ", strip=True)
    # The intro, the description and both headings, in the order written, each with its own list.
    assert text.index("journal articles first") < text.index("Preprints are on") < text.index("Journal articles") \
        < text.index("Conference papers")
    assert pubs.select_one("a[href='https://www.biorxiv.org/']") is not None
    journal = pubs.select_one("section#journal-articles")
    conference = pubs.select_one("section#conference-papers")
    assert titles(journal) == ["Cell Atlas", "Worm Atlas"]  # --group_by none: one list, newest first
    assert not journal.select(".sr-pub-group")
    assert titles(conference) == ["Fly Atlas"]
    assert conference.select(".sr-pub-group")  # the default of _config.yml: by year
    nav = [a.get_text(strip=True) for a in built.soup().select("nav a")]
    assert "Publications" in nav

    # The member's page keeps its text; the author query lists only Minh's papers.
    minh = built.soup("members/minh")
    assert "Minh is a PhD student" in minh.get_text()
    papers = minh.select_one("section#minh-s-papers .sr-publications")  # its first list
    assert titles(papers) == ["Cell Atlas", "Worm Atlas"]
    assert titles(minh.select_one("section#since-2024")) == ["Cell Atlas"]
    source = (out / "members" / "minh.md").read_text(encoding="utf-8")
    assert ":filter: author=Nguyen\n" in source and ":filter: year>=2024 and author=Nguyen\n" in source
    assert ":heading-level: 4" in source  # the year groups sit below "### Since 2024"
    # What the filter language cannot say is named at the tag's line; the rest of the list stays.
    assert has_line(out, "_pages/members/minh.md:12", "--template bib", "no equivalent")
    assert has_line(out, "_pages/members/minh.md:12", "--cited")
    assert has_line(out, "_pages/members/minh.md:15", "title ^= Worm", "may show more")
    assert len(minh.select_one("section#titles-with-a-caret").select(".sr-publication")) == 3
    assert not any("bibliography" in line and "Liquid tag" in line for line in report_lines(out))


def test_second_bibliography_file_is_listed_where_its_tag_was(tmp_path: Path) -> None:
    files = dict(LAB)
    files["_bibliography/theses.bib"] = """\
        @phdthesis{minh2025, title={Worm Atlases}, author={Nguyen, Minh}, school={Example U}, year={2025}}
        @mastersthesis{a, title={A Thesis Under a Paper's Key}, author={Lee, Sam}, school={Example U}, year={2021}}
        """
    files["_pages/publications.md"] = "---\ntitle: publications\nnav: true\n---\n{% bibliography %}\n"
    files["_pages/theses.md"] = """\
        ---
        layout: page
        title: theses
        permalink: /theses/
        nav: true
        ---
        Theses supervised in the lab.

        {% bibliography -f theses %}

        {% bibliography -f missing %}
        """
    out = imported(tmp_path, files)
    built = built_clean(out)
    conf = (out / "conf.py").read_text(encoding="utf-8")
    assert "researcher_bibtex_files = ['papers.bib', 'theses.bib']" in conf
    theses = parse_bib_text((out / "theses.bib").read_text(encoding="utf-8"), "theses.bib")
    assert [e.key for e in theses.entries] == ["minh2025", "a-2"]  # not the key of a paper in papers.bib
    assert bib_keys(out) == ["a", "b", "c"]
    page = built.soup("theses")
    assert "Theses supervised in the lab." in page.get_text()
    assert sorted(titles(page)) == ["A Thesis Under a Paper's Key", "Worm Atlases"]
    # A tag without -f lists the main file only, as jekyll-scholar does.
    assert sorted(titles(built.soup("publications"))) == ["Cell Atlas", "Fly Atlas", "Worm Atlas"]
    assert has_line(out, "_bibliography/theses.bib:2", "'a'", "'a-2'")
    assert has_line(out, "_pages/theses.md:11", "missing", "no")
    nav = [a.get_text(strip=True) for a in built.soup().select("nav a")]
    assert "Theses" in nav
    # The lists the import writes itself (here the publications page of a site without one) too.
    del files["_pages/publications.md"]
    out = imported(tmp_path, files, "no-publications-page")
    built = built_clean(out)
    assert sorted(titles(built.soup("publications"))) == ["Cell Atlas", "Fly Atlas", "Worm Atlas"]
    assert len(built.soup("theses").select(".sr-publication")) == 2


def test_publications_page_with_only_the_tag_is_unchanged(tmp_path: Path) -> None:
    out = imported(tmp_path, ALFOLIO)
    assert (out / "publications.md").read_text(encoding="utf-8") == \
        "# Publications\n\n```{publications}\n:group-by: year\n```\n"


def test_older_publications_page_looping_over_years(tmp_path: Path) -> None:
    files = dict(LAB)
    files["_pages/publications.md"] = """\
        ---
        layout: page
        permalink: /publications/
        title: publications
        years: [2024, 2023, 2022]
        nav: true
        ---
        <div class="publications">

        {%- for y in page.years %}
          <h2 class="year">{{y}}</h2>
          {% bibliography -f papers -q @*[year={{y}}]* %}
        {% endfor %}

        </div>
        """
    out = imported(tmp_path, files)
    built = built_clean(out)
    assert (out / "publications.md").read_text(encoding="utf-8") == \
        "# Publications\n\n```{publications}\n:group-by: year\n```\n"
    groups = [g.get_text(" ", strip=True) for g in built.soup("publications").select(".sr-pub-group-title, h3")]
    assert [g[:4] for g in groups if g[:4].isdigit()] == ["2024", "2023", "2022"]
    assert has_line(out, "_pages/publications.md:10", "loop", "grouped by year")
    assert not any("cannot be followed" in line for line in report_lines(out))


PROFILES: dict[str, str | bytes] = {
    "_config.yml": CONFIG,
    "_pages/about.md": "---\nlayout: about\n---\nHome.\n",
    "assets/img/people/anna.png": PNG,
    "assets/img/people/minh.png": PNG,
    "_pages/people.md": """\
        ---
        layout: profiles
        permalink: /people/
        title: people
        description: members of the lab
        nav: true
        nav_order: 3
        profiles:
          - align: right
            image: people/anna.png
            content: about_anna.md
            image_circular: true
            more_info: >
              <p>Principal Investigator</p>
          - align: left
            image: people/minh.png
            content: about_minh.md
            more_info: >
              <p>PhD student</p>
          - image: people/gone.png
            content: about_gone.md
        ---
        """,
    "_pages/about_anna.md": "# Anna Muller\n\nAnna leads the lab.\n\n## Teaching\n\nShe teaches *genetics*.\n",
    "_pages/about_minh.md": "Minh works on worms.\n",
}


def test_profiles_page_becomes_a_people_page(tmp_path: Path) -> None:
    out = imported(tmp_path, PROFILES)
    built = built_clean(out)
    people = built.soup("people")
    text = people.select_one("main").get_text(" ", strip=True)
    assert text.index("members of the lab") < text.index("Anna Muller") < text.index("Principal Investigator") \
        < text.index("Anna leads the lab.") < text.index("She teaches") < text.index("Minh") \
        < text.index("PhD student") < text.index("Minh works on worms.")
    headings = [h.get_text(strip=True).rstrip("#¶") for h in people.select("section > h2")]
    assert headings == ["Anna Muller", "Minh", "Gone"]
    assert people.select_one("section#anna-muller h3") is not None  # its own heading one level below
    images = people.select("img")
    assert [(i["alt"], "align-right" in i.get("class", []) or "align-right" in i.parent.get("class", []))
            for i in images][:1] == [("Anna Muller", True)]
    assert "sd-rounded-circle" in images[0]["class"]
    assert len(images) == 2 and all((built.outdir / i["src"]).is_file() for i in images)
    nav = [a.get_text(strip=True) for a in built.soup().select("nav a")]
    assert "People" in nav
    # The content files are part of the People page, not pages of their own.
    assert not (out / "about-anna.md").exists() and not (out / "about-minh.md").exists()
    assert has_line(out, "_pages/people.md:20", "people/gone.png", "no such file")
    assert has_line(out, "_pages/people.md:21", "about_gone.md", "no such file")
    assert has_line(out, "_pages/people.md:17", "titled 'Minh'", "about_minh.md")


# A home page that links a project where the old site put it.
ABOUT_LINKING_A_PROJECT = "---\nlayout: about\n---\nOur [cell atlas](/projects/1_cells/).\n"


def test_projects_without_a_projects_page(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "_config.yml": CONFIG,
        "_pages/about.md": ABOUT_LINKING_A_PROJECT,
        "_projects/1_cells.md": "---\nlayout: page\ntitle: Cell atlas\ndescription: A single-cell atlas\n"
                                "importance: 1\n---\nThe atlas project.\n",
        "_projects/2_worms.md": "---\nlayout: page\ntitle: Worm atlas\nimportance: 2\n---\nThe worm project.\n",
    }
    out = imported(tmp_path, files)
    built = built_clean(out)
    text = built.soup("projects").select_one("main").get_text(" ", strip=True)
    assert text.index("Cell atlas") < text.index("The atlas project.") < text.index("Worm atlas")
    assert built.soup().select_one("a[href='projects.html']").get_text() == "cell atlas"
    assert has_line(out, "_projects/1_cells.md", "/projects/1_cells/", "projects.md")
    assert has_line(out, "_projects/2_worms.md", "/projects/2_worms/")


@pytest.mark.parametrize(
    ("query", "wanted", "dropped"),
    [
        ("@*[year=2024]*", "year=2024", []),
        ("@*[author ~= Nguyen]*", "author=Nguyen", []),
        ("@article", "type=article", []),
        ("@article, @inproceedings", "type=article,inproceedings", []),
        ("@article[year>=2020 && author~=Van der Berg]", 'type=article and year>=2020 and author="Van der Berg"', []),
        ("@*[year=2023 || year=2024]", "year=2023 or year=2024", []),
        ("@book[year<=2010], @article[selected=true]", "type=book and year<=2010 or type=article and selected", []),
        ("!@misc", "type!=misc", []),
        ("@*[title ~= Sp.rse]", "", ["title ~= Sp.rse"]),
        ("@*[year=2024, doi ~= 10.1]", "year=2024", ["doi ~= 10.1"]),
        ("@*", "", []),
    ],
)
def test_queries_become_filters_the_parser_accepts(query: str, wanted: str, dropped: list[str]) -> None:
    made, left = translate_query(query)
    assert (made, left) == (wanted, dropped)
    if made:
        parse_filter(made)


def test_tag_options_split_as_jekyll_scholar_splits_them() -> None:
    tag = parse_tag("-f theses --query @*[author ~= Nguyen-Smith]* -g year --max 5 -T bib")
    assert tag.files == ["theses"] and tag.query == "@*[author ~= Nguyen-Smith]*"
    assert tag.group_by == "year" and tag.limit == "5" and tag.other == ["--template bib"]


def test_project_links_go_to_the_page_that_lists_the_projects(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "_config.yml": CONFIG,
        "_pages/about.md": ABOUT_LINKING_A_PROJECT,
        "_pages/research.md": "---\nlayout: page\ntitle: research\nnav: true\n---\n"
                              "{% for project in site.projects %}{{ project.title }}{% endfor %}\n",
        "_projects/1_cells.md": "---\nlayout: page\ntitle: Cell atlas\n---\nThe atlas project.\n",
    }
    out = imported(tmp_path, files)
    built = built_clean(out)
    assert not (out / "projects.md").exists()
    assert "The atlas project." in built.soup("research").get_text()
    assert built.soup().select_one("main a[href='research.html']").get_text() == "cell atlas"
