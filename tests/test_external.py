"""researcher.external: raw HTML that loads from another host is kept and reported at its line."""

from __future__ import annotations

from sphinx_researcher.parsing.raw_html import external_loads

PAGE = """\
# Home

Scholar badge <img src="https://img.shields.io/badge/citations-100-blue" alt="citations"> inline.

<div class="map">
<p>Visitors</p>
<script type="text/javascript" id="mapmyvisitors" src="//mapmyvisitors.com/map.js?d=x"></script>
</div>

<img src="images/local.png" alt="local"> <a href="https://example.org/">a link loads nothing</a>

<iframe src="https://www.youtube.com/embed/xyz" title="talk"></iframe>
"""

RST = """\
:orphan:

Other
=====

.. raw:: html

   <p>Fine.</p>
   <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Lato">
"""


def test_each_remote_element_is_a_located_warning_and_the_html_is_kept(build) -> None:
    built = build({"index.md": PAGE, "other.rst": RST, "images/local.png": b""})
    lines = built.warning_lines()
    assert all(line.endswith("[researcher.external]") for line in lines), lines
    located = sorted((line.split(": WARNING", 1)[0].rsplit(":", 1)[-1], line) for line in lines)
    hosts = ("shields", "mapmyvisitors", "youtube", "googleapis")
    found = {(int(n), next(h for h in hosts if h in line)) for n, line in located}
    assert found == {(3, "shields"), (7, "mapmyvisitors"), (12, "youtube"), (9, "googleapis")}, lines
    assert sum("index.md:" in line for line in lines) == 3 and sum("other.rst:" in line for line in lines) == 1
    html = built.html("index")
    assert 'src="https://img.shields.io/badge/citations-100-blue"' in html
    assert 'src="//mapmyvisitors.com/map.js?d=x"' in html
    assert 'href="https://fonts.googleapis.com/css?family=Lato"' in built.html("other")


def test_suppress_warnings_silences_it(build) -> None:
    conf = 'extensions = ["sphinx_researcher"]\nsuppress_warnings = ["researcher.external"]\n'
    built = build({"conf.py": conf, "index.md": PAGE})
    assert built.warning_lines() == []
    assert "img.shields.io" in built.html("index")


def test_the_sites_own_host_and_local_files_are_not_reported() -> None:
    html = (
        '<img src="https://jane.example.org/me.png"><img src="/a.png"><img src="data:image/png;base64,AA">'
        '<link rel="canonical" href="https://other.org/"><a href="https://other.org/">x</a>'
    )
    assert external_loads(html, frozenset({"jane.example.org"})) == []


def test_every_loading_form_is_found() -> None:
    html = (
        '<img srcset="a.png 1x, https://cdn.example.net/b.png 2x">\n'
        '<video poster="https://v.example.net/p.jpg"></video>\n'
        '<div style="background: url(\'https://bg.example.net/x.png\')"></div>\n'
        "<style>@import 'https://css.example.net/a.css';</style>\n"
        '<object data="HTTPS://obj.example.net/x.swf"></object>\n'
        '<link rel="icon" href="https://icon.example.net/f.ico">\n'
    )
    found = [(load.line, load.tag, load.url.split("/")[2].lower()) for load in external_loads(html)]
    assert found == [
        (1, "img", "cdn.example.net"), (2, "video", "v.example.net"), (3, "div", "bg.example.net"),
        (4, "style", "css.example.net"), (5, "object", "obj.example.net"), (6, "link", "icon.example.net"),
    ]


