"""``sphinx-researcher sync``: new works appended, existing entries (and everything else) untouched."""

from __future__ import annotations

import pytest
from fake_apis import (
    DBLP_PERSON,
    fake_apis,
    garbage,
    ok,
    openalex_list,
    openalex_work,
    orcid_bulk,
    orcid_group,
    orcid_works,
    point_services_at,
    refused_url,
    slow,
    status,
    xml,
)

from sphinx_researcher.cli import main
from sphinx_researcher.parsing.bibtex import parse_bib_text

ORCID = "0000-0002-1825-0097"

# A researcher's own file: a comment, macros, odd spacing, a hand-edited title and an
# abbreviated venue (their edits must win), and a preprint kept by its arXiv id.
BIB = """\
% My papers -- hand-maintained, please keep this header.
@string{cvpr = "IEEE/CVF Conference on Computer Vision and Pattern Recognition"}

@inproceedings{doe2024sparse,
    title     = {Sparse {E}xperts for Tiny Vision Models},
    author    = {Doe, Jane Q. and Zhang, Wei},
    booktitle = cvpr,
    year      = 2024,
    doi       = {10.1109/CVPR.2024.00001},
    note      = {Oral, my own note},
}

@comment{ old entries below }
@misc{routers-preprint,
  title = {Tiny routers are all you need},
  author = {Doe, Jane Q.},
  year = {2023},
  eprint = {2401.01234}, archiveprefix = {arXiv},
}
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Every service points at 127.0.0.1 even in tests that expect no request at all."""
    point_services_at(monkeypatch, refused_url())


@pytest.fixture
def apis(monkeypatch: pytest.MonkeyPatch):
    with fake_apis() as fake:
        point_services_at(monkeypatch, fake.url, ("ORCID", "DBLP", "OPENALEX"))
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_TIMEOUT", "0.3")
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_RETRIES", "1")
        monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_BACKOFF", "0")
        yield fake


@pytest.fixture
def site(tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Q. Doe"\n'
        'researcher_bibtex_files = ["papers.bib"]\n', encoding="utf-8")
    (tmp_path / "papers.bib").write_text(BIB, encoding="utf-8")
    return tmp_path


def sync(site, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["sync", "--site", str(site), *args])
    out, err = capsys.readouterr()
    return code, out, err


def added_part(site) -> str:
    text = (site / "papers.bib").read_text(encoding="utf-8")
    assert text.startswith(BIB), "the file's own text must stay byte for byte"
    return text[len(BIB):]


def serve_orcid(fake) -> None:
    fake.routes[f"/v3.0/{ORCID}/works"] = [ok(orcid_works([
        # Already there by DOI, with another title and year: reported, not applied.
        orcid_group("Sparse Experts for Tiny Vision Models", "2023", "conference-paper",
                    {"doi": "10.1109/CVPR.2024.00001"}, 101),
        # Already there by arXiv id.
        orcid_group("Tiny Routers Are All You Need", "2023", "preprint", {"arxiv": "2401.01234"}, 102),
        # New.
        orcid_group("Routing Tokens & Experts: A Survey", "2023", "journal-article",
                    {"doi": "10.1109/TPAMI.2023.12345"}, 103, journal="IEEE TPAMI"),
    ]))]
    # The full records, where the authors are: an editor is no author.
    fake.routes[f"/v3.0/{ORCID}/works/101,102,103"] = [ok(orcid_bulk({
        101: [("Jane Q. Doe", "author"), ("Wei Zhang", None)],
        102: [("Jane Q. Doe", "author")],
        103: [("Jane Q. Doe", "author"), ("Maria  Rossi", "author"), ("Ed Itor", "editor")],
    }))]


def test_orcid_adds_only_new_works(site, apis, capsys):
    serve_orcid(apis)
    code, out, err = sync(site, capsys, "--orcid", ORCID)
    assert code == 0, err
    added = added_part(site)
    assert added == (
        "\n@article{doe2023routing,\n"
        "  author = {Jane Q. Doe and Maria Rossi},\n"
        "  title = {Routing Tokens \\& Experts: A Survey},\n"
        "  journal = {IEEE TPAMI},\n"
        "  year = {2023},\n"
        "  doi = {10.1109/TPAMI.2023.12345}\n"
        "}\n"
    )
    lines = out.strip().splitlines()
    assert not any("no co-authors" in line for line in lines)
    assert any("doe2024sparse: year is '2024' here, '2023' in ORCID (kept yours)" in line for line in lines)
    assert "papers.bib: 3 works from ORCID; added 1, 2 already there (1 with differences, not applied)" in lines
    entries = parse_bib_text((site / "papers.bib").read_text(encoding="utf-8"), "papers.bib")
    assert [e.key for e in entries.entries] == ["doe2024sparse", "routers-preprint", "doe2023routing"]
    assert not entries.issues
    # Again: nothing new, nothing written.
    before = (site / "papers.bib").read_bytes()
    code, out, _err = sync(site, capsys, "--orcid", f"https://orcid.org/{ORCID}")
    assert code == 0 and (site / "papers.bib").read_bytes() == before
    assert "added 0, 3 already there" in out


