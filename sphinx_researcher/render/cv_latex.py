"""LaTeX for the printed CV: the header built from the profile, the preamble that makes a
Sphinx ``howto`` document a compact CV, the CJK set-up, and the timeline as a date column.

Every user value goes through Sphinx's own TeX escaping (``texescape``); URLs through
``tex_uri``. Nothing here knows Sphinx's builders: ``sphinx_researcher.cv`` wires it in.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.util import texescape

from .. import nodes as sr
from ..model.links import is_absolute, is_safe_url
from ..model.person import Profile

# Services whose link is the CV itself or a page of the site: no use on paper.
_NOT_ON_PAPER = frozenset({"cv", "email"})

# Characters xeCJK would otherwise set as CJK punctuation (with CJK spacing and font) in
# English lines: en dash, em dash, middle dot, curly quotes, ellipsis.
CJK_PUNCTUATION_FIX = r'\xeCJKDeclareCharClass{Default}{"2013, "2014, "00B7, "2018, "2019, "201C, "201D, "2026}'

# xeCJK with the Fandol fonts that TeX Live ships (texlive-lang-chinese): no system font needed.
CJK_PREAMBLE = "\n".join(
    (
        r"% CJK names and text (sphinx-researcher): xeCJK with TeX Live's Fandol fonts",
        r"\usepackage{xeCJK}",
        r"\setCJKmainfont[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold]{FandolSong}",
        r"\setCJKsansfont[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold]{FandolHei}",
        r"\setCJKmonofont[Extension=.otf, UprightFont=*-Regular]{FandolFang}",
        CJK_PUNCTUATION_FIX,
    )
)

# Compiled on first use by re's own cache: compiling a class of 40,000 characters takes 5 ms,
# which every build paid at import.
_CJK_CHAR = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"


def has_cjk(text: str) -> bool:
    return not text.isascii() and re.search(_CJK_CHAR, text) is not None


# Invisible formatting characters (zero-width space and joiners, direction marks and overrides,
# word joiner, BOM): pdflatex stops at each ("Unicode character … not set up for use with LaTeX").
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def invisible_characters_preamble(text: str) -> str:
    """pdflatex lines that set each invisible character of ``text`` as nothing ("" if none)."""
    found = sorted(set(_INVISIBLE.findall(text)))
    return "\n".join(f"\\DeclareUnicodeCharacter{{{ord(char):04X}}}{{}}" for char in found)


def tex(text: str, engine: str = "pdflatex") -> str:
    if not texescape.tex_replace_map:  # filled when the LaTeX builder starts; config-inited is earlier
        texescape.init()
    return texescape.escape(text, engine)


def tex_uri(url: str) -> str:
    r"""A URL for ``\href``: hyperref wants ``%``, ``#``, ``\``, ``{``, ``}`` escaped."""
    return re.sub(r"([%#\\{}])", r"\\\1", url)


def short_url(url: str) -> str:
    """``https://www.github.com/janedoe/`` → ``github.com/janedoe``: what a reader types."""
    if url.startswith("mailto:"):
        return unquote(url[len("mailto:") :])
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    rest = parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return unquote(host + rest) if host else url


def href(url: str, text: str, engine: str) -> str:
    if not is_safe_url(url):
        return tex(text, engine)
    return rf"\href{{{tex_uri(url)}}}{{{tex(text, engine)}}}"


def header_latex(profile: Profile, website: str = "", engine: str = "pdflatex") -> str:
    """The CV's first lines (``latex_elements["maketitle"]``): the name; role and affiliation;
    email (a mailto link), location and website; then each service as its readable URL."""
    lines = [rf"{{\LARGE\bfseries {tex(profile.name, engine)}\par}}"]
    about = ", ".join(v for v in (profile.role, profile.affiliation) if v)
    if about:
        lines.append(rf"\smallskip{{\large {tex(about, engine)}\par}}")
    contact = []
    if profile.email:
        contact.append(href(f"mailto:{profile.email}", profile.email, engine))
    if profile.location:
        contact.append(tex(profile.location, engine))
    services = [link for link in profile.links if link.service not in _NOT_ON_PAPER and is_absolute(link.url)]
    site = website or next((link.url for link in services if link.service == "website"), "")
    if site and is_absolute(site):
        contact.append(href(site, short_url(site), engine))
    ids = [href(link.url, short_url(link.url), engine) for link in services if link.url != site]
    for row in (contact, ids):
        if row:
            lines.append(r"\smallskip{\small " + r" \enspace\textbullet\enspace ".join(row) + r"\par}")
    return "\n".join(
        (
            r"\begingroup\raggedright\thispagestyle{plain}",
            *lines,
            r"\endgroup\medskip",
        )
    )


