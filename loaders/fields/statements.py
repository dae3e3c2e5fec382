"""What a list states beside its partners, in the words of ``statement_words.toml``.

Stated totals: a total word before or after the count, a counter word after it, and the
countries' count after a word between.

The general reader (:mod:`kyotei.loaders.layouts.general.furniture`) reads the forms it
writes out first (Japanese, English, German); :func:`read_stated_total` reads the others:
``合计 15所``, ``共计：12项``, ``Total : 14 établissements partenaires dans 6 pays.``,
``# 13 accords au total``. :func:`is_count` says whether a cell is a bare count with a
counter word (``15所``): no partner's name. :func:`ended_suffix` finds a bracket after a
name that states the agreement ended (``（2023年3月廃止）``), :func:`states_ended` such a
word in a notes cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kyotei.loaders.fields._vocab import entries

__all__ = ["StatedTotal", "ended_suffix", "is_count", "read_stated_total", "states_ended"]

_FILE = "statement_words.toml"
_COUNTS = ("institutions", "agreements", "countries")
# the end, or a full stop and a note after it; a breakdown in brackets before (15項（…5項、…）)
_STOP = r"(?:\s*[(（][^()（）]*[)）])?\s*(?:[.。;；](?:\s*\S.*)?)?$"
_BRACKET = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")


@dataclass(frozen=True, slots=True)
class StatedTotal:
    """A stated total: the count, what its counter counts, and the countries' count."""

    count: int
    counts: str  # "institutions", "agreements", or "" (no counter word)
    countries: int | None
    whole: bool = False  # its word sums the whole list (共计), not the section it closes


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                      reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str],
                         set[str]]:
    counters: dict[str, str] = {}
    for entry in entries(_FILE, "counter"):
        if entry.get("counts") not in _COUNTS:
            raise ValueError(f"{_FILE}: {entry['text']!r}: 'counts' must be one of {_COUNTS}")
        counters[str(entry["text"]).casefold()] = str(entry["counts"])
    totals = entries(_FILE, "total")
    if any(e.get("position") not in ("prefix", "suffix") for e in totals):
        raise ValueError(f"{_FILE}: a [[total]] 'position' must be 'prefix' or 'suffix'")
    before = _alternatives([e["text"] for e in totals if e["position"] == "prefix"])
    whole = {str(e["text"]).casefold() for e in totals if e.get("scope") == "all"}
    after = _alternatives([e["text"] for e in totals if e["position"] == "suffix"])
    between = _alternatives([e["text"] for e in entries(_FILE, "between")])
    counted = _alternatives([w for w, c in counters.items() if c != "countries"])
    places = _alternatives([w for w, c in counters.items() if c == "countries"])
    countries = (rf"(?:\s*[,，、]?\s*(?:(?:{between})\s*)?(?P<countries>\d+)\s*"
                 rf"(?:{places}))?")
    joiner = _alternatives([e["text"] for e in entries(_FILE, "joiner")])
    # a second count after the first (총 13개 대학과 16건의 협정을 …), what follows it in words
    second = (rf"(?:\s*(?:{joiner})?\s*(?P<n2>\d+)\s*(?P<counter2>{counted})"
              r"[^\d.。;；()（）]*)?")
    prefix = re.compile(rf"^#?\s*(?P<total>{before})\s*[:：]?\s*(?P<n>\d+)\s*"
                        rf"(?P<counter>{counted})?{second}{countries}{_STOP}", re.IGNORECASE)
    suffix = re.compile(rf"^#?\s*(?P<n>\d+)\s*(?P<counter>{counted})\s*(?:{after})"
                        rf"{countries}{_STOP}", re.IGNORECASE)
    count = re.compile(rf"^\s*\d+\s*(?:{counted})\s*$", re.IGNORECASE)
    return prefix, suffix, count, counters, whole


