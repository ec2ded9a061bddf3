"""People: the registry, co-author links, {people} cards, per-member lists and news, the lab example."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import PNG, ROOT, run_build, write_project

BIB = r"""
@article{a2024,
  title = {Paper by Alice and Jane}, year = {2024},
  author = {Doe, Jane Q. and Martin, A. and Smith, J.}, journal = {J1}
}
@article{b2023,
  title = {Alice with an accent}, year = {2023},
  author = {Alice Mart{\'\i}n and Bob Stone}, journal = {J2}
}
@article{c2022,
  title = {Jane without Alice}, year = {2022},
  author = {Jane Doe and Bob Stone and Albert Martin}, journal = {J3}
}
"""

CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Q. Doe"
researcher_bibtex_files = ["refs.bib"]
researcher_people = {
    "jane": {"name": "Jane Q. Doe", "variants": ["Doe, Jane"], "role": "PI", "page": "jane",
             "photo": "jane.png", "links": {"github": "janedoe"}},
    "alice": {"name": "Alice Martín", "variants": ["A. Martin"], "role": "student", "title": "PhD student",
              "page": "alice.md", "email": "alice@example.org"},
    "bob": {"name": "Bob Stone", "role": "alumni", "url": "https://bob.example.org/"},
    "john": {"name": "John Smith", "url": "https://john.example.org/"},
}
"""

INDEX = """
# Lab

```{people}
```

```{publications}
```

```{toctree}
jane
alice
```
"""

ALICE = """
---
researcher_highlight: alice
---
# Alice

```{publications}
:filter: person=alice
```
"""

JANE = """
# Jane

```{publications}
:filter: person=jane
:highlight: jane
```
"""


def _files(**extra: str | bytes) -> dict[str, str | bytes]:
    return {"conf.py": CONF, "refs.bib": BIB, "index.md": INDEX, "alice.md": ALICE, "jane.md": JANE,
            "jane.png": PNG, **extra}


def _authors(soup, title: str) -> list[tuple[str, str, bool]]:
    """(name, link, highlighted) of each author of the paper titled ``title``."""
    for article in soup.select("article.sr-publication"):
        if article.select_one(".sr-pub-title").get_text(strip=True) == title:
            result = []
            for author in article.select(".sr-author"):
                link = author.select_one("a.sr-person-link")
                result.append((author.get_text(strip=True), link["href"] if link else "", "sr-me" in author["class"]))
            return result
    raise AssertionError(f"no paper {title!r}")


def test_authors_link_to_their_page_or_site(build) -> None:
    built = build(_files())
    assert built.warning_lines() == [], built.warnings
    soup = built.soup()
    assert _authors(soup, "Paper by Alice and Jane") == [
        ("Jane Q. Doe", "jane.html", True), ("A. Martin", "alice.html", False),
        ("J. Smith", "https://john.example.org/", False),
    ]
    # Bob has no page: his own site; "Albert Martin" is not "A. Martin"'s Alice (the registry spells her Alice).
    assert _authors(soup, "Jane without Alice") == [
        ("Jane Doe", "jane.html", True), ("Bob Stone", "https://bob.example.org/", False), ("Albert Martin", "", False),
    ]


def test_person_filter_matches_every_spelling_and_page_highlights_the_member(build) -> None:
    built = build(_files())
    alice = built.soup("alice")
    titles = [t.get_text(strip=True) for t in alice.select(".sr-pub-title")]
    assert titles == ["Paper by Alice and Jane", "Alice with an accent"]
    # On her page Alice is highlighted (page setting), not researcher_name.
    assert _authors(alice, "Alice with an accent")[0] == ("Alice Martín", "", True)
    assert [a[2] for a in _authors(alice, "Paper by Alice and Jane")] == [False, True, False]
    jane = built.soup("jane")
    assert [t.get_text(strip=True) for t in jane.select(".sr-pub-title")] == [
        "Paper by Alice and Jane", "Jane without Alice"]
    assert [a[0] for a in _authors(jane, "Jane without Alice") if a[2]] == ["Jane Doe"]


def test_people_cards_grouped_by_role(build) -> None:
    built = build(_files())
    soup = built.soup()
    people = soup.select_one("div.sr-people")
    groups = [g.select_one(".sr-people-role").get_text() for g in people.select(".sr-people-group")]
    assert groups == ["Principal investigators", "Students", "Alumni"]  # John has no role: a co-author only
    cards = people.select(".sd-row .sd-col .sd-card.sr-person")
    assert [c.select_one(".sr-person-name").get_text(strip=True) for c in cards] == [
        "Jane Q. Doe", "Alice Martín", "Bob Stone"]
    jane = cards[0]
    assert jane.select_one("img.sr-person-photo")["alt"] == "Jane Q. Doe"
    assert (built.outdir / "_images" / "jane.png").is_file()
    assert jane.select_one(".sr-person-name a")["href"] == "jane.html"
    assert jane.select_one("a.sr-link-github")["href"] == "https://github.com/janedoe"
    assert cards[1].select_one(".sr-person-title").get_text() == "PhD student"
    assert unquote(cards[1].select_one("a.sr-link-email")["href"]) == "mailto:alice@example.org"
    assert cards[2].select_one(".sr-person-name a")["href"] == "https://bob.example.org/"


def test_people_roles_option(build) -> None:
    built = build(_files(**{"index.md": INDEX.replace("```{people}\n", "```{people}\n:roles: alumni, pi\n")}))
    groups = [g.get_text() for g in built.soup().select(".sr-people .sr-people-role")]
    assert groups == ["Alumni", "Principal investigators"]


def test_registry_in_yaml_al_folio_and_toml_files(build) -> None:
    coauthors = '"smith":\n  - firstname: ["John", "J."]\n    url: https://john.example.org/\n'
    conf = CONF.split("researcher_people")[0] + 'researcher_people = "_data/coauthors.yml"\n'
    index = "# I\n\n```{publications}\n```\n"
    built = build({"conf.py": conf, "refs.bib": BIB, "_data/coauthors.yml": coauthors, "index.md": index})
    assert built.warning_lines() == [], built.warnings
    assert _authors(built.soup(), "Paper by Alice and Jane")[2] == ("J. Smith", "https://john.example.org/", False)

    toml = '[people.bob]\nname = "Bob Stone"\nrole = "postdoc"\nurl = "https://bob.example.org/"\n'
    conf = CONF.split("researcher_people")[0] + 'researcher_people = "people.toml"\n'
    index = "# I\n\n```{people}\n```\n\n```{publications}\n:filter: person=bob\n```\n"
    built = build({"conf.py": conf, "refs.bib": BIB, "people.toml": toml, "index.md": index})
    assert built.warning_lines() == [], built.warnings
    soup = built.soup()
    assert [g.get_text() for g in soup.select(".sr-people-role")] == ["Postdocs"]
    assert len(soup.select("article.sr-publication")) == 2


def test_recent_news_filtered_by_person_or_tag(build) -> None:
    news = """
# News

```{news}
:tags: award
- 2024-05-01: Alice Martín wins a prize.
- 2024-04-01: Bob Stone wins a prize.
```

```{news}
- 2024-03-01: A. Martin gives a talk.
- 2024-02-01: Nothing about anyone.
```
"""
    index = """
# Home

```{recent-news}
:filter: person=alice
```

```{recent-news}
:filter: tag=award
:class: awards
```

```{recent-news}
:filter: person=bob and tag=award
:class: both
```

```{toctree}
news
```
"""
    built = build({"conf.py": CONF, "refs.bib": BIB, "jane.png": PNG, "news.md": news, "index.md": index,
                   "alice.md": ALICE, "jane.md": JANE})
    assert [w for w in built.warning_lines() if "toctree" not in w] == [], built.warnings
    soup = built.soup()
    lists = soup.select(".sr-recent-news")

    def texts(node) -> list[str]:
        return [i.select_one(".sr-news-body").get_text(strip=True) for i in node.select(".sr-news-item")]

    assert texts(lists[0]) == ["Alice Martín wins a prize.", "A. Martin gives a talk."]
    assert texts(lists[1]) == ["Alice Martín wins a prize.", "Bob Stone wins a prize."]
    assert texts(lists[2]) == ["Bob Stone wins a prize."]


def test_people_mistakes_are_located_warnings(build) -> None:
    conf = CONF.replace('"title": "PhD student"', '"titel": "PhD student"').replace(
        '"url": "https://bob.example.org/"', '"url": "javascript:alert(1)"')
    index = INDEX.replace("```{publications}\n", "```{publications}\n:filter: person=nobody\n:highlight: ghost\n")
    built = build(_files(**{"conf.py": conf, "index.md": index}))
    lines = built.warning_lines()
    assert any("conf.py:" in w and "'alice'" in w and "titel" in w and "[researcher.person]" in w for w in lines), lines
    assert any("conf.py:" in w and "javascript" in w and "[researcher.person]" in w for w in lines), lines
    assert any("index.md:7" in w and "nobody" in w and "[researcher.person]" in w for w in lines), lines
    assert any("index.md:8" in w and "ghost" in w and "[researcher.person]" in w for w in lines), lines
    assert "javascript" not in built.html()
    assert len(lines) == 4, lines


def test_member_page_that_does_not_exist_is_a_warning(build) -> None:
    built = build(_files(**{"conf.py": CONF.replace('"page": "alice.md"', '"page": "people/alice"')}))
    lines = built.warning_lines()
    assert any("'people/alice' is not a document" in w and "[researcher.person]" in w for w in lines), lines
    assert _authors(built.soup(), "Paper by Alice and Jane")[1] == ("A. Martin", "", False)


@pytest.mark.parametrize("builder", ["latex", "text", "epub", "singlehtml", "dirhtml", "man", "texinfo", "xml",
                                     "gettext"])
def test_every_builder(build, builder: str) -> None:
    built = build(_files(), builder, confoverrides={"version": "1", "copyright": "2024"})
    assert built.warning_lines() == [], built.warnings
    if builder == "text":
        alice = built.text("alice.txt")
        assert "Paper by Alice and Jane" in alice and "Jane without Alice" not in alice
        assert "Alice Martín" in built.text("index.txt")  # a card's name
    if builder == "latex":
        tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert "Principal investigators" in tex and r"\sphinxstylestrong{A. Martin}" in tex


def test_parallel_equals_serial_and_registry_edit_rebuilds(build, tmp_path: Path) -> None:
    files = _files(**{"conf.py": CONF.split("researcher_people")[0] + 'researcher_people = "people.yml"\n',
                      "people.yml": "alice:\n  name: Alice Martín\n  variants: [A. Martin]\n  role: student\n"
                                    "  page: alice\n"})
    serial, parallel = build(files, parallel=1), build(files, parallel=2)
    for page in ("index.html", "alice.html", "jane.html"):
        one, two = (built.outdir / page for built in (serial, parallel))
        assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8"), page

    srcdir = tmp_path / "incremental"
    write_project(srcdir, files)
    first = run_build(srcdir)
    assert _authors(first.soup(), "Paper by Alice and Jane")[1][1] == "alice.html"
    edited = "alice:\n  name: Alice Martín\n  variants: [A. Martin]\n  role: student\n  url: https://alice.example.org/\n"
    write_project(srcdir, {**files, "people.yml": edited})
    again = run_build(srcdir)
    clean = build({**files, "people.yml": edited})
    assert _authors(again.soup(), "Paper by Alice and Jane")[1][1] == "https://alice.example.org/"
    for page in ("index.html", "alice.html"):
        assert (again.outdir / page).read_text(encoding="utf-8") == (clean.outdir / page).read_text(encoding="utf-8")


def test_simple_comma_names_display_as_pybtex_splits_them() -> None:
    from pybtex.database import Person

    from sphinx_researcher.parsing.latex import latex_to_text
    from sphinx_researcher.parsing.names import display_name

    for name in ["Doe, Jane Q.", "van der Berg, Jan", "de la Cruz, María José", "Smith,", "O'Neil, Seán",
                 "Müller-Lüdenscheidt, Hans-Peter", "von Neumann, John", "Doe , Jane", r"M{\"u}ller, Hans",
                 "{van der} Berg, Jan", r"S\o rensen, Jan", "Doe,  Jane~Q.", r"de la Cruz, Mar{\'\i}a Jos{\'e}",
                 "{Barnes and Noble, Inc.}", "Doe, Jr., Jane"]:
        person = Person(name)
        parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
        expected = " ".join(parts) + (", " + " ".join(person.lineage_names) if person.lineage_names else "")
        assert display_name(name) == latex_to_text(expected), name


def test_unknown_page_highlight_is_one_warning_at_its_front_matter_line(build) -> None:
    page = """
---
title: Alice
researcher_highlight: alice, alcie
---
# Alice

```{publications}
```

```{publications}
:filter: year>=2023
```

```{publication} a2024
```
"""
    built = build(_files(**{"alice.md": page}))
    lines = [w for w in built.warning_lines() if "alcie" in w]
    assert len(lines) == 1, built.warnings
    assert "alice.md:3:" in lines[0] and "[researcher.person]" in lines[0], lines
    assert built.warning_lines() == lines, built.warnings
    # The known id still highlights her in every list.
    assert _authors(built.soup("alice"), "Alice with an accent")[0] == ("Alice Martín", "", True)


def test_a_rest_page_highlights_from_its_docinfo(build) -> None:
    """reST keeps page settings in a docinfo field list, which becomes metadata only after the
    page is read: the lists below it must still highlight the member, and say an unknown id once."""
    page = (":orphan:\n:researcher_highlight: alice alcie\n\nAlice\n=====\n\n"
            ".. publications::\n\n.. publication:: a2024\n")
    built = build(_files(**{"alice-rst.rst": page}))
    lines = [w for w in built.warning_lines() if "alcie" in w]
    assert len(lines) == 1 and "alice-rst.rst:2:" in lines[0], built.warnings
    assert built.warning_lines() == lines, built.warnings
    assert _authors(built.soup("alice-rst"), "Alice with an accent")[0] == ("Alice Martín", "alice.html", True)


def test_front_matter_line() -> None:
    from sphinx_researcher.parsing.front_matter import front_matter_line

    assert front_matter_line("---\ntitle: T\nresearcher_highlight: x\n---\n# T\n", "researcher_highlight") == 3
    assert front_matter_line("---\ntitle: T\n---\nresearcher_highlight: x\n", "researcher_highlight") == 1
    assert front_matter_line(":orphan:\n:researcher_highlight: x\n\nT\n=\n", "researcher_highlight") == 2
    assert front_matter_line("", "researcher_highlight") == 1


# -- incremental builds: what the registry names but does not contain --------------------------


def _rebuild_equals_clean(srcdir: Path, tmp_path: Path, pages: tuple[str, ...]):
    """Build ``srcdir`` again into its folder, build it clean into another, compare ``pages``."""
    again = run_build(srcdir)
    clean = run_build(srcdir, outdir=tmp_path / f"clean-{len(list(tmp_path.iterdir()))}")
    for page in pages:
        assert (again.outdir / page).read_text(encoding="utf-8") == (clean.outdir / page).read_text(
            encoding="utf-8"), page
    return again


def _add(srcdir: Path, name: str, content: str | bytes) -> None:
    """Write one file of the project (write_project would write conf.py too), dated after the
    last build whatever the file system's clock."""
    path = srcdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    stamp = os.stat(srcdir / "conf.py").st_mtime + 10
    os.utime(path, (stamp, stamp))


@pytest.mark.parametrize("where", ["file", "conf.py"])
def test_people_photo_added_after_a_missing_photo_warning(tmp_path: Path, where: str) -> None:
    member = {"name": "Wei Chen", "role": "student", "photo": "images/wei.png"}
    if where == "file":
        files: dict[str, str | bytes] = {
            "conf.py": 'extensions = ["sphinx_researcher"]\nresearcher_people = "people.yml"\n',
            "people.yml": "wei:\n" + "".join(f"  {k}: {v}\n" for k, v in member.items())}
    else:
        files = {"conf.py": f'extensions = ["sphinx_researcher"]\nresearcher_people = {{"wei": {member!r}}}\n'}
    files["index.md"] = "# People\n\n```{people}\n```\n"
    srcdir = tmp_path / "site"
    write_project(srcdir, files)
    first = run_build(srcdir)
    assert any("photo 'images/wei.png' does not exist" in w for w in first.warning_lines()), first.warnings
    assert first.soup().select_one("img.sr-person-photo") is None

    _add(srcdir, "images/wei.png", PNG)
    again = _rebuild_equals_clean(srcdir, tmp_path, ("index.html",))
    assert again.warning_lines() == [], again.warnings
    assert again.soup().select_one("img.sr-person-photo")["alt"] == "Wei Chen"
    assert (again.outdir / "_images" / "wei.png").is_file()
    later = _rebuild_equals_clean(srcdir, tmp_path, ("index.html",))  # and it stays right
    assert later.soup().select_one("img.sr-person-photo") is not None

    (srcdir / "images" / "wei.png").unlink()  # and goes again
    gone = _rebuild_equals_clean(srcdir, tmp_path, ("index.html",))
    assert gone.soup().select_one("img.sr-person-photo") is None


def test_profile_photo_added_after_a_missing_photo_warning(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_name = "Wei Chen"\n'
            'researcher_profile = {"photo": "me.png"}\n')
    index = "# Home\n\n```{profile}\n```\n\n```{profile}\n:photo: pic.png\n```\n"  # conf.py's photo, the option's
    write_project(srcdir, {"conf.py": conf, "index.md": index})
    first = run_build(srcdir)
    assert len([w for w in first.warning_lines() if "does not exist" in w]) == 2, first.warnings
    second = run_build(srcdir)  # still missing: still said
    assert len([w for w in second.warning_lines() if "does not exist" in w]) == 2, second.warnings
    _add(srcdir, "me.png", PNG)
    _add(srcdir, "pic.png", PNG)
    again = _rebuild_equals_clean(srcdir, tmp_path, ("index.html",))
    assert again.warning_lines() == [], again.warnings
    assert len(again.soup().select(".sr-profile img.sr-photo")) == 2


LAB_BIB = r"""
@article{o2025, author = {Okafor, Lena and Hanna M{\"u}ller}, title = {Shared paper}, journal = {J}, year = {2025}}
"""

LAB_PEOPLE = """\
lena:
  name: Lena Okafor
  role: student
  page: people/lena
hanna:
  name: Hanna Müller
  role: postdoc
  page: people/hanna
"""


def _lab_files() -> dict[str, str | bytes]:
    return {
        "conf.py": 'extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["papers.bib"]\n'
                   'researcher_people = "people.yml"\n',
        "papers.bib": LAB_BIB, "people.yml": LAB_PEOPLE,
        "index.md": "# Lab\n\n```{people}\n```\n\n```{publications}\n```\n\n"
                    "```{toctree}\npublications\npeople/hanna\n```\n",
        "publications.md": "# Publications\n\n```{publications}\n```\n",
        "people/hanna.md": "---\nresearcher_highlight: hanna\n---\n# Hanna\n\n```{publications}\n"
                           ":filter: person=hanna\n```\n",
    }


def _lena_links(built) -> dict[str, str]:
    """page → where Lena's name links in its author list ("" for no link), and her card."""
    result = {}
    for page in ("index", "publications", "people/hanna"):
        result[page] = _authors(built.soup(page), "Shared paper")[0][1]
    card = built.soup().select_one(".sr-person-student .sr-person-name a")
    result["card"] = card["href"] if card else ""
    return result


@pytest.mark.parametrize("parallel", [1, 2])
def test_member_page_added_or_removed_relinks_every_page(tmp_path: Path, parallel: int) -> None:
    srcdir = tmp_path / "site"
    write_project(srcdir, _lab_files())
    first = run_build(srcdir, parallel=parallel)  # -j 2: which pages have cards survives the merge
    assert any("'people/lena' is not a document" in w for w in first.warning_lines()), first.warnings
    assert set(_lena_links(first).values()) == {""}
    pages = ("index.html", "publications.html", "people/hanna.html")

    _add(srcdir, "people/lena.md", "---\norphan: true\n---\n# Lena Okafor\n")  # no toctree change
    added = _rebuild_equals_clean(srcdir, tmp_path, (*pages, "people/lena.html"))
    assert added.warning_lines() == [], added.warnings
    assert _lena_links(added) == {"index": "people/lena.html", "publications": "people/lena.html",
                                  "people/hanna": "lena.html", "card": "people/lena.html"}

    # A document that is no member's page changes nothing of theirs: they are not written again.
    stamps = {page: (added.outdir / page).stat().st_mtime_ns for page in pages}
    _add(srcdir, "notes.md", "---\norphan: true\n---\n# Notes\n")
    other = run_build(srcdir)
    assert {page: (other.outdir / page).stat().st_mtime_ns for page in pages} == stamps

    (srcdir / "people" / "lena.md").unlink()
    removed = _rebuild_equals_clean(srcdir, tmp_path, pages)
    assert set(_lena_links(removed).values()) == {""}

# -- registry files: duplicates, syntax errors and lines, local files, al-folio keys -----------------

REGISTRY_CONF = 'extensions = ["sphinx_researcher"]\nresearcher_people = "{}"\n'
PEOPLE_PAGE = "# People\n\n```{people}\n```\n"


def located(built, subtype: str, file: str, line: int, needle: str = "") -> str:
    """The warning of ``researcher.<subtype>`` at ``file:line`` (containing ``needle``)."""
    pattern = re.compile(rf"/{re.escape(file)}:{line}: WARNING: .*\[researcher\.{subtype}\]$")
    found = [w for w in built.warning_lines() if pattern.search(w) and needle in w]
    assert found, f"no researcher.{subtype} at {file}:{line} ({needle!r}) in:\n" + "\n".join(built.warning_lines())
    return found[0]


def _card_names(built, page: str = "index") -> list[str]:
    return [c.get_text(strip=True) for c in built.soup(page).select(".sr-person .sr-person-name")]


@pytest.mark.parametrize(("name", "registry", "line"), [
    ("people.yml", "wei:\n  name: Wei Chen\n  role: student\nwei:\n  name: Wei Zhang\n  role: postdoc\n", 4),
    ("people.json", '{\n  "wei": {"name": "Wei Chen", "role": "student"},\n'
                    '  "wei": {"name": "Wei Zhang", "role": "postdoc"}\n}\n', 3),
], ids=["yaml", "json"])
def test_duplicate_id_in_a_mapping_registry_is_a_located_warning(build, name: str, registry: str, line: int) -> None:
    built = build({"conf.py": REGISTRY_CONF.format(name), name: registry, "index.md": PEOPLE_PAGE})
    warning = located(built, "person", name, line, "duplicate id 'wei'")
    first = 1 if name.endswith(".yml") else 2
    assert f"(first at {name}:{first})" in warning, warning
    assert len(built.warning_lines()) == 1, built.warnings
    assert _card_names(built) == ["Wei Chen"]  # the first is kept, as in the list form


def test_two_members_of_the_same_name_are_a_located_warning(build) -> None:
    registry = ("yz:\n  name: Yang Zhang\n  role: student\nbo:\n  name: Bo Li\n  role: student\n"
                "yz2:\n  name: Zhang, Yang\n  role: postdoc\n")
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "index.md": PEOPLE_PAGE})
    warning = located(built, "person", "people.yml", 7, "'yz2' has the name of 'yz'")
    assert "papers of that name go to 'yz'" in warning
    assert len(built.warning_lines()) == 1, built.warnings


