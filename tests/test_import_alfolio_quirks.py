"""al-folio inputs the import used to get wrong: code fences in news, LaTeX accents in papers.bib,
unsafe or empty URLs in _data/, odd _config.yml values, ``&`` in plain profile values, URLs with
parentheses, news files of the same name, Windows-1252 text, co-author links to the old site."""

from __future__ import annotations

from pathlib import Path

from conftest import Built, run_build
from import_fixtures import write_site

from sphinx_researcher.cli import main

CONFIG = "first_name: Anna\nlast_name: Muller\nscholar:\n  last_name: [Muller]\n  first_name: [Anna]\n"
ABOUT = "---\nlayout: about\n---\nHome\n"


def imported(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Path, str]:
    source = write_site(tmp_path / "src", {"_config.yml": CONFIG, "_pages/about.md": ABOUT, **files})
    out = tmp_path / "out"
    assert main(["import", "--quiet", str(source), str(out)]) == 0
    return out, (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")


def built_clean(out: Path) -> Built:
    built = run_build(out, "html")
    assert built.warning_lines() == [], built.warnings
    return built


def test_code_fence_in_a_news_item_stays_code(tmp_path: Path) -> None:
    out, _report = imported(tmp_path, {
        "_news/a.md": "---\ndate: 2024-01-01\ninline: true\n---\n```html\n<script src=\"https://w.example.org/w.js\">"
                      "</script><img src=x onerror=alert(1)>\n```\n",
        "_news/b.md": "---\ndate: 2023-01-01\ninline: true\n---\nRun this:\n\n````\n```\nnested\n```\n````\n",
    })
    built = built_clean(out)
    news = built.soup("news")
    assert news.find("script", src=lambda s: "example.org" in (s or "")) is None
    assert news.find("img", attrs={"onerror": True}) is None
    items = news.select(".sr-news-item")
    assert len(items) == 2
    assert "onerror=alert(1)" in items[0].select_one("pre").get_text()
    assert items[1].select_one("pre").get_text().split() == ["```", "nested", "```"]


def person_links(built: Built) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in built.soup("publications").select("a.sr-person-link")}


COAUTHOR_BIB = ("@article{a, title={T}, author={Muller, Anna and Lee, Ann and Nguyen, Minh and Roe, Rita and "
                "Poe, Paul}, journal={J}, year={2022}}\n")


def test_coauthor_links_unsafe_empty_and_to_the_old_site(tmp_path: Path) -> None:
    out, report = imported(tmp_path, {
        "_bibliography/papers.bib": COAUTHOR_BIB,
        "_pages/members/minh.md": "---\nlayout: page\ntitle: Minh Nguyen\npermalink: /people/minh/\n---\nMinh.\n",
        "_data/coauthors.yml": '"lee":\n  - firstname: ["Ann", "A."]\n    url: javascript:alert(2)\n'
                               '"nguyen":\n  - firstname: ["Minh"]\n    url: /people/minh/\n'
                               '"roe":\n  - firstname: ["Rita"]\n    url:\n'
                               '"poe":\n  - {firstname: ["Paul"], url: "https://poe.example.org"}\n',
        "_data/socials.yml": "wiki:\n  title: Lab wiki\n  url: javascript:alert(1)\nwork_url: https://lab.example.org\n",
    })
    built = built_clean(out)
    assert person_links(built) == {"Minh Nguyen": "members/minh.html", "Paul Poe": "https://poe.example.org"}
    assert "javascript" not in built.html("publications") and "None" not in built.html("publications")
    assert "`_data/coauthors.yml:3`: co-author link with an unsafe URL 'javascript:alert(2)'" in report
    assert "`_data/coauthors.yml:6`: co-author link '/people/minh/'" in report and "members/minh.md" in report
    assert "`_data/socials.yml:3`: wiki: link with an unsafe URL 'javascript:alert(1)' is left out" in report
    conf = (out / "conf.py").read_text(encoding="utf-8")
    assert "javascript" not in conf and "'website': 'https://lab.example.org'" in conf


def test_empty_coauthor_url_is_no_link(tmp_path: Path) -> None:
    """The build itself: a coauthors.yml written by hand with ``url:`` and nothing after it."""
    from conftest import write_project

    write_project(tmp_path / "site", {
        "conf.py": "extensions = ['sphinx_researcher']\nresearcher_name = 'Anna Muller'\n"
                   "researcher_bibtex_files = ['papers.bib']\nresearcher_people = 'coauthors.yml'\n",
        "coauthors.yml": '"lee":\n  - firstname: ["Ann"]\n    url:\n',
        "papers.bib": "@article{a, title={T}, author={Muller, Anna and Lee, Ann}, journal={J}, year={2022}}\n",
        "index.md": "# Home\n\n```{publications}\n```\n",
    })
    built = run_build(tmp_path / "site", "html")
    assert built.warning_lines() == [], built.warnings
    assert built.soup().select("a.sr-person-link") == []
    assert "Ann Lee" in built.soup().select_one(".sr-publication").get_text()


