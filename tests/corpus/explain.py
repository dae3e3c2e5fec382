"""Row by row: what a kyotei build extracted from a corpus, against its truth (a reading aid).

    python tests/corpus/explain.py --corpus tests/blind3 --build-dir DIR
    python tests/corpus/measure.py --corpus tests/blind3 --keep DIR   # makes DIR/whole

Not the measure, but the measure's own pairing (``corpus_match.match_document``) and field
checks (``field_checks``), so what it calls wrong is exactly what the figures count: for
each document, every paired row with the fields the measure counts wrong (what was
exported, what the truth says), the truth rows missed, the rows no truth row claims; then
the recurring institutions over several IRIs and the IRIs shared by namesakes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_match import field_checks, learn_names, match_document
from measure import Kyotei, corpus_namesakes, document_of

# Per field: what the export says (its columns) and what the truth says.
EXPORTED = {
    "name": ("partner_institution_ja", "partner_institution_en"),
    "country": ("country",),
    "date": ("signed_on",),
    "waiver": ("tuition_waiver",),
    "home_unit": ("home_unit_ja",),
    "partner_unit": ("partner_unit_ja", "partner_unit_en"),
    "level": ("level",),
}


def _wanted(field: str, truth: dict[str, Any]) -> object:
    if field == "name":
        partner = truth["partner"]
        return f"{partner['printed_ja']!r}/{partner['printed_en']!r}"
    if field == "date":
        return f"{truth['signed']} (printed {truth.get('signed_printed')!r})"
    return truth.get(field)


def _tail(iri: str) -> str:
    return "/".join(iri.rstrip("/").split("/")[-2:])


def explain(truths: dict[str, dict[str, Any]], rows: list[dict[str, str]],
            namesakes: list[tuple[str, str]]) -> None:  # fmt: skip
    names = list(truths)
    learn_names(truths.values())
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        name = document_of(row.get("source_document", ""), names)
        if name is not None:
            by_doc[name].append(row)
    iris: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    ids_of: dict[str, set[str]] = defaultdict(set)
    for name, truth in truths.items():
        result = match_document(by_doc[name], truth)
        print(f"== {name}: {len(truth['rows'])} truth rows, {len(by_doc[name])} extracted, "
              f"{len(result.pairs)} paired")  # fmt: skip
        for row, want in result.pairs:
            pid = want["partner"]["id"]
            iri = row.get("partner_institution", "")
            iris[pid][_tail(iri)].add(name.split("-")[0])
            ids_of[iri].add(pid)
            wrong = [f for f, ok in field_checks(row, want).items() if not ok]
            if wrong:
                said = "; ".join(
                    f"{f} {'/'.join(repr(row.get(c, '')) for c in EXPORTED[f])}, "
                    f"want {_wanted(f, want)}"
                    for f in wrong
                )
                print(f"   {row.get('source_locator', ''):16} {said}")
        for want in result.missed:
            print(f"   MISSED   {want['locator']} {want['partner']['printed_ja'] or ''} "
                  f"{want['partner']['printed_en'] or ''}".rstrip())  # fmt: skip
        for row in result.spurious:
            print(f"   SPURIOUS {row.get('source_locator', '')} "
                  f"{row.get('partner_institution_ja')!r} {row.get('partner_institution_en')!r}"
                  f" from {row.get('source_text', '')[:60]!r}")  # fmt: skip
    print("== recurring institutions over several IRIs (IRI: documents)")
    for pid, seen in sorted(iris.items()):
        if len(seen) > 1:
            print(f"   {pid:16} " + "  ".join(f"{k}: {','.join(sorted(v))}"
                                            for k, v in sorted(seen.items())))  # fmt: skip
    print("== IRIs shared by different institutions")
    pairs = {frozenset(p) for p in namesakes}
    for iri, ids in sorted(ids_of.items()):
        if len(ids) > 1:
            mark = " (namesakes)" if any(p <= ids for p in pairs) else ""
            print(f"   {_tail(iri)}: {', '.join(sorted(ids))}{mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--build-dir", type=Path, required=True, help="a build of the corpus")
    parser.add_argument("--kyotei", default=f"{sys.executable} -m kyotei", help="the CLI to run")
    args = parser.parse_args(argv)
    truths = {}
    for path in sorted((args.corpus / "truth").glob("*.truth.json")):
        record = json.loads(path.read_text("utf-8"))
        truths[record["document"]] = record
    rows, _report = Kyotei(args.kyotei.split()).outputs(args.build_dir)
    explain(truths, rows, corpus_namesakes(args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