def test_duplicate_key_in_al_folio_coauthors_is_a_located_warning(build) -> None:
    coauthors = ('"smith":\n  - firstname: ["John", "J."]\n    url: https://john.example.org/\n'
                 '"smith":\n  - firstname: ["Jane"]\n    url: https://jane.example.org/\n')
    conf = CONF.split("researcher_people")[0] + 'researcher_people = "_data/coauthors.yml"\n'
    built = build({"conf.py": conf, "refs.bib": BIB, "_data/coauthors.yml": coauthors,
                   "index.md": "# I\n\n```{publications}\n```\n"})
    located(built, "person", "_data/coauthors.yml", 4, "duplicate id 'smith' (first at _data/coauthors.yml:1)")
    assert _authors(built.soup(), "Paper by Alice and Jane")[2] == ("J. Smith", "https://john.example.org/", False)


def test_duplicate_field_in_a_member_is_located_at_its_line(build) -> None:
    registry = "wei:\n  name: Wei Chen\n  role: student\n  role: postdoc\n"
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "index.md": PEOPLE_PAGE})
    located(built, "person", "people.yml", 4, "duplicate key 'role' (first at people.yml:3)")


@pytest.mark.parametrize(("name", "registry", "line"), [
    ("people.yml", 'wei:\n  name: Wei Chen\n  role: student\nhanna:\n  name: "Hanna Müller\n  role: pi\n', 5),
    ("people.yml", "wei:\n  name: Wei Chen\n  role: student\n bad: [x\n", 4),
    ("people.json", '{\n  "wei": {"name": "Wei Chen",\n          "role": }\n}\n', 3),
    ("people.toml", '[people.wei]\nname = "Wei Chen"\nrole = student\n', 3),
], ids=["yaml-unclosed-quote", "yaml-bad-indent", "json", "toml"])
def test_registry_syntax_error_is_one_warning_at_the_file_line(build, name: str, registry: str, line: int) -> None:
    # Ids it would have held are not "unknown people" on top (page setting, :highlight:).
    page = ("---\nresearcher_highlight: wei\n---\n" + PEOPLE_PAGE
            + "\n```{publication}\n:title: T\n:authors: Wei Chen\n:year: 2024\n:highlight: wei\n```\n"
            + "\n```{publications}\n:filter: person=wei\n```\n\n```{recent-news}\n:filter: person=wei\n```\n")
    news = "# News\n\n```{news}\n- 2024-01-01: Wei Chen gives a talk.\n```\n"
    page += "\n```{toctree}\nnews\n```\n"
    conf = REGISTRY_CONF.format(name) + 'researcher_bibtex_files = ["refs.bib"]\n'
    built = build({"conf.py": conf, name: registry, "index.md": page, "refs.bib": BIB, "news.md": news})
    warning = located(built, "person", name, line, f"cannot read researcher_people file '{name}'")
    assert "<unicode string>" not in warning and "line" not in warning.split("WARNING:")[1], warning
    assert len(built.warning_lines()) == 1, built.warnings  # {people} adds no "no members" warning


