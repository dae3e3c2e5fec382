"""A sources folder of other universities' lists, given with no sections: built end to end.

Small documents written here (a CSV in cp932, an XLSX, an HTML page, a text list), other
institutions than the shipped ones. Checks the whole path — format reader, general layout,
graph, SHACL, CSV export with its locator column — and the warnings a user must see: a
file the manifest does not name, a document that yields nothing, an override written for a
document that is not in the build.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from kyotei.graph.publish.agreements_csv import CSV_HEADER
from kyotei.pipeline import BuildSettings, run_build

MANIFEST = """
[[document]]
file = "partners.csv"
title = "Example University partner list"
as_of = 2024-04-01
as_of_text = "2024年4月1日現在"
publisher.status = "stated"
publisher.ja = "例示大学"
publisher.en = "Example University"
publisher.country = "JP"

[[document]]
file = "partners.xlsx"
title = "Sample Institute of Technology partners"
publisher.status = "unidentified"
level = "department"

[[document]]
file = "page.html"
title = "Partner institutions"
publisher.status = "unidentified"

[[document]]
file = "empty.txt"
title = "A list with nothing in it"
publisher.status = "unidentified"
"""

CSV_TEXT = (
    "No.,国・地域,協定校,英語名,締結日,授業料不徴収\n"
    "1,大韓民国,漢陽大学校,Hanyang University,2010年4月1日,有\n"
    "2,アメリカ合衆国,ポートランド州立大学,Portland State University,H22.10.5,無\n"
    "3,ドイツ連邦共和国,ブレーメン大学,University of Bremen,2015/6/30,有\n"
)

HTML_TEXT = """<!doctype html><html><head><meta charset="utf-8"><title>Partners</title></head>
<body><nav><ul><li>Home</li><li>Admissions</li></ul></nav>
<h1>Partner institutions</h1>
<table><tr><th>Country/Region</th><th>Institution</th><th>Date signed</th></tr>
<tr><td rowspan="2">Finland</td><td>University of Turku</td><td>April 1, 2012</td></tr>
<tr><td>Tampere University</td><td>1 Sep 2018</td></tr>
<tr><td>CHINA</td><td>Xiamen University</td><td>2016.10.12</td></tr>
</table><footer>Copyright</footer></body></html>
"""

OVERRIDES = """
[[override]]
id = "elsewhere"
kind = "set-country"
document = "not-in-this-build.txt"
lines = [3]
expect = "Somewhere University"
country = "FR"
reason = "an override written for another build's document"
"""


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, object], list[dict[str, str]]]:
    root = tmp_path_factory.mktemp("anylist")
    sources = root / "data" / "sources"
    sources.mkdir(parents=True)
    (sources / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    (sources / "partners.csv").write_bytes(CSV_TEXT.encode("cp932"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Faculty"
    sheet.append(["Home department", "Country", "Partner", "Partner faculty", "Concluded"])
    sheet.append(["Faculty of Engineering", "Thailand", "Kasetsart University",
                  "Faculty of Engineering", "2019-07-01"])
    sheet.append(["Faculty of Science", "Viet Nam", "Hue University", "College of Sciences",
                  "2021-02-15"])
    book.save(sources / "partners.xlsx")
    (sources / "page.html").write_text(HTML_TEXT, encoding="utf-8")
    (sources / "empty.txt").write_text("\n", encoding="utf-8")
    (sources / "forgotten.csv").write_text("a,b\n", encoding="utf-8")
    curation = root / "data" / "curation"
    curation.mkdir()
    (curation / "overrides.toml").write_text(OVERRIDES, encoding="utf-8")
    outcome = run_build(BuildSettings(sources=sources / "sources.toml",
                                      build_dir=root / "kyotei-build", curation_dir=curation))
    assert outcome.ok, outcome.message
    assert outcome.snapshot is not None
    from kyotei.graph.publish.agreements_csv import agreements_csv
    from kyotei.graph.publish.writers import merged_graph

    text = agreements_csv(merged_graph(outcome.snapshot.load_dataset(),
                                      base_iri=outcome.snapshot.base_iri))
    return outcome.report, list(csv.DictReader(io.StringIO(text)))


def test_every_format_gives_its_rows(built: tuple[dict[str, object], list[dict[str, str]]]) -> None:
    _, rows = built
    by_doc: dict[str, set[str]] = {}
    for row in rows:
        name = row["partner_institution_en"] or row["partner_institution_ja"]
        by_doc.setdefault(row["source_document"], set()).add(name)
    assert by_doc == {
        "partners.csv": {"Hanyang University", "Portland State University", "University of Bremen"},
        "partners.xlsx": {"Kasetsart University", "Hue University"},
        "page.html": {"University of Turku", "Tampere University", "Xiamen University"},
    }


def test_fields_and_locators(built: tuple[dict[str, object], list[dict[str, str]]]) -> None:
    _, rows = built
    assert list(rows[0]) == list(CSV_HEADER) and CSV_HEADER[-1] == "source_locator"
    found = {(r["source_document"], r["partner_institution_en"] or r["partner_institution_ja"]):
             r for r in rows}
    hanyang = found["partners.csv", "Hanyang University"]
    assert (hanyang["country"], hanyang["signed_on"], hanyang["tuition_waiver"]) == (
        "KR", "2010-04-01", "true")
    assert hanyang["partner_institution_ja"] == "漢陽大学校"
    assert (hanyang["source_line"], hanyang["source_locator"]) == ("", "r2 c3")
    portland = found["partners.csv", "Portland State University"]
    assert (portland["country"], portland["signed_on"], portland["tuition_waiver"]) == (
        "US", "2010-10-05", "false")
    assert found["partners.csv", "University of Bremen"]["country"] == "DE"
    tampere = found["page.html", "Tampere University"]
    assert (tampere["country"], tampere["signed_on"]) == ("FI", "2018-09-01")
    assert found["page.html", "Xiamen University"]["country"] == "CN"
    kasetsart = found["partners.xlsx", "Kasetsart University"]
    assert (kasetsart["level"], kasetsart["country"], kasetsart["signed_on"]) == (
        "department", "TH", "2019-07-01")
    assert kasetsart["source_locator"] == "Faculty!C2"
    assert found["partners.xlsx", "Hue University"]["country"] == "VN"


def test_warnings_name_what_was_not_read(
    built: tuple[dict[str, object], list[dict[str, str]]],
) -> None:
    report, _ = built
    assert report["warnings"] == [
        "empty.txt: no agreement was read from this document",
        "forgotten.csv: in the sources folder but not named in the manifest: not read",
    ]
    curation = report["curation"]
    assert isinstance(curation, dict)
    inert = [o for o in curation["applied"] if o.get("inert")]
    assert [o["id"] for o in inert] == ["elsewhere"]
    assert "not-in-this-build.txt is not in this build" in inert[0]["note"]
