"""A publication's links outside HTML (LaTeX, text, man…): short readable forms, each a link.

``arXiv: 2405.01234 · DOI: 10.1000/x · Code: github.com/janedoe/x``: on paper the reader
sees what to type, in a PDF it is also clickable.
"""

from __future__ import annotations

from docutils import nodes

from ..model.links import is_absolute, is_safe_url
from ..model.publication import Publication
from .cv_latex import short_url


def short_links(pub: Publication) -> list[tuple[str, str]]:
    """(text, url) of the links a printed list shows: arXiv, DOI, code and project page."""
    row: list[tuple[str, str]] = []
    if pub.arxiv:
        row.append((f"arXiv: {pub.arxiv}", f"https://arxiv.org/abs/{pub.arxiv}"))
    if pub.doi:
        row.append((f"DOI: {pub.doi}", f"https://doi.org/{pub.doi}"))
    for label, url in (("Code", pub.code), ("Project", pub.project)):
        if url and is_absolute(url):
            row.append((f"{label}: {short_url(url)}", url))
    return [(text, url) for text, url in row if is_safe_url(url)]


def short_link_nodes(pub: Publication) -> list[nodes.Node]:
    """`` arXiv: … · DOI: ….`` (leading space, closing full stop), or nothing."""
    result: list[nodes.Node] = []
    for index, (text, url) in enumerate(short_links(pub)):
        result.append(nodes.Text(" · " if index else " "))
        result.append(nodes.reference(text, text, refuri=url))
    if result:
        result.append(nodes.Text("."))
    return result


def separate_badges(document: nodes.Element) -> None:
    """Badges written one per line run together as text ("code arXiv: 1 license: MIT"): the
    white space between two badges becomes " · "."""
    from .. import nodes as sr

    for badge in list(document.findall(sr.badge)):
        following = badge.next_node(descend=False, siblings=True)
        if isinstance(following, nodes.Text) and not following.strip():
            after = following.next_node(descend=False, siblings=True)
            if isinstance(after, sr.badge):
                following.parent.replace(following, nodes.Text(" · "))