def test_missing_registry_file_is_reported_at_conf_py(build) -> None:
    built = build({"conf.py": REGISTRY_CONF.format("nobody.yml"), "index.md": PEOPLE_PAGE})
    located(built, "person", "conf.py", 2, "cannot read researcher_people file 'nobody.yml'")
    assert len(built.warning_lines()) == 1, built.warnings


def test_list_registry_problems_are_located_at_each_item(build) -> None:
    registry = ("- id: wei\n  name: Wei Chen\n  role: student\n- id: hanna\n  name: Hanna Müller\n"
                "  role: professorin\n- id: wei\n  name: Wei Zhang\n  role: student\n")
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "index.md": PEOPLE_PAGE})
    located(built, "person", "people.yml", 6, "'hanna': unknown role 'professorin'")
    located(built, "person", "people.yml", 7, "duplicate id 'wei' (first at people.yml:1)")
    assert len(built.warning_lines()) == 2, built.warnings


@pytest.mark.parametrize(("name", "registry", "line"), [
    ("people.toml", '[people.wei]\nname = "Wei"\nrole = "student"\n\n[people.bob]\nname = "Bob"\nrole = "chief"\n', 5),
    ("people.json", '[\n {"id": "wei", "name": "Wei", "role": "student"},\n'
                    ' {"id": "bob", "name": "Bob", "role": "chief"}\n]\n', 3),
    # without ids, and as TOML's array of tables: each item at its own line, a repeated id too
    ("people.json", '[\n {"id": "wei", "name": "Wei", "role": "student"},\n\n {"name": "Bob",\n'
                    '  "role": "chief"},\n {"id": "wei", "name": "Wei Two", "role": "student"}\n]\n', 4),
    ("people.toml", '[[people]]\nid = "wei"\nname = "Wei"\nrole = "student"\n\n[[people]]\nname = "Bob"\n'
                    'role = "chief"\n\n[[people]]\nid = "wei"\nname = "Wei Two"\nrole = "student"\n', 6),
], ids=["toml", "json-list", "json-list-no-ids", "toml-array"])
def test_toml_and_json_problems_are_located_at_the_entry(build, name: str, registry: str, line: int) -> None:
    built = build({"conf.py": REGISTRY_CONF.format(name), name: registry, "index.md": PEOPLE_PAGE})
    located(built, "person", name, line, "'bob': unknown role 'chief'")
    if "Wei Two" in registry:  # its item starts on its line (JSON) or at its [[people]] header (TOML)
        start = registry.index("Wei Two") if name.endswith(".json") else registry.rindex("[[people]]")
        first = 2 if name.endswith(".json") else 1
        again = registry[:start].count("\n") + 1
        located(built, "person", name, again, f"duplicate id 'wei' (first at {name}:{first})")


