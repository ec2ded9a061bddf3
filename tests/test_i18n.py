"""The Simplified Chinese catalog: complete, compiled, and used when language = "zh_CN"."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _catalogs_script():
    spec = importlib.util.spec_from_file_location("sr_catalogs", ROOT / ".ci" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalog_has_every_label_and_mo_is_compiled() -> None:
    catalogs = _catalogs_script()
    assert catalogs.po_files(), "no .po file found"
    problems = catalogs.check()
    assert problems == [], "run `python .ci/catalogs.py` and translate the new labels: " + "; ".join(problems)


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Generated-By: Babel {babel}\\n"

msgid "Abstract"
msgstr "{abstract}"
"""


def _write_catalog(path: Path, babel: str, abstract: str) -> None:
    path.write_text(PO.format(babel=babel, abstract=abstract), encoding="utf-8")


def test_mo_staleness_is_about_meaning_not_the_babel_version(tmp_path: Path) -> None:
    import babel

    catalogs = _catalogs_script()
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po, mo = folder / "x.po", folder / "x.mo"
    _write_catalog(po, babel.__version__, "摘要")
    # The .mo as another Babel release writes it: other header bytes (same length), same meaning.
    other = "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in babel.__version__)
    stamp = f"Generated-By: Babel {babel.__version__}".encode()
    written = catalogs.compiled(po)
    assert stamp in written
    mo.write_bytes(written.replace(stamp, f"Generated-By: Babel {other}".encode()))
    assert mo.read_bytes() != catalogs.compiled(po)
    assert catalogs.mo_is_current(po, mo)
    # A changed translation is what makes a .mo stale.
    _write_catalog(po, babel.__version__, "概要")
    assert not catalogs.mo_is_current(po, mo)
    mo.write_bytes(b"not a catalog")
    assert not catalogs.mo_is_current(po, mo)


def test_every_label_is_translated() -> None:
    from babel.messages import pofile

    catalogs = _catalogs_script()
    for po_path in catalogs.po_files():
        with po_path.open("rb") as handle:
            untranslated = [m.id for m in pofile.read_po(handle) if m.id and not m.string]
        assert untranslated == [], f"{po_path.name}: untranslated {untranslated}"


PAGE = """
# 主页

```{news}
:limit: 1

- 2024-05: 论文被接收。
- 2023-01: 较早的消息。
```

```{timeline}
- 2019-09 – present: 博士研究生。
```

```{publication} doe2024
:title: Sparse Experts
:authors: Jane Q. Doe*, Wei Zhang
:year: 2024
:code: https://github.com/janedoe/x
:tldr: 更快。

摘要正文。
```
"""


def test_chinese_labels_and_dates(build) -> None:
    built = build({"index.md": PAGE}, confoverrides={"language": "zh_CN"})
    assert built.warning_lines() == []
    soup = built.soup()
    assert soup.select_one(".sr-news-older summary").get_text() == "较早的新闻"
    assert soup.select_one(".sr-news-item time").get_text() == "2024年5月"
    assert soup.select_one(".sr-present").get_text() == "至今"
    assert soup.select_one(".sr-abstract summary").get_text() == "摘要"
    assert soup.select_one(".sr-link-code").get_text() == "代码"
    assert "同等贡献" in soup.select_one(".sr-pub-legend").get_text()


def test_english_stays_english(build) -> None:
    built = build({"index.md": PAGE})
    soup = built.soup()
    assert soup.select_one(".sr-news-older summary").get_text() == "Older news"
    assert soup.select_one(".sr-link-code").get_text() == "Code"


def test_chinese_in_latex(build) -> None:
    built = build({"index.md": PAGE}, "latex", confoverrides={"language": "zh_CN", "latex_engine": "xelatex"})
    assert built.warning_lines() == []
    tex = "".join(p.read_text(encoding="utf-8") for p in built.outdir.glob("*.tex"))
    assert "同等贡献" in tex and "2024年5月" in tex and "至今" in tex


def test_news_bodies_translate_through_sphinx_catalogs(build) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Paper accepted."\nmsgstr "论文被接收。"\n'
    )
    page = "# Home\n\n```{news}\n- 2024-05: Paper accepted.\n```\n"
    files = {"index.md": page, "locales/zh_CN/LC_MESSAGES/index.po": po}
    built = build(files, confoverrides={"language": "zh_CN"})
    assert built.warning_lines() == []
    item = built.soup().select_one(".sr-news-item")
    assert item.select_one(".sr-news-body").get_text().strip() == "论文被接收。"
    assert item.time.get_text() == "2024年5月"
    # gettext offers the body without its date, as the translation above expects.
    pot = build({"index.md": page}, "gettext")
    assert 'msgid "Paper accepted."' in pot.text("index.pot")
