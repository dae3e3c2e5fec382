"""Keys too weak to join two mentions, and keys a document itself shows to be ambiguous.

A key joins every mention that prints it, in every document, so it must name one
institution. Two kinds of printed name do not (a false merge is worse than a missed one):

* **a weak name**: a Latin-script name of one word (``Peking``, ``signed``, ``NTU``). A
  loader that cut a name, or a bare acronym, gives it; one word is no evidence of which
  institution is meant, so such a name gives no key (the mention stands alone unless its
  other name joins it);
* **an ambiguous key**: one document prints one Japanese name, in one country, on two
  university-level rows (an institution is one university-level partner of a list), beside
  two English names that differ beyond a trailing bracket (``甲大学`` / ``Kō University
  (Ohio)`` and ``甲大学`` / ``University of Kō``). The document itself says that name
  stands for two institutions, so in that country it joins nothing anywhere: a mention
  printing it with an English name is keyed by the pair, a mention printing it alone stands
  alone (it cannot say which of the two it is). On department rows one partner's faculties
  may print its name in two languages' forms (``Institut Teknologi Mihon`` / ``Mihon
  Institute of Technology``: the same proper words), so there two English names count only
  when they are *two names*: their distinctive words differ and neither name is the other
  with words added at its end (a unit: ``Mihon University School of Law``) — ``University of
  Kō`` / ``Kō University in Tameshi``. One English name beside two Japanese names is not
  counted (a department row prints its unit into the Japanese name).
* **a trailing bracket that says the name again** — an acronym of the name (``National
  Taiwan University (NTU)``) or the name in another language (``Universidad de Kō
  (University of Kō)``) — is not part of the English key nor of the cross-name comparison
  (:mod:`kyotei.graph.identity.joins`); any other trailing bracket is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from kyotei.graph.identity.crossname import latin_name
from kyotei.graph.identity.crossname import match as cross_match
from kyotei.graph.identity.model import Place
from kyotei.graph.identity.names import JaName, en_key

_WORD = re.compile(r"[^\W\d_]+|\d+")
_TRAILING_BRACKET = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


class _Evidence(Protocol):
    @property
    def country(self) -> str | None: ...


class _Mentioned(Protocol):  # read-only: resolve.Mention, without importing it
    @property
    def evidence(self) -> _Evidence: ...
    @property
    def kind(self) -> str: ...
    @property
    def place(self) -> Place: ...
    @property
    def ja(self) -> JaName | None: ...
    @property
    def en(self) -> str | None: ...
    @property
    def en_qualifier(self) -> bool: ...
    @property
    def university(self) -> bool: ...  # a university-level row


def _latin(text: str) -> bool:
    return text.isascii() or all(not ch.isalpha() or ord(ch) < 0x250 for ch in text)


@lru_cache(maxsize=1 << 18)  # a name is printed many times
def weak_name(name: str) -> bool:
    """A Latin-script name of at most one word: no evidence of one institution.

    >>> [weak_name(n) for n in ("Peking", "-- signed", "NTU", "Peking University")]
    [True, True, True, False]
    >>> weak_name("北京大学")
    False
    """
    text = unicodedata.normalize("NFKC", name)
    return len(_WORD.findall(text)) <= 1 and _latin(text)


_ACRONYM = re.compile(r"\s*[(（]\s*([A-Z]{2,6})\s*[)）]\s*$")


@lru_cache(maxsize=1 << 18)  # a name is printed many times
def english_core(name: str) -> str:
    """An English name without a trailing bracket that only says it again: an acronym *of
    that name* (its letters in order in the name, the first one first) or the same name in
    another language (the same generic words and the same proper name,
    :func:`kyotei.graph.identity.crossname.match`). ``National Taiwan University (NTU)`` is
    ``National Taiwan University``, ``Universidad de Kō (University of Kō)`` is
    ``Universidad de Kō``; ``X University (Ohio)`` keeps its bracket.

    >>> english_core("Sungkyunkwan University (SKKU)"), english_core("A College (NTU)")
    ('Sungkyunkwan University', 'A College (NTU)')
    >>> english_core("Universidad de Mihon (University of Mihon)")
    'Universidad de Mihon'
    >>> english_core("Mihon University (University of Mihon)")
    'Mihon University (University of Mihon)'
    """
    match = _ACRONYM.search(name)
    if match is not None and match.start():
        letters = iter(en_key(name[: match.start()]))
        acronym = match.group(1).lower()
        if en_key(name[: match.start()])[:1] == acronym[0] and all(c in letters for c in acronym):
            return name[: match.start()]
        return name
    bracket = _TRAILING_BRACKET.search(name)
    if bracket is None or not bracket.start():
        return name
    outer, inner = latin_name(name[: bracket.start()]), latin_name(bracket.group(0))
    if outer is not None and inner is not None and outer.latin and inner.latin:
        if cross_match(outer, inner):
            return name[: bracket.start()].rstrip()
    return name


@lru_cache(maxsize=1 << 18)  # a name is printed many times
def _en_core(name: str) -> str:
    """An English name's key without its trailing brackets (``X (Ohio)`` → ``x``)."""
    while (stripped := _TRAILING_BRACKET.sub("", name)) != name and stripped:
        name = stripped
    return str(en_key(name))