def read_stated_total(text: str) -> StatedTotal | None:
    """The total ``text`` states in the words of ``total_words.toml``, or None.

    >>> read_stated_total("合计 15所"), read_stated_total("15所")
    (StatedTotal(count=15, counts='institutions', countries=None, whole=False), None)
    >>> read_stated_total("Total : 14 établissements partenaires dans 6 pays.")
    StatedTotal(count=14, counts='institutions', countries=6, whole=False)
    >>> read_stated_total("# 13 accords au total").counts
    'agreements'
    >>> read_stated_total("共计：12项。注：以下为说明。").whole
    True
    """
    prefix, suffix, _, counters, whole = _patterns()
    stripped = text.strip()
    if (said := _restated(stripped)) is not None or (said := _shown(stripped)) is not None:
        return said
    match = prefix.match(stripped) or suffix.match(stripped)
    if match is None:
        return None
    counter = " ".join((match["counter"] or "").split()).casefold()
    count = int(match["n"])
    if match.groupdict().get("n2"):  # two counts: the agreements', which rows are counted by
        second = " ".join(match["counter2"].split()).casefold()
        if counters.get(second) == "agreements" and counters.get(counter) != "agreements":
            counter, count = second, int(match["n2"])
    countries = match["countries"]
    total = (match.groupdict().get("total") or "").casefold()
    return StatedTotal(count, counters.get(counter, ""),
                       int(countries) if countries else None, total in whole)


def _restated(text: str) -> StatedTotal | None:
    """One total said in two languages (``Total 15 agreements / รวม 15 ฉบับ``): read when
    every side reads as a total of the same count."""
    sides = [side for side in re.split(r"\s+/\s+|\s*／\s*", text) if side.strip()]
    if len(sides) < 2:
        return None
    read = [read_stated_total(side) for side in sides]
    if any(r is None for r in read) or len({r.count for r in read if r}) != 1:
        return None
    return next((r for r in read if r and r.counts), read[0])


@cache
def _shown_pattern() -> re.Pattern[str]:
    counters = [str(e["text"]) for e in entries(_FILE, "counter") if e["counts"] != "countries"]
    words = [(str(e["text"]), str(e["of"])) for e in entries(_FILE, "shown")]
    forms = "|".join(rf"{_alternatives([w])}\s*1\s*[-–—~〜]\s*(?P<last{i}>\d+)\s*"
                     rf"{_alternatives([of])}" for i, (w, of) in enumerate(words))
    return re.compile(rf"^(?:{forms})\s*(?P<n>\d+)\s*(?P<counter>{_alternatives(counters)})?"
                      rf"{_STOP}", re.IGNORECASE)


def _shown(text: str) -> StatedTotal | None:
    """A page that shows the whole list (``Showing 1–16 of 16 agreements``): its count
    is a total; a page showing part of it (``1–20 of 45``) states none of this page."""
    if not entries(_FILE, "shown"):
        return None
    match = _shown_pattern().match(text)
    if match is None:
        return None
    last = next(int(v) for k, v in match.groupdict().items() if k.startswith("last") and v)
    if last != int(match["n"]):
        return None
    counters = {str(e["text"]).casefold(): str(e["counts"]) for e in entries(_FILE, "counter")}
    counter = " ".join((match["counter"] or "").split()).casefold()
    return StatedTotal(last, counters.get(counter, ""), None)


def is_count(text: str) -> bool:
    """Whether ``text`` is a bare count with a counter word (``15所``, ``12 accords``):
    a total's number, never an institution's name.

    >>> is_count("15所"), is_count("見本研究所")
    (True, False)
    """
    return bool(_patterns()[2].match(text))


@cache
def _ended() -> re.Pattern[str]:
    return re.compile(_alternatives([e["text"] for e in entries(_FILE, "ended")]),
                      re.IGNORECASE)


def states_ended(text: str) -> bool:
    """Whether ``text`` (a bracket, a notes cell) says the agreement ended.

    >>> states_ended("2023年3月廃止"), states_ended("2023年3月更新")
    (True, False)
    """
    return bool(text.strip()) and _ended().search(text) is not None


def ended_suffix(name: str) -> tuple[str, str]:
    """``name`` without a last bracket that states the agreement ended, and that bracket's
    text; ``(name, "")`` when there is none.

    >>> ended_suffix("ナントカ大学（2023年3月廃止）"), ended_suffix("ナントカ大学（タイ）")
    (('ナントカ大学', '2023年3月廃止'), ('ナントカ大学（タイ）', ''))
    """
    match = _BRACKET.search(name)
    if match is None or not states_ended(match[1]) or not name[:match.start()].strip():
        return name, ""
    return name[:match.start()], match[1].strip()
