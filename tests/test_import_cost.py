"""A list-only build imports only the parts of the extension it uses (issue 14: set-up cost).

The build runs in a fresh interpreter, so ``sys.modules`` holds what that build imported and
nothing an earlier test did.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import write_project

# Each is imported where it is used: LaTeX, metrics, badges, news and timeline dates, :filter:
# options, per-paper pages, analytics, a registry file. A plain {publications} list uses none.
LAZY = (
    "sphinx_researcher.render.cv_latex",
    "sphinx_researcher.render.standard_links",
    "sphinx_researcher.render.metrics_html",
    "sphinx_researcher.render.badges",
    "sphinx_researcher.render.dates",
    "sphinx_researcher.render.citations",
    "sphinx_researcher.html.page_shell",
    "sphinx_researcher.directives.dated_list",
    "sphinx_researcher.parsing.filters",
    "sphinx_researcher.parsing.news_filter",
    "sphinx_researcher.parsing.metrics",
    "sphinx_researcher.parsing.people_files",
    "sphinx_researcher.model.analytics",
    "sphinx_researcher.model.metrics",
    "sphinx_researcher.model.news",
    "sphinx_researcher.model.dates",
    "babel.numbers",
)

# Sphinx's own command line, then every module the process imported, one a line.
BUILD_AND_LIST = (
    "import sys\n"
    "from sphinx.cmd.build import main\n"
    "status = main(sys.argv[1:])\n"
    "print('\\n'.join(sorted(sys.modules)))\n"
    "sys.exit(status)\n"
)


def test_a_list_only_build_imports_none_of_the_rarely_used_modules(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write_project(src, {
        "conf.py": """
            extensions = ["sphinx_researcher"]
            researcher_bibtex_files = ["refs.bib"]
            researcher_publication_pages = False  # on by default; they need the page shell
        """,
        "refs.bib": """
            @article{lazy2024,
              author = {Doe, Jane and Roe, Richard},
              title = {Importing Only What Is Used},
              journal = {Journal of Quick Builds},
              year = {2024},
            }
        """,
        "index.md": """
            # Publications

            ```{publications}
            ```
        """,
    })
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_LIST, "-b", "html", "-q", str(src), str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    assert "Importing Only What Is Used" in (out / "index.html").read_text(encoding="utf-8")
    imported = set(done.stdout.split())
    assert "sphinx_researcher.directives.publications" in imported  # the listing is the build's
    assert sorted(name for name in LAZY if name in imported) == []
