"""Spool files of an on-disk build loaded in a thread while the builder writes on: one
load at a time, waited for before the store is read, its error raised in the build, no
file left behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_streaming_build import _generate, _store_quads

from kyotei.graph.build.dataset import build_store
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI


class _Loads:
    """What the file loads of a :class:`_SlowLoads` store did."""

    def __init__(self) -> None:
        self.running = self.most = self.in_threads = 0


class _SlowLoads:
    """A build store's Oxigraph store whose file loads take a while and are counted (in
    ``loads``, kept apart: the store must close when the build store drops it): a read that
    does not wait for a load in flight misses its quads."""

    def __init__(self, store: ox.Store, loads: _Loads, fail: str | None) -> None:
        import threading

        self._store, self._loads, self._fail = store, loads, fail
        self._lock = threading.Lock()

    def bulk_load(self, *args: object, **kwargs: object) -> None:
        import threading
        import time

        if "path" not in kwargs:
            self._store.bulk_load(*args, **kwargs)  # type: ignore[arg-type]
            return
        loads = self._loads
        with self._lock:
            loads.running += 1
            loads.most = max(loads.most, loads.running)
            loads.in_threads += threading.current_thread() is not threading.main_thread()
        try:
            time.sleep(0.05)
            if self._fail is not None:
                raise OSError(self._fail)
            self._store.bulk_load(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            with self._lock:
                loads.running -= 1

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)


def _slow_build_store(monkeypatch: pytest.MonkeyPatch, fail: str | None = None) -> _Loads:
    """Builds through ``build_store`` get a :class:`_SlowLoads` store and tiny spool
    files: 40 lines each, written 10 at a time."""
    import kyotei.graph.build.dataset as dataset
    import kyotei.graph.build.quads as quads

    loads = _Loads()

    def slow(folder: Path | None = None) -> BuildStore:
        store = BuildStore(folder)
        store.store = _SlowLoads(store.store, loads, fail)  # type: ignore[assignment]
        return store

    monkeypatch.setattr(dataset, "BuildStore", slow)
    monkeypatch.setattr(quads, "_BATCH", 10)
    monkeypatch.setattr(quads, "_SPOOL", 40)
    return loads


def test_spool_files_load_in_a_thread_one_at_a_time_and_are_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full spool files load in a thread while the builder writes on, never two at once;
    the store, once the build ends, holds what the in-memory build holds, and no file is
    left."""
    generated = list(_generate().generate(300, seed=5))
    memory = build_store(generated, base_iri=DEFAULT_BASE_IRI)
    loads = _slow_build_store(monkeypatch)
    disk = build_store(generated, base_iri=DEFAULT_BASE_IRI, folder=tmp_path / "work")
    try:
        assert loads.in_threads > 10 and loads.most == 1 and loads.running == 0
        assert _store_quads(disk.store) == _store_quads(memory.store)
    finally:
        disk.store.close()
        memory.store.close()
    assert not list((tmp_path / "work").iterdir())


def test_an_error_of_a_load_in_a_thread_is_raised_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load that fails in its thread fails the build with its message, and the build
    leaves no file behind."""
    _slow_build_store(monkeypatch, fail="no space left (a test)")
    generated = list(_generate().generate(300, seed=5))
    with pytest.raises(OSError, match=r"no space left \(a test\)"):
        build_store(generated, base_iri=DEFAULT_BASE_IRI, folder=tmp_path / "work")
    assert not list((tmp_path / "work").iterdir())


def test_a_bad_line_spooled_fails_its_load_and_close_raises_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Oxigraph's own error, in the thread, comes out of :meth:`BuildStore.close` when
    nothing waited for the load before; the store's folder and spool files are removed."""
    import kyotei.graph.build.quads as quads

    monkeypatch.setattr(quads, "_BATCH", 10)
    monkeypatch.setattr(quads, "_SPOOL", 40)
    store = BuildStore(tmp_path / "work")
    out = store.out.graph("urn:kyotei:test")
    out.add("<urn:a>", "<urn:b>", "<not an iri>")
    for n in range(45):  # the first file full (its load starts), a second begun
        out.add(f"<urn:s{n}>", "<urn:p>", "<urn:o>")
    with pytest.raises(SyntaxError, match=r"Invalid IRI code point .*\b0\.nq, line 1"):
        store.close()
    assert not list((tmp_path / "work").iterdir())


def test_a_killed_build_leaves_only_folders_the_next_build_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mid-build (a spool file loading, the next being written) the build folder holds
    only ``.store-*`` folders: what the next build removes (``shutil.rmtree`` of each,
    which leaves a file alone)."""
    import kyotei.graph.build.quads as quads

    monkeypatch.setattr(quads, "_BATCH", 10)
    monkeypatch.setattr(quads, "_SPOOL", 40)
    store = BuildStore(tmp_path / "work")
    try:
        out = store.out.graph("urn:kyotei:test")
        for n in range(95):
            out.add(f"<urn:s{n}>", "<urn:p>", "<urn:o>")
        found = list((tmp_path / "work").iterdir())
        assert len(found) == 2
        assert all(p.is_dir() and p.name.startswith(".store-") for p in found)
        assert [p.name for p in found if p.name.endswith(".nq")]  # the spool's folder
    finally:
        store.close()
    assert not list((tmp_path / "work").iterdir())


def test_each_spool_file_holds_the_lines_written_in_order_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines go to the spool file as the builder wrote them (``writelines`` of each
    batch, then the batch emptied): every part holds its lines in order, none twice or lost."""
    import kyotei.graph.build.quads as quads

    monkeypatch.setattr(quads, "_BATCH", 10)
    monkeypatch.setattr(quads, "_SPOOL", 40)
    parts: list[str] = []
    run = quads._StoreLines._run

    def seen(self: quads._StoreLines, part: Path) -> None:
        parts.append(part.read_text("utf-8"))
        run(self, part)

    monkeypatch.setattr(quads._StoreLines, "_run", seen)
    store = BuildStore(tmp_path / "work")
    try:
        out = store.out.graph("urn:kyotei:test")
        written = [(f"<urn:s{n}>", "<urn:p>", f'"{n} é"') for n in range(95)]
        for triple in written:
            out.add(*triple)
        store.flush()
        lines = [f"{s} {p} {o} <urn:kyotei:test> .\n" for s, p, o in written]
        assert parts == ["".join(lines[:40]), "".join(lines[40:80]), "".join(lines[80:])]
        assert len(store.store) == 95
    finally:
        store.close()
