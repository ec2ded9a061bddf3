"""Builds show the figures of the metrics file, dated, and never need the network."""

from __future__ import annotations

import json
import time

from conftest import run_build, write_project

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["papers.bib"]
version = copyright = "2026"
"""

BIB = """\
@inproceedings{doe2024sparse,
  title = {Sparse Experts},
  author = {Doe, Jane Q. and Zhang, Wei},
  booktitle = {CVPR},
  year = {2024},
  doi = {10.1109/CVPR.2024.00001},
  code = {https://github.com/janedoe/sparse-experts},
}
"""

INDEX = """\
# Home

Cited {metric}`citations` times; h-index {metric}`h-index`; {metric}`works` works;
tools: {metric}`stars:janedoe/tools`; this paper: {metric}`citations:doe2024sparse`.

```{publications}
```

```{toctree}
:hidden:
other
```
"""

OTHER = """\
# Other

No figures here.
"""


def figure(value, source="OpenAlex", date="2026-11-30"):
    return {"value": value, "date": date, "source": source}


METRICS = {
    "version": 1,
    "profile": {"citations": figure(1234), "h-index": figure(12), "works": figure(42)},
    "repos": {"janedoe/sparse-experts": figure(42, "GitHub"), "janedoe/tools": figure(3, "GitHub")},
    "papers": {"doe2024sparse": {"doi": "10.1109/CVPR.2024.00001", "citations": figure(17, "Crossref")}},
}


def files(metrics=METRICS, **extra):
    result = {"conf.py": CONF, "papers.bib": BIB, "index.md": INDEX, "other.md": OTHER}
    if metrics is not None:
        result["metrics.json"] = metrics if isinstance(metrics, str) else json.dumps(metrics, indent=1)
    result.update(extra)
    return result


def test_badges_and_role_show_value_date_and_source(build):
    built = build(files())
    assert built.warning_lines() == []
    soup = built.soup()
    links = soup.select_one(".sr-publication .sr-pub-links")
    stars = links.select_one("a.sr-metric-stars")
    assert stars["href"] == "https://github.com/janedoe/sparse-experts"
    assert stars["title"] == "GitHub stars: 42, as of 2026-11-30 (GitHub)"
    assert stars.svg["aria-label"] == stars["title"] and stars.svg["role"] == "img"
    assert stars.svg.title.string == stars["title"]
    cited = links.select_one(".sr-metric-citations")
    assert cited["title"] == "Citations: 17, as of 2026-11-30 (Crossref)"
    inline = {span["title"] for span in soup.select("p span.sr-metric")}
    assert inline == {
        "Citations: 1,234, as of 2026-11-30 (OpenAlex)", "h-index: 12, as of 2026-11-30 (OpenAlex)",
        "Works: 42, as of 2026-11-30 (OpenAlex)", "GitHub stars: 3, as of 2026-11-30 (GitHub)",
        "Citations: 17, as of 2026-11-30 (Crossref)",
    }
    first = soup.select_one("p span.sr-metric")
    assert first.select_one("[aria-hidden=true]").get_text() == "1,234"
    assert first.select_one(".sr-visually-hidden").get_text() == first["title"]
    assert "img.shields.io" not in built.html()


def test_missing_file_means_no_figures_and_no_warning(build):
    built = build(files(metrics=None))
    assert built.warning_lines() == []
    soup = built.soup()
    assert soup.select(".sr-metric, .sr-metric-badge") == []
    assert "Cited  times" in soup.get_text()


def test_malformed_file_is_a_located_warning(build):
    built = build(files(metrics='{"version": 1,\n "repos": {"janedoe/tools": {"value": -3}},\n'))
    [line] = built.warning_lines()
    assert "metrics.json:3" in line and "not valid JSON" in line and "[researcher.metrics]" in line
    assert built.soup().select(".sr-metric-badge") == []


def test_bad_item_is_located_and_the_rest_shown(build):
    bad = json.loads(json.dumps(METRICS))
    bad["repos"]["janedoe/tools"] = {"value": "3", "date": "2026-11-30", "source": "GitHub"}
    built = build(files(metrics=json.dumps(bad, indent=1)))
    lines = built.warning_lines()
    assert any("metrics.json:" in line and "repo 'janedoe/tools': value '3' is not a count" in line for line in lines)
    # The role that needs the bad figure says so at its own line; the rest still shows.
    assert any("index.md:3" in line and "metric 'stars:janedoe/tools' is not in the metrics file" in line
               for line in lines)
    assert built.soup().select_one("a.sr-metric-stars") is not None


def test_unknown_metric_name_is_a_warning(build):
    built = build(files(**{"index.md": "# Home\n\n{metric}`followers`\n\n```{toctree}\n:hidden:\nother\n```\n"}))
    [line] = built.warning_lines()
    assert "index.md:3" in line and "metric 'followers'" in line and "[researcher.option]" in line


def test_text_and_latex_show_plain_figures(build):
    text = build(files(), "text")
    assert text.warning_lines() == []
    body = text.text("index.txt")
    assert "Cited 1,234 times; h-index 12; 42 works" in body
    assert "GitHub stars: 42, as of 2026-11-30 (GitHub)" in " ".join(body.split())
    latex = build(files(), "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "1,234" in tex and "as of 2026\\sphinxhyphen{}11\\sphinxhyphen{}30" in tex


def test_every_builder_builds(build):
    for builder in ("dirhtml", "singlehtml", "epub", "man", "texinfo", "xml", "gettext"):
        built = build(files(), builder)
        assert built.warning_lines() == [], (builder, built.warnings)


def test_editing_the_file_rewrites_pages_with_figures(tmp_path):
    srcdir = tmp_path / "site"
    write_project(srcdir, files())
    outdir = tmp_path / "out"
    run_build(srcdir, outdir=outdir)
    other_before = (outdir / "html" / "other.html").stat().st_mtime_ns
    changed = json.loads(json.dumps(METRICS))
    changed["repos"]["janedoe/sparse-experts"] = figure(50, "GitHub", "2026-12-01")
    time.sleep(0.01)
    (srcdir / "metrics.json").write_text(json.dumps(changed), encoding="utf-8")
    built = run_build(srcdir, outdir=outdir)
    assert built.soup().select_one("a.sr-metric-stars")["title"] == "GitHub stars: 50, as of 2026-12-01 (GitHub)"
    assert (outdir / "html" / "other.html").stat().st_mtime_ns == other_before  # shows no figure
    (srcdir / "metrics.json").unlink()
    built = run_build(srcdir, outdir=outdir)
    assert built.soup().select(".sr-metric-badge") == [] and built.warning_lines() == []


def test_parallel_equals_serial(build):
    serial = build(files())
    parallel = build(files(), parallel=2)
    assert serial.soup().select_one(".sr-pub-links").decode() == parallel.soup().select_one(".sr-pub-links").decode()
    assert [s["title"] for s in serial.soup().select("span.sr-metric")] == \
        [s["title"] for s in parallel.soup().select("span.sr-metric")]


def test_metric_badge_draws_totals(build):
    index = "# Home\n\n{metric-badge}`citations` {metric-badge}`h-index` {metric-badge}`stars:janedoe/tools`\n"
    built = build(files(**{"index.md": index + "\n```{toctree}\n:hidden:\nother\n```\n"}))
    assert built.warning_lines() == []
    badges = built.soup().select("p .sr-metric-badge")
    assert [b["title"] for b in badges] == [
        "Citations: 1,234, as of 2026-11-30 (OpenAlex)", "h-index: 12, as of 2026-11-30 (OpenAlex)",
        "GitHub stars: 3, as of 2026-11-30 (GitHub)",
    ]
    assert all(b.svg["aria-label"] == b["title"] for b in badges)
    assert badges[2]["href"] == "https://github.com/janedoe/tools"
    ids = [tag["id"] for tag in built.soup().select("[id]")]
    assert len(ids) == len(set(ids))
    text = build(files(**{"index.md": index + "\n```{toctree}\n:hidden:\nother\n```\n"}), "text")
    assert "Citations: 1,234, as of 2026-11-30 (OpenAlex)" in " ".join(text.text("index.txt").split())


def test_per_paper_page_shows_the_figures_and_follows_the_file(tmp_path):
    srcdir = tmp_path / "site"
    write_project(srcdir, files())
    outdir = tmp_path / "out"
    built = run_build(srcdir, outdir=outdir)
    page = built.soup("pub/doe2024sparse")
    assert page.select_one("a.sr-metric-stars")["title"] == "GitHub stars: 42, as of 2026-11-30 (GitHub)"
    changed = json.loads(json.dumps(METRICS))
    changed["papers"]["doe2024sparse"]["citations"] = figure(20, "OpenAlex", "2026-12-01")
    (srcdir / "metrics.json").write_text(json.dumps(changed), encoding="utf-8")
    built = run_build(srcdir, outdir=outdir)
    cited = built.soup("pub/doe2024sparse").select_one(".sr-metric-citations")
    assert cited["title"] == "Citations: 20, as of 2026-12-01 (OpenAlex)"
