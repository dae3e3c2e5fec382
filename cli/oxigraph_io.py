"""A query over Oxigraph with a time limit, for ``kyotei query``.

A query runs in a child process that is stopped at the limit: Oxigraph's evaluation cannot be
interrupted from another thread, and a query that runs away must not keep the terminal.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox


class QueryTimeout(Exception):  # noqa: N818 (a user-facing condition, not a bug)
    """The query ran past its time limit and was stopped."""


@dataclass(frozen=True)
class Answer:
    """A query's result as plain values: a boolean, N-Triples lines, or a table."""

    boolean: bool | None = None
    triples: list[str] | None = None
    variables: list[str] | None = None
    rows: list[list[str]] | None = None


def _term(term: Any) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _evaluate(path: str, text: str, answers: Any) -> None:
    from kyotei.graph.publish.snapshot import SnapshotStore

    try:
        snapshot = SnapshotStore(Path(path)).current()
        if snapshot is None:
            answers.put(("error", f"no graph is built in {path}"))
            return
        store = snapshot.load_oxigraph()
        answers.put(("ready", None))
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            answers.put(("ok", Answer(boolean=bool(result))))
        elif isinstance(result, ox.QueryTriples):
            answers.put(("ok", Answer(triples=[f"{t.subject} {t.predicate} {t.object} ."
                                               for t in result])))
        else:
            variables = [v.value for v in result.variables]
            rows = [[_term(s[v]) for v in variables] for s in result]
            answers.put(("ok", Answer(variables=variables, rows=rows)))
    except SyntaxError as exc:
        answers.put(("syntax", str(exc)))
    except OSError as exc:
        answers.put(("error", str(exc)))


def _next(answers: Any, child: Any, timeout_s: float | None) -> tuple[str, Any]:
    """The child's next message; QueryTimeout past ``timeout_s``, OSError if it died."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:
        wait = 0.2 if deadline is None else min(0.2, max(deadline - time.monotonic(), 0.0))
        try:
            message: tuple[str, Any] = answers.get(timeout=wait)
            return message
        except queue.Empty:
            if deadline is not None and time.monotonic() >= deadline:
                raise QueryTimeout(f"the query ran past its time limit of {timeout_s:g} s "
                                   "and was stopped (raise it with --timeout)") from None
            if not child.is_alive():
                raise OSError(f"the query process ended (exit code {child.exitcode})") from None


def query_with_timeout(build_dir: Path, text: str, timeout_s: float) -> Answer:
    """Evaluate ``text`` over the current snapshot in ``build_dir``; raise
    :class:`QueryTimeout` when evaluating takes more than ``timeout_s`` seconds (loading the
    snapshot is not counted), :class:`SyntaxError` for a bad query."""
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    child = context.Process(target=_evaluate, args=(str(build_dir), text, answers),
                            daemon=True)
    child.start()
    try:
        kind, value = _next(answers, child, None)
        if kind == "ready":
            kind, value = _next(answers, child, timeout_s)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
    if kind == "syntax":
        raise SyntaxError(value)
    if kind == "error":
        raise OSError(value)
    answer: Answer = value
    return answer
