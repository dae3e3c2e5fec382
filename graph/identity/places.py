"""Place names in several languages, from CLDR (through Babel): one place, many spellings.

A university is often named after its city or its country, and each language writes the
place its own way: ``ウィーン`` / ``Vienna`` / ``Wien``, ``香港`` / ``Hong Kong``. No sound rule
can join ``香港`` (kanji) with ``Hong Kong``, nor ``Vienna`` with ``Wien``. CLDR, the Unicode
locale data that Babel ships, names places in every locale:

* the *exemplar cities* of the time zones (``Europe/Vienna``: ja ``ウィーン``, en ``Vienna``,
  de ``Wien``, fr ``Vienne``); where a locale gives none, CLDR's own fallback is the zone id's
  last part with ``_`` read as a space (``Asia/Hong_Kong`` → ``Hong Kong``);
* the territory names (``AT``: ja ``オーストリア``, de ``Österreich``), and the forms
  :func:`kyotei.graph.model.countries.lookup_country` reads (``香港`` → ``HK``).

:func:`place_ids` answers which places a spelling may name (``tz:Europe/Vienna``,
``cc:AT``); two spellings name one place when their sets meet. The locales read are those of
``[places] locales`` in ``crossname.toml``. A spelling is compared folded (NFKC, case,
accents, spaces and punctuation removed; kanji by the script-variant fold), so ``Zürich`` and
``Zurich`` are one spelling.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from functools import cache

from babel import Locale
from babel.core import get_global

from kyotei.graph.identity.variants import fold_characters
from kyotei.graph.model.countries import lookup_country

__all__ = ["fold_place", "place_ids", "place_table"]

log = logging.getLogger(__name__)

_NOT_WORD = re.compile(r"[\W_]+")
_WORLD = frozenset({"001", "ZZ"})


def fold_place(text: str) -> str:
    """A place spelling folded for comparison.

    >>> fold_place("Zürich") == fold_place("ZURICH"), fold_place("Hong Kong")
    (True, 'hongkong')
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return str(fold_characters(_NOT_WORD.sub("", unicodedata.normalize("NFC", text))))


def _zone_cities(locale: Locale) -> dict[str, str]:
    zones = get_global("zone_territories")
    names = locale.time_zones
    cities = {}
    for zone, territory in zones.items():
        if territory in _WORLD or "/" not in zone or zone.startswith("Etc/"):
            continue
        entry = names.get(zone)
        city = entry.get("city") if entry is not None else None
        cities[zone] = city or zone.rsplit("/", 1)[-1].replace("_", " ")
    return cities


@cache
def place_table(locales: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Folded spelling → the places (``tz:…``, ``cc:…``) it names in one of ``locales``."""
    table: dict[str, set[str]] = defaultdict(set)
    for code in locales:
        locale = Locale.parse(code)
        for zone, city in _zone_cities(locale).items():
            if key := fold_place(city):
                table[key].add(f"tz:{zone}")
        for territory, name in locale.territories.items():
            if len(territory) == 2 and territory.isalpha() and (key := fold_place(name)):
                table[key].add(f"cc:{territory}")
    log.debug("place names: %d spellings from CLDR locales %s", len(table), ", ".join(locales))
    return {key: frozenset(ids) for key, ids in table.items()}


def place_ids(text: str, locales: tuple[str, ...]) -> frozenset[str]:
    """The places ``text`` may name (empty when it names none).

    >>> place_ids("ウィーン", ("ja", "de")) == place_ids("Wien", ("ja", "de"))
    True
    >>> sorted(place_ids("香港", ("ja", "en")))
    ['cc:HK', 'tz:Asia/Hong_Kong']
    """
    key = fold_place(text)
    if not key:
        return frozenset()
    found = set(place_table(locales).get(key, frozenset()))
    if (country := lookup_country(text.strip())) is not None:
        found.add(f"cc:{country}")
    return frozenset(found)
