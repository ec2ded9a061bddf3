"""Files and the network (issue 8): nothing from outside the source folder is published,
nothing is written outside the output folder, a generated page never replaces the user's own,
no builder fetches anything, and no page loads a script from elsewhere without a warning."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PNG, run_build, write_project

SECRET = b"TOP-SECRET-CONTENT-8b"

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
"""

BIB = """\
@article{doe2024a,
  title = {Paper A},
  author = {Doe, Jane Q.},
  journal = {J},
  year = {2024},
  pdf = {../secret.pdf},
  preview = {../../secret.png},
}
"""

BIB_INSIDE = BIB.replace("  pdf = {../secret.pdf},\n  preview = {../../secret.png},\n", "")
PAPERS = "# Papers\n\n```{publications}\n```\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def published_secret(outdir: Path) -> list[str]:
    return [name for name, data in snapshot(outdir).items() if SECRET in data]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    """A source folder inside ``tmp_path/room`` next to secret files that must stay private."""
    room = tmp_path / "room"
    room.mkdir()
    for where in (tmp_path, room):
        (where / "secret.pdf").write_bytes(SECRET)
        (where / "secret.png").write_bytes(PNG + SECRET)
    yield room / "src"


def located(warnings: list[str], file: str, line: int, subtype: str) -> list[str]:
    return [w for w in warnings if re.search(rf"{re.escape(file)}:{line}: WARNING: .*\[researcher\.{subtype}\]", w)]


# -- local files stay inside the source folder ----------------------------------------------------


def test_bibtex_pdf_and_preview_outside_the_source_are_not_published(site: Path) -> None:
    write_project(site, {"conf.py": CONF, "papers.bib": BIB, "index.md": PAPERS})
    built = run_build(site)
    warnings = built.warning_lines()
    assert located(warnings, "papers.bib", 1, "file"), warnings
    assert sum("outside the source folder" in w for w in warnings) == 2, warnings
    assert published_secret(built.outdir) == []
    assert "secret" not in built.html()


def test_bibtex_pdf_dir_outside_the_source_is_not_searched(site: Path) -> None:
    bib = BIB.replace("../secret.pdf", "secret.pdf").replace("  preview = {../../secret.png},\n", "")
    write_project(site, {"conf.py": CONF + 'researcher_pdf_dir = "../"\n', "papers.bib": bib, "index.md": PAPERS})
    built = run_build(site)
    assert published_secret(built.outdir) == []
    assert any("[researcher.file]" in w for w in built.warning_lines())


def test_directive_pdf_and_image_outside_the_source_are_not_published(site: Path) -> None:
    page = """\
        # Home

        ```{publication}
        :title: Mine
        :pdf: ../secret.pdf
        :image: ../secret.png
        ```
        """
    write_project(site, {"index.md": page})
    built = run_build(site)
    warnings = built.warning_lines()
    assert located(warnings, "index.md", 5, "file") and located(warnings, "index.md", 6, "file"), warnings
    assert all("outside the source folder" in w for w in warnings)
    assert published_secret(built.outdir) == []


def test_profile_photo_and_links_outside_the_source_are_not_published(site: Path) -> None:
    conf = CONF + """\
html_theme = "researcher"
researcher_profile = {
    "photo": "../secret.png",
    "links": {"cv": "../secret.pdf"},
}
"""
    page = "# Home\n\n```{profile}\n:photo: ../secret.png\n:links: cv=../secret.pdf\n```\n"
    write_project(site, {"conf.py": conf, "papers.bib": BIB_INSIDE, "index.md": page})
    built = run_build(site)
    warnings = built.warning_lines()
    assert len(located(warnings, "conf.py", 5, "file")) == 2, warnings
    assert located(warnings, "index.md", 4, "file") and located(warnings, "index.md", 5, "file"), warnings
    assert published_secret(built.outdir) == []
    assert "secret" not in built.html()


# -- nothing written outside the output folder --------------------------------------------------


