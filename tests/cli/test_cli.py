"""The ``kyotei`` command line, run in-process on the real sources."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kyotei.cli import app

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources" / "sources.toml"
CSV_HEADER = (
    "agreement,level,home_unit_ja,partner_institution,partner_institution_ja,"
    "partner_institution_en,partner_unit_ja,partner_unit_en,country,region_ja,region_en,"
    "signed_on,tuition_waiver,source_document,source_line,source_text,source_locator"
)

runner = CliRunner(env={"COLUMNS": "240"})


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("build")
    code, out = run("build", "--sources", str(SOURCES), "--build-dir", str(folder))
    assert code == 0, out
    return folder


@pytest.mark.parametrize(
    "command",
    ["build", "validate", "export", "report", "query", "serve", "analyze", "link", "version",
     "add", "sources detect"],
)
def test_every_command_has_help(command: str) -> None:
    code, out = run(*command.split(), "--help")
    assert code == 0
    assert "Usage" in out
    assert len(out.strip().splitlines()) > 3


def test_help_lists_the_commands() -> None:
    code, out = run("--help")
    assert code == 0
    for command in ("build", "validate", "export", "report", "query", "serve", "add", "sources"):
        assert command in out


def test_build_prints_a_summary(build_dir: Path) -> None:
    current = (build_dir / "CURRENT").read_text().strip()
    assert (build_dir / "snapshots" / current / "asserted.trig").exists()
    meta = json.loads((build_dir / "snapshots" / current / "build.json").read_text())
    assert meta["agreements"] == 597


def test_report_json_reconciles_the_university_list(build_dir: Path) -> None:
    code, out = run("report", "--format", "json", "--build-dir", str(build_dir))
    assert code == 0
    report = json.loads(out)
    rows = {(r["section"], r["unit"]): r for r in report["reconciliation"]}
    assert rows[("大学間協定", "countries")]["found"] == 31
    assert rows[("大学間協定", "institutions")]["found"] == 172
    assert rows[("大学間協定", "institutions")]["status"] == "ok"
    engineering = rows[("工学研究所・工学部(69)", "partners")]
    assert (engineering["stated"], engineering["found"], engineering["status"]) == (69, 69, "ok")
    for row in report["reconciliation"]:
        assert set(row) >= {"document", "section", "unit", "stated", "found", "status", "lines"}
    assert any(r["rule"] == "dept.block-printed-twice" for r in report["repairs"])


def test_report_table(build_dir: Path) -> None:
    code, out = run("report", "--build-dir", str(build_dir))
    assert code == 0
    assert "情報科学研究科(15)" in out and "mismatch" in out


def test_report_table_shows_where_a_finding_stands_in_the_formats_terms() -> None:
    from kyotei.views import where

    assert where({"lines": [2], "locators": ["table1 r11"]}) == "table1 r11"
    assert where({"lines": [3, 5], "locators": []}) == "3,5"
    assert where({"lines": [], "locators": ["a", "b", "c", "d"]}) == "a, b, c … (4)"


def csv_rows(build_dir: Path) -> list[dict[str, str]]:
    code, out = run("export", "--format", "csv", "--build-dir", str(build_dir))
    assert code == 0
    assert out.splitlines()[0] == CSV_HEADER
    return list(csv.DictReader(io.StringIO(out)))


def test_csv_export_has_one_row_per_agreement_with_faithful_values(build_dir: Path) -> None:
    rows = csv_rows(build_dir)
    assert len({r["agreement"] for r in rows}) == len(rows)
    lines = {
        name: (SOURCES.parent / name).read_text(encoding="utf-8").split("\n")
        for name in {r["source_document"] for r in rows}
    }
    for row in rows:
        assert row["level"] in {"university", "department"}
        assert row["tuition_waiver"] in {"true", "false", ""}
        assert row["country"] == "" or (len(row["country"]) == 2 and row["country"].isupper())
        assert row["source_text"] in lines[row["source_document"]][int(row["source_line"]) - 1]
    aachen = [r for r in rows if r["source_text"] == "*アーヘン工科大学 (1998.5.19)"
              or (r["source_text"].startswith("アーヘン工科大学") and r["level"] == "university")]
    assert aachen and aachen[0]["signed_on"] == "1998-05-19"
    assert aachen[0]["tuition_waiver"] == "true" and aachen[0]["country"] == "DE"
    berkeley = [r for r in rows if "バークレー" in r["source_text"]]
    assert berkeley and berkeley[0]["signed_on"] == "1990-03-15"  # the umbrella's date


def test_exports_are_byte_identical_across_rebuilds(build_dir: Path, tmp_path: Path) -> None:
    """A rebuild in another process, with another hash seed, gives the same bytes."""
    import os
    import subprocess
    import sys

    other = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "kyotei", "build", "--sources", str(SOURCES),
         "--build-dir", str(other)],
        check=True, env=env, capture_output=True,
    )
    for fmt in ("turtle", "ntriples", "trig", "csv"):
        first = runner.invoke(app, ["export", "-f", fmt, "--build-dir", str(build_dir)])
        second = runner.invoke(app, ["export", "-f", fmt, "--build-dir", str(other)])
        assert first.stdout_bytes == second.stdout_bytes, fmt
    turtle = runner.invoke(app, ["export", "--build-dir", str(build_dir)]).stdout
    assert "@prefix kyotei: <https://w3id.org/kyotei/def#>" in turtle


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")
])
def test_export_round_trips(build_dir: Path, fmt: str, rdflib_format: str) -> None:
    from kyotei.graph.publish.snapshot import SnapshotStore
    from kyotei.graph.publish.writers import merged_graph

    snapshot = SnapshotStore(build_dir).current()
    assert snapshot is not None
    expected = merged_graph(snapshot.load_dataset(), base_iri=snapshot.base_iri)
    out = runner.invoke(app, ["export", "-f", fmt, "--build-dir", str(build_dir)]).stdout_bytes
    parsed = Graph().parse(data=out, format=rdflib_format)
    assert isomorphic(parsed, expected)


def test_trig_export_keeps_a_graph_per_document(build_dir: Path) -> None:
    out = runner.invoke(app, ["export", "-f", "trig", "--build-dir", str(build_dir)]).stdout_bytes
    dataset = Dataset()
    dataset.parse(data=out, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert any(n.endswith("graph/source/000_1653739df7b8e744") for n in names)
    assert any(n.endswith("graph/source/001_2fb9447d554a3c8c") for n in names)
    assert not any(n.endswith("graph/inferred") for n in names)


def test_inferred_export_adds_the_symmetric_network(build_dir: Path) -> None:
    plain = runner.invoke(app, ["export", "-f", "ntriples", "--build-dir", str(build_dir)])
    full = runner.invoke(
        app, ["export", "-f", "ntriples", "--inferred", "--build-dir", str(build_dir)]
    )
    assert "hasAgreementWith" not in plain.stdout
    assert "hasAgreementWith" in full.stdout


def test_query_prints_a_table(build_dir: Path) -> None:
    code, out = run(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a kyotei:Agreement ; "
        "kyotei:level kyotei:UniversityLevel }",
        "--format", "json", "--build-dir", str(build_dir),
    )
    assert code == 0
    assert int(json.loads(out)[0]["n"]) == 174  # 172 institutions + 2 umbrella rows


def test_query_ask_and_construct(build_dir: Path) -> None:
    code, out = run("query", "ASK { ?a kyotei:tuitionWaiver true }", "--build-dir", str(build_dir))
    assert (code, out.strip()) == (0, "true")
    code, out = run(
        "query", "CONSTRUCT { ?a kyotei:signedOn ?d } WHERE { ?a kyotei:signedOn ?d } LIMIT 3",
        "--build-dir", str(build_dir),
    )
    assert code == 0
    assert len(Graph().parse(data=out, format="nt")) == 3


def test_query_may_declare_its_own_prefixes(build_dir: Path) -> None:
    code, out = run(
        "query",
        "PREFIX k: <https://w3id.org/kyotei/def#> SELECT (COUNT(*) AS ?n) "
        "WHERE { ?a a k:Agreement ; k:level kyotei:DepartmentLevel }",
        "--format", "csv", "--build-dir", str(build_dir),
    )
    assert code == 0
    assert out.splitlines()[:2] == ["n", "423"]  # department-level agreements
    code, out = run("query", "ASK {}", "--format", "xml", "--build-dir", str(build_dir))
    assert code == 2 and "table, tsv, json or csv" in out


def test_query_syntax_error_is_a_clear_error(build_dir: Path) -> None:
    code, out = run("query", "SELECT WHERE {", "--build-dir", str(build_dir))
    assert code == 2
    assert "syntax" in out.lower()


def test_query_syntax_error_counts_the_queries_own_lines(build_dir: Path) -> None:
    """The preset prefixes are not the user's lines: an error on the query's second line
    says line 2; an undeclared prefix is named; an IRI written as a prefixed name with '/'
    is explained."""
    code, out = run("query", "SELECT * WHERE {\n  ?s ?p }", "--build-dir", str(build_dir))
    assert code == 2 and "line 2, column" in out, out
    code, out = run("query", "SELECT * WHERE { ?s foo:bar ?o }", "--build-dir", str(build_dir))
    assert code == 2 and "line 1, column" in out and "undeclared prefix foo:" in out, out
    assert "kyotei, org" in out
    code, out = run("query", "SELECT ?a WHERE { ?a kyotei:partnerInstitution id:institution/"
                    "th/7c2790d854 }", "--build-dir", str(build_dir))
    assert code == 2 and "a prefixed name cannot hold '/'" in out, out


def test_validate_built_graph_and_a_bad_file(build_dir: Path, tmp_path: Path) -> None:
    code, out = run("validate", "--build-dir", str(build_dir))
    assert code == 0 and "conforms" in out
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kyotei: <https://w3id.org/kyotei/def#> .\n"
        "<https://example.org/a> a kyotei:Agreement .\n",
        encoding="utf-8",
    )
    code, out = run("validate", str(bad))
    assert code == 1
    assert "https://example.org/a" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [("bad.ttl", "<a> <b> ."), ("bad.nt", "<a <b> <c> ."), ("bad.jsonld", '{"@id": '),
     ("bad.rdf", "<rdf:RDF")],
)
def test_validate_reports_an_unparseable_file(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out = run("validate", str(path))
    assert code == 2  # could not read; 1 is "does not conform"
    assert name in out and "not parseable RDF" in out
    assert "b'" not in out and 'b"' not in out  # never a bytes repr


def test_validate_says_a_web_page_is_no_rdf_file(tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    page.write_text("<html><body><table><tr><td>KAIST</td></tr></table></body></html>",
                    encoding="utf-8")
    code, out = run("validate", str(page))
    assert code == 2 and "a web page, not an RDF file" in out, out
    assert "plugin" not in out


def test_validate_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path / "absent.ttl"))
    assert (code, out.strip()) == (2, f"error: {tmp_path / 'absent.ttl'}: no such file")


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("rdfxml", "xml"), ("nquads", "nquads")])
def test_export_rdfxml_and_nquads_hold_the_asserted_graph(
        build_dir: Path, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    code, _ = run("export", "-f", "ntriples", "-o", str(tmp_path / "g.nt"),
                  "--build-dir", str(build_dir))
    assert code == 0
    reference = Graph().parse(tmp_path / "g.nt", format="nt")
    target = tmp_path / f"g.{fmt}"
    code, out = run("export", "-f", fmt, "-o", str(target), "--build-dir", str(build_dir))
    assert code == 0, out
    if fmt == "nquads":
        dataset = Dataset().parse(target, format="nquads")
        assert len({g.identifier for g in dataset.graphs() if len(g)}) > 1
        merged = Graph()
        for s, p, o, _ in dataset.quads():
            merged.add((s, p, o))
    else:
        merged = Graph().parse(target, format=rdflib_format)
    assert len(merged) == len(reference)
    assert isomorphic(merged, reference)


def test_export_to_an_unwritable_place_is_one_line(build_dir: Path) -> None:
    code, out = run("export", "-o", "/nonexistent/x.ttl", "--build-dir", str(build_dir))
    assert code == 1
    assert out.strip().splitlines() == [
        "error: /nonexistent/x.ttl: cannot write: No such file or directory"]


def test_analyze_to_an_unwritable_place_is_one_line(build_dir: Path) -> None:
    code, out = run("analyze", "-f", "html", "-o", "/nonexistent/x.html",
                    "--build-dir", str(build_dir))
    assert code == 1
    assert out.strip().splitlines()[-1] == (
        "error: /nonexistent/x.html: cannot write: No such file or directory")
    assert "Traceback" not in out


def test_piped_table_is_plain_tsv_not_cut(build_dir: Path) -> None:
    code, out = run("query", "SELECT ?text WHERE { ?a kyotei:lineText ?text } "
                    "ORDER BY DESC(STRLEN(?text)) LIMIT 1", "--build-dir", str(build_dir))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "text" and len(lines) == 2
    assert "│" not in out and "┃" not in out and len(lines[1]) > 80


def test_query_timeout_stops_a_runaway_query(build_dir: Path) -> None:
    code, out = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                    "--timeout", "0.5", "--build-dir", str(build_dir))
    assert code == 3
    assert out.strip() == ("error: the query ran past its time limit of 0.5 s and was "
                           "stopped (raise it with --timeout)")


def test_query_timeout_defaults_to_the_servers() -> None:
    from kyotei.cli import DEFAULT_QUERY_TIMEOUT
    from kyotei.server.settings import ServerSettings

    assert DEFAULT_QUERY_TIMEOUT == ServerSettings().query_timeout_s == 10.0


def test_failed_build_keeps_the_previous_graph(build_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    shutil.copytree(build_dir, folder)
    before = (folder / "CURRENT").read_text()
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES.parent, sources)
    (sources / "001_2fb9447d554a3c8c.txt").write_bytes(b"\xff\xfe broken")
    code, out = run("build", "--sources", str(sources / "sources.toml"), "--build-dir", str(folder))
    assert code == 1
    assert "001_2fb9447d554a3c8c.txt" in out and "UTF-8" in out
    assert (folder / "CURRENT").read_text() == before


def test_shacl_violation_refuses_to_publish(
    build_dir: Path, tmp_path: Path, nonconforming_build: URIRef
) -> None:
    folder = tmp_path / "b"
    shutil.copytree(build_dir, folder)
    before = (folder / "CURRENT").read_text()
    code, out = run("build", "--sources", str(SOURCES), "--build-dir", str(folder))
    assert code == 1
    assert "agreement/broken" in out
    assert (folder / "CURRENT").read_text() == before


def test_commands_without_a_build_say_so(tmp_path: Path) -> None:
    code, out = run("report", "--build-dir", str(tmp_path / "nothing"))
    assert code == 1
    assert "kyotei build" in out


def _readme_example() -> tuple[str, list[list[str]]]:
    """The README's example query and the table it shows, as rows of cells."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = text.index("```sh\nkyotei query '")
    query = text[start:].split("'", 2)[1]
    table = text[text.index("```\n", text.index("```", start + 6) + 3) + 4:]
    table = table[: table.index("```")]
    rows = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines() if line.strip()]
    # The terminal aligns wide characters, so an empty name_en shows only as a missing cell.
    return query, [row if len(row) == 4 else [row[0], "", *row[1:]] for row in rows]


