"""Remote images of ours (a profile photo, a publication's ``:image:`` or BibTeX ``preview``)
stay out of builders that cannot link an image: latex, epub, texinfo… would have Sphinx
download them during the build, and a build never touches the network.

Runs before Sphinx's own ``ImageDownloader`` (priority 100). Images an author writes in a MyST
body are theirs and are left alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..compat import _builder_cls


def is_remote(uri: str) -> bool:
    """Local images of ours are source-relative paths; anything with a scheme or host is not."""
    return "://" in uri or uri.startswith("//") or ":" in uri.split("/", 1)[0]


class DropRemoteImages(SphinxPostTransform):
    default_priority = 90

    def is_supported(self) -> bool:
        return not _builder_cls(self.env).supported_remote_images

    def run(self, **kwargs: object) -> None:
        for wrapper in list(self.document.findall(lambda n: isinstance(n, sr.profile_photo | sr.pub_media))):
            assert isinstance(wrapper, nodes.Element)
            if any(is_remote(image.get("uri", "")) for image in wrapper.findall(nodes.image)):
                wrapper.parent.remove(wrapper)
