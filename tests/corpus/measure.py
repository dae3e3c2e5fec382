"""Measure kyotei on the corpus: rows found and spurious, fields right, identity, unreadables.

    python tests/corpus/measure.py [--corpus tests/corpus] [--json] [--keep DIR]

Builds the corpus manifest with ``kyotei build`` into a temporary folder, exports the
agreements CSV and the report, matches the rows to the truth (``corpus_match``) and prints
the figures per format and per layout beside the targets of issue 11. A build that fails as
a whole is retried document by document, so each document's failure is reported with its
message and the documents that do build are still measured; identity is then measured on a
build of the documents that built alone. Not a test: run by hand.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_match import (
    FIELDS,
    Matched,
    extracted_locator,
    field_checks,
    learn_names,
    level_of,
    locator_matches,
    match_document,
    parse_locator,
)
from measure_report import print_figures

TARGETS = {"recall": 0.97, "spurious": 0.03, "fields": 0.95, "identity": 0.90}


class Kyotei:
    """Runs the kyotei CLI (this interpreter's ``python -m kyotei`` unless told otherwise)."""

    def __init__(self, command: list[str]) -> None:
        self.command = command

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.command, *args], capture_output=True, text=True, check=False, timeout=900
        )

    def build(self, manifest: Path, build_dir: Path) -> str | None:
        """Build; None on success, else the error kyotei printed."""
        result = self.run("build", "--sources", str(manifest), "--build-dir", str(build_dir),
                          "--no-curation")  # fmt: skip
        if result.returncode == 0 and (build_dir / "CURRENT").exists():
            return None
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()
        return " ".join(line.strip() for line in message[-4:]) or f"exit {result.returncode}"

    def outputs(self, build_dir: Path) -> tuple[list[dict[str, str]], dict[str, Any]]:
        exported = self.run("export", "--format", "csv", "--build-dir", str(build_dir))
        reported = self.run("report", "--format", "json", "--build-dir", str(build_dir))
        rows = (
            list(csv.DictReader(io.StringIO(exported.stdout))) if exported.returncode == 0 else []
        )
        report = json.loads(reported.stdout) if reported.returncode == 0 else {}
        return rows, report


def manifest_entries(manifest: Path) -> dict[str, str]:
    """Each document's ``[[document]]`` TOML text, by file name, from the corpus manifest."""
    text = manifest.read_text("utf-8")
    blocks = text.split("[[document]]")[1:]
    names = [d["file"] for d in tomllib.loads(text)["document"]]
    return {name: "[[document]]" + block for name, block in zip(names, blocks, strict=True)}


