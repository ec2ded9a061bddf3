"""researcher_analytics: off by default; GoatCounter, Plausible or Umami when asked; validated."""

from __future__ import annotations

import pytest

from sphinx_researcher.model.analytics import parse_analytics

CONF = 'extensions = ["sphinx_researcher"]\nhtml_theme = "{theme}"\nresearcher_analytics = {value}\n'
PAGES = {"index.md": "# Home\n\n```{toctree}\n:hidden:\n\nother\n```\n", "other.md": "# Other\n\nText.\n"}


def _remote_scripts(built, page: str = "index") -> list[dict[str, str]]:
    return [
        dict(s.attrs) for s in built.soup(page).select("script[src]")
        if s["src"].startswith(("https:", "http:", "//"))
    ]


def test_off_by_default(build) -> None:
    built = build(PAGES)
    assert _remote_scripts(built) == []


@pytest.mark.parametrize(
    ("value", "src", "attribute", "expected"),
    [
        ({"provider": "goatcounter", "code": "janedoe"}, "https://gc.zgo.at/count.js",
         "data-goatcounter", "https://janedoe.goatcounter.com/count"),
        ({"provider": "plausible", "domain": "jane.example.org"}, "https://plausible.io/js/script.js",
         "data-domain", "jane.example.org"),
        ({"provider": "umami", "website_id": "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b",
          "script": "https://stats.example.org/script.js"}, "https://stats.example.org/script.js",
         "data-website-id", "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b"),
    ],
)
@pytest.mark.parametrize("theme", ["researcher", "alabaster"])
def test_each_provider_is_one_script_on_every_page(build, value, src, attribute, expected, theme) -> None:
    built = build({**PAGES, "conf.py": CONF.format(theme=theme, value=repr(value))})
    assert built.warning_lines() == []
    for page in ("index", "other", "search"):
        [script] = _remote_scripts(built, page)
        assert script["src"] == src and script[attribute] == expected
        assert "async" in script or "defer" in script


def test_not_in_an_epub(build) -> None:
    conf = CONF.format(theme="alabaster", value=repr({"provider": "goatcounter", "code": "janedoe"}))
    built = build({**PAGES, "conf.py": conf}, buildername="epub")
    assert "goatcounter" not in (built.outdir / "index.xhtml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"provider": "google"}, "'provider' must be one of"),
        ({"provider": "goatcounter"}, "needs a valid 'code'"),
        ({"provider": "goatcounter", "code": "x\"><script>"}, "needs a valid 'code'"),
        ({"provider": "plausible", "domain": "jane.example.org", "script": "javascript:alert(1)"}, "https:// URL"),
        ({"provider": "plausible", "domain": "jane.example.org", "script": "http://plausible.io/js/s.js"}, "https://"),
        ({"provider": "umami", "website_id": "not-a-uuid"}, "needs a valid 'website_id'"),
        ({"provider": "umami", "website_id": "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b", "track": "all"}, "unknown keys"),
        ({"provider": "goatcounter", "code": 5}, "must be strings"),
    ],
)
def test_a_bad_value_is_a_located_warning_and_nothing_is_loaded(build, value, problem) -> None:
    built = build({**PAGES, "conf.py": CONF.format(theme="researcher", value=repr(value))})
    [line] = built.warning_lines()
    assert "conf.py:3:" in line and problem in line and line.endswith("[researcher.config]")
    assert _remote_scripts(built) == []


def test_parse_analytics_off_when_empty() -> None:
    assert parse_analytics({}) is None
    custom = parse_analytics({"provider": "goatcounter", "code": "lab", "endpoint": "https://stats.lab.org/count"})
    assert custom is not None and custom.attributes == {"data-goatcounter": "https://stats.lab.org/count"}
