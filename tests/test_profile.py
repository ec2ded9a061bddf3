"""{profile}: defaults from conf.py, options win, service links, photo, email obfuscation, JSON-LD."""

from __future__ import annotations

import json

from conftest import PNG

CONF = """
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_profile = {
    "photo": "_static/jane.png",
    "role": "PhD candidate",
    "affiliation": "Department of Automation, Example University",
    "email": "jane@example.org",
    "location": "Beijing, China",
    "links": {"scholar": "XXXXXXX", "github": "janedoe", "orcid": "0000-0002-1825-0097"},
}
html_baseurl = "https://jane.example.org/"
"""


def _project(index: str) -> dict[str, str | bytes]:
    return {"conf.py": CONF, "index.md": index, "_static/jane.png": PNG}


def test_profile_alone_renders_the_configured_profile(build) -> None:
    built = build(_project("# Home\n\n```{profile}\n```\n"))
    assert built.warning_lines() == []
    card = built.soup().select_one(".sr-profile")
    assert card is not None
    assert card.select_one(".sr-profile-name").get_text() == "Jane Q. Doe"
    assert card.select_one(".sr-profile-role").get_text() == "PhD candidate"
    assert card.select_one(".sr-profile-affiliation").get_text() == "Department of Automation, Example University"
    assert "Beijing, China" in card.get_text()
    hrefs = [a["href"] for a in card.select("a.sr-profile-link")]
    assert hrefs == [
        "https://scholar.google.com/citations?user=XXXXXXX",
        "https://github.com/janedoe",
        "https://orcid.org/0000-0002-1825-0097",
    ]
    assert all(a.get("rel") == ["me"] for a in card.select("a.sr-profile-link"))


def test_photo_has_alt_text_and_is_copied(build) -> None:
    built = build(_project("# Home\n\n```{profile}\n```\n"))
    img = built.soup().select_one(".sr-profile img")
    assert img["alt"] == "Jane Q. Doe"
    assert (built.outdir / img["src"]).is_file()


def test_options_win_over_config(build) -> None:
    page = """
    # Home

    ```{profile}
    :name: Dr. J. Doe
    :role: Postdoc
    :links: github=jdoe, x=jdoe_x

    Short *bio* here.
    ```
    """
    built = build(_project(page))
    assert built.warning_lines() == []
    card = built.soup().select_one(".sr-profile")
    assert card.select_one(".sr-profile-name").get_text() == "Dr. J. Doe"
    assert card.select_one(".sr-profile-role").get_text() == "Postdoc"
    # Fields not given as options still come from conf.py.
    assert card.select_one(".sr-profile-affiliation").get_text().startswith("Department of Automation")
    assert [a["href"] for a in card.select("a.sr-profile-link")] == ["https://github.com/jdoe", "https://x.com/jdoe_x"]
    assert card.select_one(".sr-profile-bio em").get_text() == "bio"


SERVICES = (
    "scholar=XXXXXXX, github=janedoe, orcid=0000-0002-1825-0097, x=janedoe, linkedin=janedoe, "
    "bluesky=jane.bsky.social, mastodon=@jane@sigmoid.social, dblp=123/4567, semanticscholar=12345, "
    "openreview=~Jane_Doe1, Blog=https://blog.example.org"
)


def test_every_known_service(build) -> None:
    page = f"# Home\n\n```{{profile}}\n:links: {SERVICES}\n```\n"
    built = build(_project(page))
    assert built.warning_lines() == []
    links = {a.select_one("span").get_text(): a["href"] for a in built.soup().select(".sr-profile a.sr-profile-link")}
    assert links == {
        "Google Scholar": "https://scholar.google.com/citations?user=XXXXXXX",
        "GitHub": "https://github.com/janedoe",
        "ORCID": "https://orcid.org/0000-0002-1825-0097",
        "X": "https://x.com/janedoe",
        "LinkedIn": "https://www.linkedin.com/in/janedoe",
        "Bluesky": "https://bsky.app/profile/jane.bsky.social",
        "Mastodon": "https://sigmoid.social/@jane",
        "DBLP": "https://dblp.org/pid/123/4567.html",
        "Semantic Scholar": "https://www.semanticscholar.org/author/12345",
        "OpenReview": "https://openreview.net/profile?id=~Jane_Doe1",
        "Blog": "https://blog.example.org",
    }
    # Every link carries an icon drawn inline (no icon font from elsewhere).
    assert all(a.find("svg") is not None for a in built.soup().select(".sr-profile a.sr-profile-link"))


def test_email_is_obfuscated_but_readable(build) -> None:
    built = build(_project("# Home\n\n```{profile}\n```\n"))
    html = built.html()
    assert "jane@example.org" not in html
    assert "mailto:" not in html
    email = built.soup().select_one(".sr-profile .sr-email")
    # What a screen reader (or a person copying by hand) gets.
    assert " ".join(email.get_text().split()) == "jane at example dot org"
    css = (built.outdir / "_static" / "sphinx-researcher.css").read_text(encoding="utf-8")
    assert ".sr-at::before" in css and '"@"' in css


