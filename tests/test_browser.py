"""The example site in a real browser (Debian's chromium, driven by Playwright), as readers see it.

At a desktop and a phone width, in light and dark colours: axe-core finds no violation, the
page requests nothing from another host, a phone-width page never scrolls sideways; without
JavaScript everything is readable and every ``<details>`` opens; the copy-BibTeX button copies
the entry, by mouse and by keyboard. ``-m "not browser"`` skips these.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, run_build, write_project
from web_tools import AXE_JS, CHROMIUM, CHROMIUM_ARGS, html_pages, require_browser, serve

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The example site built once for this module and served on 127.0.0.1: (base URL, pages)."""
    require_browser()
    srcdir = tmp_path_factory.mktemp("browser") / "example_site"
    shutil.copytree(ROOT / "example_site", srcdir, ignore=shutil.ignore_patterns("_build"))
    built = run_build(srcdir, "html")
    assert built.warning_lines() == [], built.warnings
    pages = [p.relative_to(built.outdir).as_posix() for p in html_pages(built.outdir)]
    # Sphinx's own index and search pages are not the homepage's; one per-paper page stands for all.
    paper_pages = [p for p in pages if p.startswith("pub/")]
    pages = [p for p in pages if "/" not in p and p not in {"genindex.html", "search.html"}] + paper_pages[:1]
    with serve(built.outdir) as base:
        yield base, pages


@pytest.fixture(scope="module")
def browser() -> Iterator:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, base: str, page_name: str, *, width: str = "desktop", scheme: str = "light", **context_options):
    """A page loaded from ``base``; every request it made is in ``page.requests`` (none is let out)."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme, **context_options)
    page = context.new_page()
    page.requests = []
    host = urlsplit(base).netloc

    def route(route) -> None:
        page.requests.append(route.request.url)
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)
    page.goto(base + page_name, wait_until="load")
    return page


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in json.loads(result)["violations"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_are_accessible_and_load_nothing_from_elsewhere(example_site, browser, width: str, scheme: str) -> None:
    base, pages = example_site
    assert len(pages) >= 5, pages
    found = {}
    for name in pages:
        page = _open(browser, base, name, width=width, scheme=scheme)
        elsewhere = [url for url in page.requests if not url.startswith(base)]
        violations = _axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.context.close()
        problems = violations + [f"requested {url}" for url in elsewhere]
        if width == "phone" and overflow > 0:
            problems.append(f"scrolls sideways by {overflow} px")
        if problems:
            found[name] = problems
    assert found == {}


def test_lab_pages_are_accessible_at_both_widths(tmp_path: Path, browser) -> None:
    """The lab example's people cards, member pages and lists: no axe violation, nothing from
    elsewhere, no sideways scrolling on a phone (desktop light, phone dark)."""
    srcdir = tmp_path / "example_lab"
    shutil.copytree(ROOT / "example_lab", srcdir, ignore=shutil.ignore_patterns("_build"))
    built = run_build(srcdir, "html")
    assert built.warning_lines() == [], built.warnings
    pages = [p.relative_to(built.outdir).as_posix() for p in html_pages(built.outdir)]
    pages = [p for p in pages if not p.startswith("pub/") and p not in {"genindex.html", "search.html"}]
    assert "people.html" in pages and any(p.startswith("people/") for p in pages), pages
    found = {}
    with serve(built.outdir) as base:
        for width, scheme in (("desktop", "light"), ("phone", "dark")):
            for name in pages:
                page = _open(browser, base, name, width=width, scheme=scheme)
                problems = _axe_violations(page) + [f"requested {u}" for u in page.requests if not u.startswith(base)]
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                page.context.close()
                if width == "phone" and overflow > 0:
                    problems.append(f"scrolls sideways by {overflow} px")
                if problems:
                    found[(width, name)] = problems
    assert found == {}


def test_without_javascript_everything_is_readable_and_details_open(example_site, browser) -> None:
    base, pages = example_site
    for name in pages:
        page = _open(browser, base, name, java_script_enabled=False)
        # Every component and every block of text is on screen (nothing waits for a script).
        hidden = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                 'main p, main li, main h1, main h2, main h3, main table, main figure, main time,'
                 + '[class^="sr-"], [class*=" sr-"]'))
               .filter(e => !e.closest('details:not([open])') && !e.closest('.sr-copy'))
               .filter(e => e.getClientRects().length === 0 || getComputedStyle(e).visibility === 'hidden')
               .map(e => e.tagName + '.' + e.className)"""
        )
        assert hidden == [], f"{name}: not shown without JavaScript: {hidden[:5]}"
        summaries = page.locator("details > summary")
        for index in range(summaries.count()):
            summary = summaries.nth(index)
            summary.scroll_into_view_if_needed()
            summary.click()
            assert summary.evaluate("s => s.parentElement.open"), f"{name}: a <details> does not open"
            body_height = summary.evaluate("s => s.parentElement.getBoundingClientRect().height - s.offsetHeight")
            assert body_height > 0, f"{name}: an opened <details> shows nothing"
        page.context.close()


