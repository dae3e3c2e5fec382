"""``kyotei sources detect`` and ``kyotei add``: a list into the manifest without hand-written
line ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

from kyotei.cli import app
from kyotei.loaders.manifest import load_manifest

LIST = (
    "Partner Institutions\n"
    "Country/Region,Institution,Date signed\n"
    "Norway,University of Bergen,2014-09-01\n"
    "Norway,University of Oslo,2016-03-15\n"
    "Chile,Universidad de Chile,2019-11-20\n"
)
MANIFEST = '''[[document]]
file = "first.txt"
title = "A first list"
publisher.status = "unidentified"
'''


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "first.txt").write_text("大学間協定\n中国\n北京大学 2010.4.1\n", encoding="utf-8")
    return folder


def test_detect_prints_an_entry_that_reads_as_toml(tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, ["sources", "detect", str(path)])
    assert out.exit_code == 0, out.output
    assert "# kyotei sources detect partners.csv: 3 partner rows" in out.output
    entry = tomllib.loads(out.output)["document"][0]
    assert entry == {"file": "partners.csv", "title": "partners", "languages": ["en"],
                     "publisher": {"status": "unidentified"}}


def test_add_copies_the_file_and_appends_a_valid_entry(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, [
        "add", str(path), "--publisher-en", "Example College", "--as-of", "2025-04-01",
        "--title", "Partner Institutions", "--sources", str(folder / "sources.toml")])
    assert out.exit_code == 0, out.output
    assert (folder / "partners.csv").read_text(encoding="utf-8") == LIST
    added = load_manifest(folder / "sources.toml")[-1]
    assert (added.file, added.title, added.publisher_en, added.publisher_status,
            str(added.as_of)) == ("partners.csv", "Partner Institutions", "Example College",
                                  "stated", "2025-04-01")
    again = CliRunner().invoke(app, ["add", str(path), "--sources",
                                     str(folder / "sources.toml")])
    assert again.exit_code == 2 and "names partners.csv already" in again.output


def test_add_refuses_a_bad_date_and_changes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, ["add", str(path), "--as-of", "April 2025", "--sources",
                                   str(folder / "sources.toml")])
    assert out.exit_code == 2 and "is not a date" in out.output
    assert (folder / "sources.toml").read_text(encoding="utf-8") == MANIFEST
    assert not (folder / "partners.csv").exists()


# A graph under the ontology, as another university's export would state one agreement.
GRAPH = """@prefix k: <https://w3id.org/kyotei/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@base <https://example.org/id/> .
<agreement/1> a k:Agreement ; k:level k:UniversityLevel ; k:homeParty <institution/home> ;
    k:partnerParty <institution/bergen> ; k:partnerInstitution <institution/bergen> ;
    k:primaryRecord <record/1> .