def test_readme_example_output_is_what_the_query_gives(build_dir: Path) -> None:
    query, rows = _readme_example()
    assert rows[0] == ["name_ja", "name_en", "university_level", "department_level"]
    code, out = run("query", query, "--format", "csv", "--build-dir", str(build_dir))
    assert code == 0, out
    got = list(csv.reader(io.StringIO(out)))
    assert got[0] == rows[0]
    assert got[1:] == rows[1:]


def test_serve_on_a_port_in_use_is_one_line_before_anything_is_built(tmp_path: Path) -> None:
    """A port in use: one error line, exit 1, nothing built or started (not a server that
    says it serves, starts its workers, then stops)."""
    import socket

    holder = socket.socket()
    for port in range(8899, 8849, -1):  # this project's tests use 8800-8899
        try:
            holder.bind(("127.0.0.1", port))
            break
        except OSError:
            continue
    else:
        pytest.skip("no free port in 8850-8899")
    holder.listen()
    try:
        code, out = run("serve", "--port", str(port), "--build-dir", str(tmp_path / "b"),
                        "--sources", str(SOURCES))
    finally:
        holder.close()
    assert code == 1, out
    assert f"cannot listen on 127.0.0.1:{port}" in out and "--port" in out
    assert "serving" not in out and not (tmp_path / "b").exists()
