"""The homepage of Jane Q. Doe, a fictional PhD candidate: the sphinx-researcher example site.

Build it with ``python -m sphinx -W -b html example_site example_site/_build/html``.
"""

project = "Jane Q. Doe"
author = "Jane Q. Doe"
copyright = "2024, Jane Q. Doe"
version = release = "2024"
language = "en"

extensions = ["sphinx_researcher"]
exclude_patterns = ["_build"]

researcher_name = "Jane Q. Doe"
researcher_name_variants = ["J. Q. Doe", "Doe, Jane", "Doe, J. Q."]
researcher_bibtex_files = ["papers.bib"]
researcher_profile = {
    "photo": "images/jane.svg",
    "role": "PhD candidate in computer vision",
    "affiliation": "Department of Automation, Example University",
    "email": "jane@example.org",
    "location": "Example City",
    "links": {
        "scholar": "XXXXXXX",
        "github": "janedoe",
        "orcid": "0000-0002-1825-0097",
        "x": "janedoe",
        "cv": "cv.html",
    },
}

html_theme = "researcher"
html_baseurl = "https://jane-doe.example.org/en/"

# Two languages from one source: English as written, Simplified Chinese from the catalogs in
# locales/zh_CN/LC_MESSAGES (untranslated paragraphs stay English). Build the second with
# `python -m sphinx -W -b html -D language=zh_CN example_site example_site/_build/zh_CN`; on
# Read the Docs it is a translation project of this one (same repository, language zh_CN).
locale_dirs = ["locales"]
gettext_compact = False
researcher_languages = {
    "en": "https://jane-doe.example.org/en/",
    "zh_CN": "https://jane-doe.example.org/zh-cn/",
}
researcher_news_feed = "news.xml"  # an Atom feed of every {news} item
html_title = "Jane Q. Doe"
html_favicon = "images/favicon.svg"

# `sphinx -b epub SRC OUT` keeps its doctrees inside OUT, where the epub builder meets them
# as files it has no mimetype for; they are never part of the book.
suppress_warnings = ["epub.unknown_project_files"]

# The printed CV: `sphinx-build -b latex example_site out && make -C out` gives a 2-page PDF
# of cv.md (see the README, "The CV as a PDF").
researcher_cv = "cv"
