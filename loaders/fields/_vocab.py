"""The vocabulary files of :mod:`kyotei.loaders.fields`, and how a cell is matched to them.

Each file is TOML with arrays of tables; every entry has a ``text`` and a ``note`` (where
the form is attested or why it is there). Matching is on keys (:func:`compact`): NFKC,
case-folded, whitespace removed, so a header printed ``Ｃｏｕｎｔｒｙ／\\nＲｅｇｉｏｎ`` is
the key ``country/region``. A word with Latin letters is found inside a longer text only as
whole words (``no`` is not in ``note``); a word in Japanese is found as a substring.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from kyotei.loaders.fields._fold import key

__all__ = ["WordSet", "compact", "contains_word", "entries", "findable_inside", "load"]

_LATIN = re.compile(r"[a-z]")


def compact(text: str) -> str:
    """The matching key of ``text``: NFKC, case-folded, no whitespace.

    >>> compact("国・\\n 地域"), compact("Ｎｏ．")
    ('国・地域', 'no.')
    """
    return key(text).replace(" ", "")


@cache
def _word_pattern(word: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in key(word).split(" ")]
    return re.compile(r"(?<![a-z])" + r"\s*".join(parts) + r"(?![a-z])")


def findable_inside(word: str) -> bool:
    """Whether ``word`` may be found inside a longer cell, not only as the whole cell.

    Only distinctive words: two or more Latin words (``tuition waiver``), or three or more
    other characters (``締結日``). A single English word (``University``, ``Date``) or a
    two-character Japanese word (``地域``) also occurs inside data (``Some University``,
    ``…地域研究所``), so it must be the whole cell.

    >>> findable_inside("tuition waiver"), findable_inside("waiver"), findable_inside("地域")
    (True, False, False)
    """
    word_key = key(word)
    if _LATIN.search(word_key):
        return len(word_key.split(" ")) >= 2
    return len(compact(word)) >= 3


def contains_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` (whole words for Latin script, else substring).

    >>> contains_word("Tuition waiver (Y/N)", "tuition waiver")
    True
    >>> contains_word("Notes", "no"), contains_word("授業料不徴収の有無", "授業料不徴収")
    (False, True)
    """
    word_key = key(word)
    if _LATIN.search(word_key):
        return _word_pattern(word).search(key(text)) is not None
    return compact(word) in compact(text)


class WordSet:
    """Words prepared once, to find which of them occur in many texts quickly.

    >>> WordSet(["tuition waiver", "不徴収", "no"]).found_in("Tuition Waiver: 不徴収 (note)")
    ['tuition waiver', '不徴収']
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = [
            (word, compact(word), _word_pattern(word) if _LATIN.search(key(word)) else None)
            for word in words
        ]

    def found_in(self, text: str) -> list[str]:
        """The words that occur in ``text``, in the order they were given."""
        spaced = key(text)
        packed = spaced.replace(" ", "")
        return [
            word
            for word, word_packed, pattern in self._words
            if (pattern.search(spaced) is not None if pattern else word_packed in packed)
        ]


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file ``name`` beside this module; ValueError for a malformed entry."""
    raw = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    for table, items in data.items():
        if not isinstance(items, list):
            raise ValueError(f"{name}: [{table}] must be an array of tables ([[{table}]])")
        for position, item in enumerate(items, start=1):
            where = f"{name}: [[{table}]] entry {position}"
            text, note = item.get("text"), item.get("note")
            if not (isinstance(text, str) and text.strip()):
                raise ValueError(f"{where}: 'text' must be a non-empty string")
            if not (isinstance(note, str) and note.strip()):
                raise ValueError(f"{where} ({text!r}): 'note' must say where it is attested")
    return data


def entries(name: str, table: str) -> list[dict[str, Any]]:
    """The entries of ``[[table]]`` in the file ``name`` (an empty list when there are none)."""
    found: list[dict[str, Any]] = load(name).get(table, [])
    return found