def test_registry_photo_outside_the_source_folder_is_not_published(tmp_path: Path) -> None:
    (tmp_path / "private.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    registry = "wei:\n  name: Wei Chen\n  role: student\n  photo: ../private.svg\nhanna:\n  name: Hanna\n" \
               "  role: pi\n  photo: ./hanna.png\n"
    srcdir = tmp_path / "src"
    write_project(srcdir, {"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry,
                           "index.md": PEOPLE_PAGE, "hanna.png": PNG})
    built = run_build(srcdir)
    located(built, "file", "people.yml", 4, "photo '../private.svg' is outside the source folder; it is not published")
    assert not list(built.outdir.rglob("private.svg"))
    assert "private" not in built.html()
    assert built.soup().select_one("img.sr-person-photo")["alt"] == "Hanna"
    assert (built.outdir / "_images" / "hanna.png").is_file()
    assert len(built.warning_lines()) == 1, built.warnings


def test_registry_link_to_a_local_file_is_a_download_relative_to_the_page(build, tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF secret")
    registry = ("wei:\n  name: Wei Chen\n  role: student\n  links: {cv: wei-cv.pdf, site: people/x.html}\n"
                "hanna:\n  name: Hanna\n  role: pi\n  links: {cv: nowhere.pdf, slides: ../../secret.pdf}\n")
    files = {"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "wei-cv.pdf": b"%PDF-1.4",
             "index.md": "# Home\n\n```{toctree}\npeople/list\n```\n", "people/list.md": PEOPLE_PAGE}
    built = build(files)
    located(built, "file", "people.yml", 8, "link 'cv': local file 'nowhere.pdf' does not exist")
    located(built, "file", "people.yml", 8, "'../../secret.pdf' is outside the source folder; it is not published")
    assert len(built.warning_lines()) == 2, built.warnings
    cv = built.soup("people/list").select_one("a.sr-person-link.sr-link-cv")
    assert cv["href"].startswith("../_downloads/") and cv["href"].endswith("/wei-cv.pdf"), cv
    assert (built.outdir / "people" / cv["href"]).resolve().read_bytes() == b"%PDF-1.4"
    assert not list(built.outdir.rglob("secret.pdf"))
    assert [a.get_text() for a in built.soup("people/list").select("a.sr-person-link")] == ["CV", "site"]
    for builder in ("latex", "text", "dirhtml", "singlehtml", "epub"):
        other = build(files, builder, confoverrides={"version": "1", "copyright": "2024"}).warning_lines()
        assert len(other) == 2 and all("[researcher.file]" in w for w in other), (builder, other)


def test_registry_link_to_a_site_page_is_read_from_the_source_root(build) -> None:
    """Like the registry's photos and files, its page links are named from the source root, so
    they reach the page from cards in a subfolder too (and in dirhtml)."""
    registry = ("wei:\n  name: Wei Chen\n  role: student\n"
                "  links: {blog: blog, talks: /talks.html, group: group/, gone: nowhere, away: /away.html,\n"
                "          year: 'blog.html#y2024'}\n")
    files = {"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry,
             "index.md": "# Home\n\n```{toctree}\nblog\ntalks\ngroup/index\npeople/list\n```\n",
             "blog.md": "# Blog\n", "talks.md": "# Talks\n", "group/index.md": "# Group\n",
             "people/list.md": PEOPLE_PAGE}
    built = build(files)
    assert built.warning_lines() == [], built.warnings
    hrefs = {a.get_text(): a["href"] for a in built.soup("people/list").select("a.sr-person-link")}
    # A page that is not the site's stays as written (it may be served beside it): no download of it.
    assert hrefs == {"blog": "../blog.html", "talks": "../talks.html", "group": "../group/index.html",
                     "gone": "nowhere", "away": "/away.html", "year": "../blog.html#y2024"}, hrefs
    assert built.soup("people/list").select_one("a.sr-link-blog") is not None  # the link's own classes
    dirhtml = build(files, "dirhtml")
    page = dirhtml.outdir / "people" / "list" / "index.html"
    links = {a.get_text(): a["href"] for a in dirhtml.soup("people/list/index").select(".sr-person-links a")}
    for name in ("blog", "talks", "group"):
        assert (page.parent / links[name] / "index.html").resolve().is_file(), links
    assert links["year"].endswith("blog/#y2024"), links
    single = build(files, "singlehtml")
    links = {a.get_text(): a["href"] for a in single.soup("index").select(".sr-person-links a")}
    assert links["blog"] == "#document-blog" and links["year"] == "#y2024", links
    for builder in ("latex", "text", "epub", "man", "texinfo", "xml", "gettext"):
        other = build(files, builder, confoverrides={"version": "1", "copyright": "2024"})
        assert other.warning_lines() == [], (builder, other.warnings)


def test_al_folio_coauthor_key_is_the_last_name_without_von(build) -> None:
    bib = ("@article{a, author = {van der Berg, Pieter and Pieter Berg and Jan van der Berg and Pieter Vandenberg},"
           " title = {A}, journal = {J}, year = {2024}}\n")
    coauthors = '"berg":\n  - firstname: ["Pieter", "P."]\n    url: https://pieter.example.org/\n'
    conf = REGISTRY_CONF.format("coauthors.yml") + 'researcher_bibtex_files = ["refs.bib"]\n'
    built = build({"conf.py": conf, "refs.bib": bib, "coauthors.yml": coauthors,
                   "index.md": "# P\n\n```{publications}\n```\n"})
    assert built.warning_lines() == [], built.warnings
    assert [(name, link) for name, link, _me in _authors(built.soup(), "A")] == [
        ("Pieter van der Berg", "https://pieter.example.org/"), ("Pieter Berg", "https://pieter.example.org/"),
        ("Jan van der Berg", ""), ("Pieter Vandenberg", "")]


def test_our_registry_does_not_match_a_name_without_its_von_part(build) -> None:
    bib = "@article{a, author = {van der Berg, Pieter}, title = {A}, journal = {J}, year = {2024}}\n"
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            'researcher_people = {"pieter": {"name": "Pieter Berg", "url": "https://pieter.example.org/"}}\n')
    built = build({"conf.py": conf, "refs.bib": bib, "index.md": "# P\n\n```{publications}\n```\n"})
    assert _authors(built.soup(), "A") == [("Pieter van der Berg", "", False)]


# -- the lab example -------------------------------------------------------------------------------

EXAMPLE = ROOT / "example_lab"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    srcdir = tmp_path / "example_lab"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    return srcdir


def test_example_lab_builds_clean_and_links_people(lab: Path) -> None:
    built = run_build(lab, "html")
    assert built.warning_lines() == [], built.warnings
    people = built.soup("people")
    assert len(people.select(".sr-people .sr-person")) == 5
    assert [g.get_text() for g in people.select(".sr-people-role")] == [
        "Principal investigators", "Postdocs", "Students", "Alumni"]
    wei = built.soup("people/wei")
    highlighted = {a.get_text(strip=True) for a in wei.select(".sr-author.sr-me")}
    assert highlighted == {"Wei Zhang", "W. Zhang"}
    assert len(wei.select("article.sr-publication")) == 3
    assert all("Wei Zhang" in i.get_text() for i in wei.select(".sr-recent-news .sr-news-item"))
    pubs = built.soup("publications")
    links = {a.get_text(strip=True): a["href"] for a in pubs.select("a.sr-person-link")}
    assert links["María Rossi"] == "people/maria.html" and links["John Smith"] == "https://john-smith.example.org/"
    assert links["Lena Okafor"] == "https://lena.example.org/"


def test_example_lab_latex(lab: Path) -> None:
    """The members' SVG photos cannot go into a PDF: the cards keep their text and leave them out
    (an SVG in the .tex stops pdflatex: "Unknown graphics extension")."""
    built = run_build(lab, "latex")
    assert built.warning_lines() == [], built.warnings
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert ".svg" not in tex and "Wei Zhang" in tex
    # The role groups sit one level below the page they are on, which is a \section here.
    people = tex.index("\\section{People}")
    assert tex.index("\\subsection*{Principal investigators}") > people
    assert "\\section*{Principal investigators}" not in tex
    assert not list(built.outdir.glob("*.svg"))
    epub = run_build(lab, "epub")  # epub takes SVG: the photos stay
    assert list(epub.outdir.rglob("*.svg"))


# -- names a lab writes: similar members, capitalised particles, undecomposed letters ---------------

SIMILAR_BIB = r"""
@article{p1, title = {Hyphenated initials}, year = {2024}, author = {W.-L. Chen and Bo Li}}
@article{p2, title = {Plain initial}, year = {2023}, author = {W. Chen}}
@article{p3, title = {Particles}, year = {2022},
  author = {Van Der Berg, P. and De la Fuente, R. and M. Sorensen and Lukasz Kowalski}}
"""


@pytest.mark.parametrize("order", ["wei-first", "wei-lun-first"])
def test_an_author_goes_to_the_closest_member_in_any_registry_order(build, order: str) -> None:
    members = [
        '"weichen": {"name": "Wei Chen", "variants": ["W. Chen"], "url": "https://wei.example.org/"}',
        '"wlchen": {"name": "Wei-Lun Chen", "url": "https://wl.example.org/"}',
    ]
    if order == "wei-lun-first":
        members.reverse()
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            "researcher_people = {" + ", ".join(members) + "}\n")
    index = "# P\n\n```{publications}\n```\n\n```{publications}\n:filter: person=wlchen\n:class: wl\n```\n"
    built = build({"conf.py": conf, "refs.bib": SIMILAR_BIB, "index.md": index})
    soup = built.soup()
    assert _authors(soup, "Hyphenated initials")[0] == ("W.-L. Chen", "https://wl.example.org/", False)
    assert _authors(soup, "Plain initial")[0] == ("W. Chen", "https://wei.example.org/", False)  # his variant
    titles = [t.get_text(strip=True) for t in soup.select(".wl .sr-pub-title")]
    assert titles == ["Hyphenated initials"], titles


