"""Our nodes as standard docutils nodes, for every builder outside the html family.

LaTeX gets a printable CV (numbered publications, the researcher in bold, news and
timeline as lists, badges as text); text, man, texinfo, xml and gettext get the same
plain structure, so no builder meets a node it does not know.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..compat import builder_format, builder_name
from ..i18n import _
from ..model.person import Profile
from ..model.publication import Publication
from .publication_html import is_highlighted

HTML_FORMATS = frozenset({"html"})


def _text(value: object) -> nodes.Text:
    return nodes.Text(str(value))


def _prepend_to_first_paragraph(body: list[nodes.Node], lead: list[nodes.Node]) -> list[nodes.Node]:
    """``DATE — first paragraph …``: the date joins the first paragraph of the body."""
    if body and isinstance(body[0], nodes.paragraph):
        first = body[0]
        for piece in reversed(lead):
            first.insert(0, piece)
        return body
    return [nodes.paragraph("", "", *lead), *body]


def dated_list_item(label: str, body: list[nodes.Node], refuri: str = "") -> nodes.list_item:
    strong = nodes.strong(label, label)
    date = nodes.reference("", "", strong, refuri=refuri, internal=True) if refuri else strong
    lead: list[nodes.Node] = [date, _text(" — ")]
    return nodes.list_item("", *_prepend_to_first_paragraph(body, lead))


def news_list_nodes(node: sr.news_list) -> list[nodes.Node]:
    items = nodes.bullet_list(classes=["sr-news"])
    for item in node.findall(sr.news_item):
        body = [c.deepcopy() for c in item.children]
        items += dated_list_item(item["date_label"], body, item.get("source_uri", ""))
    return [items]


def timeline_nodes(node: sr.timeline) -> list[nodes.Node]:
    items = nodes.bullet_list(classes=["sr-timeline"])
    for entry in node.findall(sr.timeline_entry):
        label = entry["start_label"] + (f" – {entry['end_label']}" if entry["end_label"] else "")
        items += dated_list_item(label, [c.deepcopy() for c in entry.children])
    return [items]


def profile_nodes(node: sr.profile) -> list[nodes.Node]:
    profile: Profile = node["profile"]
    result: list[nodes.Node] = []
    if profile.name:
        result.append(nodes.paragraph("", "", nodes.strong(profile.name, profile.name)))
    lines = [v for v in (profile.role, profile.affiliation, profile.location, profile.email) if v]
    if lines:
        block = nodes.line_block()
        for value in lines:
            block += nodes.line(value, value)
        result.append(block)
    if profile.links:
        para = nodes.paragraph()
        for index, link in enumerate(profile.links):
            if index:
                para += _text(" · ")
            para += nodes.reference(link.label, link.label, refuri=link.url)
        result.append(para)
    for bio in node.findall(sr.profile_bio):
        result.extend(child.deepcopy() for child in bio.children)
    return result


def publication_paragraph(pub: Publication, highlight: tuple[str, ...] | None = None) -> nodes.paragraph:
    para = nodes.paragraph(classes=["sr-publication"])
    wanted = frozenset(highlight) if highlight is not None else None
    for index, author in enumerate(pub.authors):
        if index:
            para += _text(", ")
        me = is_highlighted(author, wanted)
        para += nodes.strong(author.name, author.name) if me else _text(author.name)
        marks = ("*" if author.equal else "") + ("†" if author.corresponding else "")
        if marks:
            para += _text(marks)
    if pub.authors:
        para += _text(" " if para.astext().endswith(".") else ". ")  # no "et al.."
    title = pub.title or pub.key
    target = pub.url or (f"https://doi.org/{pub.doi}" if pub.doi else "")
    emphasis = nodes.emphasis(title, title)
    para += nodes.reference("", "", emphasis, refuri=target) if target else emphasis
    venue_name = f"{pub.venue} ({pub.venue_short})" if pub.venue and pub.venue_short else pub.venue or pub.venue_short
    venue = ", ".join(v for v in (venue_name, str(pub.year or "")) if v)
    if venue:
        para += _text(". " + venue)
    para += _text(".")
    if pub.award:
        para += _text(f" {pub.award}.")
    if pub.arxiv:
        para += _text(f" arXiv: {pub.arxiv}.")
    return para


def legend_paragraph(node: sr.pub_legend) -> nodes.paragraph:
    parts = []
    if node["equal"]:
        parts.append("* " + str(_("equal contribution")))
    if node["corresponding"]:
        parts.append("† " + str(_("corresponding author")))
    text = "   ".join(parts)
    return nodes.paragraph(text, text, classes=["sr-pub-legend"])


def publication_list_nodes(node: sr.publication_list) -> list[nodes.Node]:
    """Numbered across groups, as a CV numbers its publications."""
    result: list[nodes.Node] = []
    number = 1
    groups = [c for c in node.children if isinstance(c, sr.pub_group)] or [node]
    for group in groups:
        pubs = [c for c in group.children if isinstance(c, sr.publication)]
        if group is not node:
            title = group["title"]
            result.append(nodes.rubric(title, title))
        if pubs:
            listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", start=number)
            if number != 1:
                listing["start"] = number
            for pub in pubs:
                listing += nodes.list_item("", publication_paragraph(pub["pub"], pub.get("highlight")))
            number += len(pubs)
            result.append(listing)
    for legend in node.findall(sr.pub_legend):
        result.append(legend_paragraph(legend))
    return result


def publication_runs(document: nodes.document) -> list[list[sr.publication]]:
    """``{publication}`` directives written one after another (legends between them allowed):
    each run becomes one numbered list, as a CV numbers its papers."""
    runs: list[list[sr.publication]] = []
    for pub in document.findall(sr.publication):
        if runs and _previous_publication(pub) is runs[-1][-1]:
            runs[-1].append(pub)
        else:
            runs.append([pub])
    return runs


def _previous_publication(node: nodes.Element) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    for sibling in reversed(parent.children[: parent.index(node)]):
        if not isinstance(sibling, sr.pub_legend):
            return sibling if isinstance(sibling, sr.publication) else None
    return None


def replace_publication_run(run: list[sr.publication]) -> None:
    """The run becomes a numbered list followed by one legend for all its marks."""
    parent = run[0].parent
    first, last = parent.index(run[0]), parent.index(run[-1])
    if last + 1 < len(parent.children) and isinstance(parent.children[last + 1], sr.pub_legend):
        last += 1
    listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for pub in run:
        listing += nodes.list_item("", publication_paragraph(pub["pub"], pub.get("highlight")))
    authors = [a for pub in run for a in pub["pub"].authors]
    legend = sr.pub_legend(equal=any(a.equal for a in authors), corresponding=any(a.corresponding for a in authors))
    replacement: list[nodes.Node] = [listing]
    if legend["equal"] or legend["corresponding"]:
        replacement.append(legend_paragraph(legend))
    parent[first : last + 1] = replacement


class ReplaceWithStandardNodes(SphinxPostTransform):
    """Outside the html family, swap each node of ours for standard nodes."""

    default_priority = 100

    def is_supported(self) -> bool:
        # gettext never visits nodes: it reads the bodies' own paragraphs, whose uids the
        # translations are keyed on (copies would lose them and drop every message).
        return builder_format(self.env) not in HTML_FORMATS and builder_name(self.env) != "gettext"

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(sr.badge)):
            text = f"{node['label']}: {node['message']}" if node["message"] else node["label"]
            node.replace_self(nodes.reference(text, text, refuri=node["link"]) if node["link"] else _text(text))
        for list_node in list(self.document.findall(sr.publication_list)):
            list_node.replace_self(publication_list_nodes(list_node))
        for run in publication_runs(self.document):
            replace_publication_run(run)
        for legend in list(self.document.findall(sr.pub_legend)):
            legend.replace_self(legend_paragraph(legend))
        for news in list(self.document.findall(sr.news_list)):
            news.replace_self(news_list_nodes(news))
        for line in list(self.document.findall(sr.timeline)):
            line.replace_self(timeline_nodes(line))
        for profile in list(self.document.findall(sr.profile)):
            profile.replace_self(profile_nodes(profile))
        for leftover in list(self.document.findall(sr.SRElement)):
            if not isinstance(leftover, sr.recent_news):  # filled in on doctree-resolved
                leftover.replace_self([c.deepcopy() for c in leftover.children])
