"""Every page is valid HTML by the Nu HTML checker (the W3C validator), run here offline.

The example site must have no error at all. Under furo and pydata-sphinx-theme, our
components may add no error: the stock theme's own errors (measured on the same pages
without our components) are subtracted, since they are not ours to fix.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, run_build, write_project
from web_tools import VNU_JAR, html_pages, require, require_validator

pytestmark = pytest.mark.browser


def validator_errors(outdir: Path) -> list[str]:
    """``page: message`` for every error the checker finds in the site's pages."""
    pages = html_pages(outdir)
    assert pages, f"no page in {outdir}"
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = []
    for message in messages:
        if message.get("type") in {"error", "non-document-error"} or message.get("subType") == "fatal":
            page = Path(message.get("url", "").removeprefix("file:")).relative_to(outdir).as_posix()
            errors.append(f"{page}: {message['message']}")
    return errors


@pytest.mark.parametrize(("example", "pages"), [("example_site", 8), ("example_lab", 10)])
def test_example_sites_have_no_validator_error(tmp_path: Path, example: str, pages: int) -> None:
    """The homepage, and the lab (people cards, member pages with their own lists, co-author links)."""
    require_validator()
    srcdir = tmp_path / example
    shutil.copytree(ROOT / example, srcdir, ignore=shutil.ignore_patterns("_build"))
    built = run_build(srcdir, "html")
    assert built.warning_lines() == [], built.warnings
    assert len(html_pages(built.outdir)) >= pages
    assert validator_errors(built.outdir) == []


COMPONENTS = """\
# Jane Q. Doe

```{profile}
:role: PhD candidate
:email: jane@example.org
:links: github=janedoe, orcid=0000-0002-1825-0097

A short bio.
```

## News

```{news}
:limit: 1

- 2024-05: A paper is accepted.
- 2023-01: Older news.
```

## Publications

```{publication} doe2024
:title: Sparse Experts
:authors: Jane Q. Doe*, Wei Zhang†
:venue: CVPR
:year: 2024
:arxiv: 2405.01234
:code: https://github.com/janedoe/x
:tldr: Faster.

An abstract.
```

{badge}`label|message`

## Education

```{timeline}
- 2019-09 – present: Ph.D., Example University.
```
"""

# The same page written without our components: what the stock theme produces alone.
STOCK = """\
# Jane Q. Doe

A short bio.

## News

- May 2024: A paper is accepted.

## Publications

Sparse Experts. Jane Q. Doe, Wei Zhang. CVPR, 2024.

## Education

- 2019–present: Ph.D., Example University.
"""


def _errors_under(tmp_path: Path, theme: str, page: str) -> Counter[str]:
    conf = f'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\nhtml_theme = "{theme}"\n'
    srcdir = tmp_path / f"{theme}-{len(list(tmp_path.iterdir()))}"
    write_project(srcdir, {"conf.py": conf, "index.md": page})
    built = run_build(srcdir, "html")
    assert built.warning_lines() == [], built.warnings
    # Messages without their page or position: the same kind of error, counted.
    return Counter(error.split(": ", 1)[1] for error in validator_errors(built.outdir))


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme"])
def test_components_add_no_validator_error_under_host_themes(tmp_path: Path, theme: str) -> None:
    require_validator()
    try:
        __import__(theme)
    except ImportError:
        require(False, f"the {theme} package")
    baseline = _errors_under(tmp_path, theme, STOCK)
    ours = _errors_under(tmp_path, theme, COMPONENTS)
    assert ours - baseline == Counter(), f"stock {theme} alone: {dict(baseline)}"