def test_particles_in_comma_form_and_undecomposed_letters_match_members(build) -> None:
    """bibtex reads "Van Der Berg, P." with family "Van Der Berg": a member is matched on the name
    as the .bib writes it, not on its reading order; ø and ł are o and l in ASCII spellings."""
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            'researcher_name = "Pieter van der Berg"\nresearcher_people = {\n'
            '  "vdb": {"name": "Pieter van der Berg", "url": "https://vdb.example.org/"},\n'
            '  "rdl": {"name": "Ramón de la Fuente", "url": "https://rdl.example.org/"},\n'
            '  "ms": {"name": "Mette Sørensen", "url": "https://ms.example.org/"},\n'
            '  "lk": {"name": "Łukasz Kowalski", "url": "https://lk.example.org/"}}\n')
    # The same entry through {publication}: its members are the list's (it looked them up again
    # from the reading order, "P. Van Der Berg", and lost them).
    one = "# One\n\n```{publication} p3\n```\n\n```{publication} p3\n:highlight: rdl\n```\n"
    built = build({"conf.py": conf, "refs.bib": SIMILAR_BIB, "one.md": one,
                   "index.md": "# P\n\n```{publications}\n```\n\n```{toctree}\none\n```\n"})
    expected = [
        ("P. Van Der Berg", "https://vdb.example.org/", True), ("R. De la Fuente", "https://rdl.example.org/", False),
        ("M. Sorensen", "https://ms.example.org/", False), ("Lukasz Kowalski", "https://lk.example.org/", False)]
    assert _authors(built.soup(), "Particles") == expected
    first, second = built.soup("one").select("article.sr-publication")
    assert [a.get_text(strip=True) for a in first.select(".sr-me")] == ["P. Van Der Berg"]
    assert [a.get_text(strip=True) for a in second.select(".sr-me")] == ["R. De la Fuente"]
    assert [a.get("href") for a in first.select("a.sr-person-link")] == [e[1] for e in expected]


