"""Comparing a name across scripts and languages: katakana with Latin letters, one Latin
language with another, and two katakana spellings of one foreign word.

A name is taken apart into its *generic words* (university, national, technical …: the
concepts of ``crossname.toml``, each with its Japanese and Latin-script forms and a source)
and its *distinctive part* (the proper name: ``ナイロビ``, ``Nairobi``). Two names can be one
institution's when

* their generic words are the same concepts, as many of each (``National University of X``
  is not ``X University``, ``工科大学`` is not ``大学``); and
* their distinctive parts sound alike: the katakana is romanised (jaconv, Hepburn) and both
  sides are reduced to a *consonant skeleton* — vowels dropped, letters that transliteration
  exchanges written as one class (l/r, v/b, g/k, d/t, s/z/sh/j/ts/soft c and g, ch/h, ph/f), doubled
  letters once — and the skeletons are equal, or one edit apart when the longer has four
  consonants or more and both begin alike (``firipin`` / ``Philippines``: f-r-p-n / f-r-p-n-s).
  A name with a bracketed qualifier (a place that tells namesakes apart) must agree exactly.
  A letter whose sound depends on the language (``ç``: French ``s``, Turkish ``ch``; ``ğ``
  silent) is compared under each reading of ``[letters]`` (``Boğaziçi`` / ``ボアジチ``);
* or, between a Japanese and a Latin name, their distinctive parts are each *exactly* a place
  that CLDR names in one of the ``[places]`` locales, and the same place
  (:mod:`kyotei.graph.identity.places`): ``香港大学`` / ``The University of Hong Kong``,
  ``ウィーン大学`` / ``University of Vienna``. Two Latin names are never *joined* by place
  alone (``Vrije Universiteit Brussel`` and ``Université libre de Bruxelles`` are two
  universities), but a pair of them naming one place does not contradict a join
  (:func:`compatible`).

A Japanese name with a word that is neither katakana nor a generic word (a kanji proper
name: ``東北``) cannot be compared by sound: it matches here only as a place. Between two
Latin names the distinctive part must also stand on the same side of the generic words:
English tells ``Washington University`` from ``University of Washington``.

A match is evidence, not a decision: :mod:`kyotei.graph.identity.joins` merges only pairs
in one country that no other name of that country could also fit.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jaconv
from rapidfuzz.distance import Levenshtein

from kyotei.graph.identity.places import place_ids

__all__ = [
    "CrossData",
    "CrossName",
    "compatible",
    "cross_data",
    "kana_fold",
    "katakana_name",
    "latin_name",
    "match",
    "skeleton",
]

_FILE = "crossname.toml"
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
_SEPARATORS = re.compile(r"[\s・\-‐()（）「」『』,.'’&/]+")
_LATIN_WORD = re.compile(r"[a-z]+")
_RAW_WORD = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_VOWELS = frozenset("aeiouyw")
_BRACKETS = "()（）「」『』"
_MIN_SKELETON = 2  # a distinctive part shorter than this says too little to compare
_TOLERANT = 4  # from this many consonants on, one edit is allowed
_DIGRAPHS = (
    ("sch", "s"), ("sh", "s"), ("ch", "h"), ("ph", "f"), ("ck", "k"),
    ("qu", "k"), ("gn", "n"), ("ts", "s"), ("tz", "s"), ("dj", "j"), ("dz", "z"), ("x", "ks"),
)  # fmt: skip
_CLASSES = str.maketrans({"l": "r", "v": "b", "g": "k", "q": "k", "d": "t", "z": "s", "j": "s"})


@dataclass(frozen=True, slots=True)
class CrossName:
    """A name taken apart for cross-script comparison."""

    concepts: tuple[tuple[str, int], ...]  # sorted (concept, count)
    skeleton: str  # the distinctive part's consonant skeleton
    words: tuple[str, ...]  # the distinctive words (Latin, accent-folded), () for katakana
    latin: bool
    before_head: bool = False  # Latin: the distinctive part comes before the generic words
    qualified: bool = False  # a bracketed qualifier (a place): its sound must agree exactly
    places: frozenset[str] = frozenset()  # the places the distinctive part is exactly (CLDR)
    alternates: tuple[str, ...] = ()  # skeletons under other readings of its letters


@dataclass(frozen=True, slots=True)
class CrossData:
    """The data of ``crossname.toml``."""

    ja: tuple[tuple[str, str], ...]  # (Japanese form, concept), longest form first
    latin: dict[str, str]  # Latin form -> concept
    stopwords: frozenset[str]
    kana_pairs: tuple[tuple[str, str], ...]
    national: str
    sources: dict[str, str]
    # a Latin name's generic words that a Japanese name writes as other ones
    written: dict[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]
    locales: tuple[str, ...] = ()  # CLDR locales of the place names
    letters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # letter -> its readings
    abbreviations: dict[str, str] = field(default_factory=dict)  # Latin: St. -> saint


def _strings(entry: dict[str, Any], key: str, where: str, *, empty: bool = False) -> list[str]:
    value = entry.get(key)
    if not (
        isinstance(value, list)
        and (value or empty)
        and all(isinstance(v, str) and v for v in value)
    ):
        raise ValueError(f"{_FILE} {where}: {key} must be a non-empty list of strings")
    return list(value)


def _source(entry: dict[str, Any], where: str) -> str:
    value = entry.get("source")
    if not (isinstance(value, str) and value.strip()):
        raise ValueError(f"{_FILE} {where}: source must be a non-empty string")
    return value


@cache
def cross_data() -> CrossData:
    """Read and check ``crossname.toml`` (beside this module)."""
    raw = tomllib.loads(resources.files(__package__).joinpath(_FILE).read_text("utf-8"))
    ja: list[tuple[str, str]] = []
    latin: dict[str, str] = {}
    sources: dict[str, str] = {}
    for number, entry in enumerate(raw.get("concept", []), start=1):
        where = f"concept #{number}"
        concept = entry.get("id")
        if not (isinstance(concept, str) and concept):
            raise ValueError(f"{_FILE} {where}: id must be a non-empty string")
        sources[concept] = _source(entry, where)
        ja += [(form, concept) for form in _strings(entry, "ja", where, empty=True)]
        latin.update((form, concept) for form in _strings(entry, "latin", where))
    stop = raw.get("stopwords", {})
    fold = raw.get("kana_fold", {})
    national = raw.get("national", {})
    pairs = fold.get("pairs")
    if not (isinstance(pairs, list) and all(isinstance(p, list) and len(p) == 2 for p in pairs)):
        raise ValueError(f"{_FILE} kana_fold: pairs must be a list of [variant, folded]")
    if not (isinstance(national.get("ja"), str) and national["ja"]):
        raise ValueError(f"{_FILE} national: ja must be a non-empty string")
    written = {}
    for number, entry in enumerate(raw.get("written", []), start=1):
        where = f"written #{number}"
        sources[where] = _source(entry, where)
        latin_bag, ja_bag = (
            tuple(sorted(Counter(_strings(entry, side, where)).items())) for side in ("latin", "ja")
        )
        unknown = {c for c, _ in latin_bag + ja_bag} - set(sources)
        if unknown:
            raise ValueError(f"{_FILE} {where}: unknown concepts {sorted(unknown)}")
        written[latin_bag] = ja_bag
    places = raw.get("places", {})
    letters = raw.get("letters", {})
    readings = letters.get("readings", {})
    if not (
        isinstance(readings, dict)
        and all(
            isinstance(v, list) and all(isinstance(r, str) for r in v) for v in readings.values()
        )
    ):
        raise ValueError(f"{_FILE} letters: readings must map a letter to a list of strings")
    short = raw.get("abbreviations", {})
    words = {str(k): str(v) for k, v in short.get("words", {}).items() if v}
    sources.update(
        abbreviations=_source(short, "abbreviations"),
        places=_source(places, "places"),
        letters=_source(letters, "letters"),
        stopwords=_source(stop, "stopwords"),
        kana_fold=_source(fold, "kana_fold"),
        national=_source(national, "national"),
    )
    return CrossData(
        tuple(sorted(ja, key=lambda item: (-len(item[0]), item[0]))),
        latin,
        frozenset(_strings(stop, "latin", "stopwords")),
        tuple((str(a), str(b)) for a, b in sorted(pairs, key=lambda p: -len(p[0]))),
        str(national["ja"]),
        sources,
        written,
        tuple(_strings(places, "locales", "places")),
        tuple(sorted((str(k), tuple(v)) for k, v in readings.items())),
        words,
    )


def kana_fold(text: str) -> str:
    """The katakana spellings of ``kana_fold`` written one way (ヴァイオリン -> バイオリン)."""
    for variant, folded in cross_data().kana_pairs:
        text = text.replace(variant, folded)
    return text


def _fold_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def skeleton(word: str) -> str:
    """The consonant skeleton of a romanised or Latin-script word (lower-case ASCII).

    >>> skeleton("nairobi"), skeleton("mongoru") == skeleton("mongolia")
    ('nrb', True)
    >>> skeleton("indoneshia"), skeleton("indonesia")
    ("'ntns", "'ntns")
    """
    text = "".join(_LATIN_WORD.findall(word.casefold()))
    if not text:
        return ""
    initial = "'" if text[0] in _VOWELS else ""
    text = re.sub(r"c(?=[eiy])", "s", text)
    text = re.sub(r"g(?=[eiy])", "j", text)  # soft g (Georgia, Genoa, Liège): ジ, ジェ
    text = re.sub(r"(?<=[bdgkrt])h", "", text)  # th, kh, rh: the h is silent
    for digraph, single in _DIGRAPHS:
        text = text.replace(digraph, single)
    text = re.sub(r"ng(?![aeiouy])", "n", text)  # a final or pre-consonant ng is ン
    text = re.sub(r"m(?=[bp])", "n", text)  # ハンブルク: m before a labial is ン
    text = re.sub(r"(.)\1+", r"\1", text.replace("c", "k").translate(_CLASSES))
    return initial + "".join(ch for ch in text if ch not in _VOWELS)


def _places(text: str) -> frozenset[str]:
    places: frozenset[str] = place_ids(text, cross_data().locales)
    return places


@lru_cache(maxsize=1 << 19)
def katakana_name(text: str) -> CrossName | None:
    """A Japanese name (NFKC-folded, script-variant folded) as generic words and katakana.

    A word that is neither katakana nor a generic word (a kanji proper name) can only be
    compared as a place: ``None`` unless the whole distinctive part names one.
    """
    data = cross_data()
    concepts: Counter[str] = Counter()
    kana: list[str] = []
    rest: list[str] = []
    kanji = False
    i = 0
    while i < len(text):
        hit = next((item for item in data.ja if text.startswith(item[0], i)), None)
        if hit is not None:
            concepts[hit[1]] += 1
            i += len(hit[0])
            continue
        if _KATAKANA.match(text, i):
            kana.append(text[i])
        elif not _SEPARATORS.match(text, i):
            kanji = True
        rest.append(text[i])
        i += 1
    places = _places("".join(rest)) if concepts else frozenset()
    sound = "" if kanji else skeleton(jaconv.kata2alphabet(kana_fold("".join(kana))))
    if len(sound.lstrip("'")) < _MIN_SKELETON:
        sound = ""
    if not (sound or places):
        return None
    qualified = any(mark in text for mark in _BRACKETS)
    return CrossName(
        tuple(sorted(concepts.items())), sound, (), False, qualified=qualified, places=places
    )


def _readings(text: str) -> list[str]:
    """``text`` under every reading of its letters of ``[letters]`` (the first: as printed)."""
    out = [text]
    for letter, readings in cross_data().letters:
        if letter in text:
            out += [v.replace(letter, r) for v in out for r in readings]
    return out[:16]


def _honorific_free(text: str) -> str:
    """``text`` without the founders' names hyphen-joined before a generic word: German
    names an institution ``Ruprecht-Karls-Universität Heidelberg`` as well as ``Universität
    Heidelberg``; the compound's first parts are an honorific, not the distinctive part."""
    latin = cross_data().latin

    def drop(found: re.Match[str]) -> str:
        parts = found[0].split("-")
        last = "".join(_LATIN_WORD.findall(_fold_accents(parts[-1])))
        if last in latin and not any("".join(_LATIN_WORD.findall(_fold_accents(p))) in latin
                                     for p in parts[:-1]):
            return parts[-1]
        return found[0]

    return _HYPHENATED.sub(drop, text)


