"""The extension's own images (a profile photo, a member's card photo, a publication's image)
in a format the builder cannot include are left out: they are decoration, and an SVG photo
would otherwise stop the PDF of a LaTeX build (``Unknown graphics extension: .svg``).

An author's own images are left to Sphinx (and to ``sphinx.ext.imgconverter``, which converts
them all when it is enabled, ours included).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.images import guess_mimetype

from .. import nodes as sr
from ..compat import _builder_cls


def _own(image: nodes.image) -> bool:
    """A photo or image the extension put there (an author's own image may share its class)."""
    parent = image.parent
    if isinstance(parent, sr.profile_photo | sr.pub_media):
        return True
    return "sr-person-photo" in image.get("classes", ()) and "sr-person" in parent.get("classes", ())


class DropUnsupportedOwnImages(SphinxPostTransform):
    default_priority = 95  # after DropRemoteImages, before Sphinx's image converters (100, 200)

    def is_supported(self) -> bool:
        builder = _builder_cls(self.env)
        # Builders without images (text, man) write their alt text; html ones (epub too) leave the
        # format to the browser or reader, which shows more than Sphinx lists (WebP).
        return (builder.format != "html" and bool(builder.supported_image_types)
                and "sphinx.ext.imgconverter" not in self.config.extensions)

    def run(self, **kwargs: object) -> None:
        supported = _builder_cls(self.env).supported_image_types
        for image in list(self.document.findall(nodes.image)):
            if not _own(image):
                continue
            mimetype = guess_mimetype(str(image.get("uri", "")))
            if mimetype is None or mimetype in supported:
                continue
            wrapper = image.parent
            if isinstance(wrapper, sr.profile_photo | sr.pub_media) and len(wrapper.children) == 1:
                wrapper.parent.remove(wrapper)
            else:
                image.parent.remove(image)
