"""Match kyotei's extracted agreements to the corpus's truth rows, and score them.

Matching is per document: first by locator (kyotei's ``source_locator`` when the export has
it, else ``source_line``) with a name check, then by name alone among the rows left. The
name check refuses a locator pairing that the name contradicts: a row whose locator points
at one truth row but whose name is clearly (similarity ≥ 0.75) another unpaired truth row's
is paired by name (a locator that omits a key the truth has — an HTML item number without
its list — may point at the wrong row). The locator is parsed leniently (``page 2 table 1
row 5``, ``p2/r5``, ``Sheet!C12``, ``Sheet!4:4``, a bare number) because the measure must not
depend on one spelling of it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus_data import PARTNER_BY_ID

KEYS = {"page": "page", "p": "page", "table": "table", "t": "table", "row": "row", "r": "row",
        "line": "line", "l": "line", "list": "list", "item": "item", "li": "item"}  # fmt: skip
MAIN_KEY = {"txt": "line", "csv": "row", "html": "row", "xlsx": "row", "pdf": "row"}
LOCATOR_WORD = re.compile(r"([A-Za-z]+)\.?\s*[:=#]?\s*(\d+)")
SHEET_CELL = re.compile(r"^(?P<sheet>.+)!\$?[A-Z]{1,3}\$?(?P<row>\d+)")
SHEET_ROW = re.compile(r"^(?P<sheet>.+)!\$?(?P<row>\d+):\$?(?P=row)$")  # Excel's row range
STRONG = 0.75  # a name this similar to a truth row's is that row's institution


def norm(text: str | None) -> str:
    """NFKC, no whitespace, lower case, ‧ as ・: the form names are compared in."""
    text = unicodedata.normalize("NFKC", text or "").replace("‧", "・").lower()
    return re.sub(r"\s+", "", text)


def parse_locator(text: str, fmt: str) -> dict[str, Any]:
    """A locator as a dict of page/table/row/line/list/item (and sheet), from any spelling."""
    text = (text or "").strip()
    if not text:
        return {}
    found: dict[str, Any] = {}
    if match := SHEET_CELL.match(text) or SHEET_ROW.match(text):
        return {"sheet": match["sheet"].strip("'"), "row": int(match["row"])}
    for word, number in LOCATOR_WORD.findall(text):
        key = KEYS.get(word.lower())
        if key and key not in found:
            found[key] = int(number)
    if not found and text.isdigit():
        found[MAIN_KEY[fmt]] = int(text)
    if fmt == "txt" and "row" in found and "line" not in found:
        found["line"] = found.pop("row")
    return found


def locator_matches(extracted: dict[str, Any], truth: dict[str, Any]) -> bool:
    """Every key both sides have agrees; a wrapped or split row matches on any of its parts."""
    if not extracted:
        return False
    shared = 0
    for key, value in extracted.items():
        plural = truth.get(key + "s")
        if plural is not None:
            if not plural[0] <= value <= plural[-1]:
                return False
            shared += 1
        elif key in truth:
            if truth[key] != value:
                return False
            shared += 1
    main = {"line", "row", "item"}
    return shared > 0 and bool(main & {k for k in extracted if k in truth or k + "s" in truth})


# Every name the measured corpus gives each institution, in any of its rows (learn_names):
# kyotei exports one label per institution, which may come from another document.
_CORPUS_NAMES: dict[str, tuple[set[str], set[str]]] = {}


def learn_names(truths: Iterable[dict[str, Any]]) -> None:
    """Take the names each institution has anywhere in these truths as acceptable."""
    _CORPUS_NAMES.clear()
    for truth in truths:
        for row in truth["rows"]:
            partner = row["partner"]
            ja, en = _CORPUS_NAMES.setdefault(partner["id"], (set(), set()))
            ja.update(norm(n) for n in (partner["ja"], partner["printed_ja"]) if n)
            en.update(norm(n) for n in (partner["en"], partner["printed_en"]) if n)


def names_of(truth: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Every acceptable Japanese and English name of a truth row's institution."""
    partner = truth["partner"]
    known = PARTNER_BY_ID.get(partner["id"])
    ja = {norm(n) for n in (partner["ja"], partner["printed_ja"]) if n}
    en = {norm(n) for n in (partner["en"], partner["printed_en"]) if n}
    corpus_ja, corpus_en = _CORPUS_NAMES.get(partner["id"], (set(), set()))
    ja |= corpus_ja
    en |= corpus_en
    if known:
        ja |= {norm(n) for n in known.ja}
        en |= {norm(n) for n in known.en}
    return ja, en


def similarity(row: dict[str, str], truth: dict[str, Any]) -> float:
    ja, en = names_of(truth)
    best = 0.0
    for value, forms in (
        (row.get("partner_institution_ja"), ja),
        (row.get("partner_institution_en"), en),
    ):
        if value:
            for form in forms:
                best = max(best, difflib.SequenceMatcher(None, norm(value), form).ratio())
    text = norm(row.get("source_text"))
    printed = norm(truth["partner"]["printed_ja"] or truth["partner"]["printed_en"])
    if printed and printed == text:  # the cell kyotei read is the name as printed
        best = max(best, 1.0)
    elif printed and printed in text:
        best = max(best, 0.7)
    return best


