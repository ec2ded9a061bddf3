"""The Example Vision Lab, a fictional research group: the sphinx-researcher lab example.

Build it with ``python -m sphinx -W -b html example_lab example_lab/_build/html``.
One shared .bib, a people registry (people.yml), a page per member whose publication
list and news show that member, and al-folio's coauthors.yml for outside co-authors.
"""

project = "Example Vision Lab"
author = "Example Vision Lab"
copyright = "2024, Example Vision Lab"
version = release = "2024"
language = "en"

extensions = ["sphinx_researcher"]
exclude_patterns = ["_build", "_data"]

researcher_name = "Jane Q. Doe"  # the PI: highlighted where a page names nobody else
researcher_bibtex_files = ["papers.bib"]
researcher_people = "people.yml"

html_theme = "researcher"
html_baseurl = "https://vision-lab.example.org/"
html_title = "Example Vision Lab"
researcher_news_feed = "news.xml"
suppress_warnings = ["epub.unknown_project_files"]
