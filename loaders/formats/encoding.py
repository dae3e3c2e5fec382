"""Decoding the bytes of a text-like file (text, CSV, HTML) into a string.

The order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); then an encoding the file
declares (an HTML ``<meta charset>``) if it decodes the bytes; then strict UTF-8; then
charset-normalizer's best guess; when it has none (a short file dense in kanji can read as
"chaos" to it), the Japanese encodings an office writes (cp932, EUC-JP, ISO-2022-JP), the
first that decodes every byte into plain text, said in a note. Shift_JIS in any of its
spellings is read as cp932 (Windows-31J), the superset Japanese Windows and Excel write: it
decodes the NEC and IBM extensions (①, ㈱, Roman numerals) that plain Shift_JIS rejects.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from kyotei.loaders.errors import SourceFileError

__all__ = ["Decoded", "decode", "read_bytes"]

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SHIFT_JIS = frozenset({
    "shift-jis", "sjis", "s-jis", "x-sjis", "ms-kanji", "csshiftjis", "shift-jis-2004",
    "shift-jisx0213", "windows-31j", "cp932", "ms932", "mskanji",
})


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and the encoding it was read with; ``note`` says how it was chosen."""

    text: str
    encoding: str
    note: str | None = None


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, if given), or a :class:`SourceFileError`
    naming the file and the reason."""
    try:
        with path.open("rb") as file:
            return file.read(limit)
    except FileNotFoundError:
        raise SourceFileError(str(path), None, "file not found") from None
    except IsADirectoryError:
        raise SourceFileError(str(path), None, "is a directory, not a file") from None
    except OSError as err:
        raise SourceFileError(str(path), None, f"cannot read: {err.strerror}") from None


def _preferred(name: str) -> str:
    """cp932 for every spelling of Shift_JIS; other names as given."""
    return "cp932" if name.lower().replace("_", "-") in _SHIFT_JIS else name


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, path: Path, declared: str | None = None) -> Decoded:
    """Decode ``data`` (the bytes of ``path``) to text; see the module docstring for how.

    Raises :class:`SourceFileError` when no encoding reads the bytes, or when they hold NUL
    bytes outside UTF-16/32 (a binary file given as text).

    >>> decode("締結日".encode("cp932"), Path("x.csv")).encoding
    'cp932'
    >>> decode(b"\\xef\\xbb\\xbfok", Path("x.txt"))
    Decoded(text='ok', encoding='utf-8-sig', note=None)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is None:
                raise SourceFileError(str(path), None, f"not valid {encoding} after its BOM")
            return Decoded(text, encoding)
    if declared:
        encoding = _preferred(declared)
        text = _try(data, encoding)
        if text is not None:
            return _checked(Decoded(text, encoding), path)
        log.info("%s: declared encoding %r does not decode the file", path, declared)
    text = _try(data, "utf-8")
    if text is not None:
        note = None if not declared else f"declared {declared!r} does not decode; read as UTF-8"
        return _checked(Decoded(text, "utf-8", note), path)
    return _checked(_detect(data, path), path)


def _is_japanese(encoding: str) -> bool:
    name = encoding.lower().replace("_", "-")
    return name in _SHIFT_JIS or name.startswith(("euc-jp", "euc-jis", "iso2022-jp"))


def _is_wide(encoding: str) -> bool:
    """UTF-16 or UTF-32, which a file without a byte-order mark is seldom in."""
    return encoding.lower().replace("_", "").startswith(("utf16", "utf32"))


def _detect(data: bytes, path: Path) -> Decoded:
    """charset-normalizer's guess; among guesses it rates equally, a Japanese encoding
    first and UTF-16/32 (with no byte-order mark) last."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        fallback = _japanese(data)
        if fallback is None:
            raise SourceFileError(str(path), None, "cannot detect the character encoding")
        return fallback
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    chosen = min(tied, key=lambda m: (not _is_japanese(m.encoding), _is_wide(m.encoding)))
    for encoding in (_preferred(chosen.encoding), chosen.encoding):
        text = _try(data, encoding)
        if text is not None:
            break
    else:
        raise SourceFileError(str(path), None, f"cannot decode as {chosen.encoding}")
    note = f"not UTF-8: encoding detected as {encoding}"
    others = sorted({m.encoding for m in tied} - {chosen.encoding})
    if others:
        note += f" (equally plausible: {', '.join(others)})"
    return Decoded(text, encoding, note)


_JAPANESE_ENCODINGS = ("cp932", "euc-jp", "iso2022-jp")


def _plain_char(char: str) -> bool:
    """A character text is written with: no control character (but tab, line and page
    breaks), no private-use or unassigned code point (what a wrong decoding yields)."""
    category = unicodedata.category(char)
    return char in "\t\n\r\f" or category not in ("Cc", "Co", "Cn", "Cs")


def _japanese(data: bytes) -> Decoded | None:
    """The first Japanese encoding that decodes every byte into plain text (no control,
    private-use or unassigned character), or None."""
    for encoding in _JAPANESE_ENCODINGS:
        text = _try(data, encoding)
        if text is None:
            continue
        if not text.isascii() and all(_plain_char(ch) for ch in text):
            return Decoded(text, encoding, f"not UTF-8 and no guess from charset-normalizer: "
                           f"read as {encoding}, the first Japanese encoding that decodes "
                           "every byte into plain text")
    return None


def _checked(decoded: Decoded, path: Path) -> Decoded:
    if "\x00" in decoded.text:
        line = decoded.text[: decoded.text.index("\x00")].count("\n") + 1
        raise SourceFileError(str(path), line, "holds NUL bytes: a binary file, not text")
    return decoded
