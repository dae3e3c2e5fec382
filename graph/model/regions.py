"""Regions: the source documents' grouping of countries (アジア, ヨーロッパ, 北米 …).

Regions are the documents' grouping, not geography; the keys, labels and variant spellings
are data, in ``regions.toml``. Matching is on the same keys as country names (NFKC,
case-folded, whitespace removed).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kyotei.graph.model.countries import country_key

__all__ = ["REGION_KEYS", "lookup_region", "region_labels"]

_REGIONS_FILE = "regions.toml"


@dataclass(frozen=True, slots=True)
class _Region:
    key: str
    ja: str
    en: str
    variants: tuple[str, ...]


@cache
def _regions() -> tuple[_Region, ...]:
    raw = resources.files(__package__).joinpath(_REGIONS_FILE).read_text(encoding="utf-8")
    regions = []
    for position, entry in enumerate(tomllib.loads(raw).get("region", []), start=1):
        try:
            regions.append(
                _Region(entry["key"], entry["ja"], entry["en"], tuple(entry["variants"]))
            )
        except KeyError as missing:
            raise ValueError(f"{_REGIONS_FILE} region #{position}: missing {missing}") from None
    return tuple(regions)


@cache
def _by_key() -> dict[str, str]:
    names: dict[str, str] = {}
    for region in _regions():
        for name in (region.ja, region.en, *region.variants):
            key = country_key(name)
            if names.setdefault(key, region.key) != region.key:
                raise ValueError(f"{_REGIONS_FILE}: {name!r} names two regions")
    return names


def lookup_region(text: str) -> str | None:
    """The region key a printed area name denotes, or None.

    >>> lookup_region("中東"), lookup_region("North America"), lookup_region("インド")
    ('middle-east', 'north-america', None)
    """
    return _by_key().get(country_key(text))


def region_labels(key: str) -> tuple[str, str]:
    """(Japanese label, English label) of a region; ``KeyError`` for an unknown key.

    >>> region_labels("latin-america")
    ('中南米', 'Latin America')
    """
    for region in _regions():
        if region.key == key:
            return region.ja, region.en
    raise KeyError(key)


REGION_KEYS: tuple[str, ...] = tuple(region.key for region in _regions())