@lru_cache(maxsize=1 << 19)
def latin_name(text: str) -> CrossName | None:
    """A Latin-script name as generic words and distinctive words (``None`` if none)."""
    data = cross_data()
    concepts: Counter[str] = Counter()
    words: list[str] = []
    raw: list[str] = []
    before = False
    printed_text = _honorific_free(unicodedata.normalize("NFC", text).casefold())
    for printed in _RAW_WORD.findall(printed_text):
        folded = "".join(_LATIN_WORD.findall(_fold_accents(printed)))
        folded = data.abbreviations.get(folded, folded)
        if not folded or folded in data.stopwords:
            continue
        concept = data.latin.get(folded)
        if concept is not None:
            concepts[concept] += 1
        else:
            before = before or not concepts
            words.append(folded)
            raw.append(printed)
    sound = skeleton("".join(words))
    places = _places(" ".join(raw)) if words else frozenset()
    if not concepts or (len(sound.lstrip("'")) < _MIN_SKELETON and not places):
        return None
    alternates = tuple(
        dict.fromkeys(
            alt
            for reading in _readings("".join(raw))[1:]
            if (alt := skeleton(_fold_accents(reading))) != sound
        )
    )
    qualified = any(mark in text for mark in _BRACKETS)
    return CrossName(
        tuple(sorted(concepts.items())),
        sound,
        tuple(words),
        True,
        before,
        qualified,
        places,
        alternates,
    )


