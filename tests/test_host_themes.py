"""The components under every host theme: the same structure under alabaster, furo,
pydata-sphinx-theme, sphinx-book-theme, sphinx-rtd-theme and researcher (a theme that is not
installed is skipped), and, where Debian chromium is there, the layout a reader sees: no
bullets, icons beside their text, dates on their item's line, an unbroken timeline."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PNG, run_build, write_project

THEMES = {
    "researcher": "sphinx_researcher",
    "alabaster": "alabaster",
    "furo": "furo",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
}

CONF = """\
extensions = ["sphinx_researcher"]
project = "Jane Q. Doe"
researcher_name = "Jane Q. Doe"
researcher_profile = {{
    "photo": "me.png", "role": "PhD candidate", "affiliation": "Example University",
    "email": "jane@example.org", "location": "Example City",
    "links": {{"github": "janedoe", "orcid": "0000-0002-1825-0097", "scholar": "XXXX"}},
}}
html_theme = "{theme}"
"""

PAGE = """\
# Home

```{profile}
Bio.
```

## News

```{news}
- 2024-05: A first item that is long enough to wrap onto a second line on a narrow column of text.
- 2024-02-14: A second item.
- 2023: A third item.
```

## Publications

```{publication} doe2024
:title: Sparse Experts
:authors: Jane Q. Doe*, Wei Zhang*
:venue: CVPR
:year: 2024
:code: https://github.com/janedoe/sparse
:arxiv: 2405.01234
```

## Education

```{timeline}
- 2021-09 – present: Ph.D., Example University, a long line of text that wraps in the column.
- 2017-09 – 2021-06: B.Eng., Example University.
- 2016: An award.
```

{badge}`license|MIT`
"""


def _installed(theme: str) -> bool:
    return importlib.util.find_spec(THEMES[theme]) is not None


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built: dict[str, Path] = {}
    for theme in THEMES:
        if not _installed(theme):
            continue
        srcdir = tmp_path_factory.mktemp(f"theme-{theme}") / "src"
        write_project(srcdir, {"conf.py": CONF.format(theme=theme), "index.md": PAGE, "me.png": PNG})
        result = run_build(srcdir)
        assert [line for line in result.warning_lines() if "sphinx_researcher" in line or "researcher." in line] == []
        built[theme] = result.outdir
    return built


@pytest.mark.parametrize("theme", list(THEMES))
def test_same_structure_under_every_theme(sites: dict[str, Path], theme: str) -> None:
    if theme not in sites:
        pytest.skip(f"{theme} is not installed")
    outdir = sites[theme]
    soup = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one(".sr-profile")
    assert card.select_one("ul.sr-profile-contact > li").get_text(strip=True) == "Example City"
    assert len(card.select("ul.sr-profile-links > li > a.sr-profile-link svg.sd-octicon")) == 3
    assert len(soup.select(".sr-news ul.sr-news-list > li.sr-news-item > time.sr-date + .sr-news-body")) == 3
    assert len(soup.select("ul.sr-timeline > li.sr-timeline-entry > .sr-date + .sr-timeline-body")) == 3
    article = soup.select_one("article.sr-publication")
    assert [a.get_text(strip=True) for a in article.select(".sr-pub-links a.sr-pub-link")][:1] == ["arXiv"]
    assert soup.select_one(".sr-badge svg[role=img]") is not None
    assert len(soup.select("section#home > h1")) == 1
    head = str(soup.head)
    assert "_static/sphinx-researcher.css" in head and "sphinx-design.min.css" not in head
    assert (outdir / "_static" / "sphinx-researcher.css").is_file()


# Measures what a reader sees; writes the findings into the page as JSON for --dump-dom.
PROBE = """
<script>
window.addEventListener("load", () => {
  const box = (el) => el.getBoundingClientRect();
  const out = {bullets: [], icons: [], dates: [], gaps: []};
  document.querySelectorAll(".sr-profile-contact > li, .sr-profile-links > li, .sr-news-item, .sr-timeline-entry")
    .forEach((li) => {
      const style = getComputedStyle(li);
      if (style.listStyleType !== "none" && style.display === "list-item") out.bullets.push(li.textContent);
    });
  document.querySelectorAll(".sr-profile-contact > li, .sr-profile-link").forEach((el) => {
    const icon = el.querySelector("svg"), text = el.querySelector("span");
    const a = box(icon), b = box(text);
    out.icons.push(Math.round(Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2)));
    if (a.right > b.left + 1) out.icons.push(999);
  });
  document.querySelectorAll(".sr-news-item, .sr-timeline-entry").forEach((li) => {
    const date = li.querySelector(".sr-date"), first = li.querySelector(".sr-news-body > *, .sr-timeline-body > *");
    const line = parseFloat(getComputedStyle(first).lineHeight) || 20;
    const dateStyle = getComputedStyle(date);
    const dateLine = parseFloat(dateStyle.lineHeight) || 16;
    const dateTop = box(date).top + parseFloat(dateStyle.paddingTop);
    // Compare the middles of the first lines: the date and the text beside it.
    out.dates.push(Math.round(Math.abs((dateTop + dateLine / 2) - (box(first).top + line / 2))));
  });
  document.querySelectorAll(".sr-timeline-entry").forEach((li) => {
    // The line is drawn over each entry's whole height (so a host's margins cannot cut it).
    const line = getComputedStyle(li, "::after");
    if (line.content === "none" || line.position !== "absolute" || line.top !== "0px" || line.bottom !== "0px")
      out.gaps.push("no line over the whole entry");
  });
  document.querySelectorAll(".sr-timeline").forEach((ul) => {
    const items = Array.from(ul.children);
    for (let i = 1; i < items.length; i++) out.gaps.push(Math.round(box(items[i]).top - box(items[i - 1]).bottom));
  });
  const pre = document.createElement("pre");
  pre.id = "sr-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.parametrize("theme", list(THEMES))
def test_layout_under_every_theme(sites: dict[str, Path], theme: str, tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Debian chromium is not installed")
    if theme not in sites:
        pytest.skip(f"{theme} is not installed")
    page = sites[theme] / "index.html"
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path}",
        "--window-size=1280,2000", "--virtual-time-budget=3000", "--dump-dom", probe.as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False).stdout
    found = BeautifulSoup(dom, "html.parser").select_one("#sr-probe")
    assert found is not None, dom[-2000:]
    result = json.loads(found.get_text())
    assert result["bullets"] == [], result
    assert result["icons"] and max(result["icons"]) <= 3, result  # icon beside its text, centred on it
    assert len(result["dates"]) == 6 and max(result["dates"]) <= 4, result  # the date on its item's first line
    assert result["gaps"] == [0, 0], result  # the timeline's line runs on between entries
