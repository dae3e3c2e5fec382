"""A large build validates and writes its asserted TriG in a second process while it reasons
(decision 0012): the same bytes as the stages in turn, the same failures, nothing left over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

import kyotei.graph.publish.overlapped as overlapped
import kyotei.pipeline as pipeline
from kyotei.pipeline import BuildOutcome, BuildSettings, run_build

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources" / "sources.toml"
FILES = ("asserted.trig", "inferred.nt", "report.json")


def _build(folder: Path, monkeypatch: pytest.MonkeyPatch, *, on_disk: bool,
           validator: str = "sparql") -> BuildOutcome:
    monkeypatch.setattr(pipeline, "STORE_ON_DISK_FROM", 0 if on_disk else 10**9)
    return run_build(BuildSettings(sources=SOURCES, build_dir=folder, validator=validator,
                                   curation_dir=ROOT / "data" / "curation"))


def _left_over(folder: Path) -> list[Path]:
    """What a build must not leave: its store, the second process's folder, a snapshot."""
    return [*folder.glob(".store-*"), *folder.glob("snapshots/*"), *folder.glob("CURRENT")]


def test_the_overlapped_build_writes_the_same_bytes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []
    monkeypatch.setattr(overlapped, "_Side", _Counted(overlapped._Side, steps))
    outcomes = {way: _build(tmp_path / way, monkeypatch, on_disk=way == "disk")
                for way in ("memory", "disk")}
    assert steps == ["started"]  # the second process ran for the build on disk only
    paths = {way: outcome.snapshot.path for way, outcome in outcomes.items()
             if outcome.ok and outcome.snapshot is not None}
    assert sorted(paths) == ["disk", "memory"], {w: o.message for w, o in outcomes.items()}
    for name in FILES:
        assert (paths["memory"] / name).read_bytes() == (paths["disk"] / name).read_bytes(), name
    metas = {way: json.loads((path / "build.json").read_text("utf-8"))
             for way, path in paths.items()}
    assert [sorted(m["timings"]) for m in metas.values()] == [
        ["build", "load", "reason", "validate"]] * 2  # "write" ends after build.json
    ids = {way: meta.pop("id").split("-")[1] for way, meta in metas.items()}
    assert ids["memory"] == ids["disk"]  # the content hash of the RDF files
    for meta in metas.values():
        del meta["created"], meta["timings"]
    assert metas["memory"] == metas["disk"]
    assert list((tmp_path / "disk").glob(".store-*")) == []


class _Counted:
    """The second process's handle, noting that it was made."""

    def __init__(self, real: Any, steps: list[str]) -> None:
        self._real, self._steps = real, steps

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._steps.append("started")
        return self._real(*args, **kwargs)


def test_a_large_build_that_does_not_conform_fails_as_a_small_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nonconforming_build: URIRef) -> None:
    outcomes = {way: _build(tmp_path / way, monkeypatch, on_disk=way == "disk")
                for way in ("memory", "disk")}
    memory, disk = outcomes["memory"], outcomes["disk"]
    assert not memory.ok and not disk.ok
    assert "agreement/broken" in disk.message
    assert disk.message == memory.message
    assert disk.report == memory.report
    assert disk.validation is not None and memory.validation is not None
    assert disk.validation.violations == memory.validation.violations
    assert _left_over(tmp_path / "disk") == []


def test_an_error_in_the_second_process_fails_the_build_with_its_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown validator 'nonesuch'"):
        _build(tmp_path / "memory", monkeypatch, on_disk=False, validator="nonesuch")
    with pytest.raises(overlapped.SideError) as error:
        _build(tmp_path / "disk", monkeypatch, on_disk=True, validator="nonesuch")
    assert "Traceback" in str(error.value)
    assert "ValueError: unknown validator 'nonesuch'" in str(error.value)
    assert _left_over(tmp_path / "disk") == []


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task").exists(), reason="Linux /proc")
def test_a_killed_second_process_fails_the_build_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = overlapped.reason_store

    def kill_then_reason(*args: Any, **kwargs: Any) -> int:
        for child in _children():
            os.kill(child, signal.SIGKILL)
        return int(real(*args, **kwargs))

    monkeypatch.setattr(overlapped, "reason_store", kill_then_reason)
    with pytest.raises(overlapped.SideError, match="killed by signal 9"):
        _build(tmp_path, monkeypatch, on_disk=True)
    assert _left_over(tmp_path) == []


def _children() -> list[int]:
    """This process's child processes (the second process, started by the build)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(pid) for pid in text.split()]
    assert found, "the second process is running"
    return found


def test_what_a_killed_build_left_does_not_break_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    left = tmp_path / ".store-side-killed"  # a killed build's second process folder
    (left / "store").mkdir(parents=True)
    (left / "asserted.trig").write_text("half a file")
    (left / "result.pickle").write_bytes(b"not a pickle")
    outcome = _build(tmp_path, monkeypatch, on_disk=True)
    assert outcome.ok, outcome.message
    assert list(tmp_path.glob(".store-*")) == []


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/status").exists(), reason="Linux /proc")
def test_the_second_process_ends_when_its_parent_dies() -> None:
    watcher = ("import sys, threading, time\n"  # the parent may be gone before it watches
               "from kyotei.graph.publish.overlapped import _watch_parent\n"
               "threading.Thread(target=_watch_parent, args=(int(sys.argv[1]),)).start()\n"
               "time.sleep(60)\n")
    parent = ("import os, subprocess, sys\n"
              f"child = subprocess.Popen([sys.executable, '-c', {watcher!r}, str(os.getpid())],\n"
              "                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "print(child.pid, flush=True)\n")  # and the parent dies without waiting
    out = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True,
                         check=True, timeout=60)
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status  # a zombie has ended (nothing reaps it here)