IMAGES_CONF = """\
extensions = ["sphinx_researcher"]
researcher_name = "Jane Doe"
researcher_bibtex_files = ["r.bib"]
html_baseurl = "https://jane.example.org/"
researcher_profile = {"name": "Jane Doe", "photo": "https://cdn.example.net/p.jpg"}
html_theme = "researcher"
"""
IMAGES_BIB = """\
@article{far,
  title = {Far},
  author = {Jane Doe},
  year = {2020},
  preview = {https://img.example.com/x.png},
}
@article{own,
  title = {Own},
  author = {Jane Doe},
  year = {2021},
  preview = {https://jane.example.org/own.png},
}
@proceedings{parent,
  title = {Parent},
  year = {2021},
  preview = {https://parent.example.com/p.png},
}
@inproceedings{child,
  title = {Child},
  author = {Jane Doe},
  crossref = {parent},
}
"""
IMAGES_PAGE = """\
# Home

```{profile}
:name: Jane Doe
:photo: https://photos.example.com/me.jpg
```

![remote](https://md.example.com/a.png) and ![own](https://jane.example.org/ok.png)

```{publication}
:title: A paper
:authors: Jane Doe
:year: 2024
:image: https://teaser.example.com/t.png
```

```{publications}
```
"""


def test_a_remote_image_of_any_kind_is_a_warning_where_it_is_written_and_stays_linked(build) -> None:
    """No third-party request at view time unless the author chooses it: every image from another
    host (not the site's own) is reported once, at the line that names it."""
    built = build({"conf.py": IMAGES_CONF, "r.bib": IMAGES_BIB, "index.md": IMAGES_PAGE})
    lines = built.warning_lines()
    assert all(line.endswith("[researcher.external]") for line in lines), lines
    where = {(line.split(": WARNING", 1)[0].rsplit("/", 1)[-1], line.split("loads from ")[1].split()[0])
             for line in lines}
    # The crossref child's preview is its parent's: said once, at the parent's line.
    assert where == {("conf.py:5", "cdn.example.net"), ("r.bib:5", "img.example.com"),
                     ("r.bib:16", "parent.example.com"), ("index.md:5", "photos.example.com"),
                     ("index.md:8", "md.example.com"), ("index.md:14", "teaser.example.com")}, lines
    assert len(lines) == 6, lines
    html = built.html("index")
    for url in ("https://photos.example.com/me.jpg", "https://md.example.com/a.png",
                "https://teaser.example.com/t.png", "https://img.example.com/x.png", "https://jane.example.org/own.png"):
        assert f'src="{url}"' in html, url


def test_remote_images_of_rest_pages_are_said_once_where_shown(build) -> None:
    """A substitution used twice is one image; one defined but unused (rst_prolog) or inside
    ``.. only:: latex`` is not shown; an included file's image is at the included file's line.
    A researcher_profile photo is only said where something shows it."""
    conf = ('extensions = ["sphinx_researcher"]\n'
            'researcher_profile = {"name": "J", "photo": "https://cdn.example.net/p.jpg"}\n'
            'rst_prolog = ".. |unused| image:: https://prolog.example.com/u.png\\n"\n')
    index = (".. toctree::\n\n   other\n\nHome\n====\n\n.. |logo| image:: https://logo.example.com/l.png\n\n"
             "|logo| and |logo|.\n\n.. only:: latex\n\n   .. image:: https://latex.example.com/x.png\n\n"
             ".. include:: part.rst.txt\n")
    part = "Part\n\n.. image:: https://part.example.com/p.png\n"
    other = "# Other\n\n```{profile}\n```\n"
    built = build({"conf.py": conf, "index.rst": index, "part.rst.txt": part, "other.md": other})
    lines = built.warning_lines()
    where = sorted((line.split(": WARNING", 1)[0].rsplit("/", 1)[-1], line.split("loads from ")[1].split()[0])
                   for line in lines)
    assert where == [("index.rst:8", "logo.example.com"), ("other.md:3", "cdn.example.net"),
                     ("part.rst.txt:3", "part.example.com")], lines
    nowhere = build({"conf.py": conf.replace("rst_prolog", "x"), "index.md": "# Home\n"})
    assert nowhere.warning_lines() == []  # alabaster has no sidebar photo, no page shows it