@lru_cache(maxsize=1 << 16)
def _two_names(a: str, b: str) -> bool:
    """Two English names that are not one name's forms: their distinctive words (those
    :func:`kyotei.graph.identity.crossname.latin_name` does not read as generic) differ, and
    neither is the other with words added at its end (a unit printed after the name).

    >>> _two_names("University of Mihon", "Mihon University in Tameshi")
    True
    >>> _two_names("Mihon Institute of Technology", "Institut Teknologi Mihon")
    False
    >>> _two_names("Mihon University", "Mihon University School of Law")
    False
    """
    x, y = latin_name(a), latin_name(b)
    if x is None or y is None or set(x.words) == set(y.words):
        return False
    ka, kb = en_key(a), en_key(b)
    return not (ka.startswith(kb) or kb.startswith(ka))


def ambiguous_keys(mentions: Iterable[_Mentioned]) -> frozenset[tuple[str, str | None]]:
    """``(key, country)``: the Japanese keys some document prints beside two different
    English names in one country (namesakes in two countries are the country partition's to
    keep apart): on university-level rows any two, on department rows two names
    (:func:`_two_names`). A name keyed with its English qualifier is not counted (it is keyed
    by the pair already)."""
    english: dict[tuple[str, str, str | None], dict[str, tuple[str, bool]]] = defaultdict(dict)
    for m in mentions:
        if m.kind != "record" or m.ja is None or not m.en or m.en_qualifier:
            continue
        if weak_name(m.ja.printed) or weak_name(m.en) or not (core := _en_core(m.en)):
            continue
        group = english[(m.place.document, f"ja:{m.ja.key}", m.evidence.country)]
        seen = group.get(core)
        group[core] = (m.en, m.university or (seen is not None and seen[1]))

    def ambiguous(names: dict[str, tuple[str, bool]]) -> bool:
        if sum(university for _, university in names.values()) > 1:
            return True
        printed = sorted(en for en, _ in names.values())
        return any(_two_names(a, b) for i, a in enumerate(printed) for b in printed[i + 1 :])

    return frozenset(
        (key, country) for (_, key, country), names in english.items() if ambiguous(names)
    )


def mention_keys(
    ja: JaName | None,
    en: str | None,
    qualifier: bool,
    country: str | None = None,
    ambiguous: frozenset[tuple[str, str | None]] = frozenset(),
) -> list[str]:
    """A mention's keys: its Japanese key (or, for a qualifier, the pair) and English key.

    A weak name and a bare 大学 give none; a Japanese name ambiguous in the mention's country
    (or anywhere, for a mention with no country) is keyed only with its English name (the
    pair) or not at all; a mention left with no key stands alone.
    """
    ekey = en_key(english_core(en)) if en and not weak_name(en) else ""
    if ja is not None and (not ja.key.removesuffix("大学") or weak_name(ja.printed)):
        ja = None  # a bare 大学 or one Latin word names no institution
    jkey = f"ja:{ja.key}" if ja is not None else ""

    def unsure(key: str) -> bool:
        return bool(ambiguous) and any(
            k == key and (c == country or country is None) for k, c in ambiguous
        )

    if jkey and unsure(jkey):
        return [f"{jkey}|en:{ekey}", f"en:{ekey}"] if ekey else []
    keys = [f"{jkey}|en:{ekey}" if qualifier and ekey else jkey] if jkey else []
    if ekey:
        keys.append(f"en:{ekey}")
    return keys


__all__ = ["ambiguous_keys", "english_core", "mention_keys", "weak_name"]
