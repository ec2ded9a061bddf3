"""Property tests: hostile directive bodies, options, conf.py values and BibTeX entries, built
under every builder. Whatever Hypothesis writes, no build raises, no payload reaches the
output unescaped, every researcher warning is at a real line, and LaTeX gets no empty list.

Bounded for CI (a few examples per property, two builders each, one project directory per
example); ``SR_HYPOTHESIS_EXAMPLES=200`` explores further (and with a random seed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hardening import BUILDERS, PAYLOAD, SCRIPT_URL, assert_sound, build_in, write_files

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_EXPLORE = os.environ.get("SR_HYPOTHESIS_EXAMPLES", "")
EXAMPLES = int(_EXPLORE) if _EXPLORE.isascii() and _EXPLORE.isdigit() else 8
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not _EXPLORE,  # CI: the same examples every run; exploring: new ones
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# Values that broke something once, or could: scripts, script URLs, malformed URLs, digits
# that are not ASCII, control characters, format strings, LaTeX without arguments, braces.
HOSTILE = [
    PAYLOAD, SCRIPT_URL, "JaVa\tScRiPt:sr_pwn()", "data:text/html,<script>sr_pwn()</script>",
    "http://[x", "https://a]b/c", "//[::1", "http://x:99999", "²", "٣", "0", "-1", "99999", "20245",
    "\x01", "\x00", "\x7f", "%s", "%(x)s", "{", "}", "\\url", "\\frac{a}", "\\", "&amp;", '"', "'", "`",
    "|", "<", ">", "=", ",", "(", ")" * 3, "(" * 300 + "selected" + ")" * 300, "not " * 200 + "selected",
    "9" * 4400, "\u202e", "多伊", "", " ", "2024-00", "2024-03-00", "2024-02-30", "yes", "maybe", "none",
    "key=zzz", "selected", "year>=2020", "type=article", "cv.pdf", "../outside.pdf", "/abs/x.png",
]
# Body text: MyST passes raw HTML an author writes through (SPEC), so no scripts here.
BODY_WORDS = [w for w in HOSTILE if "script" not in w.lower() and "<" not in w and "\n" not in w]
DATES = ["2024", "2024-05", "2024-05-14", "2024-00", "2024-03-00", "2024-13", "20245", "0000", "2024-02-30",
         "2019-09 – present", "2015 – 2019", "2020 – 2010"]
BIB_TYPES = ["article", "inproceedings", "misc", "book", "phdthesis", "unknowntype"]


# Python's str.splitlines (so docutils) breaks lines at these too: one in an option value moves
# the rest of it into the directive body, where raw HTML is the author's own (SPEC).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def one_line(values: list[str]) -> st.SearchStrategy[str]:
    atoms = st.sampled_from([v for v in values if not any(c in v for c in LINE_BREAKS)])
    free = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS + "`"), max_size=12)
    return st.lists(st.one_of(atoms, free), min_size=1, max_size=3).map("".join)


option_value = one_line(HOSTILE)
body_text = one_line(BODY_WORDS).map(lambda t: t.replace("\x00", ""))


@dataclass
class Block:
    lines: list[str]
    height: int  # fence nesting below: an outer fence needs more backticks


def directive(name: str, arg: str, options: list[tuple[str, str]], body: list[Block]) -> Block:
    height = max((b.height + 1 for b in body), default=0)
    fence = "`" * (3 + height)
    lines = [f"{fence}{{{name}}}" + (f" {arg}" if arg else "")]
    lines += [f":{key}: {value}" for key, value in options]
    for block in body:
        lines += ["", *block.lines]
    lines.append(fence)
    return Block(lines, height)


def inline() -> st.SearchStrategy[str]:
    return st.one_of(
        body_text,
        option_value.map(lambda t: f"{{badge}}`{t.replace('`', '')}|x <{SCRIPT_URL}>`"),
        st.sampled_from(["{pub}`a1`", "{pub}`nope`", "[link](http://[x)", "<https://a]b/>", "text[^1]"]),
    )


def dated_list(name: str, children: st.SearchStrategy[list[Block]]) -> st.SearchStrategy[Block]:
    item = st.tuples(st.sampled_from(DATES), inline(), children)

    def render(items: list[tuple[str, str, list[Block]]], options: list[tuple[str, str]]) -> Block:
        body_lines: list[str] = []
        height = 0
        for date, text, nested in items:
            body_lines.append(f"- {date}: {text}")
            for block in nested:
                body_lines += ["", *("  " + line if line else "" for line in block.lines)]
                height = max(height, block.height + 1)
            if "[^1]" in text:
                body_lines += ["", "  [^1]: a note"]
        block = directive(name, "", options, [])
        fence = "`" * (3 + height)
        return Block([f"{fence}{{{name}}}", *block.lines[1:-1], "", *body_lines, fence], height)

    options = st.lists(st.tuples(st.sampled_from(["limit", "class"]), option_value), max_size=1)
    return st.builds(render, st.lists(item, max_size=3), options)


leaf_blocks = st.one_of(
    st.builds(lambda o: directive("recent-news", "", o, []),
              st.lists(st.tuples(st.sampled_from(["limit", "archive"]), option_value), max_size=2)),
    st.builds(lambda o: directive("publications", "", o, []),
              st.lists(st.tuples(st.sampled_from(["filter", "limit", "group-by", "heading-level"]), option_value),
                       max_size=2)),
    st.builds(lambda k, o: directive("publication", k, o, []), st.sampled_from(["a1", "nope", ""]),
              st.lists(st.tuples(st.sampled_from(["title", "year", "month", "pdf", "code", "links", "image", "arxiv",
                                                  "doi", "github", "authors"]), option_value), max_size=3)),
    st.builds(lambda o: directive("profile", "", o, []),
              st.lists(st.tuples(st.sampled_from(["name", "photo", "links", "email", "role"]), option_value),
                       max_size=2)),
    st.builds(lambda label, o: directive("badge", label.strip() or "b", o, []), option_value,
              st.lists(st.tuples(st.sampled_from(["message", "link", "color", "logo"]), option_value), max_size=2)),
    st.just(Block(["```{toctree}", "other", "```"], 0)),
    inline().map(lambda t: Block([t], 0)),
)


def blocks(depth: int) -> st.SearchStrategy[Block]:
    if depth == 0:
        return leaf_blocks
    children = st.lists(blocks(depth - 1), max_size=2)
    return st.one_of(leaf_blocks, dated_list("news", children), dated_list("timeline", children))


def page(parts: list[Block]) -> str:
    return "# Page\n\n" + "\n\n".join("\n".join(b.lines) for b in parts) + "\n"


BIB = "@article{a1,\n  title = {A Title},\n  author = {Doe, Jane},\n  year = {2024},\n  journal = {J},\n}\n"
CONF = 'extensions = ["sphinx_researcher"]\nresearcher_name = "Jane Doe"\nresearcher_bibtex_files = ["p.bib"]\n' \
       'project = "P"\ncopyright = "2024"\nversion = release = "1"\n'


def builders() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(BUILDERS), min_size=1, max_size=2, unique=True)


def check(srcdir: Path, files: dict[str, str], chosen: list[str]) -> None:
    write_files(srcdir, files)
    for builder in chosen:
        assert_sound(build_in(srcdir, builder), builder)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(index=st.lists(blocks(2), min_size=1, max_size=3), news=st.lists(blocks(1), max_size=2), chosen=builders())
def test_directive_bodies_and_options(workdir: Path, index: list[Block], news: list[Block], chosen: list[str]) -> None:
    toctree = Block(["```{toctree}", "news", "other", "```"], 0)
    files = {"conf.py": CONF, "p.bib": BIB, "index.md": page([toctree, *index]), "news.md": page(news),
             "other.md": "# Other\n"}
    check(workdir / "bodies", files, chosen)


def _literal(value: object) -> str:
    return repr(value)


config_scalar = st.one_of(option_value, st.integers(-3, 3), st.none(), st.booleans(), st.just([1, "x"]), st.just({}))
profile_value = st.dictionaries(
    st.one_of(st.sampled_from(["name", "photo", "role", "affiliation", "email", "location", "afiliation", "linkss"]),
              st.integers(0, 2)),
    config_scalar,
    max_size=4,
)
links_value = st.dictionaries(st.one_of(st.sampled_from(["github", "scholar", "orcid", "x", "cv", "website",
                                                          "mastodon", "Custom"]), st.integers(0, 2), st.none()),
                              config_scalar, max_size=3)


@SETTINGS
@given(
    profile=profile_value,
    links=st.one_of(links_value, config_scalar),
    date_format=st.one_of(option_value, st.dictionaries(st.sampled_from(["year", "month", "day", "week", 1]),
                                                        config_scalar, max_size=2),
                          st.sampled_from(["QQQQQQ", "%s", "yyyy-MM-dd", "d MMM y"])),
    theme_options=st.dictionaries(st.sampled_from(["nav_title", "nav_home", "footer_text", "description", "favicon",
                                                   "show_profile"]), config_scalar, max_size=3),
    baseurl=st.one_of(st.sampled_from(["https://jane.example.org/", ""]), option_value),
    feed=st.one_of(st.sampled_from(["news.xml", ""]), option_value),
    encoding=st.sampled_from(["utf-8", "idna", "rot13", "base64", "nope", "utf-16", "latin-1", "punycode"]),
    variants=st.one_of(st.lists(option_value, max_size=2), config_scalar),
    theme=st.sampled_from(["researcher", "alabaster"]),
    chosen=builders(),
)
def test_conf_values(workdir: Path, profile: dict, links: object, date_format: object, theme_options: dict,
                     baseurl: str, feed: str, encoding: str, variants: object, theme: str, chosen: list[str]) -> None:
    profile = {**profile, "links": links}
    conf = CONF + "\n".join([
        f"researcher_profile = {_literal(profile)}",
        f"researcher_date_format = {_literal(date_format)}",
        f"html_theme = {theme!r}",
        f"html_theme_options = {_literal(theme_options)}",
        f"html_baseurl = {_literal(baseurl)}",
        f"researcher_news_feed = {_literal(feed)}",
        f"researcher_bibtex_encoding = {encoding!r}",
        f"researcher_name_variants = {_literal(variants)}",
    ]) + "\n"
    index = "# Home\n\n```{profile}\nA bio.\n```\n\n```{news}\n- 2024-05-14: news\n- 2023: older\n```\n\n" \
            "```{recent-news}\n```\n\n```{timeline}\n- 2019-09 – present: PhD\n```\n\n```{publications}\n```\n"
    files = {"conf.py": conf, "p.bib": BIB + "@misc{b2, title={Caf\\'e}, author={Doe, J.}, year={2023}}\n",
             "index.md": index}
    check(workdir / "conf", files, chosen)


bib_field = st.one_of(option_value, st.sampled_from(["{" * 5 + "x" + "}" * 5, "\\url", "\\href{x}", "$x^2$",
                                                      "13", "99999", "2024a", "mar", "http://[x", "../x.pdf"]))


@SETTINGS
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(BIB_TYPES), st.sampled_from(["a1", "b2", "c-3", "d:4"]),
                  st.dictionaries(st.sampled_from(["title", "author", "year", "month", "journal", "booktitle",
                                                   "url", "pdf", "code", "html", "preview", "doi", "eprint",
                                                   "arxiv", "abstract", "award", "selected", "keywords",
                                                   "abbr", "note"]), bib_field, max_size=6)),
        min_size=1, max_size=3),
    chosen=builders(),
)
def test_bibtex_entries(workdir: Path, entries: list[tuple[str, str, dict[str, str]]], chosen: list[str]) -> None:
    bib = ""
    for kind, key, fields in entries:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        bib += f"@{kind}{{{key},\n{body}\n}}\n\n"
    index = "# Home\n\n```{publications}\n:group-by: year\n```\n\n```{publication} a1\n```\n\n" \
            "```{news}\n- 2024: {pub}`a1` and {pub}`b2`\n```\n"
    check(workdir / "bibtex", {"conf.py": CONF, "p.bib": bib, "index.md": index}, chosen)
