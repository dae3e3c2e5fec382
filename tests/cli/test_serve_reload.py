"""``kyotei serve`` as a real process with a real ``kyotei build`` beside it (issue 10): the
new snapshot is swapped in, and a damaged ``CURRENT`` makes serve fall back to the newest
verified snapshot with one line, no traceback (issue 9, item 12)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources" / "sources.toml"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
KYOTEI = [sys.executable, "-c", "from kyotei.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _health(url: str) -> dict[str, Any] | None:
    try:
        body: dict[str, Any] = httpx.get(url + "/health", timeout=5).json()
    except httpx.HTTPError:
        return None
    return body


@contextmanager
def serving(build_dir: Path, log: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "KYOTEI_WATCH_INTERVAL_S": "0.5", "KYOTEI_WORKERS": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*KYOTEI, "serve", "--port", str(port), "--sources", str(SOURCES),
             "--build-dir", str(build_dir)], stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600  # builds first when nothing is built
        while (body := _health(url)) is None or body["status"] != "ok":
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _count(url: str) -> int:
    reply = httpx.get(url + "/sparql", params={"query": COUNT}, timeout=60)
    assert reply.status_code == 200, reply.text
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_serve_picks_up_a_real_build_and_survives_a_damaged_current(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    with serving(build_dir, tmp_path / "serve-1.log") as url:
        first = _health(url)
        assert first is not None
        before = _count(url)
        built = subprocess.run(
            [*KYOTEI, "build", "--sources", str(SOURCES), "--build-dir", str(build_dir)],
            capture_output=True, text=True, timeout=900, check=False)
        assert built.returncode == 0, built.stdout + built.stderr
        second_id = (build_dir / "CURRENT").read_text().strip()
        assert second_id != first["snapshot"]
        deadline = time.monotonic() + 120
        while (body := _health(url)) is None or body["snapshot"] != second_id:
            assert time.monotonic() < deadline, "the new build was not swapped in"
            time.sleep(0.2)
        assert body["status"] == "ok" and body["verified"] is True
        assert _count(url) == before
    (build_dir / "CURRENT").write_text("not a snapshot id\n")
    log = tmp_path / "serve-2.log"
    with serving(build_dir, log) as url:
        body = _health(url)
        assert body is not None and body["snapshot"] == second_id
        assert _count(url) == before
    text = log.read_text()
    assert "Traceback" not in text
    warnings = [line for line in text.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, text
    assert f"using the newest verified snapshot {second_id}" in warnings[0]