@pytest.mark.parametrize("folder", ["../x", "/tmp/sr-8b-abs", "_static", "a/../../x", ""])
def test_publication_dir_must_stay_inside_the_output(tmp_path: Path, folder: str) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF + f"researcher_publication_dir = {folder!r}\n",
                           "papers.bib": BIB_INSIDE, "index.md": PAPERS})
    before = {p for p in tmp_path.iterdir()}
    built = run_build(srcdir)
    warnings = built.warning_lines()
    assert located(warnings, "conf.py", 4, "config"), warnings
    assert (built.outdir / "pub" / "doe2024a.html").is_file()
    assert {p for p in tmp_path.iterdir()} - before <= {tmp_path / "_build-src"}
    assert not Path("/tmp/sr-8b-abs").exists()


def test_stale_cleanup_deletes_only_pages_it_wrote(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "papers.bib": BIB_INSIDE, "index.md": PAPERS,
                           "mine.md": "# Mine\n"})
    built = run_build(srcdir)
    state_file = built.outdir.parent / "doctrees" / "sr-publication-pages.json"
    state = json.loads(state_file.read_text())
    victim = tmp_path / "victim.html"
    victim.write_text("keep me")
    for record in state.values():  # a record that names files outside, and a page of the user's
        record["pages"].update({"../../victim": "x", "mine": "x"})
    state_file.write_text(json.dumps(state))
    built = run_build(srcdir)
    assert victim.read_text() == "keep me"
    assert (built.outdir / "mine.html").is_file()
    assert (built.outdir / "pub" / "doe2024a.html").is_file()


def test_turning_pages_off_or_moving_them_removes_the_old_ones(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "papers.bib": BIB_INSIDE, "index.md": PAPERS})
    built = run_build(srcdir)
    assert (built.outdir / "pub" / "doe2024a.html").is_file()
    (srcdir / "conf.py").write_text(CONF + 'researcher_publication_dir = "papers"\n')
    built = run_build(srcdir)
    assert (built.outdir / "papers" / "doe2024a.html").is_file()
    assert not (built.outdir / "pub").exists()
    (srcdir / "conf.py").write_text(CONF + "researcher_publication_pages = False\n")
    built = run_build(srcdir)
    assert not (built.outdir / "papers").exists() and not (built.outdir / "pub").exists()
    assert 'href="papers/' not in built.html()


def test_dirhtml_pages_off_removes_their_folders(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "papers.bib": BIB_INSIDE, "index.md": PAPERS})
    built = run_build(srcdir, "dirhtml")
    assert (built.outdir / "pub" / "doe2024a" / "index.html").is_file()
    (srcdir / "conf.py").write_text(CONF + "researcher_publication_pages = False\n")
    built = run_build(srcdir, "dirhtml")
    assert not (built.outdir / "pub").exists()


def test_generated_page_never_replaces_the_users_own(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": CONF, "papers.bib": BIB_INSIDE, "index.md": PAPERS,
                           "pub/doe2024a.md": "---\norphan: true\n---\n# My own page about paper A\n"})
    built = run_build(srcdir)
    warnings = built.warning_lines()
    assert located(warnings, "doe2024a.md", 1, "clash"), warnings
    assert "My own page about paper A" in built.html("pub/doe2024a")
    assert "citation_title" not in built.html("pub/doe2024a")
    again = run_build(srcdir)  # the same warning on an incremental build, and still the user's page
    assert located(again.warning_lines(), "doe2024a.md", 1, "clash")
    assert "My own page about paper A" in again.html("pub/doe2024a")


@pytest.mark.parametrize("name", ["index.html", "../feed.xml", "/tmp/sr-8b-feed.xml", "feed", "_static/x.xml",
                                  "a\\b.xml"])
def test_feed_name_that_could_clobber_is_refused(tmp_path: Path, name: str) -> None:
    srcdir = tmp_path / "src"
    conf = CONF + f'html_baseurl = "https://jane.example.org/"\nresearcher_news_feed = {name!r}\n'
    write_project(srcdir, {"conf.py": conf, "papers.bib": BIB_INSIDE,
                           "index.md": "# Home page\n\n```{news}\n- 2024: Hello.\n```\n"})
    built = run_build(srcdir)
    warnings = built.warning_lines()
    assert located(warnings, "conf.py", 5, "feed"), warnings
    assert "Home page" in built.html()
    assert "application/atom+xml" not in built.html()
    assert not (tmp_path / "feed.xml").exists() and not Path("/tmp/sr-8b-feed.xml").exists()


# -- theme options ------------------------------------------------------------------------------


