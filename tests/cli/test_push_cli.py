"""``kyotei push`` and ``kyotei serve --backend`` at the command line: help and clear errors.

The round trip against a real store is ``tests/server/test_virtuoso.py``.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from typer.testing import CliRunner

from kyotei.cli import app

runner = CliRunner(env={"COLUMNS": "240"})
FIXTURE_BUILD = Path(__file__).parents[1] / "server" / "fixtures" / "build"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_push_and_backend_have_help() -> None:
    push = runner.invoke(app, ["push", "--help"])
    serve = runner.invoke(app, ["serve", "--help"])
    assert push.exit_code == 0 and serve.exit_code == 0
    for option in ("--endpoint", "--update", "--graph-prefix", "--token", "--user"):
        assert option in push.output
    assert "--backend" in serve.output


def test_push_without_a_build_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["push", "--endpoint", "http://127.0.0.1:9/store",
                                 "--build-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "nothing built" in result.output


def test_push_to_an_unreachable_store_changes_nothing_and_says_why(tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(FIXTURE_BUILD, build)
    endpoint = f"http://127.0.0.1:{closed_port()}/store"
    result = runner.invoke(app, ["push", "--endpoint", endpoint, "--build-dir", str(build)])
    assert result.exit_code == 1
    assert f"cannot reach {endpoint}" in result.output
    assert "the final graphs were not changed" in result.output


def test_serve_backend_without_a_store_fails_clearly() -> None:
    url = f"http://127.0.0.1:{closed_port()}/sparql"
    result = runner.invoke(app, ["serve", "--backend", url])
    assert result.exit_code == 1
    assert "error" in result.output
