"""The ``researcher`` theme: navigation, sidebar profile, landmarks, no third-party assets,
light/dark and print styles; and the extension's output under another theme."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import PNG

THEME_CONF = """\
extensions = ["sphinx_researcher"]
project = "Doe homepage"
copyright = "2024, Jane Q. Doe"
researcher_name = "Jane Q. Doe"
researcher_profile = {
    "photo": "img/me.png",
    "role": "PhD candidate",
    "affiliation": "Example University",
    "email": "jane@example.org",
    "links": {"github": "janedoe"},
}
html_theme = "researcher"
html_baseurl = "https://jane.example.org/"
language = "en"
"""

SITE = {
    "conf.py": THEME_CONF,
    "img/me.png": PNG,
    "index.md": """
        # About me

        Hello.

        ```{toctree}
        :hidden:

        publications
        cv
        GitHub <https://github.com/janedoe>
        ```
    """,
    "publications.md": """
        # Publications

        ```{publication} doe2024
        :title: Sparse Experts
        :authors: Jane Q. Doe*, Wei Zhang*
        :venue: CVPR
        :year: 2024
        :code: https://github.com/janedoe/sparse

        An abstract.
        ```
    """,
    "cv.md": """
        # CV

        ```{timeline}
        - 2019-09 – present: Ph.D., Example University.
        ```

        ```{news}
        :limit: 1

        - 2024-05: One.
        - 2023-05: Two.
        ```
    """,
}


def test_top_navigation_follows_the_root_toctree(build):
    built = build(SITE)
    assert built.warning_lines() == []
    soup = built.soup("publications")
    links = soup.select("header .sr-nav a")
    assert [a.get_text() for a in links] == ["About me", "Publications", "CV", "GitHub"]
    assert [a["href"] for a in links] == ["index.html", "publications.html", "cv.html", "https://github.com/janedoe"]
    current = [a for a in links if a.get("aria-current")]
    assert [(a.get_text(), a["aria-current"]) for a in current] == [("Publications", "page")]
    assert soup.select_one(".sr-site-title").get_text(strip=True) == "Jane Q. Doe"
    home = built.soup("index")
    assert [a.get_text() for a in home.select(".sr-nav a[aria-current=page]")] == ["About me"]
    # The sidebar beside it already shows the name: the bar leaves it out on the home page.
    assert home.select_one(".sr-site-title") is None
    assert home.select_one("aside.sr-sidebar .sr-profile-name").get_text() == "Jane Q. Doe"


def test_home_entry_is_left_out_when_it_repeats_the_site_title_unless_labelled(build):
    files = {**SITE, "index.md": SITE["index.md"].replace("# About me", "# Jane Q. Doe")}
    soup = build(files).soup("cv")
    assert [a.get_text() for a in soup.select(".sr-nav a")] == ["Publications", "CV", "GitHub"]
    conf = THEME_CONF + 'html_theme_options = {"nav_home": "Home"}\n'
    soup = build({**files, "conf.py": conf}).soup("index")
    assert [a.get_text() for a in soup.select(".sr-nav a")] == ["Home", "Publications", "CV", "GitHub"]
    assert soup.select_one(".sr-nav a[aria-current=page]").get_text() == "Home"


def test_nav_links_resolve_from_every_page(build):
    built = build(SITE)
    soup = built.soup("cv")
    hrefs = [a["href"] for a in soup.select(".sr-nav a")]
    assert hrefs[0] == "index.html" and hrefs[1] == "publications.html" and hrefs[3] == "https://github.com/janedoe"


def test_sidebar_profile_on_every_page_with_its_photo(build):
    built = build(SITE)
    for page in ("index", "publications", "cv"):
        aside = built.soup(page).select_one("aside.sr-sidebar")
        assert aside is not None, page
        assert aside.select_one(".sr-profile-name").get_text() == "Jane Q. Doe"
        assert aside.select_one(".sr-profile-role").get_text() == "PhD candidate"
        img = aside.select_one("img.sr-sidebar-photo")
        assert img["src"] == "img/me.png" and img["alt"] == "Jane Q. Doe"
    assert (built.outdir / "img" / "me.png").read_bytes() == PNG


def test_sidebar_links_to_local_files_work_from_every_folder(build):
    files = dict(SITE)
    links = '"links": {"github": "janedoe", "cv": "files/cv.pdf"}'
    files["conf.py"] = THEME_CONF.replace('"links": {"github": "janedoe"}', links)
    files["files/cv.pdf"] = b"%PDF-1.4\n"
    files["notes/deep.md"] = "# Deep\n\nIn a folder.\n"
    files["index.md"] = SITE["index.md"].replace("        cv\n", "        cv\n        notes/deep\n")
    built = build(files)
    assert built.warning_lines() == []
    for page in ("index", "notes/deep"):
        href = built.soup(page).select_one("aside a.sr-link-cv")["href"]
        target = (built.outdir / page).parent / href
        assert target.resolve().read_bytes() == b"%PDF-1.4\n", (page, href)
        assert built.soup(page).select_one("aside a.sr-link-github")["href"] == "https://github.com/janedoe"


def test_page_with_profile_directive_drops_the_sidebar_profile(build):
    files = dict(SITE)
    files["index.md"] = SITE["index.md"].replace("Hello.", "```{profile}\n        ```")
    built = build(files)
    assert built.warning_lines() == []
    home = built.soup("index")
    assert home.select_one("aside.sr-sidebar") is None
    assert "sr-layout-single" in home.select_one(".sr-layout")["class"]
    assert len(home.select(".sr-profile-name")) == 1
    assert built.soup("cv").select_one("aside.sr-sidebar") is not None


def test_theme_alone_says_which_extension_to_add(build):
    conf = 'project = "Lab notes"\nhtml_theme = "researcher"\n'
    built = build({"conf.py": conf, "index.rst": "Notes\n=====\n\nText.\n"})
    [line] = built.warning_lines()
    assert "conf.py:2:" in line and 'extensions = ["sphinx_researcher"]' in line
    assert line.endswith("[researcher.config]")
    assert "Text." in built.html("index")  # the page is still written, with the bare theme


def test_no_profile_means_no_sidebar(build):
    conf = 'extensions = ["sphinx_researcher"]\nproject = "Lab notes"\nhtml_theme = "researcher"\n'
    built = build({"conf.py": conf, "index.md": "# Notes\n\nText.\n"})
    soup = built.soup("index")
    assert soup.select_one(".sr-site-title").get_text(strip=True) == "Lab notes"
    assert soup.select_one("aside.sr-sidebar") is None
    assert soup.select_one('meta[name="description"]')["content"] == "Lab notes"


def test_skip_link_landmarks_and_head(build):
    built = build(SITE)
    soup = built.soup("publications")
    assert soup.html["lang"] == "en"
    skip = soup.body.find("a")
    assert "sr-skip-link" in skip["class"] and skip["href"] == "#main-content"
    main = soup.select_one("main#main-content")
    assert main is not None and main.find("h1").get_text(strip=True).startswith("Publications")
    assert soup.select_one("header.sr-header nav[aria-label]") is not None
    footer = soup.select_one("footer.sr-footer")
    assert "sphinx-researcher" in footer.get_text() and "Jane Q. Doe" in footer.get_text()
    assert soup.title.get_text() == "Publications – Jane Q. Doe"
    description = soup.select_one('meta[name="description"]')["content"]
    assert description == "Jane Q. Doe — PhD candidate, Example University"
    assert soup.select_one('link[rel="icon"]')["href"].startswith("data:image/svg+xml,")


def test_theme_options_and_escaping(build):
    conf = THEME_CONF.replace('researcher_name = "Jane Q. Doe"', 'researcher_name = "Jane <b>Doe</b>"')
    conf += 'html_theme_options = {"description": "A <homepage>", "show_profile": "false", "favicon": "none"}\n'
    built = build({**SITE, "conf.py": conf})
    soup = built.soup("cv")
    assert soup.select_one(".sr-site-title").get_text(strip=True) == "Jane <b>Doe</b>"
    assert soup.select_one(".sr-site-title b") is None
    assert soup.select_one('meta[name="description"]')["content"] == "A <homepage>"
    assert soup.select_one("aside.sr-sidebar") is None
    assert soup.select_one('link[rel="icon"]') is None


def test_no_asset_from_another_host(build):
    built = build(SITE)
    own = urlsplit("https://jane.example.org/").netloc
    pages = sorted(built.outdir.glob("*.html"))
    assert {p.stem for p in pages} >= {"index", "publications", "cv", "search", "genindex"}
    for page in pages:
        soup = built.soup(page.stem)
        urls = [tag.get("href", "") for tag in soup.select("link")]
        urls += [tag.get("src", "") for tag in soup.select("script, img")]
        for url in urls:
            parts = urlsplit(url)
            assert parts.scheme not in {"http", "https"} or parts.netloc == own, (page.name, url)
            assert not url.startswith("//"), (page.name, url)
    for css in built.outdir.glob("_static/*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import url(http" not in text and "url(https:" not in text and "url(http:" not in text, css.name


def test_styles_dark_mode_and_print(build):
    built = build(SITE)
    static = built.outdir / "_static"
    theme_css = (static / "researcher.css").read_text(encoding="utf-8")
    ext_css = (static / "sphinx-researcher.css").read_text(encoding="utf-8")
    script = (static / "sphinx-researcher.js").read_text(encoding="utf-8")
    assert "prefers-color-scheme: dark" in theme_css
    assert "@media print" in theme_css and ".sr-header" in theme_css.split("@media print", 1)[1]
    assert "@media print" in ext_css and "details::details-content" in ext_css
    assert "beforeprint" in script and "afterprint" in script
    head = built.html("index").split("</head>", 1)[0]
    for name in ("researcher.css", "sphinx-researcher.css", "sphinx-researcher.js"):
        assert f"_static/{name}" in head, name
    assert "_static/sphinx-design" not in head  # no sphinx-design component on the page (test_assets.py)
    assert 'name="color-scheme"' in head


def test_search_page_and_index_build_with_the_theme(build):
    built = build(SITE)
    form = built.soup("search").select_one("form")
    assert not form.has_attr("action") and form.select_one("input[name=q]") is not None
    assert built.soup("search").select_one("main#main-content") is not None
    assert built.soup("genindex").select_one("main#main-content") is not None


def test_dirhtml_marks_the_current_page(build):
    built = build(SITE, buildername="dirhtml")
    assert built.warning_lines() == []
    soup = built.soup("cv/index")
    current = soup.select_one(".sr-nav a[aria-current=page]")
    assert current.get_text() == "CV"
    assert soup.select_one("img.sr-sidebar-photo")["src"] == "../img/me.png"


def test_latex_build_carries_no_web_assets(build):
    built = build(SITE, buildername="latex")
    assert built.warning_lines() == []
    assert not list(built.outdir.rglob("*.css")) and not list(built.outdir.rglob("*.js"))
    tex = "".join(p.read_text(encoding="utf-8") for p in built.outdir.glob("*.tex"))
    assert "Sparse Experts" in tex and "sphinx-researcher" not in tex


def test_extension_under_alabaster(build):
    conf = THEME_CONF.replace('html_theme = "researcher"', 'html_theme = "alabaster"')
    files = {**SITE, "conf.py": conf}
    files["index.md"] = SITE["index.md"].replace(
        "Hello.", "```{profile}\n        ```\n\n        {badge}`arXiv|2405.15738 <https://arxiv.org/abs/2405.15738>`"
    )
    built = build(files)
    assert built.warning_lines() == []
    home = built.soup("index")
    assert home.select_one("aside.sr-sidebar") is None and home.select_one(".sr-nav") is None
    assert home.select_one(".sr-profile .sr-profile-name").get_text() == "Jane Q. Doe"
    assert home.select_one(".sr-badge svg[role=img]") is not None
    pubs = built.soup("publications")
    article = pubs.select_one("article.sr-publication")
    for cls in ("sr-pub-title", "sr-pub-authors", "sr-pub-venue", "sr-pub-links", "sr-abstract", "sr-bibtex"):
        assert article.select_one(f".{cls}") is not None, cls
    assert pubs.select_one(".sr-pub-links a.sd-btn.sd-btn-outline-primary") is not None
    cv = built.soup("cv")
    assert cv.select_one("ul.sr-timeline") is not None and cv.select_one("details.sr-news-older") is not None
    assert "_static/sphinx-researcher.css" in built.html("index")
    assert (built.outdir / "_static" / "sphinx-researcher.css").is_file()
    assert not (built.outdir / "_static" / "researcher.css").exists()


def test_group_headings_never_skip_a_level(build):
    from bib_fixtures import project

    built = build(project({
        "index.md": "# Papers\n\n```{publications}\n:group-by: year\n```\n",
        "deep.md": "# Deep\n\n## All\n\n```{publications}\n:group-by: year\n```\n",
    }))
    assert {h.name for h in built.soup().select(".sr-pub-group-title")} == {"h2"}
    assert {h.name for h in built.soup("deep").select(".sr-pub-group-title")} == {"h3"}


def test_missing_sidebar_photo_is_one_warning_and_shows_once_added(tmp_path):
    import os
    import shutil

    from conftest import run_build, write_project

    files = {name: value for name, value in SITE.items() if name != "img/me.png"}
    files["index.md"] = SITE["index.md"] + "\n```{profile}\n```\n"  # uses the config's photo too
    src = tmp_path / "src"
    write_project(src, files)
    first = run_build(src, outdir=tmp_path / "inc")
    warnings = [w for w in first.warning_lines() if "me.png" in w]
    assert len(warnings) == 1 and "conf.py:5:" in warnings[0] and "[researcher.file]" in warnings[0], first.warnings
    assert first.soup("cv").select_one("img.sr-sidebar-photo") is None
    (src / "img").mkdir()
    (src / "img" / "me.png").write_bytes(PNG)
    again = run_build(src, outdir=tmp_path / "inc")
    assert not [w for w in again.warning_lines() if "me.png" in w]
    for page in ("cv", "publications"):  # the home page's own card stands for the sidebar there
        assert again.soup(page).select_one("img.sr-sidebar-photo")["src"] == "img/me.png", page
    assert again.soup().select_one("img.sr-photo") is not None
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src)
    clean = run_build(clean_src, outdir=tmp_path / "clean")
    for page in ("index", "cv", "publications"):
        assert again.html(page) == clean.html(page), page
    os.remove(src / "img" / "me.png")  # and gone again: no page keeps showing it
    gone = run_build(src, outdir=tmp_path / "inc")
    assert gone.soup("cv").select_one("img.sr-sidebar-photo") is None