def test_script_favicon_is_not_emitted_and_footer_text_is_escaped(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    conf = CONF + """html_theme = "researcher"
html_theme_options = {"favicon": "javascript:alert(1)", "footer_text": "<script>alert(2)</script> & co"}
"""
    write_project(srcdir, {"conf.py": conf, "papers.bib": BIB_INSIDE, "index.md": "# Home\n"})
    built = run_build(srcdir)
    html = built.html()
    assert "javascript:" not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &amp; co" in html
    assert located(built.warning_lines(), "conf.py", 5, "url"), built.warning_lines()


# -- no request during any build ----------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it receives."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("buildername", ["latex", "epub", "texinfo", "man", "text", "html", "gettext", "xml"])
def test_remote_images_are_not_fetched_by_any_builder(tmp_path: Path, listener, buildername: str) -> None:
    base, seen = listener
    conf = CONF + 'copyright = "2024, J"\nauthor = "J"\nversion = "1"\n'
    conf += f'researcher_profile = {{"photo": "{base}/me.png"}}\n'
    # Each remote image is a researcher.external warning in html builders (tests/test_external.py); here
    # the point is that no builder fetches, and that the other builders say nothing.
    if buildername == "html":
        conf += 'suppress_warnings = ["researcher.external"]\n'
    bib = BIB.replace("{../secret.pdf}", f"{{{base}/a.pdf}}").replace("{../../secret.png}", f"{{{base}/prev.png}}")
    page = f"""\
        # Home

        ```{{profile}}
        ```

        ```{{publication}}
        :title: Mine
        :image: {base}/teaser.png
        ```

        ```{{publications}}
        ```

        An inline ![remote]({base}/inline.png) image, and a figure:

        ```{{figure}} {base}/figure.png
        :alt: A figure

        Its caption.
        ```

        ```{{news}}
        - 2024-01: With [![badge]({base}/badge.png)](https://example.org) inside.
        ```
        """
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": conf, "papers.bib": bib, "index.md": page})
    built = run_build(srcdir, buildername)
    assert seen == []
    assert built.warning_lines() == []  # so -W passes offline too
    if buildername in ("latex", "text"):  # the author's own images become links, nothing is lost
        output = next(built.outdir.glob("*.tex" if buildername == "latex" else "index.txt"))
        text = output.read_text(encoding="utf-8")
        assert "Its caption." in text and "remote" in text and "badge" in text


# -- MathJax from a CDN -------------------------------------------------------------------------

NEWS_WITH_MATH = """\
# News

```{recent-news}
```

```{news}
- 2024-05: We proved {math}`e^{i\\pi} + 1 = 0`.
- 2024-04: Nothing to prove.
```
"""


def test_math_that_would_load_mathjax_from_a_cdn_is_one_located_warning(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_project(srcdir, {"index.md": "# Home\n\n```{recent-news}\n```\n\n```{toctree}\nnews\n```\n",
                           "news.md": NEWS_WITH_MATH})
    built = run_build(srcdir)
    warnings = built.warning_lines()
    assert len(warnings) == 1 and located(warnings, "news.md", 7, "external"), warnings
    for page in ("index", "news"):  # the copy on the home page loads nothing from a CDN either
        assert "e^{i\\pi}" in built.html(page)
        assert not re.search(r"<script[^>]+(cdn|https?:)", built.html(page)), page


def test_a_remote_mathjax_path_set_on_purpose_is_loaded_with_a_warning(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    conf = 'extensions = ["sphinx_researcher"]\nmathjax_path = "https://mathjax.example.org/tex.js"\n'
    write_project(srcdir, {"conf.py": conf, "index.md": NEWS_WITH_MATH})
    built = run_build(srcdir)
    assert located(built.warning_lines(), "index.md", 7, "external")
    assert "https://mathjax.example.org/tex.js" in built.html()


def test_math_with_a_local_mathjax_is_quiet(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    conf = 'extensions = ["sphinx_researcher"]\nmathjax_path = "mathjax/tex-chtml.js"\nhtml_static_path = ["_s"]\n'
    write_project(srcdir, {"conf.py": conf, "index.md": NEWS_WITH_MATH, "_s/mathjax/tex-chtml.js": "//\n"})
    built = run_build(srcdir)
    assert built.warning_lines() == []
    assert "cdn.jsdelivr" not in built.html() and "mathjax/tex-chtml.js" in built.html()