def test_copy_bibtex_by_mouse_and_by_keyboard(example_site, browser) -> None:
    base, _pages = example_site
    page = _open(browser, base, "index.html", permissions=["clipboard-read", "clipboard-write"])
    block = page.locator(".sr-bibtex").first
    block.locator("summary").click()
    button = block.locator("button.sr-copy")
    assert button.is_visible() and button.is_enabled()
    entry = block.locator("pre").inner_text().strip()
    assert entry.startswith("@") and "title" in entry

    button.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == entry

    page.evaluate("navigator.clipboard.writeText('')")
    # Reached with Tab from the summary, pressed with the keyboard alone.
    block.locator("summary").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    assert button.evaluate("b => b === document.activeElement"), "the copy button is not reachable with Tab"
    page.keyboard.press("Enter")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    assert page.evaluate("navigator.clipboard.readText()").strip() == entry
    page.context.close()


HOSTILE = {
    "conf.py": """\
        extensions = ["sphinx_researcher"]
        researcher_name = "Eve <script>window.__pwned=1</script>"
        researcher_bibtex_files = ["papers.bib"]
        researcher_profile = {
            "role": "<img src=x onerror=window.__pwned=1>",
            "links": {"Blog": "javascript:window.__pwned=1"},
        }
        html_theme = "researcher"
        suppress_warnings = ["researcher"]
        """,
    "papers.bib": """\
        @inproceedings{evil,
          title = {<svg onload=window.__pwned=1>},
          author = {Eve <b onmouseover=window.__pwned=1>X</b>},
          booktitle = {"><script>window.__pwned=1</script>},
          url = {javascript:window.__pwned=1},
          abstract = {<iframe src=javascript:window.__pwned=1></iframe>},
          year = {2024},
        }
        """,
    "index.md": """\
        # Home

        ```{profile}
        :name: "<script>window.__pwned=1</script>"
        :links: x=" onfocus=window.__pwned=1 autofocus x="
        ```

        ```{news}
        - 2024-01: Item {badge}`a<b>|<img src=x onerror=window.__pwned=1> <javascript:window.__pwned=1>`
        ```

        ```{publications}
        ```

        ```{publication} other
        :title: <img src=x onerror=window.__pwned=1>
        :authors: A<script>window.__pwned=1</script>
        :year: 2024
        :links: x=javascript:window.__pwned=1
        :tldr: <script>window.__pwned=1</script>
        ```
        """,
}


def test_hostile_input_runs_nothing(tmp_path: Path, browser) -> None:
    write_project(tmp_path / "hostile", HOSTILE)
    built = run_build(tmp_path / "hostile", "html")
    with serve(built.outdir) as base:
        papers = [p.relative_to(built.outdir).as_posix() for p in (built.outdir / "pub").glob("*.html")]
        assert papers
        for name in ["index.html", *papers]:
            page = _open(browser, base, name)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss()))
            # Hover, focus and open everything a payload could hang on.
            for summary in page.locator("summary").all():
                summary.click()
            for element in page.locator("main *").all()[:200]:
                element.dispatch_event("mouseover")
            assert page.evaluate("window.__pwned === undefined"), f"{name}: a payload ran"
            assert dialogs == []
            script_urls = page.evaluate(
                "Array.from(document.querySelectorAll('[href],[src]'))"
                ".filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src'))).length"
            )
            assert script_urls == 0
            page.context.close()
