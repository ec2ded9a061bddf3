"""The researcher theme on one-page homepages: the top bar links the home page's sections
(nav_sections), and the name shows once at the top of a page (one <h1> kept)."""

from __future__ import annotations

from test_theme import SITE, THEME_CONF

ONE_PAGE = {
    "conf.py": THEME_CONF,
    "img/me.png": SITE["img/me.png"],
    "index.md": """
        # Jane Q. Doe

        ```{profile}
        ```

        ## About me

        Hello.

        ## News

        ```{news}
        - 2024-05: One.
        ```

        ## Publications

        Papers.

        ### A subsection is not in the bar
    """,
}


def _nav(soup) -> list[tuple[str, str, str]]:
    return [(a.get_text(), a["href"], " ".join(a.get("class", []))) for a in soup.select("header .sr-nav a")]


def test_one_page_homepage_links_its_sections(build) -> None:
    built = build(ONE_PAGE)
    assert built.warning_lines() == []
    soup = built.soup("index")
    assert _nav(soup) == [
        ("About me", "#about-me", "sr-nav-section"),
        ("News", "#news", "sr-nav-section"),
        ("Publications", "#publications", "sr-nav-section"),
    ]
    for _text, href, _cls in _nav(soup):
        assert soup.find(id=href[1:]).name == "section"
    # No JavaScript needed: plain anchors, none marked current in the HTML itself.
    assert not soup.select(".sr-nav a[aria-current]")
    script = (built.outdir / "_static" / "sphinx-researcher.js").read_text(encoding="utf-8")
    assert "IntersectionObserver" in script and '"aria-current", "location"' in script


def test_sections_link_home_from_other_pages_and_mix_with_pages(build) -> None:
    files = {**SITE, "conf.py": THEME_CONF + 'html_theme_options = {"nav_sections": "true"}\n'}
    sections = "Hello.\n\n        ## News\n\n        Some.\n\n        ## Talks\n\n        Some."
    files["index.md"] = SITE["index.md"].replace("Hello.", sections)
    built = build(files)
    assert built.warning_lines() == []
    assert _nav(built.soup("cv")) == [
        ("News", "index.html#news", "sr-nav-section"),
        ("Talks", "index.html#talks", "sr-nav-section"),
        ("Publications", "publications.html", ""),
        ("CV", "cv.html", ""),
        ("GitHub", "https://github.com/janedoe", ""),
    ]
    assert [href for _t, href, _c in _nav(built.soup("index"))][:2] == ["#news", "#talks"]
    dirhtml = build(files, buildername="dirhtml")
    assert [href for _t, href, _c in _nav(dirhtml.soup("cv/index"))][:2] == ["../#news", "../#talks"]


def test_auto_keeps_the_pages_of_a_site_with_a_toctree_and_false_turns_sections_off(build) -> None:
    files = {**SITE}
    files["index.md"] = SITE["index.md"].replace("Hello.", "Hello.\n\n        ## News\n\n        Some.")
    assert [t for t, _h, _c in _nav(build(files).soup("index"))] == ["About me", "Publications", "CV", "GitHub"]
    off = {**ONE_PAGE, "conf.py": THEME_CONF + 'html_theme_options = {"nav_sections": "false"}\n'}
    assert _nav(build(off).soup("index")) == []


def test_the_name_shows_once_at_the_top_and_the_outline_keeps_one_h1(build) -> None:
    built = build(ONE_PAGE)
    soup = built.soup("index")
    [h1] = soup.find_all("h1")
    assert h1.get_text(strip=True).startswith("Jane Q. Doe") and "sr-visually-hidden" in h1["class"]
    assert soup.select_one(".sr-profile .sr-profile-name").get_text() == "Jane Q. Doe"
    assert soup.select_one(".sr-site-title") is None  # the card below already says who this is
    assert soup.title.get_text() == "Jane Q. Doe"
    # Another title keeps its heading; other pages keep the site title (the way home).
    files = {**ONE_PAGE, "index.md": ONE_PAGE["index.md"].replace("# Jane Q. Doe", "# Welcome")}
    soup = build(files).soup("index")
    assert "sr-visually-hidden" not in (soup.find("h1").get("class") or [])
    soup = build(SITE).soup("cv")
    assert soup.select_one(".sr-site-title").get_text(strip=True) == "Jane Q. Doe"


def test_sidebar_name_and_same_title_hide_the_heading_too(build) -> None:
    files = {**SITE, "index.md": SITE["index.md"].replace("# About me", "# Jane Q. Doe")}
    soup = build(files).soup("index")
    assert soup.select_one("aside.sr-sidebar .sr-profile-name").get_text() == "Jane Q. Doe"
    assert "sr-visually-hidden" in soup.find("h1")["class"]
    assert soup.select_one(".sr-site-title") is None


def test_under_another_theme_a_repeated_title_is_hidden_next_to_the_card(build) -> None:
    conf = THEME_CONF.replace('html_theme = "researcher"', 'html_theme = "alabaster"')
    soup = build({**ONE_PAGE, "conf.py": conf}).soup("index")
    [h1] = soup.find_all("h1")
    assert "sr-visually-hidden" in h1["class"]
    latex = build({**ONE_PAGE, "conf.py": conf}, buildername="latex")
    assert latex.warning_lines() == []
