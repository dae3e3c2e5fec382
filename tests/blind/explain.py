"""Row by row: what kyotei extracted from the blind corpus against the truth (a reading aid).

    python tests/blind/explain.py --build-dir DIR     # a build of tests/blind/documents
    python tests/blind/explain.py --csv agreements.csv

Not the measure (that is tests/corpus/measure.py --corpus tests/blind): this prints, for each
truth row, the fields kyotei got wrong, the rows it missed and the rows it invented, then the
institutions split over several IRIs. A row is paired by kyotei's ``source_locator`` when it
names the truth locator's place (``table2 r5``, ``list1 item3``, ``r7``, ``Sheet!C4``,
``p1 t1 r3``, ``p2 l5``, ``l12``), else by name. The name is counted right when the exported
ja or en is any name of the institution the blind corpus prints (kyotei exports one label
per institution, which may come from another document).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind_data import PARTNERS  # noqa: E402


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def place(fmt: str, loc: dict[str, Any]) -> str:
    """The start of kyotei's locator for a truth locator."""
    if fmt == "html":
        return f"table{loc['table']} r{loc['row']}" if "table" in loc else (
            f"list{loc['list']} item{loc['item']}")
    if fmt == "csv":
        return f"r{loc['row']}"
    if fmt == "xlsx":
        return f"{loc['sheet']}!C{loc['row']}"
    if fmt == "pdf":
        return f"p{loc['page']} t1 r{loc['row']}" if "table" in loc else (
            f"p{loc['page']} l{loc['line']}")
    return f"l{loc['lines'][0] if 'lines' in loc else loc['line']}"


def same_place(kyotei_locator: str, wanted: str) -> bool:
    return (kyotei_locator.replace("'", "") + " ").startswith(wanted + " ")


def known_names(truths: list[dict[str, Any]]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for pid, (_country, ja, en) in PARTNERS.items():
        names[pid] |= {norm(ja), norm(en)}
    for truth in truths:
        for r in truth["rows"]:
            p = r["partner"]
            found = (p["ja"], p["en"], p["printed_ja"], p["printed_en"], r.get("native_name"))
            names[p["id"]] |= {norm(n) for n in found if n}
    return names


def differences(r: dict[str, str], t: dict[str, Any], names: set[str]) -> list[str]:
    out = []
    got = {norm(r["partner_institution_ja"]), norm(r["partner_institution_en"])} - {""}
    if not got & names:
        out.append(f"name {r['partner_institution_ja']!r}/{r['partner_institution_en']!r}, "
                   f"printed {t['partner']['printed_ja']!r}/{t['partner']['printed_en']!r}")
    if r["country"] != t["country"]:
        out.append(f"country {r['country']!r}, want {t['country']}")
    if (r["signed_on"] or None) != t["signed"]:
        out.append(f"date {r['signed_on']!r}, want {t['signed']} "
                   f"(printed {t.get('signed_printed') or t.get('signed_excel_cell')!r})")
    waiver = {"true": True, "false": False}.get(r["tuition_waiver"])
    if waiver != t["waiver"]:
        out.append(f"waiver {r['tuition_waiver']!r}, want {t['waiver']}")
    unit = (t["home_unit"] or {}).get("ja")
    if norm(r["home_unit_ja"]) != norm(unit):
        out.append(f"home unit {r['home_unit_ja']!r}, want {unit!r}")
    if r["level"] != t["level"]:
        out.append(f"level {r['level']}, want {t['level']}")
    return out


def explain(rows: list[dict[str, str]], truths: list[dict[str, Any]]) -> None:
    names = known_names(truths)
    iris: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for truth in truths:
        doc, fmt = truth["document"], truth["format"]
        mine = [r for r in rows if r["source_document"] == doc]
        used: set[int] = set()
        print(f"== {doc}: {len(truth['rows'])} truth rows, {len(mine)} extracted")
        for t in truth["rows"]:
            pid = t["partner"]["id"]
            free = [r for r in mine if id(r) not in used]
            here = [r for r in free if same_place(r["source_locator"], place(fmt, t["locator"]))]
            if not here:
                here = [r for r in free if names[pid] & {norm(r["partner_institution_ja"]),
                                                        norm(r["partner_institution_en"])}]
            if not here:
                print(f"   MISSED   {t['locator']} {t['partner']['printed_ja'] or ''} "
                      f"{t['partner']['printed_en'] or ''}".rstrip())
                continue
            r = here[0]
            used.add(id(r))
            iris[pid][r["partner_institution"].rsplit("/", 2)[-1]].append(doc[:3])
            wrong = differences(r, t, names[pid])
            if wrong:
                print(f"   {r['source_locator']:14} " + "; ".join(wrong))
        for r in mine:
            if id(r) not in used:
                print(f"   SPURIOUS {r['source_locator']} {r['partner_institution_ja']!r} "
                      f"{r['partner_institution_en']!r} from {r['source_text'][:60]!r}")
    print("== institutions over several IRIs (IRI tail: documents)")
    for pid, seen in sorted(iris.items()):
        if len(seen) > 1:
            print(f"   {pid:12} " + "  ".join(f"{k}: {','.join(v)}" for k, v in seen.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--build-dir", type=Path)
    source.add_argument("--csv", type=Path, help="kyotei export --format csv of such a build")
    args = parser.parse_args(argv)
    if args.csv:
        text = args.csv.read_text("utf-8")
    else:
        text = subprocess.run(
            [sys.executable, "-m", "kyotei", "export", "--format", "csv", "--build-dir",
             str(args.build_dir)], capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(text)))
    truths = [json.loads(p.read_text("utf-8")) for p in sorted((HERE / "truth").glob("*.json"))]
    explain(rows, truths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