def test_orcid_reads_the_authors_of_many_works_in_batches(site, apis, capsys):
    # 150 new works: their full records come in two requests (ORCID takes 100 put-codes at most).
    codes = list(range(1000, 1150))
    apis.routes[f"/v3.0/{ORCID}/works"] = [ok(orcid_works([
        orcid_group(f"Batch Study Number {code}", "2022", "journal-article", {"doi": f"10.5555/b.{code}"}, code)
        for code in codes
    ]))]
    first, second = ",".join(map(str, codes[:100])), ",".join(map(str, codes[100:]))
    apis.routes[f"/v3.0/{ORCID}/works/{first}"] = [ok(orcid_bulk(
        # One record writes the whole list in one name; one is gone (made private) since the list.
        {code: [("Ana Lima and Bo Wu", None)] for code in codes[1:100]}, missing=(codes[0],)))]
    apis.routes[f"/v3.0/{ORCID}/works/{second}"] = [
        ok(orcid_bulk({code: [("Chen Li", "author")] for code in codes[100:]}))]
    code, out, err = sync(site, capsys, "--orcid", ORCID)
    assert code == 0, err
    assert len(apis.requests_to(f"/v3.0/{ORCID}/works/")) == 2
    entries = {e.key: e for e in parse_bib_text((site / "papers.bib").read_text(encoding="utf-8"), "p.bib").entries}
    by_doi = {e.fields.get("doi"): e for e in entries.values()}
    assert by_doi["10.5555/b.1000"].persons == {}  # no record: no authors, and the user is told
    assert by_doi["10.5555/b.1001"].persons == {"author": ["Ana Lima", "Bo Wu"]}
    assert by_doi["10.5555/b.1149"].persons == {"author": ["Chen Li"]}
    # 99 works of one first author, year and title word: keys past "z" go on as "aa", "ab" …
    assert {"lima2022batch", "lima2022batchz", "lima2022batchaa", "lima2022batchbw"} <= set(entries)
    assert "added 150" in out and "ORCID lists no co-authors" in out


def test_orcid_records_that_fail_change_nothing(site, apis, capsys):
    serve_orcid(apis)
    apis.routes[f"/v3.0/{ORCID}/works/101,102,103"] = [status(500)]
    code, _out, err = sync(site, capsys, "--orcid", ORCID)
    assert code == 1 and "ORCID: HTTP 500" in err and "is unchanged" in err
    assert (site / "papers.bib").read_text(encoding="utf-8") == BIB


def test_dblp_adds_only_new_works(site, apis, capsys):
    apis.routes["/pid/12/3456.xml"] = [xml(DBLP_PERSON)]
    code, out, err = sync(site, capsys, "--dblp", "12/3456")
    assert code == 0, err
    added = added_part(site)
    assert "@article{doe2023routing," in added
    assert "  author = {Jane Q. Doe and Maria Rossi}," in added
    assert "  journal = {IEEE Trans. Pattern Anal. Mach. Intell.}," in added
    assert "doe2024sparse" not in added and "2401.01234" not in added  # by DOI, by arXiv id
    assert "papers.bib: 3 works from DBLP; added 1, 2 already there" in out


def test_openalex_works_and_keys_that_do_not_collide(site, apis, capsys):
    apis.routes["/works"] = [ok(openalex_list([
        openalex_work("10.5555/new.1", 3, title="Sparse Mixtures", year=2024),
        openalex_work("10.5555/new.2", 1, title="Sparse Mixtures at Scale", year=2024),
    ]))]
    code, _out, err = sync(site, capsys, "--openalex", "A5023888391")
    assert code == 0, err
    added = added_part(site)
    assert "@inproceedings{doe2024sparseb," in added and "@inproceedings{doe2024sparsec," in added
    assert "  booktitle = {CVPR}," in added and "  author = {Jane Q. Doe and Wei Zhang}," in added
    assert apis.requests_to("/works")[0].query["filter"] == ["author.id:A5023888391"]


def test_dry_run_prints_the_diff_and_writes_nothing(site, apis, capsys):
    serve_orcid(apis)
    code, out, _err = sync(site, capsys, "--orcid", ORCID, "--dry-run")
    assert code == 0
    assert (site / "papers.bib").read_text(encoding="utf-8") == BIB
    assert "+@article{doe2023routing," in out and "would add 1" in out
    assert not any(line.startswith("-") and not line.startswith("---") for line in out.splitlines())


