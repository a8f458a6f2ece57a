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
import re
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
    """The most plausible 8-bit code page of `data`, or None when even the best guess mixes a few letters of
    another script into Latin text.

    Between Latin-script code pages a short text gives little evidence (French "Grève" reads as "Grčve" in
    cp1250 without any odd character), so cp1252 is kept unless it puts symbols inside words where the
    guess does not (Polish "Zwi¹zek" in cp1252, "Związek" in cp1250)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CODE_PAGES)).best()
    if best is None or not _reads_as_one_script(str(best)):
        return None
    try:
        as_default = data.decode(DEFAULT_CODE_PAGE)
    except UnicodeDecodeError:
        return codecs.lookup(best.encoding).name
    guess = str(best)
    if as_default == guess or (_mostly_latin(guess) and _symbols_in_words(as_default) <= _symbols_in_words(guess)):
        return DEFAULT_CODE_PAGE
    return codecs.lookup(best.encoding).name


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


SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00bf\u00d7\u00f7\u2020-\u2122](?=[^\W\d_])")


def _symbols_in_words(text: str) -> int:
    return len(SYMBOL_IN_WORD.findall(text))


def _mostly_latin(text: str) -> bool:
    letters = [_script(ch) for ch in text if ch.isalpha()]
    return sum(s == "LATIN" for s in letters) > 0.5 * len(letters) if letters else True
