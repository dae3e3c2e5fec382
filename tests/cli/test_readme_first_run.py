"""The README's first command, run literally in a fresh clone, gives an endpoint that answers.

This is what a newcomer does: clone, paste the first command of README.md (a new virtual
environment, a *non-editable* `pip install .`, `kyotei serve`), open the endpoint. It runs
from the clone's root, so a folder there that shadowed the installed package would break the
query workers (they import `kyotei` afresh) while `/health` still answered; the test therefore
asks real queries, not only `/health`. Slow: it installs every dependency into a new venv.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 900  # pip install of every dependency, then the first build

pytestmark = pytest.mark.slow


def readme_first_command() -> str:
    """The first line of the README's first ``sh`` block, without its comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block is not None, "README.md has no sh block"
    first = block.group(1).splitlines()[0]
    return first.split("  #")[0].strip()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str, accept: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _query_until_answered(url: str, deadline: float) -> bytes:
    """The answer to a query, asked again while the workers are still starting (503)."""
    while True:
        status, body = _get(url, accept="application/sparql-results+json")
        if status != 503 or time.monotonic() > deadline:
            assert status == 200, body[:500]
            return body
        time.sleep(2)


def test_readme_names_a_fresh_machine_setup() -> None:
    command = readme_first_command()
    assert "venv" in command and "pip install ." in command and "kyotei serve" in command
    assert "-e" not in command.split()  # a newcomer's install is not editable


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_first_command_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "kyotei"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    env["KYOTEI_PORT"] = str(port)
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        ["bash", "-c", readme_first_command()], cwd=clone, env=env,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                status, body = _get(base + "/health")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(2)
        # The package is installed, not linked to the clone.
        located = subprocess.run(
            [str(clone / ".venv" / "bin" / "python"), "-c",
             "import kyotei.server, sys; print(kyotei.server.__file__)"],
            cwd=clone, capture_output=True, text=True, check=True,
        ).stdout.strip()
        assert "site-packages" in located
        query = ("PREFIX kyotei: <https://w3id.org/kyotei/def#> "
                 "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kyotei:Agreement }")
        body = _query_until_answered(
            base + "/sparql?" + urllib.parse.urlencode({"query": query}),
            time.monotonic() + 120)
        bindings = json.loads(body)["results"]["bindings"]
        assert int(bindings[0]["n"]["value"]) == 597
        status, body = _get(base + "/health")
        assert json.loads(body)["status"] == "ok"
        assert not (clone / "build" / "snapshots").exists()  # snapshots never mix with pip's
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