def write_manifest(
    folder: Path, documents: Path, entries: dict[str, str], names: list[str]
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(documents / name, folder / name)
    manifest = folder / "sources.toml"
    manifest.write_text("\n".join(entries[n] for n in names), encoding="utf-8")
    return manifest


def document_of(value: str, names: list[str]) -> str | None:
    """The corpus file a ``source_document`` value names (file name, stem, or key)."""
    for name in names:
        stem = Path(name).stem
        if value in (name, stem) or value.endswith("/" + name) or stem in value:
            return name
    return None


def run_builds(
    kyotei: Kyotei, corpus: Path, work: Path, only: set[str] | None = None
) -> dict[str, Any]:
    """Build the whole corpus; if that fails, each document alone, then those that built."""
    documents = corpus / "documents"
    entries = manifest_entries(documents / "sources.toml")
    names = [n for n in entries if only is None or n in only]
    state: dict[str, Any] = {"whole": None, "errors": {}, "rows": [], "report": {}, "mode": ""}
    manifest = documents / "sources.toml"
    if only is not None:
        manifest = write_manifest(work / "chosen" / "sources", documents, entries, names)
    error = kyotei.build(manifest, work / "whole")
    if error is None:
        state["mode"] = f"all {len(names)} documents in one build"
        state["rows"], state["report"] = kyotei.outputs(work / "whole")
        return state
    state["whole"] = error
    built = []
    for name in names:
        folder = work / "alone" / Path(name).stem
        manifest = write_manifest(folder / "sources", documents, entries, [name])
        failure = kyotei.build(manifest, folder / "build")
        if failure is None:
            built.append(name)
        else:  # the temporary folder means nothing to the reader: name the document
            state["errors"][name] = failure.replace(str(folder / "sources") + "/", "")
    if not built:
        state["mode"] = "no document builds"
        return state
    manifest = write_manifest(work / "together" / "sources", documents, entries, built)
    failure = kyotei.build(manifest, work / "together" / "build")
    if failure is None:
        state["mode"] = f"the {len(built)} documents that build alone, in one build"
        state["rows"], state["report"] = kyotei.outputs(work / "together" / "build")
        return state
    state["mode"] = f"each of {len(built)} documents alone (together: {failure})"
    for name in built:
        rows, report = kyotei.outputs(work / "alone" / Path(name).stem / "build")
        state["rows"] += rows
        for key in ("findings", "reconciliation"):
            state["report"].setdefault(key, []).extend(report.get(key, []))
    return state


def score(
    truths: dict[str, dict[str, Any]],
    state: dict[str, Any],
    namesake_pairs: list[tuple[str, str]],
) -> dict[str, Any]:
    names = list(truths)
    learn_names(truths.values())
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    unplaced = 0
    for row in state["rows"]:
        name = document_of(row.get("source_document", ""), names)
        if name is None:
            unplaced += 1
        else:
            by_doc[name].append(row)
    matched = {name: match_document(by_doc[name], truth) for name, truth in truths.items()}
    groups: dict[str, dict[str, dict[str, float]]] = {"format": {}, "layout": {}, "all": {}}
    documents = []
    for name, truth in truths.items():
        result = matched[name]
        layout_of = {id(t): t["layout"] for t in truth["rows"]}
        for kind, key in (("format", truth["format"]), ("all", "all")):
            _add(groups[kind], key, result, truth["rows"], by_doc[name])
        for layout in truth["layouts"]:
            rows_here = [t for t in truth["rows"] if t["layout"] == layout]
            part = Matched(
                pairs=[(r, t) for r, t in result.pairs if layout_of[id(t)] == layout],
                missed=[t for t in result.missed if t["layout"] == layout],
                spurious=[r for r in result.spurious if _layout_for(r, truth) == layout],
            )
            extracted = [r for r, _ in part.pairs] + part.spurious
            _add(groups["layout"], layout, part, rows_here, extracted)
        documents.append({
            "document": name, "format": truth["format"], "layouts": truth["layouts"],
            "error": state["errors"].get(name), "truth_rows": len(truth["rows"]),
            "extracted": len(by_doc[name]), "found": len(result.pairs),
            "spurious": len(result.spurious), "doubled_kept": len(result.doubled),
        })  # fmt: skip
    return {
        "mode": state["mode"], "whole_build_error": state["whole"], "documents": documents,
        "unplaced_rows": unplaced, "groups": _rates(groups),
        "identity": identity(matched, truths, namesake_pairs),
        "unreadable": unreadable(truths, state["report"]),
        "totals": totals(truths, state["report"]),
    }  # fmt: skip


def _layout_for(row: dict[str, str], truth: dict[str, Any]) -> str:
    """The document's section a spurious row belongs to: the one of its level, else the first."""
    level = level_of(row.get("level", ""))
    for layout in truth["layouts"]:
        if layout.startswith("dept") == (level == "department"):
            return str(layout)
    return str(truth["layouts"][0])


def _add(table: dict[str, dict[str, float]], key: str, result: Matched,
         truth_rows: list[dict[str, Any]], extracted: list[dict[str, str]]) -> None:  # fmt: skip
    counts = table.setdefault(key, defaultdict(float))
    counts["truth"] += len(truth_rows)
    counts["extracted"] += len(extracted)
    counts["found"] += len(result.pairs)
    counts["spurious"] += len(result.spurious)
    for row, truth in result.pairs:
        for field_name, ok in field_checks(row, truth).items():
            counts[field_name] += ok


def _rates(groups: dict[str, dict[str, dict[str, float]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, table in groups.items():
        out[kind] = {}
        for key, c in sorted(table.items()):
            found = c["found"] or 0.0
            out[kind][key] = {
                "truth": int(c["truth"]), "extracted": int(c["extracted"]), "found": int(found),
                "recall": c["found"] / c["truth"] if c["truth"] else None,
                "spurious": c["spurious"] / c["extracted"] if c["extracted"] else None,
                **{f: (c[f] / found if found else None) for f in FIELDS},
            }  # fmt: skip
    return out


def corpus_namesakes(corpus: Path) -> list[tuple[str, str]]:
    """The namesake pairs a corpus declares: ``NAMESAKES`` of its ``*_data.py`` modules."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(corpus.glob("*_data.py")):
        spec = importlib.util.spec_from_file_location(f"_namesakes_{path.stem}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # a dataclass looks its module up there
        spec.loader.exec_module(module)
        pairs.extend(tuple(pair) for pair in getattr(module, "NAMESAKES", ()))
    return pairs


def identity(
    matched: dict[str, Matched],
    truths: dict[str, dict[str, Any]],
    namesake_pairs: list[tuple[str, str]],
) -> dict[str, Any]:
    """Recurring institutions with one IRI; IRIs shared by different institutions."""
    documents_of: dict[str, set[str]] = defaultdict(set)
    for name, truth in truths.items():
        for row in truth["rows"]:
            documents_of[row["partner"]["id"]].add(name)
    recurring = {pid for pid, docs in documents_of.items() if len(docs) >= 2}
    iris: dict[str, set[str]] = defaultdict(set)
    found_in: dict[str, set[str]] = defaultdict(set)
    ids_of_iri: dict[str, set[str]] = defaultdict(set)
    for name, result in matched.items():
        for row, truth in result.pairs:
            iri = row.get("partner_institution", "")
            if iri:
                iris[truth["partner"]["id"]].add(iri)
                found_in[truth["partner"]["id"]].add(name)
                ids_of_iri[iri].add(truth["partner"]["id"])
    one = sorted(p for p in recurring if len(iris[p]) == 1 and found_in[p] == documents_of[p])
    merges = {iri: sorted(ids) for iri, ids in ids_of_iri.items() if len(ids) > 1}
    merged = [set(ids) for ids in merges.values()]
    namesakes = [list(pair) for pair in namesake_pairs if any(set(pair) <= ids for ids in merged)]
    return {
        "recurring": len(recurring), "one_iri": len(one),
        "share": len(one) / len(recurring) if recurring else None,
        "split": sorted((p, len(iris[p])) for p in recurring if len(iris[p]) > 1),
        "false_merges": merges, "namesakes_merged": namesakes,
    }  # fmt: skip


def _finding_locators(finding: dict[str, Any], fmt: str) -> list[dict[str, Any]]:
    places = []
    if finding.get("locator"):
        places.append(parse_locator(str(finding["locator"]), fmt))
    for locator in finding.get("locators") or []:  # kyotei's report: the format's own locators
        places.append(parse_locator(str(locator), fmt))
    if not places:  # text lines (for a format without lines, "lines" are reading order)
        for line in finding.get("lines") or []:
            places.append(parse_locator(str(line), fmt))
    return [p for p in places if p]


def unreadable(truths: dict[str, dict[str, Any]], report: dict[str, Any]) -> dict[str, Any]:
    """Each unreadable truth row: is there a finding in its document at its locator?"""
    findings = report.get("findings", [])
    names = list(truths)
    rows = []
    for name, truth in truths.items():
        here = [f for f in findings if document_of(str(f.get("document", "")), names) == name]
        for bad in truth["unreadable"]:
            hit = any(locator_matches(p, bad["locator"]) for f in here
                      for p in _finding_locators(f, truth["format"]))  # fmt: skip
            rows.append({"document": name, "locator": bad["locator"], "reported": hit})
    return {"total": len(rows), "reported": sum(r["reported"] for r in rows), "rows": rows}


def totals(truths: dict[str, dict[str, Any]], report: dict[str, Any]) -> dict[str, Any]:
    """Stated totals kyotei checked: a reconciliation entry with the stated value."""
    names = list(truths)
    stated = checked = 0
    for name, truth in truths.items():
        entries = [r for r in report.get("reconciliation", [])
                   if document_of(str(r.get("document", "")), names) == name]  # fmt: skip
        values = [r.get("stated") for r in entries]
        for total in truth["stated_totals"]:
            stated += 1
            checked += total["value"] in values
    return {"stated": stated, "checked": checked}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure kyotei on the corpus (issue 11).")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    parser.add_argument("--kyotei", default=f"{sys.executable} -m kyotei", help="the CLI to run")
    parser.add_argument(
        "--build-dir", type=Path,
        help="measure this existing build (its documents only) instead of building the corpus",
    )  # fmt: skip
    parser.add_argument(
        "--only", nargs="+", metavar="PREFIX",
        help="measure only the documents whose file names start so (t01 x02 p …)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    truths = {}
    for path in sorted((args.corpus / "truth").glob("*.truth.json")):
        record = json.loads(path.read_text("utf-8"))
        if not args.only or any(record["document"].startswith(p) for p in args.only):
            truths[record["document"]] = record
    only = set(truths) if args.only else None
    kyotei = Kyotei(args.kyotei.split())
    if args.build_dir:
        rows, report = kyotei.outputs(args.build_dir)
        present = {str(d.get("file")) for d in report.get("documents", [])}
        truths = {k: v for k, v in truths.items() if k in present}
        state = {"whole": None, "errors": {}, "rows": rows, "report": report,
                 "mode": f"the existing build {args.build_dir}"}  # fmt: skip
    elif args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        state = run_builds(kyotei, args.corpus, args.keep, only)
    else:
        with tempfile.TemporaryDirectory(prefix="kyotei-corpus-") as work:
            state = run_builds(kyotei, args.corpus, Path(work), only)
    figures = score(truths, state, corpus_namesakes(args.corpus))
    figures["targets"] = TARGETS
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1, default=sorted))
    else:
        print_figures(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["extracted_locator", "main"]
