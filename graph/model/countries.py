"""Country names in Japanese and English → ISO 3166-1 alpha-2, and labels for Country nodes.

The names come from maintained datasets (pycountry's ISO 3166-1 names with iso-codes' Japanese
catalogue, CLDR's territory names via Babel) and the cited data file
``country_aliases.toml``: see :mod:`kyotei.graph.model.country_names`.

Matching is on keys: NFKC, case-folded, every middle dot read as ``・``, all whitespace and
full stops removed — so "ブルネイ・ダルサ ラーム国" (a stray space) and "ブルネイ・ダルサラーム国"
are one key, and so are "U.S.A." and "usa". Nothing else is forgiven (no particle, no
trailing の, no partial name): a wrong country is worse than none. A key that two countries
share (``Korea``, ``Congo``, ``Guinea`` bare) is ambiguous: it is never read as either, and
:func:`resolve_country` says so.

Inside :func:`document_languages` (the loaders enter it for each document with the
languages its manifest entry declares), a name that is none of the above is also looked up
among the country names of those languages
(:func:`kyotei.graph.model.country_names.language_forms`), each kept only if it names one
country in every language CLDR and iso-codes know: a German list's ``Schweiz`` is CH, and
nothing changes for a document declaring only ja and en.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Literal

import pycountry

from kyotei.graph.model.country_names import (
    ALIASES_FILE,
    dataset_names,
    every_language_names,
    japanese_catalogue,
    language_forms,
    load_aliases,
    load_ambiguities,
)
from kyotei.graph.model.text import fold_key

__all__ = [
    "CountryMatch",
    "country_key",
    "country_labels",
    "document_languages",
    "lookup_country",
    "resolve_country",
    "split_countries",
]

log = logging.getLogger(__name__)

_IGNORED = re.compile(r"[\s.]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def country_key(text: str) -> str:
    """The matching key of a country name: NFKC, case-folded, one middle dot, one apostrophe,
    no spaces or full stops.

    >>> country_key("U. S. A."), country_key("ＣＨＩＮＡ")
    ('usa', 'china')
    """
    return fold_key(text, _IGNORED).translate(_APOSTROPHES)


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """What a country name denotes: one code, or why none.

    ``status`` is ``"known"`` (``code`` is set), ``"ambiguous"`` (``candidates`` lists the
    countries the name may denote; none is chosen), ``"unknown"`` or ``"empty"``.
    """

    text: str
    status: Literal["known", "ambiguous", "unknown", "empty"]
    code: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """A sentence for a finding."""
        if self.status == "known":
            return f"{self.text!r} is {self.code}"
        if self.status == "ambiguous":
            return (f"{self.text!r} may name {' or '.join(self.candidates)}: ambiguous, "
                    "not read")
        if self.status == "empty":
            return "no country name"
        return f"{self.text!r} is not a known country name"


@dataclass(frozen=True, slots=True)
class _Index:
    by_key: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    ja_label: dict[str, str]  # code -> Japanese label


@cache
def _index() -> _Index:
    names = dataset_names(country_key)
    ja_label: dict[str, str] = {}
    aliased: set[str] = set()
    for alias in load_aliases():
        if alias.lang not in _BASE_LANGUAGES:
            continue  # read only in a document of that language (_language_index)
        key = country_key(alias.text)
        known = names.get(key)
        if known and known != {alias.code}:
            raise ValueError(
                f"{ALIASES_FILE}: alias {alias.text!r} -> {alias.code} contradicts the "
                f"datasets ({sorted(known)})"
            )
        names[key] = {alias.code}
        aliased.add(key)
        if alias.preferred:
            if alias.code in ja_label:
                raise ValueError(f"{ALIASES_FILE}: two preferred labels for {alias.code}")
            ja_label[alias.code] = alias.text
    for ambiguity in load_ambiguities():
        if country_key(ambiguity.text) in aliased:
            raise ValueError(f"{ALIASES_FILE}: {ambiguity.text!r} is both an alias and ambiguous")
        names.setdefault(country_key(ambiguity.text), set()).update(ambiguity.codes)
    by_key = {key: next(iter(codes)) for key, codes in names.items() if len(codes) == 1}
    ambiguous = {key: tuple(sorted(codes)) for key, codes in names.items() if len(codes) > 1}
    for key, codes in sorted(ambiguous.items()):
        log.debug("country name %r is ambiguous (%s): not used", key, codes)
    return _Index(by_key, ambiguous, ja_label)


_LANGUAGES: ContextVar[tuple[str, ...]] = ContextVar("kyotei_country_languages", default=())
_BASE_LANGUAGES = frozenset({"ja", "en"})  # always read (the index above)


@contextmanager
def document_languages(tags: Iterable[str]) -> Iterator[None]:
    """Within this block, country names are also read in these languages (BCP 47 tags, as a
    sources manifest declares them); ja and en are always read."""
    token = _LANGUAGES.set(tuple(t for t in tags if t.split("-")[0] not in _BASE_LANGUAGES))
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


@cache
def _every_language() -> dict[str, set[str]]:
    return every_language_names(country_key)


@cache
def _language_index(tag: str) -> dict[str, str]:
    """The names of one language that the index lacks and that name one country everywhere."""
    index, everywhere = _index(), _every_language()
    found: dict[str, str] = {}
    for text, code in language_forms(tag):
        key = country_key(text)
        if not key or key in index.by_key or key in index.ambiguous:
            continue
        if everywhere.get(key, {code}) == {code}:
            found[key] = code
        else:
            log.debug("country name %r (%s) names %s elsewhere: not used", text, tag,
                      sorted(everywhere[key]))
    for alias in load_aliases():  # the curated forms of this language (cited in the file)
        key = country_key(alias.text)
        if alias.lang != tag.split("-")[0] or not key:
            continue
        if index.by_key.get(key, alias.code) != alias.code or \
                found.get(key, alias.code) != alias.code:
            raise ValueError(f"{ALIASES_FILE}: alias {alias.text!r} -> {alias.code} "
                             "contradicts the datasets")
        found[key] = alias.code
    return found


def _code(key: str) -> str | None:
    code = _index().by_key.get(key)
    if code is None:
        for tag in _LANGUAGES.get():
            if (code := _language_index(tag).get(key)) is not None:
                break
    return code


def resolve_country(text: str) -> CountryMatch:
    """What a country name denotes, with the reason when it is not one country.

    >>> resolve_country("アメリカ合衆国").code, resolve_country("U.S.A.").code
    ('US', 'US')
    >>> m = resolve_country("Congo")
    >>> m.status, m.code, m.candidates
    ('ambiguous', None, ('CD', 'CG'))
    """
    key = country_key(text)
    if not key:
        return CountryMatch(text, "empty")
    index = _index()
    code = _code(key)
    if code is not None:
        return CountryMatch(text, "known", code)
    if key in index.ambiguous:
        return CountryMatch(text, "ambiguous", candidates=index.ambiguous[key])
    return CountryMatch(text, "unknown")


def lookup_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (upper case) a country name denotes, or None.

    >>> lookup_country("オランダ"), lookup_country("Netherland"), lookup_country("大韓民国")
    ('NL', 'NL', 'KR')
    >>> lookup_country("Republic of China"), lookup_country("ナントカ大学")
    ('TW', None)
    >>> lookup_country("Korea") is None  # North or South: ambiguous (see resolve_country)
    True
    """
    return resolve_country(text).code


