"""No builder fetches anything: remote images stay out of builders that cannot link an image
(latex, epub, texinfo, man, text…), for which Sphinx would download them during the build.

Runs before Sphinx's own ``ImageDownloader`` (priority 100). An image of ours (a profile photo,
a publication's ``:image:`` or BibTeX ``preview``) is decoration there and is left out; any
other remote image (one an author wrote in a page or a news item) becomes a link to it, with
its alt text, so nothing the author wrote is lost. The html builders link images as they are.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..compat import _builder_cls


def is_remote(uri: str) -> bool:
    """Local images are source-relative paths; anything with a scheme or a host is not."""
    return "://" in uri or uri.startswith("//") or ":" in uri.split("/", 1)[0]


def _as_link(image: nodes.image) -> nodes.Node:
    uri = str(image["uri"])
    text = str(image.get("alt") or uri)
    parent = image.parent
    if isinstance(parent, nodes.reference):  # a linked image: its link stays, with the text
        return nodes.Text(text)
    link = nodes.reference(text, text, refuri=uri)
    return link if isinstance(parent, nodes.TextElement) else nodes.paragraph("", "", link)


class DropRemoteImages(SphinxPostTransform):
    default_priority = 90

    def is_supported(self) -> bool:
        builder = _builder_cls(self.env)
        # gettext downloads nothing and reads the messages from the doctree as written.
        return not builder.supported_remote_images and builder.name != "gettext"

    def run(self, **kwargs: object) -> None:
        for wrapper in list(self.document.findall(lambda n: isinstance(n, sr.profile_photo | sr.pub_media))):
            assert isinstance(wrapper, nodes.Element)
            if any(is_remote(image.get("uri", "")) for image in wrapper.findall(nodes.image)):
                wrapper.parent.remove(wrapper)
        for image in list(self.document.findall(nodes.image)):
            if not is_remote(str(image.get("uri", ""))):
                continue
            figure = image.parent
            if isinstance(figure, nodes.figure):  # the figure becomes its link and its caption
                captions = [nodes.paragraph("", "", *[c.deepcopy() for c in cap.children])
                            for cap in figure.findall(nodes.caption)]
                figure.replace_self([_as_link(image), *captions])
            else:
                image.replace_self(_as_link(image))
