"""Where country names come from: every name of every ISO 3166-1 country, with its source.

Three maintained sources, then one cited data file:

* **pycountry** (ISO 3166-1 as kept by Debian's iso-codes): ``name``, ``common_name`` and
  ``official_name`` in English, and the Japanese of each from iso-codes' gettext catalogue
  ``iso3166-1`` (locale ``ja``): ``ドイツ`` and ``ドイツ連邦共和国``, ``米国`` and
  ``アメリカ合衆国``. A Japanese name ending in a parenthesised alternate, ``大韓民国 (韓国)``,
  gives the part outside and the part inside, unless the inside is a territorial qualifier
  ending in 領 (``サンマルタン (仏領)``).
* **CLDR via Babel**: ``Locale('ja').territories`` and ``Locale('en').territories`` for the
  two-letter codes ISO 3166-1 assigns (CLDR's macro-regions and user-assigned codes such as
  ``XK`` are not countries of ISO 3166-1 and are left out). A CLDR name ending in a
  parenthesised or dashed city, ``コンゴ共和国(ブラザビル)``, ``Congo - Brazzaville``, also
  gives the part before it. Babel does not expose CLDR's ``alt="short"`` and
  ``alt="variant"`` names; those the documents need are in the data file, citing CLDR.
* **a document's other languages** (:func:`language_forms`): for each language tag the
  sources manifest declares beyond ja and en (``languages = ["de"]``), CLDR's territory names
  of that locale (for a tag with no script, of each script CLDR writes the language in:
  ``zh`` is ``zh_Hans`` and ``zh_Hant``) and iso-codes' gettext catalogue of that language
  (``Schweiz``, ``Vereinigte Staaten``, ``Volksrepublik China``). Such a name is used only
  when, across *every* CLDR locale and *every* iso-codes catalogue
  (:func:`every_language_names`), it names one country: a name that is one country in one
  language and another elsewhere (``Kongo``, Albanian ``Nigeri`` = Nigeria, Nama ``Nigeri``
  = Niger) is never guessed.
* **country_aliases.toml**: official long forms and abbreviations the datasets lack, each
  with where it is attested (a form of a language other than ja and en is read, like that
  language's CLDR names, only in a document the manifest declares in it), and the names
  declared *ambiguous* (``Korea``, ``Congo``): a name that two countries share, which is
  never read as either.

A key (:func:`kyotei.graph.model.countries.country_key`) that two countries share, whichever the
sources, is ambiguous and dropped; a curated alias that contradicts the datasets is an error.
"""

from __future__ import annotations

import gettext
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale, localedata

__all__ = [
    "Alias",
    "Ambiguity",
    "dataset_names",
    "every_language_names",
    "language_forms",
    "load_aliases",
    "load_ambiguities",
]

ALIASES_FILE = "country_aliases.toml"
_TRAILING_ALTERNATE = re.compile(r"^(?P<outer>.*\S)\s*\((?P<inner>[^()]+)\)$")
_TRAILING_CITY = re.compile(r"^(?P<outer>.*\S)\s+-\s+\S.*$")
_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class Alias:
    """One curated form of a country's name (a ``[[alias]]`` of the data file)."""

    text: str
    code: str
    lang: str
    source: str
    preferred: bool


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A name two or more countries share (an ``[[ambiguous]]`` of the data file)."""

    text: str
    codes: tuple[str, ...]
    source: str


def japanese_catalogue() -> gettext.NullTranslations:
    """iso-codes' Japanese translations of ISO 3166-1 names, as pycountry ships them."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])


def _ja_forms(ja_name: str) -> list[str]:
    forms = [ja_name]
    match = _TRAILING_ALTERNATE.match(ja_name)
    if match:
        forms.append(match["outer"])
        if not match["inner"].endswith("領"):
            forms.append(match["inner"])
    return forms


def _pycountry_forms() -> Iterator[tuple[str, str]]:
    ja = japanese_catalogue()
    for country in pycountry.countries:
        code: str = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            yield str(english), code
            japanese = ja.gettext(str(english))
            if japanese != english:
                for form in _ja_forms(japanese):
                    yield form, code


def _locale_forms(locale: Locale) -> Iterator[tuple[str, str]]:
    for code, name in locale.territories.items():
        if not _CODE.match(code) or pycountry.countries.get(alpha_2=code) is None:
            continue
        yield name, code
        for pattern in (_TRAILING_ALTERNATE, _TRAILING_CITY):
            match = pattern.match(name)
            if match:
                yield match["outer"], code


def _cldr_forms() -> Iterator[tuple[str, str]]:
    for locale in ("ja", "en"):
        yield from _locale_forms(Locale(locale))