@dataclass
class Matched:
    """The pairs of one document, and what was left on each side."""

    pairs: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, str]] = field(default_factory=list)
    doubled: list[dict[str, str]] = field(default_factory=list)


def extracted_locator(row: dict[str, str], fmt: str) -> dict[str, Any]:
    text = row.get("source_locator") or row.get("source_line") or ""
    return parse_locator(text, fmt)


def match_document(rows: list[dict[str, str]], truth: dict[str, Any]) -> Matched:
    fmt = truth["format"]
    wanted = list(truth["rows"])
    taken: set[int] = set()
    left: list[dict[str, str]] = []
    result = Matched()
    for row in rows:  # pass 1: locator, with the name as a check
        where = extracted_locator(row, fmt)
        candidates = [
            (similarity(row, t), _fit(row, t), i) for i, t in enumerate(wanted)
            if i not in taken and locator_matches(where, t["locator"])
        ]  # fmt: skip
        score, _, index = max(candidates, default=(0.0, 0, -1))
        if index >= 0 and score >= 0.3 and not _contradicted(row, score, wanted, taken):
            taken.add(index)
            result.pairs.append((row, wanted[index]))
        else:
            left.append(row)
    unmatched = []
    for row in left:  # pass 2: names alone
        candidates = [
            (similarity(row, t), _fit(row, t), i) for i, t in enumerate(wanted) if i not in taken
        ]
        score, _, index = max(candidates, default=(0.0, 0, -1))
        if index >= 0 and score >= STRONG:
            taken.add(index)
            result.pairs.append((row, wanted[index]))
        else:
            unmatched.append(row)
    duplicates = [d["locator"] for d in truth.get("duplicates", [])]
    for row in unmatched:
        where = extracted_locator(row, fmt)
        if any(locator_matches(where, d) for d in duplicates if d):
            result.doubled.append(row)
        else:
            result.spurious.append(row)
    result.missed = [t for i, t in enumerate(wanted) if i not in taken]
    return result


def _fit(row: dict[str, str], truth: dict[str, Any]) -> int:
    """How many of the fields that tell two agreements with one partner apart (signing date,
    level, home unit) the row shares with ``truth``: among truth rows its name fits equally
    (several agreements printed at one locator), the row pairs with the one it describes,
    not with whichever comes last."""
    checks = field_checks(row, truth)
    return sum(checks[name] for name in ("date", "level", "home_unit"))


def _contradicted(
    row: dict[str, str], score: float, wanted: list[dict[str, Any]], taken: set[int]
) -> bool:
    """True when the row's name is clearly another unpaired truth row's, not the located one's."""
    if score >= STRONG:
        return False
    return any(similarity(row, t) >= STRONG for i, t in enumerate(wanted) if i not in taken)


def level_of(value: str) -> str:
    value = value.lower()
    if "univ" in value or value.startswith("u"):
        return "university"
    if any(w in value for w in ("dep", "fac", "unit")) or value.startswith("d"):
        return "department"
    return value


def country_of(value: str) -> str:
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].upper()


FIELDS = ("name", "country", "date", "waiver", "home_unit", "partner_unit", "level")


def field_checks(row: dict[str, str], truth: dict[str, Any]) -> dict[str, bool]:
    """Which of the measured fields kyotei got right for one matched pair."""
    ja, en = names_of(truth)
    given = [(row.get("partner_institution_ja"), ja), (row.get("partner_institution_en"), en)]
    given = [(v, forms) for v, forms in given if v]
    name_ok = bool(given) and all(norm(v) in forms for v, forms in given if forms)
    waiver = {"true": True, "false": False}.get(row.get("tuition_waiver", ""))
    home = truth["home_unit"]
    if home is None:
        home_ok = not row.get("home_unit_ja")
    else:
        forms = {norm(home["ja"]), norm(home["en"])} - {""}  # a form the truth lacks is no match
        home_ok = norm(row.get("home_unit_ja")) in forms
    unit = truth.get("partner_unit")
    printed = [norm(row.get("partner_unit_ja")), norm(row.get("partner_unit_en"))]
    if unit is None:
        unit_ok = not any(printed)
    else:
        spelled = [unit] if isinstance(unit, str) else [unit.get("ja"), unit.get("en")]
        forms = {norm(form) for form in spelled} - {""}
        unit_ok = any(printed) and all(p in forms for p in printed if p)
    return {
        "name": name_ok,
        "country": country_of(row.get("country", "")) == truth["country"],
        "date": (row.get("signed_on") or None) == truth["signed"],
        "waiver": waiver == truth["waiver"],
        "home_unit": home_ok,
        "partner_unit": unit_ok,
        "level": level_of(row.get("level", "")) == truth["level"],
    }
