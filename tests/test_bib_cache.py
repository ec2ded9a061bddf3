"""The parsed-.bib cache in the doctree folder: reused for the same text, never stale."""

from __future__ import annotations

from pathlib import Path

from conftest import run_build, write_project

BIB = "@article{a, title = {First Title}, author = {Jane Q. Doe}, journal = {J}, year = 2024}\n"
CONF = 'extensions = ["sphinx_researcher"]\nresearcher_name = "{name}"\nresearcher_bibtex_files = ["refs.bib"]\n'
INDEX = "# Home\n\n```{publications}\n```\n"


def _cache_files(built) -> list[Path]:
    return sorted((Path(built.app.doctreedir) / "sr-bib-cache").glob("*.pickle"))


def test_cache_reused_after_config_change_and_never_stale(tmp_path: Path, build) -> None:
    from sphinx_researcher.collectors import bib_cache

    srcdir = tmp_path / "site"
    write_project(srcdir, {"conf.py": CONF.format(name="Jane Q. Doe"), "refs.bib": BIB, "index.md": INDEX})
    first = run_build(srcdir)
    assert first.warning_lines() == []
    files = _cache_files(first)
    assert len(files) == 1

    calls = []
    real = bib_cache.parse_bib_text
    bib_cache.parse_bib_text = lambda text, path: calls.append(path) or real(text, path)  # type: ignore[assignment]
    try:
        # A config change rebuilds the environment; the unchanged .bib is not lexed again.
        write_project(srcdir, {"conf.py": CONF.format(name="J. Doe")})
        second = run_build(srcdir)
        assert calls == []
        assert "sr-me" in second.html()
        # An edited .bib is parsed again, shown as edited, and the old cache file goes.
        write_project(srcdir, {"conf.py": CONF.format(name="J. Doe"),
                               "refs.bib": BIB.replace("First Title", "Second Title")})
        third = run_build(srcdir)
        assert len(calls) == 1
        assert "Second Title" in third.html() and "First Title" not in third.html()
        assert len(_cache_files(third)) == 1 and _cache_files(third) != files
        # A damaged cache file is parsed again, not trusted.
        _cache_files(third)[0].write_bytes(b"not a pickle")
        write_project(srcdir, {"conf.py": CONF.format(name="Jane Q. Doe")})
        fourth = run_build(srcdir)
        assert len(calls) == 2 and "Second Title" in fourth.html()
    finally:
        bib_cache.parse_bib_text = real  # type: ignore[assignment]
    clean = build({"conf.py": CONF.format(name="Jane Q. Doe"), "refs.bib": BIB.replace("First Title", "Second Title"),
                   "index.md": INDEX})
    assert fourth.html() == clean.html()