def test_cards_show_latex_and_comma_names_as_read(build) -> None:
    registry = ('muller:\n  name: J{\\"u}rgen M{\\"u}ller\n  role: student\n  photo: m.png\n'
                'rossi:\n  name: "Rossi, Sofia"\n  role: student\n')
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "m.png": PNG,
                   "index.md": PEOPLE_PAGE})
    assert built.warning_lines() == [], built.warnings
    assert _card_names(built) == ["Jürgen Müller", "Sofia Rossi"]
    assert built.soup().select_one(".sr-person-photo")["alt"] == "Jürgen Müller"


def test_member_page_written_in_any_form_is_found(build) -> None:
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_people = {\n'
            '  "a": {"name": "Ann Lee", "page": "people/a.html", "role": "pi"},\n'
            '  "b": {"name": "Bo Kim", "page": "./people/b", "role": "pi"},\n'
            '  "c": {"name": "Cy Ng", "page": "people/sub/", "role": "pi"},\n'
            '  "d": {"name": "Di Wu", "page": "/people/d.md", "role": "pi"}}\n')
    pages = {f"people/{name}.md": f"# {name}\n" for name in ("a", "b", "d")}
    index = "# Lab\n\n```{people}\n```\n\n```{toctree}\npeople/a\npeople/b\npeople/sub/index\npeople/d\n```\n"
    built = build({"conf.py": conf, "index.md": index, "people/sub/index.md": "# Sub\n", **pages})
    assert built.warning_lines() == [], built.warnings
    hrefs = [a["href"] for a in built.soup().select(".sr-person-name a")]
    assert sorted(hrefs) == ["people/a.html", "people/b.html", "people/d.html", "people/sub/index.html"], hrefs


def test_front_matter_list_of_ids_highlights_each(build) -> None:
    page = "---\nresearcher_highlight: [alice, jane]\n---\n# Both\n\n```{publications}\n```\n"
    built = build(_files(**{"index.md": INDEX.replace("alice\n```", "alice\nboth\n```"), "both.md": page}))
    assert [w for w in built.warning_lines() if "both.md" in w] == [], built.warnings
    assert [a[2] for a in _authors(built.soup("both"), "Paper by Alice and Jane")] == [True, True, False]


def _filtered_news(build, registry: str, items: list[str], person_ids: list[str]) -> dict[str, list[str]]:
    """The texts each ``{recent-news}`` with ``:filter: person=ID`` shows, for a {news} list of
    ``items`` ("DATE: text") and a ``researcher_people`` mapping written as Python."""
    conf = f'extensions = ["sphinx_researcher"]\nresearcher_people = {registry}\n'
    news = "# News\n\n```{news}\n" + "".join(f"- {item}\n" for item in items) + "```\n"
    index = "# Home\n\n```{toctree}\nnews\n```\n" + "".join(
        f"\n```{{recent-news}}\n:filter: person={pid}\n:class: {pid}\n```\n" for pid in person_ids)
    soup = build({"conf.py": conf, "news.md": news, "index.md": index}).soup()
    return {pid: [i.select_one(".sr-news-body").get_text(strip=True) for i in soup.select(f".{pid} .sr-news-item")]
            for pid in person_ids}


def test_news_person_filter_keeps_hyphenated_names_whole(build) -> None:
    shown = _filtered_news(build, '{"wei": {"name": "Wei Chen"}, "rossi": {"name": "Rossi, Sofia"}, '
                                  '"lk": {"name": "Łukasz Nowak"}}',
                           ["2024-03-01: Wei Chen-Li joins.", "2024-02-01: Anna-Sofia Rossi talks.",
                            "2024-01-01: Wei Chen and Sofia Rossi talk.", "2023-12-01: Lukasz Nowak visits."],
                           ["wei", "rossi", "lk"])
    assert shown["wei"] == ["Wei Chen and Sofia Rossi talk."]
    assert shown["rossi"] == ["Wei Chen and Sofia Rossi talk."]
    assert shown["lk"] == ["Lukasz Nowak visits."]


def test_news_person_filter_finds_a_name_without_its_middle_initial(build) -> None:
    shown = _filtered_news(build, '{"nc": {"name": "Nancy F. Chen"}, "jd": {"name": "J. Q. Doe"}}',
                           ["2024-03-01: Nancy Chen wins a prize.", "2024-02-01: J. Doe visits.",
                            "2024-01-01: J. Q. Doe talks."], ["nc", "jd"])
    assert shown["nc"] == ["Nancy Chen wins a prize."]
    assert shown["jd"] == ["J. Q. Doe talks."]  # "J. Doe" could be anyone with that initial


def test_registry_index_prefers_the_same_name_then_the_closest() -> None:
    """The same family and given names, however written, beat a member with more given names;
    an initial spelled with two ASCII letters (Þ, Æ) is still an initial."""
    from sphinx_researcher.parsing.people import PeopleIndex, load_people

    def index(value: dict) -> PeopleIndex:
        return PeopleIndex(load_people(value, Path("/nowhere"), Path("/nowhere"), lambda: "conf.py:1").people)

    olsen = index({"a": {"name": "Mary Kate Olsen"}, "b": {"name": "Mary Olsen"}})
    assert {name: olsen.person_for(name) for name in ("Olsen, Mary", "M. Olsen", "Mary Olsen", "M. K. Olsen",
                                                      "Olsen, Mary Kate")} == {
        "Olsen, Mary": "b", "M. Olsen": "b", "Mary Olsen": "b", "M. K. Olsen": "a", "Olsen, Mary Kate": "a"}
    chen = index({"w": {"name": "Wei Chen", "variants": ["W. Chen"]}, "wl": {"name": "Wei-Lun Chen"}})
    assert [chen.person_for(name) for name in ("W. L. Chen", "W.-L. Chen", "W. Chen", "Chen, W.-L.")] \
        == ["wl", "wl", "w", "wl"]
    dupont = index({"jl": {"name": "Jean-Luc Dupont"}, "jp": {"name": "Jean-Pierre Dupont"}})
    assert [dupont.person_for(name) for name in ("J. P. Dupont", "J. L. Dupont", "J.-P. Dupont")] == ["jp", "jl", "jp"]
    thorn = index({"t": {"name": "Þórunn Sigurðardóttir"}, "ae": {"name": "Æsa Jónsdóttir"}})
    assert [thorn.person_for(name) for name in ("Þ. Sigurðardóttir", "{\\TH}. Sigur{\\dh}ard{\\'o}ttir",
                                                "Sigurðardóttir, Þ.", "Thorunn Sigurdardottir", "Æ. Jónsdóttir")] \
        == ["t", "t", "t", "t", "ae"]


def test_card_names_with_a_suffix_stay_in_reading_order() -> None:
    from sphinx_researcher.parsing.names import reading_name

    assert [reading_name(name) for name in ("Martin Luther King, Jr.", "John Smith, III", "Jane Doe, PhD",
                                            "Rossi, Sofia", 'M{\\"u}ller, J{\\"u}rgen')] == [
        "Martin Luther King, Jr.", "John Smith, III", "Jane Doe, PhD", "Sofia Rossi", "Jürgen Müller"]


def test_news_person_filter_finds_every_hyphen_spelling_of_a_hyphenated_name() -> None:
    from sphinx_researcher.parsing.news_filter import news_matches, parse_news_filter

    names = {"jp": ("Jean-Pierre Dupont", "J.-P. Dupont")}
    found = [text for text in ("Jean-Pierre Dupont talks.", "Jean\u2011Pierre Dupont talks.", "J-P Dupont talks.",
                               "Jean Pierre Dupont talks.", "J.-P. Dupont talks.", "Marie-Jean-Pierre Dupont talks.")
             if news_matches(parse_news_filter("person=jp"), text, (), names)]
    assert found == ["Jean-Pierre Dupont talks.", "Jean\u2011Pierre Dupont talks.", "J-P Dupont talks.",
                     "Jean Pierre Dupont talks.", "J.-P. Dupont talks."]


def test_registry_link_to_a_page_added_or_removed_later_is_linked_again(tmp_path: Path) -> None:
    """Which pages a registry link can name is known when the cards are read: a page coming or
    going reads the card pages again, so the incremental build equals a clean one."""
    srcdir = tmp_path / "site"
    registry = "wei:\n  name: Wei Chen\n  role: student\n  links: {talks: talks}\n"
    write_project(srcdir, {"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry,
                           "index.md": "# Home\n\n```{toctree}\nsub/people\n```\n", "sub/people.md": PEOPLE_PAGE})
    first = run_build(srcdir)
    assert first.soup("sub/people").select_one("a.sr-link-talks")["href"] == "talks"  # as written: no such page
    _add(srcdir, "talks.md", "---\norphan: true\n---\n# Talks\n")
    added = _rebuild_equals_clean(srcdir, tmp_path, ("sub/people.html",))
    assert added.soup("sub/people").select_one("a.sr-link-talks")["href"] == "../talks.html"
    (srcdir / "talks.md").unlink()
    removed = _rebuild_equals_clean(srcdir, tmp_path, ("sub/people.html",))
    assert removed.soup("sub/people").select_one("a.sr-link-talks")["href"] == "talks"


