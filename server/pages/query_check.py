"""``POST /check``: the query page's check as you type, a parse with no execution.

The page sends the editor's text exactly as it stands (no PREFIX lines added: positions are
the editor's own lines and columns, in characters) a moment after the user stops typing.
The answer says whether the query parses and, when not, where (1-based line and column)
and why, in one line; an undeclared prefix is named, with its namespace when kyotei knows it.

Why on the server rather than in the browser: the server's own parser decides what runs,
so the page marks what a run would refuse, where the run would mark it, and no second
SPARQL grammar is shipped to the browser. The check runs, in order:

1. the lexical screen of ``/sparql`` (it refuses SERVICE and LOAD and bounds nesting, so
   the parser below cannot recurse deeply);
2. the screen's tokens: a prefixed name whose prefix no PREFIX declares is named (a
   parser reports it as a grammar dump, often elsewhere);
3. for a text of at most :data:`RDFLIB_CHARS` characters and :data:`RDFLIB_OPERATORS`
   operators, rdflib's SPARQL 1.1 grammar and
   the parse-tree screen (:func:`kyotei.server.engine.parse.check`, what the query worker
   runs before it evaluates anything): its verdict and position are the run's. rdflib is
   slow on adversarial input (which is why the worker runs it): here it only sees short
   texts with few operators (well under a second, measured), one at a time, admitted
   and time-limited like ``/store`` (429 when the server is busy). A longer text is not
   checked as it is typed (the answer says so); running it gives the verdict.

Oxigraph, the engine, offers no parse without evaluation from Python (its ``query``
evaluates an ORDER BY or an ASK at once), so it is not used here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kyotei.server import security
from kyotei.server.engine import admission
from kyotei.server.engine import parse as engine_parse
from kyotei.server.engine.screen import ScreenError, Token, screen, tokens
from kyotei.server.errors import BadRequestError, ServiceUnavailableError, describe
from kyotei.server.pages import linked_data as ld
from kyotei.server.runtime import runtime

router = APIRouter(tags=["pages"])

RDFLIB_CHARS = 3000
#: Operators in one text past which rdflib is not asked: pyparsing's expression grammar is
#: what makes it slow (a 3.9 KB product of 430 terms took 2 to 5 s on a busy machine; 150
#: terms well under a second).
RDFLIB_OPERATORS = 150
_OPERATORS = frozenset({"*", "/", "+", "-", "||", "&&", "=", "!=", "<", ">", "<=", ">=", "|",
                        "^", "!"})
_RDFLIB = threading.Lock()  # one rdflib parse at a time (it sets the recursion limit)
RDFLIB_WAIT_S = 2.0
_AT = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def undeclared_prefix(found: list[Token]) -> Token | None:
    """The first prefixed name whose prefix no ``PREFIX`` before it declares."""
    declared: set[str] = set()
    for index, token in enumerate(found):
        if token.keyword == "PREFIX" and index + 1 < len(found):
            declared.add(found[index + 1].text.partition(":")[0])
        elif token.kind == "pname":
            previous = found[index - 1].keyword if index else ""
            name = token.text.partition(":")[0]
            if previous != "PREFIX" and name not in declared:
                return token
    return None


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column in ``text``."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(len(text), start + column - 1)


def _stopped_at(text: str, line: int, column: int) -> str:
    """One line saying where the parser stopped: at which token, or at the end."""
    rest = text[_offset(text, line, column):]
    following = next(iter(tokens(rest)), None)
    if following is None:
        return "the query ends here, unfinished"
    return f"the parser stopped at {following.text[:40]!r}"


def _rdflib(text: str, base_iri: str, has_graph: Callable[[str], bool],
            limits: tuple[int, int]) -> ScreenError | None:
    """rdflib's verdict (the worker's), or None when it accepts. One parse at a time: a
    second waits for the first (within the route's time limit)."""
    if not _RDFLIB.acquire(timeout=RDFLIB_WAIT_S):
        raise ServiceUnavailableError("another check is running; retry", retry_after_s=1)
    try:
        engine_parse.check(text, base_iri=base_iri, update=False, has_graph=has_graph,
                           max_expression_depth=limits[0], max_patterns=limits[1])
    except ScreenError as error:
        return error
    finally:
        _RDFLIB.release()
    return None


def _failure(message: str, *, kind: str = "syntax") -> dict[str, Any]:
    return {"ok": False, "kind": kind, "message": message, "line": None, "column": None,
            "prefix": None}


def check(text: str, *, base_iri: str, max_depth: int, max_chain: int,
          prefixes: dict[str, str], has_graph: Callable[[str], bool] = lambda _: True,
          limits: tuple[int, int] = (1000, 5000)) -> dict[str, Any]:
    """The check's answer for ``text``: ``{"ok": true, "form": ...}`` or where it fails.

    ``limits`` are the worker's maximum expression depth and number of patterns."""
    try:
        form = screen(text, base_iri=base_iri, max_depth=max_depth, max_chain=max_chain).form
    except ScreenError as error:
        return _failure(str(error), kind="syntax" if error.syntax else "refused")
    if form == "UPDATE":
        return _failure("an update, not a query: the query page only runs queries",
                        kind="refused")
    unknown = undeclared_prefix(tokens(text))
    if unknown is not None:  # whatever else is wrong, this is the one line to show
        name = unknown.text.partition(":")[0]
        answer = _failure(f"undeclared prefix {name!r}")
        answer["line"], answer["column"] = _line_column(text, unknown.offset)
        answer.update(prefix=name, namespace=prefixes.get(name))
        return answer
    if len(text) > RDFLIB_CHARS:
        return {"ok": True, "form": form, "checked": False,
                "message": f"longer than {RDFLIB_CHARS} characters: checked when run"}
    operators = sum(1 for t in tokens(text) if t.kind == "op" and t.text in _OPERATORS)
    if operators > RDFLIB_OPERATORS:
        return {"ok": True, "form": form, "checked": False,
                "message": f"more than {RDFLIB_OPERATORS} operators: checked when run"}
    refused = _rdflib(text, base_iri, has_graph, limits)
    if refused is None:
        return {"ok": True, "form": form, "checked": True}
    if not refused.syntax:
        return _failure(str(refused), kind="refused")
    at = _AT.match(str(refused))
    if at is None:
        return _failure(str(refused))
    line, column = int(at.group(1)), int(at.group(2))
    answer = _failure(_stopped_at(text, line, column))
    answer.update(line=line, column=column)
    return answer


@router.post(
    "/check", summary="Check a query's syntax without running it (the query page)",
    responses={200: {"description": "Whether the query parses; if not, where and why",
                     "content": {"application/json": {}}},
               **describe(400, 413, 429, 503)},
)
async def check_route(request: Request) -> JSONResponse:
    """The body is the query text (``application/sparql-query``, UTF-8). Lines and columns
    are 1-based and count characters of the text as sent."""
    rt = runtime(request)
    body = await security.read_body(request, rt.settings.max_body_bytes,
                                    rt.settings.body_read_timeout_s)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequestError("the query is not valid UTF-8") from None
    if not text.strip():
        raise BadRequestError("no query to check: send its text as the request body")
    if len(text) > rt.settings.max_query_chars:
        raise BadRequestError(f"query of {len(text)} characters; the limit is "
                              f"{rt.settings.max_query_chars}")
    snapshot = rt.serving.current()
    settings = rt.settings
    prefixes = {**ld.prefixes(snapshot.base_iri), "graph": snapshot.base_iri + "graph/"}

    def work() -> dict[str, Any]:
        return check(text, base_iri=settings.sparql_endpoint(),
                     max_depth=settings.max_nesting_depth,
                     max_chain=settings.max_operator_chain, prefixes=prefixes,
                     has_graph=snapshot.has_graph,
                     limits=(settings.max_expression_depth, settings.max_patterns))

    answer = await run_in_threadpool(admission.limited, rt, "checking the query", work)
    return JSONResponse(answer, headers={"Cache-Control": "no-store"})
