"""``kyotei build`` validates incrementally after one source document changed: it says so
(the summary, ``build.json``), checks a few focus nodes, and publishes the bytes a
``--no-cache`` build (a full validation) of the same sources publishes — in memory and with
the store on disk (the second process validates); a violation the change brings is still
found, and the baseline survives the failed build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import kyotei.pipeline as pipeline
from kyotei.cache import CACHE_FOLDER, DocumentCache
from kyotei.cli import app
from kyotei.graph.build.dataset import build_store
from kyotei.graph.publish import overlapped
from kyotei.pipeline import BuildSettings, run_build

ROOT = Path(__file__).resolve().parents[2]
CURATION = ROOT / "data" / "curation"
FILES = ("asserted.trig", "inferred.nt", "report.json")
CHANGED = ("Kumoh National Institute of Technology", "Kumoh National Institute of Tech")


def _sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", folder)
    return folder / "sources.toml"


def _change_one_document(manifest: Path) -> None:
    document = manifest.parent / "000_1653739df7b8e744.txt"
    text = document.read_text("utf-8")
    assert CHANGED[0] in text
    document.write_text(text.replace(CHANGED[0], CHANGED[1]), "utf-8")


def _cli(*args: str) -> str:
    out = CliRunner(env={"COLUMNS": "240"}).invoke(app, ["build", *args],
                                                   catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.output


def _current(build_dir: Path) -> Path:
    return build_dir / "snapshots" / (build_dir / "CURRENT").read_text().strip()


def _files(build_dir: Path) -> dict[str, bytes]:
    return {name: (_current(build_dir) / name).read_bytes() for name in FILES}


def _validation(build_dir: Path) -> dict[str, object]:
    meta = json.loads((_current(build_dir) / "build.json").read_text("utf-8"))
    found: dict[str, object] = meta["validation"]
    return found


def test_one_changed_document_is_validated_incrementally_with_the_same_bytes(
        tmp_path: Path) -> None:
    manifest = _sources(tmp_path)
    built, plain = tmp_path / "build", tmp_path / "plain"
    common = ("--sources", str(manifest), "--curation-dir", str(CURATION))
    out = _cli(*common, "--build-dir", str(built))
    assert "full (no previous snapshot" in out
    _change_one_document(manifest)
    out = _cli(*common, "--build-dir", str(built))
    assert "incremental:" in out
    state = _validation(built)
    assert state["mode"] == "incremental"
    assert isinstance(state["focus_nodes"], int) and 0 < state["focus_nodes"] < 50
    out = _cli(*common, "--build-dir", str(plain), "--no-cache")
    assert "│ validation" in out and "full" in out
    assert _validation(plain)["mode"] == "full" and "graphs" not in _validation(plain)
    assert _files(built) == _files(plain)


def _build(manifest: Path, folder: Path, *, cache: bool = True) -> pipeline.BuildOutcome:
    return run_build(BuildSettings(
        sources=manifest, build_dir=folder, curation_dir=CURATION,
        cache=DocumentCache(folder / CACHE_FOLDER) if cache else None))


def test_the_second_process_validates_incrementally_with_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STORE_ON_DISK_FROM", 0)  # the store on disk
    monkeypatch.setattr(overlapped, "INCREMENTAL_ON_DISK", True)
    manifest = _sources(tmp_path)
    first = _build(manifest, tmp_path / "build")
    assert first.ok and first.validation is not None and first.validation.mode == "full"
    _change_one_document(manifest)
    again = _build(manifest, tmp_path / "build")
    assert again.ok and again.validation is not None
    assert again.validation.mode == "incremental" and again.validation.checked
    monkeypatch.setattr(pipeline, "STORE_ON_DISK_FROM", 10**9)
    plain = _build(manifest, tmp_path / "plain", cache=False)
    assert plain.ok
    assert _files(tmp_path / "build") == _files(tmp_path / "plain")


def test_a_store_on_disk_validates_in_full_by_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STORE_ON_DISK_FROM", 0)
    manifest = _sources(tmp_path)
    assert _build(manifest, tmp_path / "build").ok
    _change_one_document(manifest)
    again = _build(manifest, tmp_path / "build")
    assert again.ok and again.validation is not None and again.validation.mode == "full"
    assert "graphs" not in _validation(tmp_path / "build")  # no state kept, no cost


def test_a_violation_the_change_brings_is_found_and_the_baseline_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        nonconforming_build: URIRef) -> None:
    manifest = _sources(tmp_path)
    broken = pipeline.build_store  # the fixture's: adds an agreement with no date
    monkeypatch.setattr(pipeline, "build_store", build_store)
    assert _build(manifest, tmp_path / "build").ok
    monkeypatch.setattr(pipeline, "build_store", broken)
    failed = _build(manifest, tmp_path / "build")
    assert not failed.ok and failed.validation is not None
    assert failed.validation.mode == "incremental" and failed.validation.checked
    assert {v.focus_node for v in failed.validation.violations} == {nonconforming_build}
    monkeypatch.setattr(pipeline, "build_store", build_store)
    _change_one_document(manifest)
    again = _build(manifest, tmp_path / "build")  # against the snapshot still served
    assert again.ok and again.validation is not None
    assert again.validation.mode == "incremental"
