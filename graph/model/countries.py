"""Country names in Japanese and English → ISO 3166-1 alpha-2, and labels for Country nodes.

Names come from pycountry (``name``, ``common_name``, ``official_name``; Japanese from its
gettext catalogue ``iso3166-1``, locale ``ja``) plus the curated forms in
``country_aliases.toml`` (documented there, each with where it is attested).

Matching is on keys: NFKC, case-folded, every middle dot read as ``・``, all whitespace
removed — so "ブルネイ・ダルサ ラーム国" (a stray space) and "ブルネイ・ダルサラーム国" are one
key. A pycountry Japanese name ending in a parenthesised alternate, "大韓民国 (韓国)", gives
two names, the part outside and the part inside, unless the inside is a territorial
qualifier ending in 領 ("サンマルタン (仏領)"). A key that two countries share is dropped
(ambiguous); a curated alias that contradicts pycountry is an error.
"""

from __future__ import annotations

import gettext
import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry

from kyotei.graph.model.text import fold_typography

__all__ = ["country_key", "country_labels", "lookup_country", "split_countries"]

log = logging.getLogger(__name__)

_ALIASES_FILE = "country_aliases.toml"
_WHITESPACE = re.compile(r"\s+")
_TRAILING_ALTERNATE = re.compile(r"^(?P<outer>.*\S)\s*\((?P<inner>[^()]+)\)$")
_CODE = re.compile(r"^[A-Z]{2}$")


def country_key(text: str) -> str:
    """The matching key of a country name: NFKC, case-folded, one middle dot, no spaces."""
    folded = fold_typography(text).casefold()
    return _WHITESPACE.sub("", folded)


@dataclass(frozen=True, slots=True)
class _Alias:
    text: str
    code: str
    lang: str
    source: str
    preferred: bool


@dataclass(frozen=True, slots=True)
class _Index:
    by_key: dict[str, str]
    ja_label: dict[str, str]  # code -> Japanese label


def _japanese_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])


def _ja_forms(ja_name: str) -> list[str]:
    forms = [ja_name]
    match = _TRAILING_ALTERNATE.match(ja_name)
    if match:
        forms.append(match["outer"])
        if not match["inner"].endswith("領"):
            forms.append(match["inner"])
    return forms


def _pycountry_names() -> dict[str, set[str]]:
    """Every key pycountry gives, with the codes it names."""
    ja = _japanese_names()
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code: str = country.alpha_2
        forms = [
            str(getattr(country, attr))
            for attr in ("name", "common_name", "official_name")
            if getattr(country, attr, None)
        ]
        forms.extend(_ja_forms(ja.gettext(country.name)))
        for form in forms:
            names.setdefault(country_key(form), set()).add(code)
    return names


def _parse_alias(entry: dict[str, Any], position: int) -> _Alias:
    where = f"{_ALIASES_FILE} alias #{position}"
    try:
        text, code, lang, source = (entry[k] for k in ("text", "code", "lang", "source"))
    except KeyError as missing:
        raise ValueError(f"{where}: missing field {missing}") from None
    preferred = entry.get("preferred", False)
    if not (isinstance(code, str) and _CODE.match(code) and pycountry.countries.get(
        alpha_2=code
    )):
        raise ValueError(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")
    if lang not in ("ja", "en"):
        raise ValueError(f"{where}: lang must be 'ja' or 'en', not {lang!r}")
    if preferred and lang != "ja":
        raise ValueError(f"{where}: only a Japanese form can be preferred")
    if not (isinstance(text, str) and text.strip() and isinstance(source, str) and source):
        raise ValueError(f"{where}: text and source must be non-empty strings")
    return _Alias(text, code, lang, source, bool(preferred))


def load_aliases() -> list[_Alias]:
    """The curated aliases, validated (a malformed entry raises ``ValueError``)."""
    raw = resources.files(__package__).joinpath(_ALIASES_FILE).read_text(encoding="utf-8")
    entries = tomllib.loads(raw).get("alias", [])
    return [_parse_alias(entry, i) for i, entry in enumerate(entries, start=1)]


@cache
def _index() -> _Index:
    names = _pycountry_names()
    by_key = {key: next(iter(codes)) for key, codes in names.items() if len(codes) == 1}
    for key, codes in sorted(names.items()):
        if len(codes) > 1:
            log.debug("country name %r is ambiguous (%s): not used", key, sorted(codes))
    ja_label: dict[str, str] = {}
    for alias in load_aliases():
        key = country_key(alias.text)
        known = names.get(key)
        if known and known != {alias.code}:
            raise ValueError(
                f"{_ALIASES_FILE}: alias {alias.text!r} -> {alias.code} contradicts pycountry "
                f"({sorted(known)})"
            )
        by_key[key] = alias.code
        if alias.preferred:
            if alias.code in ja_label:
                raise ValueError(f"{_ALIASES_FILE}: two preferred labels for {alias.code}")
            ja_label[alias.code] = alias.text
    return _Index(by_key, ja_label)


def lookup_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (upper case) a country name denotes, or None.

    >>> lookup_country("オランダ"), lookup_country("Netherland"), lookup_country("大韓民国")
    ('NL', 'NL', 'KR')
    >>> lookup_country("Republic of China"), lookup_country("ナントカ大学")
    ('TW', None)
    """
    key = country_key(text)
    return _index().by_key.get(key) if key else None


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
    by_key = _index().by_key
    # best[i]: the fewest names covering words[:i]
    best: list[tuple[str, ...] | None] = [()] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            head = best[start]
            code = by_key.get(country_key("".join(words[start:end])))
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
    ja = _index().ja_label.get(country.alpha_2) or _japanese_names().gettext(country.name)
    en = getattr(country, "common_name", None) or country.name
    return ja, str(en)