<record/1> k:sourceDocument <document/list> ; k:verbatimText "University of Bergen" .
<document/list> a k:SourceDocument ; dct:identifier "list.csv" ; dct:title "Partners" .
<institution/bergen> skos:prefLabel "University of Bergen"@en .
"""


def test_detect_reads_an_rdf_export_as_the_build_does_not_as_text(tmp_path: Path) -> None:
    path = tmp_path / "theirs.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    out = CliRunner().invoke(app, ["sources", "detect", str(path)])
    assert out.exit_code == 0, out.output
    assert "theirs.ttl: an RDF graph, 1 agreements in 1 source documents" in out.output
    assert "line-not-read" not in out.output and "partner rows" not in out.output
    entry = tomllib.loads(out.output)["document"][0]
    assert entry == {"file": "theirs.ttl", "title": "theirs",
                     "publisher": {"status": "unidentified"}}
    folder = _folder(tmp_path)
    added = CliRunner().invoke(app, ["add", str(path), "--sources",
                                     str(folder / "sources.toml")])
    assert added.exit_code == 0, added.output
    assert "1 agreements read back" in added.output and "unidentified" not in added.output
    assert load_manifest(folder / "sources.toml")[-1].file == "theirs.ttl"


def test_detect_says_why_nothing_was_found(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    out = CliRunner().invoke(app, ["sources", "detect", str(empty)])
    assert out.exit_code == 0, out.output
    assert "warning: empty.csv: no partner row found (the file is empty)" in out.output
    cp932 = tmp_path / "sjis.csv"
    cp932.write_bytes("国,協定校,締結日\n韓国,高麗大学校,2015年4月1日\n".encode("cp932"))
    out = CliRunner().invoke(app, ["sources", "detect", str(cp932)])
    assert out.exit_code == 0, out.output
    assert "#   note: not UTF-8: encoding detected as cp932" in out.output


def test_add_refuses_a_file_without_partner_rows(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    out = CliRunner().invoke(app, ["add", str(empty), "--sources",
                                   str(folder / "sources.toml")])
    assert out.exit_code == 1
    assert "empty.csv: no partner row found (the file is empty): nothing added" in out.output
    assert (folder / "sources.toml").read_text(encoding="utf-8") == MANIFEST
    assert not (folder / "empty.csv").exists()


def test_add_records_the_publishers_country(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    manifest = str(folder / "sources.toml")
    alone = CliRunner().invoke(app, ["add", str(path), "--publisher-country", "jp",
                                     "--sources", manifest])
    assert alone.exit_code == 2 and "give --publisher-ja or --publisher-en" in alone.output
    bad = CliRunner().invoke(app, ["add", str(path), "--publisher-en", "Example College",
                                   "--publisher-country", "jpn", "--sources", manifest])
    assert bad.exit_code == 2 and "not an ISO 3166-1 alpha-2 code" in bad.output
    out = CliRunner().invoke(app, ["add", str(path), "--publisher-en", "Example College",
                                   "--publisher-country", "jp", "--sources", manifest])
    assert out.exit_code == 0, out.output
    assert load_manifest(folder / "sources.toml")[-1].publisher_country == "JP"


def test_add_to_a_manifest_that_does_not_read_is_an_error_not_a_traceback(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "first.txt").unlink()  # the manifest now names a missing file
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, ["add", str(path), "--sources",
                                   str(folder / "sources.toml")])
    assert out.exit_code == 2, out.output
    assert "the manifest does not read, nothing added" in out.output
    assert "'first.txt' not found" in out.output
    assert not (folder / "partners.csv").exists()


def test_build_says_why_a_document_gave_no_agreement(tmp_path: Path) -> None:
    """A scanned PDF (an image, no text layer): the build's warning gives the reader's note."""
    from PIL import Image

    folder = _folder(tmp_path)
    Image.new("RGB", (200, 280), "white").save(folder / "scan.pdf", "PDF")
    with (folder / "sources.toml").open("a", encoding="utf-8") as manifest:
        manifest.write('\n[[document]]\nfile = "scan.pdf"\ntitle = "A scan"\n'
                       'publisher.status = "unidentified"\n')
    out = CliRunner(env={"COLUMNS": "80"}).invoke(app, [
        "build", "--sources", str(folder / "sources.toml"), "--build-dir",
        str(tmp_path / "b"), "--no-curation"])
    assert out.exit_code == 0, out.output
    assert ("warning: scan.pdf: no agreement was read from this document "
            "(p1: no text (a scanned image?))") in out.output


def test_languages_read_country_names_and_are_written_to_the_entry(tmp_path: Path) -> None:
    """A German list: without --languages its country names are not read (and the entry
    guesses en); with --languages de they are, and the entry says de."""
    path = tmp_path / "partner.csv"
    path.write_text("Land;Partnerhochschule\nÖsterreich;Universität Wien\n"
                    "Schweden;Göteborgs universitet\n", encoding="utf-8")
    guessed = CliRunner().invoke(app, ["sources", "detect", str(path)])
    assert guessed.exit_code == 0 and "country-unknown" in guessed.output, guessed.output
    out = CliRunner().invoke(app, ["sources", "detect", str(path), "--languages", "de"])
    assert out.exit_code == 0, out.output
    assert "country-unknown" not in out.output
    assert tomllib.loads(out.output)["document"][0]["languages"] == ["de"]
