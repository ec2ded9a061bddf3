"""``sphinx-researcher metrics`` against a fake of every API on 127.0.0.1."""

from __future__ import annotations

import json
import os
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_apis import (
    FakeApis,
    crossref_work,
    fake_apis,
    garbage,
    github_repo,
    ok,
    openalex_author,
    openalex_work,
    point_services_at,
    refused_url,
    s2_paper,
    slow,
    status,
)

from sphinx_researcher.cli import main

TODAY = datetime.now(UTC).date().isoformat()
DOI = "10.1109/CVPR.2024.00001"
ARXIV = "2405.01234"

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
researcher_profile = {"links": {"orcid": "0000-0002-1825-0097"}}
researcher_metrics_mailto = "jane@example.org"
"""

BIB = f"""\
@inproceedings{{doe2024sparse,
  title = {{Sparse Experts}},
  author = {{Doe, Jane Q. and Zhang, Wei}},
  booktitle = {{CVPR}},
  year = {{2024}},
  doi = {{{DOI}}},
  code = {{https://github.com/janedoe/sparse-experts}},
}}
"""

INDEX = f"""\
# Home

Cited {{metric}}`citations` times, h-index {{metric}}`h-index`, tools {{metric}}`stars:janedoe/tools`.

```{{publication}} doe2024sparse
```

```{{publication}} doe2024tiny
:title: Tiny Routers
:authors: Jane Q. Doe
:year: 2024
:arxiv: {ARXIV}
:github: janedoe/tiny-routers
```
"""


def write_site(folder: Path, metrics: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF, encoding="utf-8")
    (folder / "papers.bib").write_text(BIB, encoding="utf-8")
    (folder / "index.md").write_text(INDEX, encoding="utf-8")
    if metrics is not None:
        (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    return folder


def serve_all(fake: FakeApis) -> None:
    """Every figure answered: stars 42/7/3, citations 17 (DOI) and 5 (arXiv), totals."""
    fake.routes["/repos/janedoe/sparse-experts"] = [ok(github_repo("janedoe/sparse-experts", 42))]
    fake.routes["/repos/janedoe/tiny-routers"] = [ok(github_repo("janedoe/tiny-routers", 7))]
    fake.routes["/repos/janedoe/tools"] = [ok(github_repo("janedoe/tools", 3))]
    fake.routes[f"/works/doi:{DOI}"] = [ok(openalex_work(DOI, 17))]
    fake.routes[f"/works/doi:10.48550/arXiv.{ARXIV}"] = [ok(openalex_work(f"10.48550/arXiv.{ARXIV}", 5))]
    fake.routes["/authors/orcid:0000-0002-1825-0097"] = [ok(openalex_author(1234, 12, 42))]


@pytest.fixture(autouse=True)
def same_day(monkeypatch: pytest.MonkeyPatch):
    """The run's date is the one the expected figures carry, also when a test runs across midnight."""
    from sphinx_researcher.cli import metrics

    monkeypatch.setattr(metrics, "today", lambda: TODAY)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Every service points at 127.0.0.1 even in tests that expect no request at all."""
    point_services_at(monkeypatch, refused_url())


@pytest.fixture
def apis(monkeypatch: pytest.MonkeyPatch):
    with fake_apis() as fake:
        point_services_at(monkeypatch, fake.url)
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_TIMEOUT", "0.3")
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_RETRIES", "1")
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_BACKOFF", "0")
        for token in ("GITHUB_TOKEN", "OPENALEX_API_KEY", "S2_API_KEY"):
            monkeypatch.delenv(token, raising=False)
        yield fake


def run_metrics(site: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["metrics", "--site", str(site), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def stored(site: Path) -> dict:
    return json.loads((site / "metrics.json").read_text(encoding="utf-8"))


def figure(value: int, source: str, date: str = TODAY) -> dict:
    return {"value": value, "date": date, "source": source}


OLD = "2026-01-01"
PREVIOUS = {
    "version": 1,
    "profile": {"citations": figure(1000, "OpenAlex", OLD), "h-index": figure(10, "OpenAlex", OLD),
                "works": figure(40, "OpenAlex", OLD)},
    "repos": {"janedoe/sparse-experts": figure(40, "GitHub", OLD), "janedoe/tiny-routers": figure(6, "GitHub", OLD),
              "janedoe/tools": figure(3, "GitHub", OLD)},
    "papers": {"doe2024sparse": {"doi": DOI, "citations": figure(15, "OpenAlex", OLD)},
               "doe2024tiny": {"arxiv": ARXIV, "citations": figure(4, "OpenAlex", OLD)}},
}


def test_writes_every_figure_with_date_and_source(tmp_path, apis, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret_token_value")
    monkeypatch.setenv("OPENALEX_API_KEY", "openalex-secret-key")
    site = write_site(tmp_path / "site")
    serve_all(apis)
    code, out, err = run_metrics(site, capsys)
    assert code == 0, err
    assert stored(site) == {
        "version": 1,
        "profile": {"citations": figure(1234, "OpenAlex"), "h-index": figure(12, "OpenAlex"),
                    "works": figure(42, "OpenAlex")},
        "repos": {"janedoe/sparse-experts": figure(42, "GitHub"), "janedoe/tiny-routers": figure(7, "GitHub"),
                  "janedoe/tools": figure(3, "GitHub")},
        "papers": {"doe2024sparse": {"doi": DOI, "citations": figure(17, "OpenAlex")},
                   "doe2024tiny": {"arxiv": ARXIV, "citations": figure(5, "OpenAlex")}},
    }
    assert out.strip() == "metrics.json: 8 fetched, 0 unchanged, 0 failed"
    assert err == ""
    # Tokens go to the services only, in headers or parameters, and are written nowhere.
    github = apis.requests_to("/repos/")[0]
    assert github.headers["Authorization"] == "Bearer ghp_secret_token_value"
    work = apis.requests_to("/works/")[0]
    assert work.query["mailto"] == ["jane@example.org"] and work.query["api_key"] == ["openalex-secret-key"]
    text = (site / "metrics.json").read_text(encoding="utf-8")
    assert "secret" not in text + out + err
    # A second run finds the same figures: unchanged.
    code, out, _err = run_metrics(site, capsys)
    assert (code, out.strip()) == (0, "metrics.json: 0 fetched, 8 unchanged, 0 failed")


def test_citations_fall_back_to_semantic_scholar_then_crossref(tmp_path, apis, capsys, monkeypatch):
    monkeypatch.setenv("S2_API_KEY", "s2-secret")
    site = write_site(tmp_path / "site")
    serve_all(apis)
    apis.routes[f"/works/doi:{DOI}"] = [status(500)]  # OpenAlex down for the DOI
    apis.routes[f"/graph/v1/paper/DOI:{DOI}"] = [garbage()]  # Semantic Scholar answers garbage
    apis.routes[f"/works/{DOI}"] = [ok(crossref_work(DOI, 9))]
    del apis.routes[f"/works/doi:10.48550/arXiv.{ARXIV}"]  # OpenAlex does not know the preprint
    apis.routes[f"/graph/v1/paper/ARXIV:{ARXIV}"] = [ok(s2_paper(6))]
    code, _out, err = run_metrics(site, capsys)
    papers = stored(site)["papers"]
    assert papers["doe2024sparse"]["citations"] == figure(9, "Crossref")
    assert papers["doe2024tiny"]["citations"] == figure(6, "Semantic Scholar")
    assert code == 0  # every figure was fetched, from some source
    lines = err.strip().splitlines()
    assert len(lines) == 2, err  # one line per service that failed
    assert "OpenAlex: 1 request(s) failed (HTTP 500" in lines[0]
    assert "Semantic Scholar: 1 request(s) failed (answer is not valid JSON" in lines[1]
    assert apis.requests_to("/graph/v1/paper/")[0].headers["x-api-key"] == "s2-secret"
    assert apis.requests_to("/works/10.")[0].query["mailto"] == ["jane@example.org"]  # Crossref's polite pool


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    from sphinx_researcher.cli.metrics import progress

    with progress(2) as bar:
        bar.update(2)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with progress(2) as bar:
        bar.update(2)
    assert "metrics" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (slow(ok(github_repo("janedoe/sparse-experts", 99)), 1.0), "no answer within 0.3 s"),
        (status(500), "HTTP 500"),
        (status(503, Retry_After="3600"), "rate limited (Retry-After 3600 s)"),
        (garbage(), "answer is not valid JSON"),
        (ok({"message": "Not Found", "stargazers_count": "many"}), "unexpected answer"),
    ],
    ids=["slow", "500", "429-too-long", "garbage", "wrong-shape"],
)
def test_failing_service_keeps_previous_value(tmp_path, apis, capsys, answer, message):
    site = write_site(tmp_path / "site", PREVIOUS)
    serve_all(apis)
    apis.routes["/repos/janedoe/sparse-experts"] = [answer]
    started = time.monotonic()
    code, out, err = run_metrics(site, capsys)
    assert time.monotonic() - started < 8
    assert code == 3
    data = stored(site)
    assert data["repos"]["janedoe/sparse-experts"] == figure(40, "GitHub", OLD)  # the previous value
    assert data["repos"]["janedoe/tiny-routers"] == figure(7, "GitHub")  # the others refreshed
    assert data["profile"]["citations"] == figure(1234, "OpenAlex")
    [line] = err.strip().splitlines()
    assert line.startswith("sphinx-researcher: warning: GitHub: 1 request(s) failed") and message in line
    assert "Traceback" not in err
    assert out.strip().endswith("1 failed")


def test_429_with_retry_after_is_waited_for(tmp_path, apis, capsys):
    site = write_site(tmp_path / "site")
    serve_all(apis)
    apis.routes["/repos/janedoe/sparse-experts"] = [
        status(429, Retry_After="1"), ok(github_repo("janedoe/sparse-experts", 42))
    ]
    started = time.monotonic()
    code, _out, err = run_metrics(site, capsys)
    assert time.monotonic() - started >= 1.0  # it slept as told, then asked again
    assert code == 0, err
    assert stored(site)["repos"]["janedoe/sparse-experts"] == figure(42, "GitHub")
    assert len(apis.requests_to("/repos/janedoe/sparse-experts")) == 2


def test_refused_connections_keep_everything(tmp_path, apis, capsys, monkeypatch):
    site = write_site(tmp_path / "site", PREVIOUS)
    dead = refused_url()
    for service in ("GITHUB", "OPENALEX", "SEMANTICSCHOLAR", "CROSSREF"):
        monkeypatch.setenv(f"SPHINX_RESEARCHER_{service}_API", dead)
    before = (site / "metrics.json").read_text(encoding="utf-8")
    code, out, err = run_metrics(site, capsys)
    assert code == 3
    assert stored(site) == PREVIOUS or stored(site) == json.loads(before)
    lines = err.strip().splitlines()
    assert [line.split(":")[2].strip() for line in lines] == ["Crossref", "GitHub", "OpenAlex", "Semantic Scholar"]
    assert all("cannot connect" in line for line in lines)
    assert out.strip() == "metrics.json: 0 fetched, 0 unchanged, 8 failed"


def test_partial_failure_in_the_middle_of_a_run(tmp_path, apis, capsys, monkeypatch):
    """One worker at a time: the second of three repositories fails, the third still comes."""
    monkeypatch.setenv("SPHINX_RESEARCHER_CONCURRENCY", "1")
    site = write_site(tmp_path / "site", PREVIOUS)
    serve_all(apis)
    apis.routes["/repos/janedoe/tiny-routers"] = [status(502)]
    code, _out, _err = run_metrics(site, capsys)
    repos = stored(site)["repos"]
    assert code == 3
    assert repos == {"janedoe/sparse-experts": figure(42, "GitHub"), "janedoe/tiny-routers": figure(6, "GitHub", OLD),
                     "janedoe/tools": figure(3, "GitHub")}


def test_interrupt_during_the_write_leaves_the_old_file(tmp_path, apis, capsys, monkeypatch):
    site = write_site(tmp_path / "site", PREVIOUS)
    serve_all(apis)
    before = (site / "metrics.json").read_bytes()

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _out, err = run_metrics(site, capsys)
    assert code == 130 and err.strip() == "sphinx-researcher: interrupted"
    assert (site / "metrics.json").read_bytes() == before
    assert sorted(p.name for p in site.iterdir()) == ["conf.py", "index.md", "metrics.json", "papers.bib"]


def test_no_site_is_one_line(tmp_path, capsys):
    code, _out, err = run_metrics(tmp_path, capsys)
    assert code == 1
    expected = f"sphinx-researcher: error: no conf.py in {tmp_path}: give the site's folder with --site"
    assert err.strip().splitlines() == [expected]


def test_a_site_without_the_extension_is_one_line(tmp_path, capsys):
    (tmp_path / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    code, _out, err = run_metrics(tmp_path, capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "does not load the sphinx_researcher" in err


def test_broken_conf_is_one_line(tmp_path, capsys):
    (tmp_path / "conf.py").write_text("extensions = [\n", encoding="utf-8")
    code, _out, err = run_metrics(tmp_path, capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1 and err.startswith("sphinx-researcher: error: cannot read")


def test_mailto_option_wins(tmp_path, apis, capsys):
    site = write_site(tmp_path / "site")
    serve_all(apis)
    run_metrics(site, capsys, "--mailto", "other@example.org")
    assert {tuple(r.query.get("mailto", [])) for r in apis.requests_to("/works/")} == {("other@example.org",)}
    assert "other@example.org" in apis.requests_to("/repos/")[0].headers["User-Agent"]


def test_malformed_previous_file_is_a_warning_and_replaced(tmp_path, apis, capsys):
    site = write_site(tmp_path / "site")
    (site / "metrics.json").write_text(textwrap.dedent("""\
        {"version": 1,
         "repos": {"janedoe/tools": {"value": "three", "date": "2026-01-01", "source": "GitHub"}}}
    """), encoding="utf-8")
    serve_all(apis)
    code, _out, err = run_metrics(site, capsys)
    assert code == 0
    assert err.strip() == (f"sphinx-researcher: warning: {site / 'metrics.json'}:2: "
                           "repo 'janedoe/tools': value 'three' is not a count")
    assert stored(site)["repos"]["janedoe/tools"] == figure(3, "GitHub")


def test_totals_without_an_author_id_are_kept(tmp_path, apis, capsys):
    site = write_site(tmp_path / "site", PREVIOUS)
    (site / "conf.py").write_text(CONF.replace('{"links": {"orcid": "0000-0002-1825-0097"}}', "{}"), encoding="utf-8")
    serve_all(apis)
    code, out, _err = run_metrics(site, capsys)
    assert code == 0 and out.strip() == "metrics.json: 4 fetched, 1 unchanged, 0 failed"
    assert stored(site)["profile"] == PREVIOUS["profile"]
    assert apis.requests_to("/authors/") == []