def test_collector_paused_while_models_are_built_and_restored_after(tmp_path: Path) -> None:
    import gc

    from sphinx_researcher.collectors import bibliography
    from sphinx_researcher.gc_pauses import collection_paused

    seen: list[bool] = []
    parsed: list[bool] = []
    frozen_at_next_collection: list[int] = []
    real = bibliography.parse_sources

    def parse_sources(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        try:
            return real(*args, **kw)
        finally:
            parsed.append(True)

    def first_collection_after(phase: str, _info: object) -> None:
        if phase == "start" and parsed and not frozen_at_next_collection:
            frozen_at_next_collection.append(gc.get_freeze_count())

    bibliography.parse_sources = parse_sources  # type: ignore[assignment]
    gc.callbacks.append(first_collection_after)
    # Enough entries that the collector, switched on again, has young objects to collect at once.
    many = BIB + "".join(f"@article{{k{n}, title = {{Paper {n}}}, author = {{Ann Lee{n} and Jane Q. Doe}}, "
                         f"journal = {{J}}, year = 2020}}\n" for n in range(300))
    try:
        srcdir = tmp_path / "site"
        write_project(srcdir, {"conf.py": CONF.format(name="Jane Q. Doe"), "refs.bib": many, "index.md": INDEX})
        assert gc.isenabled()
        built = run_build(srcdir)
        assert seen == [False] and gc.isenabled()
        # The models were out of the collector's sight before it ran again: its first collection
        # (young objects, those made while it was off) does not walk them.
        assert frozen_at_next_collection and frozen_at_next_collection[0] > 1000
        assert "First Title" in built.html()
        # A collector the caller had turned off stays off; an error still restores the state.
        gc.disable()
        with collection_paused():
            pass
        assert not gc.isenabled()
        gc.enable()
        try:
            with collection_paused():
                raise ValueError
        except ValueError:
            pass
        assert gc.isenabled()
    finally:
        bibliography.parse_sources = real  # type: ignore[assignment]
        gc.callbacks.remove(first_collection_after)
        gc.enable()


def test_long_lived_objects_frozen_while_read_and_until_the_next_build(tmp_path: Path) -> None:
    import gc

    from sphinx_researcher import gc_pauses
    from sphinx_researcher.collectors import bibliography
    from sphinx_researcher.directives import publications

    frozen_while_read = []
    real_run = publications.PublicationsDirective.run

    def run(self):  # type: ignore[no-untyped-def]
        frozen_while_read.append(gc.get_freeze_count())
        return real_run(self)

    thawed_at: list[int] = []
    real_thaw = gc_pauses.thaw_previous_build

    def thaw(*args):  # type: ignore[no-untyped-def]
        real_thaw(*args)
        thawed_at.append(gc.get_freeze_count())

    publications.PublicationsDirective.run = run  # type: ignore[method-assign]
    bibliography.thaw_previous_build = thaw  # type: ignore[assignment]  (connected by setup())
    try:
        srcdir = tmp_path / "site"
        write_project(srcdir, {"conf.py": CONF.format(name="Jane Q. Doe"), "refs.bib": BIB, "index.md": INDEX})
        built = run_build(srcdir)
        assert "First Title" in built.html()
        # Frozen once the bibliography was loaded: the collector no longer walks what lives on.
        assert frozen_while_read and frozen_while_read[0] > 1000
        # Still frozen after the build (Python's collection at exit would walk it all) ...
        assert gc.get_freeze_count() > 1000
        # ... until the next build in this process begins, before it makes anything.
        again = run_build(srcdir)
        assert "First Title" in again.html()
        assert len(thawed_at) == 2 and thawed_at[-1] == 0
    finally:
        publications.PublicationsDirective.run = real_run  # type: ignore[method-assign]
        bibliography.thaw_previous_build = real_thaw  # type: ignore[assignment]
        gc.unfreeze()


def test_cached_entries_come_back_with_every_field() -> None:
    import dataclasses
    import pickle

    from sphinx_researcher.parsing.bibtex import parse_bib_text

    text = BIB + "@book{b, title = {T}, editor = {Ann Lee}, crossref = {a}, year = 2020}\n"
    parsed = parse_bib_text(text, "refs.bib")
    parsed.entries[1].inherited.add("journal")
    again = pickle.loads(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
    for before, after in zip(parsed.entries, again.entries, strict=True):
        for field in dataclasses.fields(before):
            assert getattr(after, field.name) == getattr(before, field.name), field.name
    assert again.entries[1].inherited == {"journal"} and again.entries[0].text is again.entries[1].text


def test_cache_file_named_by_the_bytes_their_encoding_and_path(tmp_path: Path) -> None:
    """The same bytes read as another encoding are another text: never the other's cache file."""
    import hashlib

    from sphinx_researcher.collectors.bib_cache import cache_key, cached_parse

    data = "@misc{k, title = {Caf\u00e9}, year = 2020}\n".encode()
    digest = hashlib.sha256(data).hexdigest()
    keys = {cache_key(digest, "utf-8", "/a.bib"), cache_key(digest, "latin-1", "/a.bib"),
            cache_key(digest, "utf-8", "/b.bib"), cache_key(hashlib.sha256(data + b" ").hexdigest(), "utf-8", "/a.bib")}
    assert len(keys) == 4
    for encoding in ("utf-8", "latin-1"):
        text = data.decode(encoding)
        parsed = cached_parse(tmp_path, text, "/a.bib", cache_key(digest, encoding, "/a.bib"))
        assert parsed.entries[0].fields["title"] == ("Caf\u00e9" if encoding == "utf-8" else "Caf\u00c3\u00a9")
    assert len(list((tmp_path / "sr-bib-cache").glob("*.pickle"))) == 2
