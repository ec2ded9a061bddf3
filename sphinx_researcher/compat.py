"""The few places where Sphinx 8 and Sphinx 9 differ for us."""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


def _builder_cls(env: BuildEnvironment) -> type[Builder]:
    builder_cls = getattr(env, "_builder_cls", None)  # Sphinx 9
    if builder_cls is None:
        builder_cls = type(env.app.builder)  # Sphinx 8
    return builder_cls


def builder_format(env: BuildEnvironment) -> str:
    """The output format ("html", "latex", ...) of the running builder."""
    return str(_builder_cls(env).format)


def builder_name(env: BuildEnvironment) -> str:
    """The name ("html", "gettext", ...) of the running builder."""
    return str(_builder_cls(env).name)


def links_remote_images(env: BuildEnvironment) -> bool:
    """Whether the running builder writes remote images as they are, so the reader's browser
    loads them (html, dirhtml, singlehtml; epub, latex and the others leave them out)."""
    builder_cls = _builder_cls(env)
    return builder_cls.format == "html" and bool(builder_cls.supported_remote_images)
