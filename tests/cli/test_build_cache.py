"""The load stage's content-hash cache (kyotei.cache): unchanged documents are not read again,
and a build with the cache publishes the same bytes as one without it.

A small sources folder of every format (CSV in cp932, XLSX, HTML, PDF, text, and a Turtle
export of another build) is loaded with and without the cache; entries are damaged, keyed
wrongly, made unwritable and outgrown; and ``kyotei build`` is run with and without
``--no-cache`` on that folder and on the shipped sources, comparing the snapshots' files.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from scripts import load_script
from typer.testing import CliRunner

import kyotei.cache as cache_module
from kyotei.cache import CACHE_FOLDER, CacheStats, DocumentCache, code_fingerprint
from kyotei.cli import app
from kyotei.graph.publish.writers import export
from kyotei.loaders import load_sources
from kyotei.pipeline import BuildSettings, run_build

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "sources" / "sources.toml"
SNAPSHOT_FILES = ("asserted.trig", "inferred.nt", "report.json")  # build.json has timings

CSV_TEXT = (
    "No.,国・地域,協定校,英語名,締結日,授業料不徴収\n"
    "1,大韓民国,漢陽大学校,Hanyang University,2010年4月1日,有\n"
    "2,ドイツ連邦共和国,ブレーメン大学,University of Bremen,2015/6/30,無\n"
)
HTML_TEXT = """<!doctype html><html><head><meta charset="utf-8"><title>Partners</title></head>
<body><h1>Partner institutions</h1>
<table><tr><th>Country/Region</th><th>Institution</th><th>Date signed</th></tr>
<tr><td rowspan="2">Finland</td><td>University of Turku</td><td>April 1, 2012</td></tr>
<tr><td>Tampere University</td><td>1 Sep 2018</td></tr>
</table></body></html>
"""
TEXT_LIST = ("Partner Institutions\n"
             "Country/Region,Institution,Date signed\n"
             "Norway,University of Bergen,2014-09-01\n"
             "Chile,Universidad de Chile,2019-11-20\n")


def _entry(file: str, title: str, extra: str = "") -> str:
    return (f'[[document]]\nfile = "{file}"\ntitle = "{title}"\n'
            f'publisher.status = "unidentified"\n{extra}\n')


def _pdf(target: Path) -> None:
    path = ROOT / "tests" / "fixtures" / "make_pdfs.py"
    load_script(path, "make_pdfs").make_ruled(target)


def make_sources(folder: Path) -> Path:
    """Six documents of six formats and their manifest; the Turtle one is another build's
    export (of the CSV list)."""
    folder.mkdir(parents=True)
    (folder / "partners.csv").write_bytes(CSV_TEXT.encode("cp932"))
    first = folder / "sources.toml"
    first.write_text(_entry("partners.csv", "A CSV list", 'publisher.ja = "例示大学"\n')
                     .replace("unidentified", "stated"), encoding="utf-8")
    built = run_build(BuildSettings(sources=first, build_dir=folder.parent / "export-build"))
    assert built.ok and built.snapshot is not None, built.message
    with (folder / "other.ttl").open("wb") as handle:
        export(built.snapshot.load_dataset(), "turtle", handle, base_iri=built.snapshot.base_iri)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Home department", "Country", "Partner", "Concluded"])
    sheet.append(["Faculty of Engineering", "Thailand", "Kasetsart University", "2019-07-01"])
    book.save(folder / "partners.xlsx")
    (folder / "page.html").write_text(HTML_TEXT, encoding="utf-8")
    (folder / "list.txt").write_text(TEXT_LIST, encoding="utf-8")
    _pdf(folder / "ruled.pdf")
    manifest = first.read_text(encoding="utf-8")
    manifest += _entry("partners.xlsx", "An XLSX list", 'level = "department"\n')
    manifest += _entry("page.html", "An HTML page")
    manifest += _entry("list.txt", "A text list")
    manifest += _entry("ruled.pdf", "A PDF list")
    manifest += _entry("other.ttl", "Another university's export")
    first.write_text(manifest, encoding="utf-8")
    return first


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sources(tmp_path_factory.mktemp("formats") / "sources")


@pytest.fixture
def manifest(pristine: Path, tmp_path: Path) -> Path:
    """A copy of the six-format folder this test may change."""
    shutil.copytree(pristine.parent, tmp_path / "sources")
    return tmp_path / "sources" / "sources.toml"


def test_cached_results_equal_the_loaders_and_count_what_came_from_the_cache(
    manifest: Path, tmp_path: Path,
) -> None:
    expected = load_sources(manifest)
    assert len(expected) == 6  # one result per document; the export holds one source document
    cache = DocumentCache(tmp_path / "cache")
    assert cache.load_sources(manifest) == expected
    assert cache.stats == CacheStats(documents=6, from_cache=0, stored=6, ignored=0)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 6
    again = DocumentCache(tmp_path / "cache")
    assert again.load_sources(manifest) == expected
    assert again.stats == CacheStats(documents=6, from_cache=6, stored=0, ignored=0)


def test_a_changed_document_or_manifest_entry_is_read_again(
    manifest: Path, tmp_path: Path,
) -> None:
    cache = DocumentCache(tmp_path / "cache")
    cache.load_sources(manifest)
    text = manifest.parent / "list.txt"
    text.write_text(TEXT_LIST + "Peru,Universidad de Lima,2020-01-10\n", encoding="utf-8")
    results = cache.load_sources(manifest)
    assert cache.stats == CacheStats(documents=6, from_cache=5, stored=1, ignored=0)
    assert results == load_sources(manifest)
    assert [len(r.agreements) for r in results if r.document.file == "list.txt"] == [3]
    edited = manifest.read_text(encoding="utf-8").replace('"An HTML page"', '"Renamed"')
    manifest.write_text(edited, encoding="utf-8")
    results = cache.load_sources(manifest)
    assert cache.stats == CacheStats(documents=6, from_cache=5, stored=1, ignored=0)
    assert [r.document.title for r in results if r.document.file == "page.html"] == ["Renamed"]


def test_a_change_of_the_reading_code_reads_everything_again(
    manifest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    DocumentCache(tmp_path / "cache").load_sources(manifest)
    before = code_fingerprint()
    monkeypatch.setattr(cache_module, "__version__", "0.0.0+another")
    assert code_fingerprint.__wrapped__() != before  # kyotei's version is part of the key
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another reading code")
    cache = DocumentCache(tmp_path / "cache")
    assert cache.load_sources(manifest) == load_sources(manifest)
    assert cache.stats == CacheStats(documents=6, from_cache=0, stored=6, ignored=0)


def test_a_damaged_entry_is_ignored_with_one_warning_and_written_again(
    manifest: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "cache"
    DocumentCache(folder).load_sources(manifest)
    entries = sorted(folder.glob("*.json"))
    flipped = bytearray(entries[0].read_bytes())
    flipped[-5] ^= 0x01  # one bit of the payload
    entries[0].write_bytes(bytes(flipped))
    entries[1].write_bytes(entries[1].read_bytes()[:100])  # truncated
    entries[2].write_bytes(b"\x00\xff not an entry")
    entries[3].write_bytes(entries[4].read_bytes())  # another document's entry: wrong key
    caplog.set_level(logging.WARNING, logger="kyotei.cache")
    cache = DocumentCache(folder)
    assert cache.load_sources(manifest) == load_sources(manifest)
    assert cache.stats == CacheStats(documents=6, from_cache=2, stored=4, ignored=4)
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 4
    assert all("ignored" in w and "read again" in w for w in warnings)
    assert any("does not match its SHA-256" in w for w in warnings)
    assert any("names another key" in w for w in warnings)
    again = DocumentCache(folder)
    again.load_sources(manifest)
    assert again.stats == CacheStats(documents=6, from_cache=6, stored=0, ignored=0)


def test_a_cache_that_cannot_be_written_is_said_once_and_the_build_reads(
    manifest: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="kyotei.cache")
    cache = DocumentCache(blocked)
    assert cache.load_sources(manifest) == load_sources(manifest)
    assert cache.stats == CacheStats(documents=6, from_cache=0, stored=0, ignored=0)
    assert len([r for r in caplog.records if "cannot be written" in r.getMessage()]) == 1


def test_old_entries_are_pruned_beyond_the_bound(manifest: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = DocumentCache(folder, stale_kept=2)
    text = manifest.parent / "list.txt"
    for n in range(5):  # five versions of one document: four stale entries made
        text.write_text(TEXT_LIST + f"Peru,Universidad {n},2020-01-10\n", encoding="utf-8")
        cache.load_sources(manifest)
    assert len(list(folder.glob("*.json"))) == 6 + 2
    text.write_text(TEXT_LIST + "Peru,Universidad 3,2020-01-10\n", encoding="utf-8")
    cache.load_sources(manifest)  # a kept stale entry is used again
    assert cache.stats.from_cache == 6


def _build(*args: str) -> str:
    out = CliRunner(env={"COLUMNS": "240"}).invoke(app, ["build", *args],
                                                   catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out.output


def _snapshot(build_dir: Path) -> dict[str, bytes]:
    current = build_dir / "snapshots" / (build_dir / "CURRENT").read_text().strip()
    return {name: (current / name).read_bytes() for name in SNAPSHOT_FILES}


def _same_bytes_with_and_without_the_cache(manifest: Path, tmp_path: Path, count: int,
                                           *extra: str) -> None:
    plain, cached = tmp_path / "plain", tmp_path / "cached"
    out = _build("--sources", str(manifest), "--build-dir", str(plain), "--no-cache", *extra)
    assert f"{count} read (cache not used)" in out
    assert not (plain / CACHE_FOLDER).exists()
    out = _build("--sources", str(manifest), "--build-dir", str(cached), *extra)
    assert f"{count} in the manifest, 0 from the cache" in out
    cold = _snapshot(cached)
    out = _build("--sources", str(manifest), "--build-dir", str(cached), *extra)
    assert f"{count} in the manifest, {count} from the cache" in out
    warm, reference = _snapshot(cached), _snapshot(plain)
    for name in SNAPSHOT_FILES:
        assert cold[name] == reference[name], name
        assert warm[name] == reference[name], name


def test_build_with_the_cache_publishes_the_same_bytes_on_six_formats(
    manifest: Path, tmp_path: Path,
) -> None:
    _same_bytes_with_and_without_the_cache(manifest, tmp_path, 6)


@pytest.mark.slow
def test_build_with_the_cache_publishes_the_same_bytes_on_the_shipped_sources(
    tmp_path: Path,
) -> None:
    _same_bytes_with_and_without_the_cache(SHIPPED, tmp_path, 2, "--curation-dir",
                                           str(ROOT / "data" / "curation"))
