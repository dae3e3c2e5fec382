"""The floor of a SPARQL request served by Python on this machine (decision 0018): a bare
asyncio Protocol with httptools answering ``POST /sparql`` (``query=ASK {}``), the query run
in the server process or by a worker process holding the same read-only store, against
pyoxigraph in process and, optionally, ``kyotei serve`` before and after a change.

Usage:  python benchmarks/bench_floor.py STORE N [VARIANT …]
        (KYOTEI_BUILD=<build dir> for the kyotei variants; ``kyotei-before`` adds
        ``PYTHONPATH=$KYOTEI_BEFORE_PATH``, a sitecustomize pointing the install elsewhere)

STORE is an on-disk pyoxigraph store (a copy of the one a snapshot is served from). Variants:

- ``inproc``: the query answered in the server process (no worker);
- ``pipe-cb``: a multiprocessing pipe, pickle both ways, the answer written by an
  ``add_reader`` callback;
- ``pipe-task``: the same, a task per request awaiting a future woken by ``add_reader``;
- ``sock-cb``: a socketpair, raw bytes behind a 4-byte length (no pickle), a callback;
- ``pipe-thread``: the pipe's round trip in an executor thread;
- ``kyotei-before``, ``kyotei-after``: ``kyotei serve`` on KYOTEI_BUILD, 2 workers.

One kept-alive client in this process, every variant interleaved (order alternating), CPU
of each server process and of its workers read from /proc around each request. Figures are
printed, never asserted.
"""

from __future__ import annotations

import asyncio
import http.client
import multiprocessing as mp
import os
import pickle
import socket
import statistics
import struct
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import parse_qs, urlencode

import httptools
import pyoxigraph as ox
from bench_server import split_ticks

HEAD = (b"HTTP/1.1 200 OK\r\ncontent-type: application/sparql-results+json\r\n"
        b"vary: Accept\r\ncontent-length: %d\r\n\r\n")
VARIANTS = ("inproc", "pipe-cb", "pipe-task", "sock-cb", "pipe-thread")


