"""Row by row: what a kyotei build extracted from the third blind corpus, against the truth.

A reading aid, not the measure (that is ``tests/corpus/measure.py --corpus tests/blind3``).
``tests/blind/explain.py`` reads only tests/blind's truth, so this one reads tests/blind3's:

    python tests/blind3/explain3.py --build-dir /tmp/blind3-build/whole

Rows are paired by document and locator (``source_locator`` of ``kyotei export --format
csv``), then by name. For each truth row it prints FOUND (with the fields that differ) or
MISSED; then the extracted rows no truth row claims (SPURIOUS); then, per recurring
institution, the IRIs it got; then kyotei's findings and reconciliation (``kyotei report``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").replace(" ", "").replace("\u3000", "")


def _key(doc: str, loc: dict[str, Any]) -> str:
    if "sheet" in loc:
        return f"{loc['sheet']}:{loc['row']}"
    if "table" in loc and "page" in loc:
        return f"p{loc['page']}t{loc['table']}r{loc['row']}"
    if "page" in loc:
        return f"p{loc['page']}l{loc['line']}"
    if "table" in loc:
        return f"t{loc['table']}r{loc['row']}"
    if "line" in loc:
        return f"l{loc['line']}"
    return f"r{loc['row']}"


def _parse(loc: str, line: str) -> str:
    if m := re.match(r"'?(.+?)'?!([A-Z]+)(\d+)", loc):
        return f"{m[1]}:{m[3]}"
    if m := re.match(r"p(\d+) t(\d+) r(\d+)", loc):
        return f"p{m[1]}t{m[2]}r{m[3]}"
    if m := re.match(r"p(\d+) l(\d+)", loc):
        return f"p{m[1]}l{m[2]}"
    if m := re.match(r"table(\d+) r(\d+)", loc):
        return f"t{m[1]}r{m[2]}"
    if m := re.match(r"r(\d+)", loc):
        return f"r{m[1]}"
    if m := re.match(r"l(\d+)", loc):
        return f"l{m[1]}"
    return f"l{line}" if line else loc


def _names(r: dict[str, Any]) -> set[str]:
    p = r["partner"]
    return {_fold(p[k]) for k in ("ja", "en", "printed_ja", "printed_en") if p.get(k)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--kyotei", default="kyotei")
    a = ap.parse_args()
    out = subprocess.run(
        [a.kyotei, "export", "--format", "csv", "--build-dir", a.build_dir],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ext = list(csv.DictReader(io.StringIO(out)))
    truths = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((HERE / "truth").glob("*.truth.json"))
    ]
    iris: dict[str, dict[str, set[str]]] = {}
    for t in truths:
        doc = t["document"]
        mine = [e for e in ext if e["source_document"] == doc]
        by_loc: dict[str, list[dict[str, str]]] = {}
        for e in mine:
            by_loc.setdefault(_parse(e["source_locator"], e["source_line"]), []).append(e)
        used: set[int] = set()
        print(f"== {doc}: {len(t['rows'])} truth rows, {len(mine)} extracted")
        for r in t["rows"]:
            cands = [e for e in by_loc.get(_key(doc, r["locator"]), []) if id(e) not in used]
            if not cands:
                names = _names(r)
                cands = [
                    e
                    for e in mine
                    if id(e) not in used
                    and (
                        _fold(e["partner_institution_ja"]) in names
                        or _fold(e["partner_institution_en"]) in names
                        or _fold(e["source_text"]) in names
                    )
                ]
            label = (
                f"{r['locator']} {r['partner']['printed_ja'] or ''} "
                f"{r['partner']['printed_en'] or ''}".strip()
            )
            if not cands:
                print(f"   MISSED   {label}")
                continue
            e = cands[0]
            used.add(id(e))
            iris.setdefault(r["partner"]["id"], {}).setdefault(
                e["partner_institution"].rsplit("/", 2)[-2]
                + "/"
                + e["partner_institution"].rsplit("/", 1)[-1],
                set(),
            ).add(doc)
            diffs = []
            if e["country"] != r["country"]:
                diffs.append(f"country {e['country'] or '∅'} ≠ {r['country']}")
            if (e["signed_on"] or None) != r["signed"]:
                diffs.append(
                    f"date {e['signed_on'] or '∅'} ≠ {r['signed']} "
                    f"(printed {r['signed_printed']!r})"
                )
            w = {"true": True, "false": False}.get(e["tuition_waiver"])
            if w != r["waiver"]:
                diffs.append(f"waiver {w} ≠ {r['waiver']}")
            if e["level"] != r["level"]:
                diffs.append(f"level {e['level']} ≠ {r['level']}")
            hu = (r["home_unit"] or {}).get("ja") or (r["home_unit"] or {}).get("en")
            if _fold(e["home_unit_ja"]) != _fold(hu):
                diffs.append(f"home_unit {e['home_unit_ja'] or '∅'} ≠ {hu or '∅'}")
            names = _names(r)
            got = [x for x in (e["partner_institution_ja"], e["partner_institution_en"]) if x]
            if not any(_fold(x) in names for x in got):
                diffs.append(f"name {' / '.join(got) or '∅'}")
            tag = "FOUND " if not diffs else "WRONG "
            print(f"   {tag}  {label}" + ("" if not diffs else "  — " + "; ".join(diffs)))
        for e in mine:
            if id(e) not in used:
                print(
                    f"   SPURIOUS {e['source_locator'] or e['source_line']} "
                    f"{e['partner_institution_ja']} / {e['partner_institution_en']} "
                    f"{e['signed_on']} ({e['source_text'][:60]!r})"
                )
    print("== identity: recurring institutions and their IRIs")
    for pid, m in sorted(iris.items()):
        docs = set().union(*m.values())
        if len(docs) < 2:
            continue
        flag = "one IRI" if len(m) == 1 else f"{len(m)} IRIs"
        print(
            f"   {pid:18} {flag:8} "
            + "; ".join(f"{i}: {', '.join(sorted(d))}" for i, d in sorted(m.items()))
        )
    owners: dict[str, set[str]] = {}
    for pid, m in iris.items():
        for i in m:
            owners.setdefault(i, set()).add(pid)
    for i, pids in sorted(owners.items()):
        if len(pids) > 1:
            print(f"   FALSE MERGE {i}: {', '.join(sorted(pids))}")
    rep = subprocess.run(
        [a.kyotei, "report", "--format", "json", "--build-dir", a.build_dir],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    print("== kyotei report (json)")
    print(rep)


if __name__ == "__main__":
    main()