def _sounds_alike(a: str, b: str) -> bool:
    if not (a and b):
        return False
    if a == b:
        return True
    if max(len(a.lstrip("'")), len(b.lstrip("'"))) < _TOLERANT or a[0] != b[0]:
        return False
    return bool(Levenshtein.distance(a, b) <= 1)


def _generic(name: CrossName, other: CrossName) -> tuple[tuple[str, int], ...]:
    """The name's generic words, as the other name's script writes them."""
    if name.latin and not other.latin:
        return cross_data().written.get(name.concepts, name.concepts)
    return name.concepts


def _sounds(name: CrossName) -> tuple[str, ...]:
    return (name.skeleton, *name.alternates)


@lru_cache(maxsize=262144)
def match(a: CrossName, b: CrossName) -> bool:
    """True when ``a`` and ``b`` may name one institution (see the module docstring).

    Two katakana names are never compared here (their keys are, by
    :mod:`kyotei.graph.identity.names`).
    """
    if not (a.latin or b.latin) or _generic(a, b) != _generic(b, a):
        return False
    if a.latin and b.latin:
        if a.before_head != b.before_head:
            return False
        if a.words == b.words:
            return True
    elif a.places & b.places:  # 香港 / Hong Kong, ウィーン / Vienna: one place in CLDR
        return True
    if a.qualified or b.qualified:  # ワシントン大学(シアトル) is one edit from "… St. Louis"
        return a.skeleton == b.skeleton != ""
    return any(_sounds_alike(x, y) for x in _sounds(a) for y in _sounds(b))


def compatible(a: CrossName, b: CrossName) -> bool:
    """True when ``a`` and ``b`` do not contradict a join: they :func:`match`, or they are two
    Latin names with the same generic words whose distinctive parts name one place
    (``Universität Wien`` / ``University of Vienna``)."""
    if match(a, b):
        return True
    return (
        a.latin
        and b.latin
        and a.concepts == b.concepts
        and a.before_head == b.before_head
        and bool(a.places & b.places)
    )
