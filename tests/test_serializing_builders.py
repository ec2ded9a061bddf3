"""The json and pickle builders (sphinxcontrib-serializinghtml) write each page's context:
a site with the researcher theme, a profile and a long publication list builds with them."""

from __future__ import annotations

import json
import pickle

import pytest

CONF = """\
extensions = ["sphinx_researcher"]
html_theme = "researcher"
researcher_name = "Jane Q. Doe"
researcher_profile = {"role": "PhD student", "photo": "me.png", "email": "jane@example.org"}
researcher_bibtex_files = ["refs.bib"]
html_baseurl = "https://jane.example.org/"
"""
BIB = "\n".join(f"@article{{p{n}, title = {{Paper {n}}}, author = {{Doe, Jane Q.}}, journal = {{J}}, year = 2020}}"
                for n in range(30))
INDEX = "# Jane Q. Doe\n\n```{profile}\n```\n\n```{publications}\n```\n"


@pytest.mark.parametrize("builder", ["json", "pickle"])
def test_a_researcher_site_builds_with_the_serializing_builders(build, builder: str, monkeypatch) -> None:
    from sphinx_researcher.html import late_body

    monkeypatch.setattr(late_body, "LONG_BODY", 1000)  # long for the html builders; these have no late body
    from conftest import PNG

    built = build({"conf.py": CONF, "refs.bib": BIB, "index.md": INDEX, "me.png": PNG}, builder,
                  confoverrides={"html_theme": "researcher"})
    assert built.warning_lines() == []
    if builder == "json":
        page = json.loads((built.outdir / "index.fjson").read_text(encoding="utf-8"))
    else:
        page = pickle.loads((built.outdir / "index.fpickle").read_bytes())
    assert page["body"].count('class="sr-publication"') == 30
    assert "Paper 29" in page["body"] and "sr-late-body" not in page["body"]