def answer(store: ox.Store, text: str) -> bytes:
    result = store.query(text)
    body: bytes = result.serialize(format=ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
    return body


def worker_pipe(conn: Connection, theirs: Connection, path: str) -> None:
    theirs.close()  # the server's end: its death then ends this loop
    store = ox.Store.read_only(path)
    conn.send("ready")
    try:
        while (job := conn.recv()) is not None:
            conn.send_bytes(pickle.dumps((True, answer(store, job[0]), 1)))
    except EOFError:
        return


def worker_sock(sock: socket.socket, theirs: socket.socket, path: str) -> None:
    theirs.close()
    store = ox.Store.read_only(path)
    sock.sendall(b"\0\0\0\0")
    stream = sock.makefile("rb")
    while len(head := stream.read(4)) == 4:
        body = answer(store, stream.read(struct.unpack("!I", head)[0]).decode())
        sock.sendall(struct.pack("!I", len(body)) + body)


def serve(variant: str, port: int, path: str) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    store = ox.Store.read_only(path) if variant == "inproc" else None
    ctx = mp.get_context("fork")
    here: Any = None
    stream: Any = None
    fd = -1
    tasks: set[asyncio.Task[None]] = set()
    if variant.startswith("pipe"):
        here, there = ctx.Pipe()
        ctx.Process(target=worker_pipe, args=(there, here, path), daemon=True).start()
        there.close()
        if here.recv() != "ready":
            raise SystemExit("worker did not start")
        fd = here.fileno()
    elif variant == "sock-cb":
        here, there = socket.socketpair()
        ctx.Process(target=worker_sock, args=(there, here, path), daemon=True).start()
        there.close()
        here.setblocking(True)
        stream = here.makefile("rb")
        if stream.read(4) != b"\0\0\0\0":
            raise SystemExit("worker did not start")
        fd = here.fileno()

    class Protocol(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.t: Any = transport
            self.parser = httptools.HttpRequestParser(self)
            self.body = b""

        def data_received(self, data: bytes) -> None:
            self.parser.feed_data(data)

        def on_message_begin(self) -> None:
            self.body = b""

        def on_body(self, body: bytes) -> None:
            self.body += body

        def write(self, body: bytes) -> None:
            self.t.write(HEAD % len(body) + body)

        def on_message_complete(self) -> None:
            text = parse_qs(self.body.decode())["query"][0]
            if variant == "inproc":
                self.write(answer(store, text))  # type: ignore[arg-type]
            elif variant == "pipe-cb":
                here.send((text, "ASK"))

                def ready() -> None:
                    loop.remove_reader(fd)
                    self.write(here.recv()[1])

                loop.add_reader(fd, ready)
            elif variant == "sock-cb":
                raw = text.encode()
                here.sendall(struct.pack("!I", len(raw)) + raw)

                def framed() -> None:
                    loop.remove_reader(fd)
                    self.write(stream.read(struct.unpack("!I", stream.read(4))[0]))

                loop.add_reader(fd, framed)
            else:  # a task per request, kept until done (as uvicorn keeps its tasks)
                task = loop.create_task(self.by_task(text) if variant == "pipe-task"
                                        else self.by_thread(text))
                tasks.add(task)
                task.add_done_callback(tasks.discard)

        async def by_task(self, text: str) -> None:
            here.send((text, "ASK"))
            woken = loop.create_future()
            loop.add_reader(fd, woken.set_result, None)
            try:
                await woken
            finally:
                loop.remove_reader(fd)
            self.write(here.recv()[1])

        async def by_thread(self, text: str) -> None:
            def round_trip() -> Any:
                here.send((text, "ASK"))
                return here.recv()

            self.write((await loop.run_in_executor(None, round_trip))[1])

    loop.run_until_complete(loop.create_server(Protocol, "127.0.0.1", port))
    loop.run_forever()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(variant: str, path: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    if variant.startswith("kyotei"):
        env = {**os.environ, "KYOTEI_WORKERS": "2", "KYOTEI_WATCH_INTERVAL_S": "0"}
        if variant == "kyotei-before":
            env["PYTHONPATH"] = os.environ["KYOTEI_BEFORE_PATH"]
        argv = [sys.executable, "-m", "kyotei", "serve", "--build-dir",
                os.environ["KYOTEI_BUILD"], "--port", str(port)]
        return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,  # noqa: S603
                                stderr=subprocess.DEVNULL), port
    argv = [sys.executable, __file__, "serve", variant, str(port), path]
    return subprocess.Popen(argv), port  # noqa: S603 - this script, fixed arguments


def bench(path: str, runs: int, variants: list[str]) -> None:
    tick = os.sysconf("SC_CLK_TCK")
    store = ox.Store.read_only(path)
    servers = {v: _start(v, path) for v in variants}
    body = urlencode({"query": "ASK {}"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Accept": "application/sparql-results+json"}
    conns: dict[str, http.client.HTTPConnection] = {}
    try:
        for variant, (_, port) in servers.items():
            while variant not in conns:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("POST", "/sparql", body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    if response.status == 200:
                        conns[variant] = conn
                except OSError:
                    time.sleep(0.5)
        time.sleep(3)  # kyotei's second worker

        def post(conn: http.client.HTTPConnection) -> float:
            start = time.perf_counter()
            conn.request("POST", "/sparql", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"status {response.status}")
            return time.perf_counter() - start

        for conn in conns.values():
            for _ in range(50):
                post(conn)
        cpu = {v: [0, 0] for v in variants}
        wall: dict[str, list[float]] = {v: [] for v in variants}
        direct_cpu, direct_wall = 0.0, []
        for run in range(runs):
            started, clock = time.process_time(), time.perf_counter()
            answer(store, "ASK {}")
            direct_wall.append(time.perf_counter() - clock)
            direct_cpu += time.process_time() - started
            for variant in (variants if run % 2 == 0 else variants[::-1]):
                pid = servers[variant][0].pid
                before = split_ticks(pid)
                wall[variant].append(post(conns[variant]))
                after = split_ticks(pid)
                cpu[variant][0] += after[0] - before[0]
                cpu[variant][1] += after[1] - before[1]
        print(f"N={runs}, load {os.getloadavg()[0]:.1f}; in-process: CPU "  # noqa: T201
              f"{direct_cpu / runs * 1e3:.3f} ms, wall median "
              f"{statistics.median(direct_wall) * 1e3:.3f} ms")
        print(f"{'variant':14} {'server ms':>9} {'worker ms':>9} {'total':>7} "  # noqa: T201
              f"{'wall med':>8} {'wall p10':>8}")
        for variant in variants:
            own, rest = (c / tick / runs * 1e3 for c in cpu[variant])
            times = sorted(wall[variant])
            print(f"{variant:14} {own:9.3f} {rest:9.3f} {own + rest:7.3f} "  # noqa: T201
                  f"{statistics.median(times) * 1e3:8.3f} {times[len(times) // 10] * 1e3:8.3f}")
    finally:
        for conn in conns.values():
            conn.close()
        for process, _ in servers.values():
            process.terminate()  # kyotei stops its workers; the floor's die with their pipe
            process.wait(30)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        bench(sys.argv[1], int(sys.argv[2]), sys.argv[3:] or list(VARIANTS))
