"""``kyotei build --reasoner … --validator …``: the reference engines give the same snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kyotei.cli import app
from kyotei.graph.publish.snapshot import SnapshotStore

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources" / "sources.toml"
runner = CliRunner(env={"COLUMNS": "240"})


def build(folder: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["build", "--sources", str(SOURCES), "--build-dir", str(folder), *options],
        catch_exceptions=False,
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(("option", "value"), [("--reasoner", "hermit"),
                                               ("--validator", "topbraid")])
def test_unknown_engines_are_refused(tmp_path: Path, option: str, value: str) -> None:
    code, out = build(tmp_path, option, value)
    assert code == 2
    assert f"unknown {option.removeprefix('--')} {value!r}" in out
    assert SnapshotStore(tmp_path).current() is None


def test_help_names_the_engines() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert "--reasoner" in result.output and "owlrl" in result.output
    assert "--validator" in result.output and "pyshacl" in result.output


@pytest.mark.slow
def test_reference_engines_build_the_same_snapshot(tmp_path: Path) -> None:
    fast, reference = tmp_path / "fast", tmp_path / "reference"
    assert build(fast)[0] == 0
    code, out = build(reference, "--reasoner", "owlrl", "--validator", "pyshacl")
    assert code == 0, out
    one, two = SnapshotStore(fast).current(), SnapshotStore(reference).current()
    assert one is not None and two is not None
    for name in ("asserted.trig", "inferred.nt"):
        assert (one.path / name).read_bytes() == (two.path / name).read_bytes()
