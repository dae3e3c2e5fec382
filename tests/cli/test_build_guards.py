"""The build's guards (issue 9, items 10 and 12): one build at a time, a build folder that
cannot be written, and a build that loses agreements held back unless accepted."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kyotei.cli import app
from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.pipeline import BuildSettings, agreement_losses, build_lock, run_build

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources" / "sources.toml"
runner = CliRunner(env={"COLUMNS": "240"})


def test_a_second_build_is_refused_while_one_runs(tmp_path: Path) -> None:
    settings = BuildSettings(sources=SOURCES, build_dir=tmp_path)
    with build_lock(tmp_path):
        outcome = run_build(settings)
    assert not outcome.ok
    assert outcome.message == (f"another build is running in {tmp_path} (pid {os.getpid()}, "
                               f"started {outcome.message.split('started ')[1].split(')')[0]}); "
                               "nothing was built: try again when it ends")
    assert not (tmp_path / "CURRENT").exists()
    with build_lock(tmp_path):  # released: it can be taken again
        pass


def test_a_build_folder_that_cannot_be_written_is_reported_first(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    outcome = run_build(BuildSettings(sources=tmp_path / "no-sources.toml",
                                      build_dir=blocker / "build"))
    assert not outcome.ok
    assert outcome.message == (f"cannot write to the build folder {blocker / 'build'}: "
                               "Not a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_build_folder_is_reported_first(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        outcome = run_build(BuildSettings(sources=tmp_path / "none.toml", build_dir=folder))
    finally:
        folder.chmod(0o755)
    assert outcome.message == f"cannot write to the build folder {folder}: Permission denied"


def test_agreement_losses_compare_documents() -> None:
    before = {"documents": [{"file": "a.txt", "records": 10}, {"file": "b.txt", "records": 4},
                            {"file": "c.txt", "records": 2}]}
    now = {"documents": [{"file": "a.txt", "records": 9}, {"file": "b.txt", "records": 5}]}
    assert agreement_losses(before, now) == {"a.txt": (10, 9), "c.txt": (2, 0)}
    assert agreement_losses({}, now) == {}


@pytest.mark.slow
def test_a_build_that_loses_agreements_is_held_back_unless_accepted(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    first = runner.invoke(app, ["build", "--sources", str(SOURCES), "--build-dir",
                                str(build_dir)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    published = (build_dir / "CURRENT").read_text()
    documents = {d["file"]: d["records"]
                 for d in SnapshotStore(build_dir).snapshots()[-1].load_report()["documents"]}
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES.parent, sources)
    manifest = (sources / "sources.toml").read_text("utf-8")
    end_lines = [int(n) for n in re.findall(r"(?m)^end_line = (\d+)$", manifest)]
    last = end_lines[-1]  # cut the last section of the last document short by 40 lines
    (sources / "sources.toml").write_text(
        manifest[::-1].replace(f"end_line = {last}"[::-1], f"end_line = {last - 40}"[::-1], 1)
        [::-1], "utf-8")
    cut = runner.invoke(app, ["build", "--sources", str(sources / "sources.toml"),
                              "--build-dir", str(build_dir)], catch_exceptions=False)
    assert cut.exit_code == 1
    assert "build held back, nothing published" in cut.output
    assert "--accept-loss" in cut.output
    lost = re.search(r"\((\S+): (\d+) → (\d+) agreements\)", cut.output.replace("\n", ""))
    assert lost is not None, cut.output
    assert int(lost.group(2)) == documents[lost.group(1)]
    assert int(lost.group(3)) < int(lost.group(2))
    assert (build_dir / "CURRENT").read_text() == published
    accepted = runner.invoke(app, ["build", "--sources", str(sources / "sources.toml"),
                                   "--build-dir", str(build_dir), "--accept-loss"],
                             catch_exceptions=False)
    assert accepted.exit_code == 0, accepted.output
    assert (build_dir / "CURRENT").read_text() != published
