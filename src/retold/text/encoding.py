"""Which code page 8-bit text is in, when it is not UTF-8: charset-normalizer's guess among the common ones.

Old Windows and ISO code pages decode any byte string without error, so "it decoded"
says nothing: a Russian cp1251 file read as cp1252 is gibberish ("Ïåñêîâ"). The guess
weighs how plausible each decoding is (charset-normalizer's mess and language
coherence measures) among the code pages news files come in. Where the guess reads
exactly as cp1252 (English and Western European text agree in most of them), the
answer is cp1252, the commonest.
"""

from __future__ import annotations

import codecs
import unicodedata

CODE_PAGES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r", "iso8859_2", "iso8859_5",
              "iso8859_7", "latin_1", "mac_roman")
DEFAULT_CODE_PAGE = "cp1252"
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    return next((name for bom, name in BOMS if data.startswith(bom)), None)


def detected_code_page(data: bytes) -> str | None:
    """The most plausible 8-bit code page of `data` (`cp1252` when the best guess reads the same), or None
    when even the best guess mixes a few letters of another script into Latin text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CODE_PAGES)).best()
    if best is None or not _reads_as_one_script(str(best)):
        return None
    name = codecs.lookup(best.encoding).name
    try:
        if data.decode(DEFAULT_CODE_PAGE) == str(best):
            return DEFAULT_CODE_PAGE
    except UnicodeDecodeError:
        pass
    return name


def detected_encoding(data: bytes) -> str | None:
    """A byte-order mark's encoding, else UTF-8 if the bytes are valid UTF-8, else the detected code page."""
    marked = bom_encoding(data)
    if marked:
        return marked
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return detected_code_page(data)


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def _reads_as_one_script(text: str) -> bool:
    """False when a non-Latin decoding gives only a few odd letters among Latin ones ("Talks ЃЌђ in Kyiv"):
    text in Cyrillic or Greek is mostly written in that script."""
    letters = [_script(ch) for ch in text if ch.isalpha()]
    other = [s for s in letters if s != "LATIN"]
    return not other or len(other) >= 0.5 * len(letters)