@pytest.mark.parametrize(
    ("answer", "message"),
    [(status(500), "ORCID: HTTP 500"), (garbage(), "ORCID: answer is not valid JSON"),
     (slow(ok({}), 1.0), "ORCID: no answer within 0.3 s"), (status(404), "ORCID: no such author"),
     (ok({"group": [{"nothing": 1}]}), "ORCID: unexpected answer")],
    ids=["500", "garbage", "slow", "404", "wrong-shape"],
)
def test_failures_are_one_line_and_change_nothing(site, apis, capsys, answer, message):
    apis.routes[f"/v3.0/{ORCID}/works"] = [answer]
    code, _out, err = sync(site, capsys, "--orcid", ORCID)
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith(f"sphinx-researcher: error: {message}") and "is unchanged" in line
    assert (site / "papers.bib").read_text(encoding="utf-8") == BIB


def test_refused_connection(site, capsys, monkeypatch):
    monkeypatch.setenv("SPHINX_RESEARCHER_DBLP_API", refused_url())
    monkeypatch.setenv("SPHINX_RESEARCHER_HTTP_RETRIES", "0")
    code, _out, err = sync(site, capsys, "--dblp", "12/3456")
    expected = f"sphinx-researcher: error: DBLP: cannot connect; {site / 'papers.bib'} is unchanged"
    assert code == 1 and err.strip() == expected


def test_bad_dblp_xml(site, apis, capsys):
    apis.routes["/pid/12/3456.xml"] = [xml("<dblpperson><r>")]
    code, _out, err = sync(site, capsys, "--dblp", "12/3456")
    assert code == 1 and "DBLP: answer is not valid XML" in err


@pytest.mark.parametrize("args", [["--orcid", "12345"], ["--dblp", "a/b/c"], ["--openalex", "W123"]])
def test_bad_ids_are_one_line(site, capsys, args):
    code, _out, err = sync(site, capsys, *args)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "is not" in err


def test_crlf_file_keeps_its_line_endings(site, apis, capsys):
    (site / "papers.bib").write_bytes(BIB.replace("\n", "\r\n").encode())
    serve_orcid(apis)
    code, _out, _err = sync(site, capsys, "--orcid", ORCID)
    data = (site / "papers.bib").read_bytes()
    assert code == 0 and data.startswith(BIB.replace("\n", "\r\n").encode())
    assert b"\n" not in data.replace(b"\r\n", b"")


def dblp_search(*people: tuple[str, str]) -> dict:
    hits = [{"@score": "6", "@id": str(i), "info": {"author": who, "url": f"https://dblp.org/pid/{pid}",
                                                      "notes": {}}, "url": f"URL#{i}"}
            for i, (who, pid) in enumerate(people)]
    return {"result": {"query": "jane* doe*", "status": {"@code": "200", "text": "OK"},
                       "hits": {"@total": str(len(hits)), "@computed": str(len(hits)), "@sent": str(len(hits)),
                                "@first": "0", "hit": hits}}}


def test_dblp_name_search_finds_the_one_person(site, apis, capsys):
    apis.routes["/search/author/api"] = [ok(dblp_search(("Jane Q. Doe", "12/3456")))]
    apis.routes["/pid/12/3456.xml"] = [xml(DBLP_PERSON)]
    code, out, err = sync(site, capsys, "--dblp", "Jane Q. Doe")
    assert code == 0, err
    assert apis.requests_to("/search/author/api")[0].query["q"] == ["Jane Q. Doe"]
    assert "added 1" in out


def test_dblp_name_search_with_several_people_asks_for_the_pid(site, apis, capsys):
    apis.routes["/search/author/api"] = [ok(dblp_search(("Jane Doe", "12/3456"), ("Jane Doe 0002", "99/1")))]
    code, _out, err = sync(site, capsys, "--dblp", "Jane Doe")
    assert code == 1
    assert err.strip() == ("sphinx-researcher: error: 2 DBLP authors match 'Jane Doe': Jane Doe (12/3456), "
                           "Jane Doe 0002 (99/1); give the person id with --dblp")
    assert (site / "papers.bib").read_text(encoding="utf-8") == BIB


def test_an_answer_of_an_unforeseen_shape_is_one_line(site, apis, capsys):
    apis.routes["/works"] = [ok(openalex_list([{"display_name": "X", "publication_year": 2024, "locations": 5}]))]
    code, _out, err = sync(site, capsys, "--openalex", "A5023888391")
    assert code == 1
    assert err.strip() == (f"sphinx-researcher: error: OpenAlex: unexpected answer (TypeError); "
                           f"{site / 'papers.bib'} is unchanged")


def test_interrupt_during_the_write_leaves_the_old_bib(site, apis, capsys, monkeypatch):
    import os

    serve_orcid(apis)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _out, err = sync(site, capsys, "--orcid", ORCID)
    assert code == 130 and "interrupted" in err
    assert (site / "papers.bib").read_text(encoding="utf-8") == BIB
    assert sorted(p.name for p in site.iterdir()) == ["conf.py", "papers.bib"]
