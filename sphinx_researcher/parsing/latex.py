"""LaTeX (as found in BibTeX fields) to readable Unicode text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

_NEEDS_LATEX = re.compile(r"[\\$~]")
_converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)

# The middle path: accents, special letters, escapes and font commands are most of what real
# .bib files hold; regular expressions decode them ~50x faster than the full parser.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331",
}
_LETTERS = {
    "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø", "O": "Ø",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}
_TARGET = r"(?:\{\s*(\\[ij]|[A-Za-z])\s*\}"
_SYMBOL_ACCENT = re.compile(r"\\(['`^\"~=.])\s*" + _TARGET + r"|(\\[ij](?![A-Za-z])|[A-Za-z]))")
_LETTER_ACCENT = re.compile(r"\\([uvHckrdb])" + r"(?:\s*" + _TARGET[3:] + r"|\s+(\\[ij](?![A-Za-z])|[A-Za-z]))")
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s*")
_FONT = re.compile(
    r"\\(?:emph|textit|textbf|textsc|textrm|textsf|texttt|textup|textsl|textnormal|mbox|text|url|path|doi)"
    r"(?![A-Za-z])\s*"
)
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*")  # \href{url}{text}: the text
_ZOTERO_ESCAPE = re.compile(r"(\\textbackslash(?![A-Za-z])\s*)|\\([{}$_^])")
_ESCAPE = re.compile(r"\\([&%_#])")
_DASHES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))


def _accent(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    base = "i" if letter == "\\i" else "j" if letter == "\\j" else letter
    return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])


_MATH = re.compile(r"\$\$?[^$]+\$\$?")
_COMMAND = re.compile(r"\\(?:[A-Za-z]+\*?(?:\s*\{[^{}]*\})*|.)")


@lru_cache(maxsize=16384)
def _piece(latex: str) -> str:
    """One maths span or one unknown command, through the full parser (each distinct one once)."""
    try:
        # Braces it outputs are real text (\\rbrace): protect them from the brace stripping.
        return str(_converter.latex_to_text(latex)).replace("{", "\x01").replace("}", "\x02")
    except Exception:  # pylatexenc is lenient, but never let a field stop a build
        return re.sub(r"\\[A-Za-z]+", " ", latex).replace("{", "").replace("}", "").replace("$", "")


def _decode(value: str) -> str:
    """Simple markup by regular expressions; only maths and unknown commands reach pylatexenc,
    one small piece at a time (the full parser on a long abstract costs ~50 ms)."""
    if "\\textbackslash" in value:
        # Zotero writes LaTeX it could not convert escaped (\textbackslash rm, \$, \{): read it as LaTeX.
        value = _ZOTERO_ESCAPE.sub(lambda m: "\\" if m.group(1) else m.group(2), value)
    text = value.replace("\\{", "\x01").replace("\\}", "\x02").replace("\\$", "\x03")
    text = _SYMBOL_ACCENT.sub(_accent, text)
    text = _LETTER_ACCENT.sub(_accent, text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _FONT.sub("", _HREF.sub("", text))
    text = _ESCAPE.sub(r"\1", text).replace("~", "\u00a0")
    if "$" in text:
        text = _MATH.sub(lambda m: _piece(m.group()), text)
    if "\\" in text:
        text = _COMMAND.sub(lambda m: _piece(m.group()), text)
    text = text.replace("{", "").replace("}", "")
    for tex, char in _DASHES:
        text = text.replace(tex, char)
    return text.replace("\x01", "{").replace("\x02", "}").replace("\x03", "$")


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """``{\\"u}ber`` → ``über``; unknown commands keep their argument, maths stays readable."""
    if not _NEEDS_LATEX.search(value):
        # Most fields only carry protective braces: strip them without the slow parser.
        text = value.replace("{", "").replace("}", "")
        if "--" in text or "``" in text:
            for tex, char in _DASHES:
                text = text.replace(tex, char)
    else:
        text = _decode(value)
    return " ".join(text.split())
