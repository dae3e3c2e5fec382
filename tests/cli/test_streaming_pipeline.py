"""``kyotei build`` with its store on disk: the same figures, and no store left behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kyotei.pipeline as pipeline
from kyotei.pipeline import BuildSettings, run_build

ROOT = Path(__file__).resolve().parents[2]


def test_a_build_with_its_store_on_disk_cleans_up(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STORE_ON_DISK_FROM", 0)  # every build on disk
    stale = tmp_path / ".store-killed"  # what a killed build leaves behind
    (stale / "data").mkdir(parents=True)
    outcome = run_build(BuildSettings(sources=ROOT / "data" / "sources" / "sources.toml",
                                      build_dir=tmp_path,
                                      curation_dir=ROOT / "data" / "curation"))
    assert outcome.ok, outcome.message
    assert outcome.snapshot is not None
    meta = json.loads((outcome.snapshot.path / "build.json").read_text("utf-8"))
    assert (meta["agreements"], meta["triples"]["asserted"], meta["triples"]["inferred"]) == (
        597, 17364, 9900)
    assert list(tmp_path.glob(".store-*")) == []