def _catalogue_forms(language: str) -> Iterator[tuple[str, str]]:
    """iso-codes' translations of each country's three English names into ``language``."""
    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:  # no catalogue for this language
        return
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english and (translated := catalogue.gettext(str(english))) != english:
                yield translated, country.alpha_2


def _script_locales(locale: Locale) -> list[Locale]:
    """A tag with no script names its language in every script CLDR writes it in: ``zh``
    is ``zh_Hans`` (泰国) and ``zh_Hant`` (泰國), ``sr`` is Cyrillic and Latin. A tag with a
    script or a region is that locale only."""
    if locale.script or locale.territory:
        return []
    return [Locale.parse(identifier) for identifier in sorted(localedata.locale_identifiers())
            if re.fullmatch(rf"{locale.language}_[A-Z][a-z]{{3}}", identifier)]


def language_forms(tag: str) -> Iterator[tuple[str, str]]:
    """Country names in the language of a BCP 47 tag (``de``, ``pt-BR``): CLDR's territory
    names of that locale and iso-codes' catalogue of that language; nothing for a tag
    neither knows."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, LookupError):
        return
    yield from _locale_forms(locale)
    for script in _script_locales(locale):
        yield from _locale_forms(script)
    yield from _catalogue_forms(str(locale))
    if str(locale) != locale.language:
        yield from _catalogue_forms(locale.language)


def every_language_names(key: Callable[[str], str]) -> dict[str, set[str]]:
    """Every key any CLDR locale or iso-codes catalogue gives, with the codes each names
    (two or more: one country in one language, another elsewhere)."""
    names: dict[str, set[str]] = {}

    def add(forms: Iterator[tuple[str, str]]) -> None:
        for text, code in forms:
            if k := key(text):
                names.setdefault(k, set()).add(code)

    for identifier in localedata.locale_identifiers():
        add(_locale_forms(Locale.parse(identifier)))
    for language in sorted(p.name for p in Path(pycountry.LOCALES_DIR).iterdir() if p.is_dir()):
        add(_catalogue_forms(language))
    return names


def dataset_names(key: Callable[[str], str]) -> dict[str, set[str]]:
    """Every key pycountry and CLDR give, with the codes each names (two or more: ambiguous)."""
    names: dict[str, set[str]] = {}
    for forms in (_pycountry_forms(), _cldr_forms()):
        for text, code in forms:
            k = key(text)
            if k:
                names.setdefault(k, set()).add(code)
    return names


def _check_code(code: object, where: str) -> str:
    if not (isinstance(code, str) and _CODE.match(code) and pycountry.countries.get(
        alpha_2=code
    )):
        raise ValueError(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")
    return code


def _text_and_source(entry: dict[str, Any], where: str) -> tuple[str, str]:
    text, source = entry.get("text"), entry.get("source")
    if not (isinstance(text, str) and text.strip() and isinstance(source, str) and source):
        raise ValueError(f"{where}: text and source must be non-empty strings")
    return text, source


def _parse_alias(entry: dict[str, Any], position: int) -> Alias:
    where = f"{ALIASES_FILE} alias #{position}"
    for field in ("text", "code", "lang", "source"):
        if field not in entry:
            raise ValueError(f"{where}: missing field {field!r}")
    code = _check_code(entry["code"], where)
    lang, preferred = entry["lang"], entry.get("preferred", False)
    if not (isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang)):
        raise ValueError(f"{where}: lang must be a language tag (ja, en, zh, ko …), not {lang!r}")
    if preferred and lang != "ja":
        raise ValueError(f"{where}: only a Japanese form can be preferred")
    text, source = _text_and_source(entry, where)
    return Alias(text, code, lang, source, bool(preferred))


def _parse_ambiguity(entry: dict[str, Any], position: int) -> Ambiguity:
    where = f"{ALIASES_FILE} ambiguous #{position}"
    text, source = _text_and_source(entry, where)
    codes = entry.get("codes")
    if not (isinstance(codes, list) and len(set(codes)) >= 2):
        raise ValueError(f"{where}: codes must list two or more countries")
    return Ambiguity(text, tuple(sorted(_check_code(c, where) for c in codes)), source)


def _table() -> dict[str, Any]:
    raw = resources.files(__package__).joinpath(ALIASES_FILE).read_text(encoding="utf-8")
    return tomllib.loads(raw)


def load_aliases() -> list[Alias]:
    """The curated aliases, validated (a malformed entry raises ``ValueError``)."""
    return [_parse_alias(e, i) for i, e in enumerate(_table().get("alias", []), start=1)]


def load_ambiguities() -> list[Ambiguity]:
    """The names declared ambiguous, validated (a malformed entry raises ``ValueError``)."""
    entries = _table().get("ambiguous", [])
    return [_parse_ambiguity(e, i) for i, e in enumerate(entries, start=1)]