def cv_preamble(name: str, engine: str = "pdflatex") -> str:
    """Compact sections, no numbers, tight lists, a footer with the name and page number and
    no "Release" header; links coloured but not boxed."""
    footer = tex(name, engine)
    return "\n".join(
        (
            r"% The CV (sphinx-researcher): no section numbers, compact headings and lists",
            r"\setcounter{secnumdepth}{-1}",
            r"\makeatletter",
            r"\fancypagestyle{normal}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}"
            r"\renewcommand{\footrulewidth}{0pt}"
            rf"\fancyfoot[L]{{\small\py@HeaderFamily {footer}}}\fancyfoot[R]{{\small\py@HeaderFamily\thepage}}}}",
            r"\fancypagestyle{plain}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}"
            r"\renewcommand{\footrulewidth}{0pt}\fancyfoot[R]{\small\py@HeaderFamily\thepage}}",
            r"\titlespacing*{\section}{0pt}{1.6ex plus .4ex minus .2ex}{.6ex plus .1ex}",
            r"\titlespacing*{\subsection}{0pt}{1.2ex plus .3ex minus .2ex}{.4ex}",
            r"\titleformat{\section}{\Large\py@HeaderFamily\bfseries}{}{0pt}{}[{\titlerule[0.6pt]}]",
            r"\makeatother",
            r"\setlength{\parskip}{2pt}",
            r"\usepackage{enumitem}\setlist{itemsep=1pt, parsep=0pt, topsep=2pt}",
        )
    )


def timeline_label(entry: sr.timeline_entry) -> str:
    return entry["start_label"] + (f" – {entry['end_label']}" if entry["end_label"] else "")


def _display_width(text: str) -> int:
    return sum(2 if has_cjk(char) else 1 for char in text)


def widest_labels(labels: list[str], count: int = 3) -> list[str]:
    """The few longest date labels of a document: TeX measures them to size the date column,
    the same for every timeline of the document so the columns line up."""
    # Ties broken by the text: the same .tex whatever the set's order (PYTHONHASHSEED).
    return sorted(sorted(set(labels)), key=_display_width, reverse=True)[:count]


def timeline_nodes(node: sr.timeline, widest: list[str] | None = None, engine: str = "pdflatex") -> list[nodes.Node]:
    r"""The dates in a left column (``\item[date]`` of a list whose label is as wide as the
    widest date, at most 30% of the line), each entry's text beside its date, as moderncv lays
    out a CV. Self-contained: no macro of ours needed, so any LaTeX build can use it."""
    labels = [timeline_label(entry) for entry in node.findall(sr.timeline_entry)]
    measure = "".join(
        rf"\setbox0=\hbox{{\small {tex(label, engine)}}}\ifdim\wd0>\labelwidth\setlength{{\labelwidth}}{{\wd0}}\fi"
        for label in (widest or widest_labels(labels))
    )
    result: list[nodes.Node] = [
        nodes.raw(
            "",
            r"\begin{list}{}{\setlength{\labelwidth}{4em}" + measure
            + r"\ifdim\labelwidth>.3\linewidth\setlength{\labelwidth}{.3\linewidth}\fi"
            r"\setlength{\labelsep}{1.2em}\setlength{\leftmargin}{\dimexpr\labelwidth+\labelsep\relax}"
            r"\setlength{\itemsep}{2pt}\setlength{\parsep}{0pt}\setlength{\topsep}{2pt}"
            r"\renewcommand{\makelabel}[1]{\parbox[t]{\labelwidth}{\raggedright\small #1}}}"
            "\n",
            format="latex",
        )
    ]
    for entry, label in zip(node.findall(sr.timeline_entry), labels, strict=True):
        result.append(nodes.raw("", rf"\item[{{{tex(label, engine)}}}]" "\n", format="latex"))
        result.extend(child.deepcopy() for child in entry.children)
    result.append(nodes.raw("", "\n\\end{list}\n", format="latex"))
    return result


def pub_ref_number(docname: str, anchor: str) -> str:
    r"""``~[\ref{…}]``: the number of the list item that holds ``docname:anchor`` (the label
    Sphinx's LaTeX writer puts on a target, escaped as its ``idescape`` does)."""
    tex("")  # the maps are filled
    label = f"{docname}:{anchor}".translate(texescape.tex_replace_map)
    label = label.encode("ascii", "backslashreplace").decode("ascii").replace("\\", "_")
    return rf"~[\ref{{\detokenize{{{label}}}}}]"