def split_countries(text: str) -> tuple[str, ...] | None:
    """The countries a cell names, separated by spaces, or None if it is not only names.

    A name printed with a stray space is one name: the cell is read as the fewest names
    that cover all its words, each name being one or more adjacent words.

    >>> split_countries("カナダ アメリカ")
    ('CA', 'US')
    >>> split_countries("ブルネイ・ダルサ ラーム国")
    ('BN',)
    >>> split_countries("カナダ ナントカ大学") is None
    True
    """
    words = text.split()
    if not words:
        return None
    # best[i]: the fewest names covering words[:i]
    best: list[tuple[str, ...] | None] = [()] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            head = best[start]
            code = _code(country_key("".join(words[start:end])))
            if head is None or code is None:
                continue
            candidate = (*head, code)
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[len(words)]


def country_labels(code: str) -> tuple[str, str]:
    """(Japanese label, English label) of a Country node.

    Japanese: the alias table's preferred form where it has one (韓国, 台湾, 米国 …), else
    pycountry's Japanese name. English: pycountry's ``common_name``, else its ``name``.
    Raises ``KeyError`` for a code pycountry does not know.

    >>> country_labels("KR")
    ('韓国', 'South Korea')
    >>> country_labels("fr")
    ('フランス', 'France')
    """
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise KeyError(code)
    ja = _index().ja_label.get(country.alpha_2) or japanese_catalogue().gettext(country.name)
    en = getattr(country, "common_name", None) or country.name
    return ja, str(en)