def test_person_json_ld(build) -> None:
    built = build(_project("# Home\n\n```{profile}\n```\n"))
    scripts = built.soup().select('head script[type="application/ld+json"]')
    data = [json.loads(s.string) for s in scripts]
    person = next(d for d in data if d.get("@type") == "Person")
    assert person["name"] == "Jane Q. Doe"
    assert person["jobTitle"] == "PhD candidate"
    assert person["affiliation"]["name"] == "Department of Automation, Example University"
    assert "https://github.com/janedoe" in person["sameAs"]
    assert person["image"].startswith("https://jane.example.org/")
    # The photo URL names a file the output really has.
    assert (built.outdir / person["image"].removeprefix("https://jane.example.org/")).is_file(), person["image"]
    assert "email" not in person


def test_person_json_ld_photo_is_the_copied_photo(build) -> None:
    # Two images named me.png: Sphinx copies the second under another name.
    other, mine = PNG, PNG + b"\0"
    page = "# Home\n\n![other](other/me.png)\n\n```{profile}\n:photo: photos/me.png\n```\n"
    files = _project(page) | {"other/me.png": other, "photos/me.png": mine}
    built = build(files)
    person = next(
        d for d in (json.loads(s.string) for s in built.soup().select('script[type="application/ld+json"]'))
        if d.get("@type") == "Person"
    )
    copied = built.outdir / person["image"].removeprefix("https://jane.example.org/")
    assert copied.read_bytes() == mine, person["image"]


def test_local_cv_link_is_copied(build) -> None:
    files = _project("# Home\n\n```{profile}\n:links: cv=files/cv.pdf, github=janedoe\n```\n")
    files["files/cv.pdf"] = b"%PDF-1.4\n"
    built = build(files)
    assert built.warning_lines() == []
    cv = built.soup().select_one("a.sr-link-cv")
    assert cv["href"].startswith("_downloads/") and cv["href"].endswith("/cv.pdf")
    assert (built.outdir / cv["href"]).is_file()
    assert cv.get("rel") is None  # rel="me" is for profiles elsewhere


def test_profile_in_subfolder_links_to_root_downloads(build) -> None:
    files = _project("# Home\n\n```{toctree}\nsub/page\n```\n")
    files["sub/page.md"] = "# Sub\n\n```{profile}\n:links: cv=../cv.pdf\n```\n"
    files["cv.pdf"] = b"%PDF-1.4\n"
    built = build(files)
    assert built.warning_lines() == []
    soup = built.soup("sub/page")
    cv = soup.select_one("a.sr-link-cv")
    assert cv["href"].startswith("../_downloads/")
    assert (built.outdir / "sub" / cv["href"]).resolve().is_file()
    img = soup.select_one(".sr-profile img")
    assert (built.outdir / "sub" / img["src"]).resolve().is_file()


def test_missing_cv_and_photo_are_warned(build) -> None:
    files = _project("# Home\n\n```{profile}\n:photo: nowhere.png\n:links: cv=cv.pdf\n```\n")
    built = build(files)
    lines = built.warning_lines()
    assert len(lines) == 2, lines
    assert all("[researcher.file]" in line for line in lines)
    assert sorted(int(line.split("index.md:")[1].split(":")[0]) for line in lines) == [4, 5]  # the option lines
    assert built.soup().select_one(".sr-profile img") is None
    assert built.soup().select_one(".sr-profile") is not None


def test_a_photo_browsers_cannot_show_is_left_out(build) -> None:
    # A HEIC photo (an iPhone's): most browsers show nothing, and pdflatex stops at it; a source
    # file named as a photo is never published.
    for photo in ("me.heic", "conf.py"):
        files = _project(f"# Home\n\n```{{profile}}\n:photo: {photo}\n```\n") | {"me.heic": b"\0\0\0 ftypheic"}
        built = build(files)
        [line] = built.warning_lines()
        assert f"index.md:4: WARNING: profile photo '{photo}' is not an image every browser shows" in line, line
        assert built.soup().select_one(".sr-profile img") is None
        assert not list(built.outdir.rglob("me.heic")) and not (built.outdir / "_images" / "conf.py").exists()


def test_class_option(build) -> None:
    built = build(_project("# Home\n\n```{profile}\n:class: wide compact\n```\n"))
    classes = built.soup().select_one(".sr-profile")["class"]
    assert {"sr-profile", "wide", "compact"} <= set(classes)


def test_profile_without_any_name_warns(build) -> None:
    built = build({"conf.py": 'extensions = ["sphinx_researcher"]\n', "index.md": "# Home\n\n```{profile}\n```\n"})
    lines = built.warning_lines()
    assert len(lines) == 1 and "index.md:3:" in lines[0] and "[researcher.option]" in lines[0]