def test_webp_card_photos_stay_where_browsers_show_them(build) -> None:
    registry = "wei:\n  name: Wei Chen\n  role: student\n  photo: wei.webp\n"
    files = {"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "wei.webp": b"RIFF0000WEBP",
             "index.md": PEOPLE_PAGE}
    assert build(files).soup().select_one("img.sr-person-photo") is not None
    epub = build(files, "epub", confoverrides={"version": "1", "copyright": "2024"})
    assert list(epub.outdir.rglob("wei.webp"))


def test_an_empty_registry_file_is_one_warning_at_the_file(build) -> None:
    page = PEOPLE_PAGE + "\n```{publication}\n:title: T\n:authors: Wei Chen\n:year: 2024\n:highlight: wei\n```\n"
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": "", "index.md": page})
    located(built, "person", "people.yml", 1, "holds no members")
    assert len(built.warning_lines()) == 1, built.warnings


# -- names as real bibliographies write them (a review against the shared .bib files) -------------

FORMS_BIB = r"""
@article{a1, title = {Compound families}, year = {2024},
  author = {Castro Neto, A. H. and Ana Da Silva and Ren, Jia Chen and Garc{\'\i}a-M{\'a}rquez, G.}}
@article{a2, title = {Lineage and abbreviations}, year = {2023},
  author = {Sodeman, Jr., W. A. and Henning, {\relax Th}. and Taminiau, TH and Peebles, Jr, Peyton Z.}}
@article{a3, title = {Fathers and short names}, year = {2022}, author = {Sodeman, W. A. and Ren, Jia}}
@article{a4, title = {Middle names}, year = {2021}, author = {Gaudi, Scott and Gaudi, S. and Kasdin, N. J.}}
@article{a5, title = {Capitals and braces}, year = {2020}, author = {Zhang, WEI and Zhang, {Wei} and Lee, TOM}}
@article{a6, title = {Two Smiths}, year = {2019}, author = {Smith, J. Paul and Smith, J.}}
"""


def test_compound_families_lineages_and_abbreviated_given_names(build) -> None:
    """A registry name in reading order may have a family of two words; "Jr." tells a son from
    his father; "Th." and {\\relax Th}. are how ADS and bibtex abbreviate given names (a name in
    capitals or in braces, "WEI", "{Wei}", is a name, not initials)."""
    members = {"castro": "Antonio H. Castro Neto", "dasilva": "Da Silva, Ana", "jiaren": "Jia Ren",
               "jiachen": "Jia-Chen Ren", "father": "William A. Sodeman", "son": "William A. Sodeman Jr.",
               "henning": "Thomas Henning", "tam": "Tim H. Taminiau", "gabo": "Gabriel García Márquez",
               "peebles": "Peyton Z. Peebles Jr.", "gaudi": "B. Scott Gaudi", "kasdin": "N. Jeremy Kasdin",
               "weiwei": "Weiwei Zhang", "wen": "Wen Zhang", "wei": "Wei Zhang", "tim": "Timothy Lee",
               "john": "John Smith", "paul": "Paul Smith"}
    registry = ", ".join(f'"{k}": {{"name": "{v}", "url": "https://{k}.example.org/"}}' for k, v in members.items())
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            "researcher_people = {" + registry + "}\n")
    built = build({"conf.py": conf, "refs.bib": FORMS_BIB, "index.md": "# P\n\n```{publications}\n```\n"})
    soup = built.soup()

    def members_of(title: str) -> list[str]:
        return [href.split("//")[1].split(".")[0] if href else "" for _name, href, _me in _authors(soup, title)]

    assert members_of("Compound families") == ["castro", "dasilva", "jiachen", "gabo"]
    assert members_of("Lineage and abbreviations") == ["son", "henning", "", "peebles"]  # TH: a name here
    assert members_of("Fathers and short names") == ["father", "jiaren"]
    # One who goes by the middle name is known by it alone (an initial S. could be anyone).
    assert members_of("Middle names") == ["gaudi", "", "kasdin"]
    assert members_of("Capitals and braces") == ["wei", "wei", ""]
    assert members_of("Two Smiths") == ["paul", "john"]  # J. Paul goes by Paul; a lone J. is John's


def test_news_person_filter_finds_cjk_names_inside_cjk_text(build) -> None:
    # Chinese and Japanese put no spaces between words: the name is inside a run of text.
    shown = _filtered_news(build, '{"zw": {"name": "Wei Zhang", "variants": ["张伟"]}, '
                                  '"yt": {"name": "Taro Yamada", "variants": ["山田太郎"]}}',
                           ["2024-04-01: 张伟获得最佳论文奖。", "2024-03-01: 山田太郎さんが講演します。",
                            "2024-02-01: Congratulations to 张伟 on the award!", "2024-01-01: 李娜获奖。"],
                           ["zw", "yt"])
    assert shown["zw"] == ["张伟获得最佳论文奖。", "Congratulations to 张伟 on the award!"]
    assert shown["yt"] == ["山田太郎さんが講演します。"]


# -- what a registry may hold: a review of what the people features output ------------------------

def test_registry_values_with_control_characters_backslashes_and_odd_files(build) -> None:
    registry = ("ann:\n  name: \"Ann\\x01 Lee\"\n  role: pi\n  url: \"https://ann.example.org/\\x02\"\n"
                "  links:\n    website: \"https://w.example.org/\\x03\"\n"
                "bo:\n  name: Bo Li\n  role: student\n  photo: bo.heic\n  email: bo at example dot org\n"
                "cy:\n  name: Cy Ng\n  role: student\n  photo: conf.py\n  url: '\\\\evil.example\\x'\n")
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "bo.heic": b"\0\0\0 ftypheic",
                   "index.md": PEOPLE_PAGE})
    located(built, "person", "people.yml", 2, "control characters in 'name' are left out")
    located(built, "person", "people.yml", 4, "control characters in 'url' are left out")
    located(built, "person", "people.yml", 5, "link 'website': control characters are left out")
    located(built, "person", "people.yml", 10, "photo 'bo.heic' is not an image every browser shows")
    located(built, "person", "people.yml", 11, "email 'bo at example dot org' is not an address")
    located(built, "person", "people.yml", 15, "photo 'conf.py' is not an image")
    located(built, "person", "people.yml", 16, "unsafe URL")
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", html)
    assert 'href="https://ann.example.org/"' in html and 'alt="Ann Lee"' not in html  # no photo: no alt
    assert "Ann Lee" in html and "mailto:" not in html and "evil.example" not in html
    assert not list(built.outdir.rglob("*.heic")) and not list(built.outdir.rglob("_images/conf.py"))


def test_a_registry_of_nested_yaml_aliases_is_not_expanded(tmp_path: Path) -> None:
    """A few hundred bytes of aliases of aliases stand for millions of strings ("billion laughs"):
    the registry is read without walking them all (it took gigabytes, then a MemoryError)."""
    import tracemalloc

    from sphinx_researcher.parsing.people import load_people

    levels = ['l0: &l0 ["xxxxxxxxxx"]'] + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 7)]
    (tmp_path / "people.yml").write_text("\n".join(levels) + "\nann:\n  name: Ann Lee\n  role: pi\n", encoding="utf-8")
    tracemalloc.start()
    loaded = load_people("people.yml", tmp_path, tmp_path, lambda: "conf.py:1")
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [m.id for m in loaded.people.members] == ["ann"]
    assert peak < 4_000_000, peak  # the repr of 10**6 strings alone is 14 MB



def test_news_person_filter_needs_a_family_name_written_as_a_name(build) -> None:
    # Mary Will: "Mary will present" is about some Mary, not her.
    shown = _filtered_news(build, '{"mw": {"name": "Will, Mary"}}',
                           ["2024-03-01: Mary will present with Dr. Will.", "2024-02-01: MARY WILL RECEIVES AN AWARD",
                            "2024-01-01: Congratulations to Mary Will on her award!"], ["mw"])
    assert shown["mw"] == ["MARY WILL RECEIVES AN AWARD", "Congratulations to Mary Will on her award!"]