def test_scholar_names_of_the_wrong_type_are_reported(tmp_path: Path) -> None:
    source = write_site(tmp_path / "src", {
        "_config.yml": "first_name: Anna\nlast_name: Muller\nscholar:\n  last_name: 2024\n  first_name:\n    a: b\n",
        "_pages/about.md": ABOUT,
        "_bibliography/papers.bib": "@article{a, title={T}, author={Muller, Anna}, journal={J}, year={2022}}\n"})
    out = tmp_path / "out"
    assert main(["import", "--quiet", str(source), str(out)]) == 0
    report = (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    assert "`_config.yml:4`: scholar: last_name: 2024 is not a name or a list of names" in report
    assert "`_config.yml:5`: scholar: first_name: {'a': 'b'} is not a name" in report
    built = built_clean(out)
    assert len(built.soup("publications").select(".sr-publication")) == 1


def test_ampersands_in_subtitle_and_more_info_show_once(tmp_path: Path) -> None:
    out, _report = imported(tmp_path, {"_pages/about.md": """\
        ---
        layout: about
        subtitle: <a href='https://ece.example.edu/'>Electrical & Computer Engineering</a>, Example U
        profile:
          more_info: >
            <p>Rooms 3.14 & 3.15</p>
            <p>Smith &amp; Jones Building, 1 < 2</p>
        ---
        Hi
        """})
    built = built_clean(out)
    index = built.soup()
    assert index.select_one(".sr-profile-role").get_text(strip=True) == "Electrical & Computer Engineering, Example U"
    contact = index.select_one(".sr-profile-contact").get_text(" ", strip=True)
    assert "Rooms 3.14 & 3.15; Smith & Jones Building, 1 < 2" in contact, contact
    assert "&amp;" not in contact


def test_link_urls_keep_balanced_parentheses(tmp_path: Path) -> None:
    from conftest import PNG

    out, report = imported(tmp_path, {
        "_pages/about.md": "---\nlayout: about\n---\nSee [Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) "
                           "(the planet), ![plot](/assets/img/plot_(v2).png) and [bad](javascript:alert(1)).\n",
        "assets/img/plot_(v2).png": PNG,
        "_news/a.md": "---\ndate: 2024-01-01\ninline: true\n---\nTalk at [EPFL (Lausanne)]"
                      "(https://memento.epfl.ch/event/x_(y)/ \"title\").\n",
    })
    built = built_clean(out)
    index = built.soup()
    assert [a["href"] for a in index.select(".sr-profile a[href*='wiki']")] == \
        ["https://en.wikipedia.org/wiki/Mercury_(planet)"]
    assert "(the planet)" in index.get_text() and "alert" not in built.html()
    assert index.select_one("img[alt='plot']")["src"].endswith("plot_%28v2%29.png")
    assert [a["href"] for a in built.soup("news").select(".sr-news a")] == ["https://memento.epfl.ch/event/x_(y)/"]
    assert "`_pages/about.md:4`: link with an unsafe URL 'javascript:alert(1)'" in report


def test_news_posts_of_the_same_name_each_keep_their_page(tmp_path: Path) -> None:
    post = "---\nlayout: post\ntitle: {}\ndate: {}\ninline: false\n---\n{}\n"
    out, report = imported(tmp_path, {
        "_news/2023/new_member.md": post.format("Welcome Minh", "2023-09-01", "Minh joins the lab."),
        "_news/2024/new_member.md": post.format("Welcome Sean", "2024-09-01", "Sean joins the lab."),
        "_news/New_Member.md": post.format("Grant", "2024-01-01", "We got the ERC grant."),
    })
    built = built_clean(out)
    links = {a.get_text(): a["href"] for a in built.soup("news").select(".sr-news a")}
    assert len(set(links.values())) == 3, links
    for title, text in (("Welcome Minh", "Minh joins"), ("Welcome Sean", "Sean joins"), ("Grant", "ERC grant")):
        assert text in (built.outdir / links[title]).read_text(encoding="utf-8"), title
    assert "`_news/2024/new_member.md`: the name of its page, `news/new-member`, is taken by " \
           "`_news/2023/new_member.md`" in report
    assert "`_news/New_Member.md`: the name of its page" in report


def test_windows_1252_news_is_read_as_such_and_reported(tmp_path: Path) -> None:
    out, report = imported(tmp_path, {
        "_news/award.md": b"---\ndate: 2024-05-01\ninline: true\n---\n"
                          b"Minh won the \x93Best Poster\x94 award (\x80500) in K\xf6ln.\n",
        "_news/old.md": b"---\ndate: 2023-05-01\ninline: true\n---\nOK.\nLatin-1 only: \x81 K\xf6ln.\n",
    })
    built = built_clean(out)
    text = built.soup("news").get_text()
    assert "Minh won the \u201cBest Poster\u201d award (\u20ac500) in K\u00f6ln." in text
    assert "K\u00f6ln" in text.split("OK.")[1]
    assert "`_news/award.md:5`: not UTF-8: read as Windows-1252" in report
    assert "`_news/old.md:6`: not UTF-8: read as Latin-1" in report


def test_windows_1252_bib_is_read_as_such() -> None:
    from sphinx_researcher.importers.bibtex_out import decode_bib
    from sphinx_researcher.importers.report import Report

    report = Report()
    text = decode_bib(b"@misc{k,\n title = {\x93Quoted\x94 \x80},\n year = 2000}\n", "p.bib", report)
    assert "\u201cQuoted\u201d \u20ac" in text
    assert [(n.location, n.message) for n in report.notes] == [("p.bib:2", "not UTF-8: read as Windows-1252 and "
                                                                           "written as UTF-8")]


def test_site_address_becomes_html_baseurl(tmp_path: Path) -> None:
    source = write_site(tmp_path / "src", {"_config.yml": CONFIG + "url: https://muellerlab.example.org\n"
                                                                  "baseurl: /lab\n", "_pages/about.md": ABOUT})
    out = tmp_path / "out"
    assert main(["import", "--quiet", str(source), str(out)]) == 0
    assert "html_baseurl = 'https://muellerlab.example.org/lab/'" in (out / "conf.py").read_text(encoding="utf-8")
    assert "`_config.yml:6`: the site's address https://muellerlab.example.org/lab/ is html_baseurl" in \
        (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    built = built_clean(out)
    assert "<loc>https://muellerlab.example.org/lab/index.html</loc>" in built.text("sitemap.xml")
    # No address, no html_baseurl.
    bare, _report = imported(tmp_path / "bare", {})
    assert "html_baseurl" not in (bare / "conf.py").read_text(encoding="utf-8")


def test_link_to_a_page_not_imported_is_reported_at_the_source_line(tmp_path: Path) -> None:
    out, report = imported(tmp_path, {
        "_pages/about.md": "---\nlayout: about\n---\n\nSee our [people]({{ site.baseurl }}/people/).\n",
        "_pages/people.md": "---\nlayout: book-shelf\npermalink: /people/\n---\n",
        "_news/a.md": "---\ndate: 2024-01-01\ninline: true\n---\nNew [people](/people/) page.\n",
    })
    built_clean(out)
    assert "`_pages/about.md:5`: link to 'people': the old site's page was not imported" in report
    assert "`_news/a.md:5`: link to 'people'" in report
    assert "`index.md`: link to" not in report and "`news.md`: link to" not in report


PROJECT = """---
layout: page
title: Robot arm
---
The arm.

<div class="row">
    <div class="col-sm mt-3 mt-md-0">
        {% include figure.liquid loading="eager" path="assets/img/arm.png" title="the arm" class="img-fluid rounded" %}
    </div>
    <div class="col-sm mt-3 mt-md-0">
        {% include figure.liquid path=page.img title="a variable" %}
    </div>
</div>
<div class="caption">
    The arm at work: its caption, indented inside the div.
</div>

    an indented code block of the page's own
"""


def test_al_folio_figure_includes_become_images_and_div_text_stays_text(tmp_path: Path) -> None:
    from conftest import PNG

    out, report = imported(tmp_path, {"_projects/arm.md": PROJECT, "assets/img/arm.png": PNG})
    page = (out / "projects.md").read_text(encoding="utf-8")
    assert "![the arm](" in page and "figure.liquid" not in page.split("```")[0]
    assert "\nThe arm at work: its caption, indented inside the div." in page  # not a code block
    assert "\n    an indented code block of the page's own" in page  # Markdown's own code block kept
    assert "`_projects/arm.md:12`: Liquid tag `{% include figure.liquid path=page.img" in report
    built = built_clean(out)
    soup = built.soup("projects")
    img = soup.select_one("img[alt='the arm']")
    assert img is not None and (built.outdir / img["src"]).is_file()
    assert "The arm at work" in soup.select_one("p:-soup-contains('The arm at work')").get_text()
    assert soup.select_one("pre").get_text().strip() == "an indented code block of the page's own"
