"""The server remembers which queries passed the parse-tree screen on a snapshot, so that a
query is parsed once per pool, not once per worker; a refusal is never remembered."""

from __future__ import annotations

import dataclasses
import json
import pickle

from kyotei.server.engine.pool import QueryEngine
from kyotei.server.engine.verdicts import PassedScreens
from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.state import ServingState
from tests.server.conftest import make_settings

ASK = QueryJob("ASK { ?s ?p ?o }", "ASK", "json", base_iri="http://127.0.0.1:8000/sparql")
OK = JobReply(True, b"{}", 1)


def test_a_query_that_passed_is_sent_marked() -> None:
    screens = PassedScreens()
    assert screens.mark(ASK).screened is False
    screens.remember(ASK, OK)
    assert screens.mark(ASK).screened is True


def test_a_marked_job_differs_only_by_the_mark_and_jobs_and_replies_pickle_whole() -> None:
    """QueryJob.marked and the pipe's pickling (__reduce__, field by field) keep every
    field: a field added to either class is sent, and ``screened`` stays last."""
    job = QueryJob("SELECT * { ?s ?p ?o }", "SELECT", "xml", base_iri="http://e/",
                   default_graphs=("http://e/g",), named_graphs=(), max_rows=7,
                   dump_to="dumps", max_expression_depth=3, max_patterns=4)
    assert job.marked() == dataclasses.replace(job, screened=True)
    assert dataclasses.fields(QueryJob)[-1].name == "screened"
    for message in (job, job.marked(), JobReply(False, b"body", 3, True, "syntax", "why")):
        assert pickle.loads(pickle.dumps(message)) == message  # noqa: S301 - our own bytes


def test_the_key_is_everything_the_verdict_depends_on() -> None:
    screens = PassedScreens()
    screens.remember(ASK, OK)
    for other in (QueryJob(ASK.text + " ", "ASK", "json", base_iri=ASK.base_iri),
                  QueryJob(ASK.text, "ASK", "json", base_iri="http://elsewhere/"),
                  QueryJob(ASK.text, "ASK", "json", base_iri=ASK.base_iri, max_patterns=1),
                  QueryJob(ASK.text, "ASK", "json", base_iri=ASK.base_iri,
                           max_expression_depth=1)):
        assert screens.mark(other).screened is False
    assert screens.mark(QueryJob(ASK.text, "ASK", "xml", base_iri=ASK.base_iri)).screened


def test_refusals_updates_and_marked_jobs_are_not_remembered() -> None:
    screens = PassedScreens()
    screens.remember(ASK, JobReply(False, error="refused", message="SERVICE is not allowed"))
    update = QueryJob("INSERT DATA { <http://e/a> <http://e/p> 1 }", "UPDATE", "")
    screens.remember(update, OK)
    assert len(screens) == 0
    assert screens.mark(update).screened is False


def test_only_the_most_recent_are_kept() -> None:
    screens = PassedScreens(kept=2)
    jobs = [QueryJob(f"ASK {{ ?s ?p {n} }}", "ASK", "json") for n in range(3)]
    for job in jobs:
        screens.remember(job, OK)
    assert [screens.mark(job).screened for job in jobs] == [False, True, True]


def test_a_pool_remembers_passes_and_still_refuses(state: ServingState) -> None:
    engine = QueryEngine(make_settings(workers=1))
    snapshot = state.current()
    try:
        engine.start(snapshot)
        service = QueryJob("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "ASK",
                           "json")
        for _ in range(2):  # refused each time: a refusal is not remembered as a pass
            refused = engine.run(snapshot, service)
            assert (refused.ok, refused.error) == (False, "refused")
            assert json.loads(engine.run(snapshot, ASK).body)["boolean"] is True
        assert len(engine.pool_for(snapshot).screens) == 1
    finally:
        engine.close()