def test_filtered_recent_news_follows_edits_of_old_items(tmp_path: Path) -> None:
    """A filtered {recent-news} shows items far past the site's newest: editing, adding or
    tagging an old one must write its pages again (they kept the old list)."""
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_people = {"tom": {"name": "Tom Novak"}, '
            '"wei": {"name": "Wei Zhang"}}\n')
    recent = "".join(f"- 2024-0{month}-01: Seminar number {month}.\n" for month in range(1, 10))
    news = "# News\n\n```{news}\n" + recent + "- 2019-03-01: Wei Zhang joins the lab.\n```\n"
    member = "# {name}\n\n```{{recent-news}}\n:filter: person={id}\n:limit: 3\n```\n"
    files = {"conf.py": conf, "news.md": news, "tom.md": member.format(name="Tom", id="tom"),
             "wei.md": member.format(name="Wei", id="wei"), "awards.md": (
                 "# Awards\n\n```{recent-news}\n:filter: tag=award\n```\n"),
             "index.md": ("# Lab\n\n```{recent-news}\n:limit: 2\n```\n\n```{toctree}\nnews\ntom\nwei\nawards\n```\n")}
    srcdir = tmp_path / "site"
    write_project(srcdir, files)
    first = run_build(srcdir)
    assert "Wei Zhang joins" in (first.outdir / "wei.html").read_text(encoding="utf-8")
    pages = ("tom.html", "wei.html", "awards.html", "index.html")

    _add(srcdir, "news.md", news.replace("Wei Zhang joins", "Tom Novak joins"))  # an old item edited
    again = _rebuild_equals_clean(srcdir, tmp_path, pages)
    assert "Tom Novak joins" in (again.outdir / "tom.html").read_text(encoding="utf-8")
    assert "joins" not in (again.outdir / "wei.html").read_text(encoding="utf-8")

    tagged = news.replace("- 2019-03-01: Wei Zhang joins the lab.\n", "") + (
        "\n```{news}\n:tags: award\n- 2018-05-01: Wei Zhang wins a prize.\n```\n")
    _add(srcdir, "news.md", tagged)  # an old item added, with a tag
    again = _rebuild_equals_clean(srcdir, tmp_path, pages)
    assert "wins a prize" in (again.outdir / "awards.html").read_text(encoding="utf-8")
    assert "wins a prize" in (again.outdir / "wei.html").read_text(encoding="utf-8")


def test_builders_sharing_a_doctree_folder_each_write_what_changed(tmp_path: Path) -> None:
    """As ``sphinx-build -M html`` then ``-M latex`` with one doctree folder: the LaTeX build
    reads an edit, and the next HTML build must still write the pages it changes."""
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            'researcher_people = {"wei": {"name": "Wei Zhang", "page": "wei"}}\n')
    bib = "@article{w1, title = {Token Merging}, year = {2023}, author = {Wei Zhang and Ann Lee}}\n"
    news = "# News\n\n```{news}\n- 2024-01-01: Wei Zhang joins.\n```\n"
    wei = "# Wei\n\n```{recent-news}\n:filter: person=wei\n```\n\n```{publications}\n```\n"
    index = "# Lab\n\n```{publications}\n```\n\n```{toctree}\nnews\nwei\n```\n"
    srcdir = tmp_path / "site"
    write_project(srcdir, {"conf.py": conf, "refs.bib": bib, "news.md": news, "wei.md": wei, "index.md": index})
    run_build(srcdir, "html")
    run_build(srcdir, "latex")
    time.sleep(1.1)
    edited = time.time()
    (srcdir / "refs.bib").write_text(bib.replace("Token Merging", "TokMerge"), encoding="utf-8")
    keynote = news.replace("- 2024-01-01", "- 2024-05-01: Wei Zhang gives a keynote.\n- 2024-01-01")
    (srcdir / "news.md").write_text(keynote, encoding="utf-8")
    for name in ("refs.bib", "news.md"):  # edited after the HTML was written, read by the LaTeX build
        os.utime(srcdir / name, (edited, edited))
    time.sleep(0.1)
    assert "TokMerge" in next(run_build(srcdir, "latex").outdir.glob("*.tex")).read_text(encoding="utf-8")
    html = run_build(srcdir, "html")
    clean = run_build(srcdir, "html", outdir=tmp_path / "clean")
    for page in ("index.html", "wei.html"):
        assert (html.outdir / page).read_text(encoding="utf-8") == (clean.outdir / page).read_text(encoding="utf-8")
    assert "keynote" in (html.outdir / "wei.html").read_text(encoding="utf-8")
    assert "TokMerge" in (html.outdir / "index.html").read_text(encoding="utf-8")


def test_registry_and_bibliography_problems_are_said_on_every_build(tmp_path: Path) -> None:
    """As a clean build says them, while they are there: an incremental ``-W`` build passed with
    a missing photo; a remote preview was not said by HTML after LaTeX had read the .bib."""
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_bibtex_files = ["refs.bib"]\n'
            'html_baseurl = "https://lab.example.org/"\n'
            'researcher_people = {"wei": {"name": "Wei Zhang", "role": "pi", "photo": "wei.png"}}\n')
    bib = ("@article{w1, title = {T}, year = {2023}, author = {Wei Zhang},\n"
           "  preview = {https://cdn.example.com/w.png}}\n")
    page = "# Lab\n\n```{people}\n```\n\n```{publications}\n```\n"
    srcdir = tmp_path / "site"
    write_project(srcdir, {"conf.py": conf, "refs.bib": bib, "index.md": page})

    def said(built) -> list[str]:
        return sorted(line.split("WARNING: ")[1] for line in built.warning_lines() if "[researcher." in line)

    latex = run_build(srcdir, "latex")  # remote images are left out of a PDF: not said here
    assert said(latex) == ["researcher_people 'wei': photo 'wei.png' does not exist [researcher.file]"]
    html = run_build(srcdir, "html")  # the same doctree folder: the .bib is not read again
    assert said(html) == sorted([*said(latex), "entry 'w1': preview https://cdn.example.com/w.png loads from "
                                 "cdn.example.com when the page is viewed; put a copy in the source folder "
                                 "[researcher.external]"])
    _add(srcdir, "index.md", "# The lab\n\n```{people}\n```\n\n```{publications}\n```\n")
    assert said(run_build(srcdir, "html")) == said(html)


def test_people_deep_in_a_howto_pdf_stay_within_latex_levels(build) -> None:
    # A howto has no \chapter: its deepest heading, \subparagraph, is one level sooner.
    conf = ('extensions = ["sphinx_researcher"]\nresearcher_people = {"a": {"name": "Ann Lee", "role": "pi"}}\n'
            'latex_documents = [("index", "lab.tex", "Lab", "Lab", "howto")]\n')
    page = "# Lab\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F\n\n```{people}\n```\n"
    built = build({"conf.py": conf, "index.md": page}, "latex")
    assert built.warning_lines() == [], built.warnings
    tex = (built.outdir / "lab.tex").read_text(encoding="utf-8")
    assert "\\subparagraph*{Principal investigators}" in tex


def test_registry_photo_with_a_query_and_emails_written_as_links(build) -> None:
    registry = ("ann:\n  name: Ann Lee\n  role: pi\n  photo: images/ann.png?v=2\n  email: mailto:ann@uni.edu\n"
                "tom:\n  name: Tom Wu\n  role: pi\n  email: Tom Wu <tom@uni.edu>\n")
    built = build({"conf.py": REGISTRY_CONF.format("people.yml"), "people.yml": registry, "images/ann.png": PNG,
                   "index.md": PEOPLE_PAGE + "\n```{profile}\n:name: Ann Lee\n:photo: images/ann.png?v=2\n```\n"})
    assert built.warning_lines() == [], built.warnings
    soup = built.soup()
    assert soup.select_one("img.sr-person-photo")["src"].endswith("ann.png")
    assert soup.select_one(".sr-profile img")["src"].endswith("ann.png")
    emails = sorted(unquote(a["href"]) for a in soup.select(".sr-person a.sr-link-email"))
    assert emails == ["mailto:ann@uni.edu", "mailto:tom@uni.edu"]
