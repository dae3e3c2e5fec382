"""``kyotei export`` shows its steps as a progress bar on a terminal's stderr, and the bar
never enters the exported data: not in a file, not in a pipe, not on the screen."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import kyotei.cli
from kyotei.cli import app
from kyotei.pipeline import BuildSettings, run_build

CSV_TEXT = ("No.,国・地域,協定校,英語名,締結日\n"
            "1,大韓民国,漢陽大学校,Hanyang University,2010年4月1日\n"
            "2,フィンランド,トゥルク大学,University of Turku,2012年4月1日\n")
MANIFEST = ('[[document]]\nfile = "partners.csv"\ntitle = "Partners"\n'
            'publisher.status = "stated"\npublisher.en = "Example University"\n')


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    (root / "partners.csv").write_text(CSV_TEXT, encoding="utf-8")
    (root / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    outcome = run_build(BuildSettings(sources=root / "sources.toml", build_dir=root / "build"))
    assert outcome.ok, outcome.message
    return root / "build"


def _export(*args: str) -> bytes:
    out = CliRunner().invoke(app, ["export", *args], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.stdout_bytes


def test_on_a_terminal_the_steps_are_shown_and_the_file_is_the_same(
    build_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    piped = _export("--build-dir", str(build_dir))
    assert piped.startswith(b"@base <") and b"\x1b[" not in piped
    screen = io.StringIO()
    monkeypatch.setattr(kyotei.cli, "err", Console(file=screen, force_terminal=True, width=100))
    target = tmp_path / "graph.ttl"
    _export("--build-dir", str(build_dir), "-o", str(target))
    drawn = screen.getvalue()
    assert "reading the snapshot…" in drawn and "writing turtle…" in drawn
    assert "━" in drawn  # the bar
    assert target.read_bytes() == piped


def test_without_a_terminal_no_bar_is_drawn(
    build_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(kyotei.cli, "err", Console(file=screen, width=100))
    _export("--build-dir", str(build_dir), "-f", "ntriples", "-o", str(tmp_path / "g.nt"))
    assert screen.getvalue() == f"wrote {tmp_path / 'g.nt'}\n"


def _in_a_terminal(args: list[str], cwd: Path) -> bytes:
    """What a terminal shows when ``args`` run with stdout and stderr on it."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    with subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                          cwd=cwd, env=env) as process:
        os.close(follower)
        shown = bytearray()
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=120) == 0, bytes(shown)
    os.close(leader)
    return bytes(shown)


def test_to_the_screen_the_data_is_whole_and_the_bar_is_gone_before_it(
    build_dir: Path, tmp_path: Path,
) -> None:
    expected = _export("--build-dir", str(build_dir))
    shown = _in_a_terminal([sys.executable, "-m", "kyotei", "export", "--build-dir",
                            str(build_dir)], tmp_path).replace(b"\r\n", b"\n")
    assert "reading the snapshot…".encode() in shown
    start = shown.index(b"@base <")
    assert shown[start:] == expected  # after the bar is cleared, the data as piped
