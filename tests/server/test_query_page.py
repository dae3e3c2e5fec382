"""What the query page's scripts are given: the editor's vocabulary from the ontology and the
shapes, the row cap, and the vendored browser files (served, licensed, reproducible)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from scripts import load_script

from kyotei.server.pages import gallery

VENDOR = Path(__file__).parents[2] / "server" / "pages" / "static" / "vendor"


def _config(client: TestClient) -> dict[str, object]:
    text = client.get("/?lang=en").text
    start = text.index('<script type="application/json" id="kyotei-config">') + len(
        '<script type="application/json" id="kyotei-config">')
    loaded: dict[str, object] = json.loads(text[start:text.index("</script>", start)])
    return loaded


def test_vocabulary_lists_the_ontology_s_classes_and_properties() -> None:
    terms = {entry["term"]: entry for entry in gallery.vocabulary()}
    agreement = terms["kyotei:Agreement"]
    assert agreement["kind"] == "class"
    assert agreement["iri"] == "https://w3id.org/kyotei/def#Agreement"
    assert agreement["label"] == {"en": "Agreement", "ja": "協定"}
    assert terms["kyotei:partnerInstitution"]["kind"] == "property"
    assert terms["kyotei:Country"]["label"]["en"] == "Country or region"
    # terms of other vocabularies the shapes constrain, for completion too
    assert terms["org:unitOf"]["kind"] == "property"
    assert terms["dcterms:identifier"]["kind"] == "property"
    assert terms["skos:prefLabel"]["kind"] == "property"
    assert all(":" in term and " " not in term for term in terms)


def test_the_page_config_carries_the_vocabulary(client: TestClient) -> None:
    config = _config(client)
    assert config["vocabulary"] == json.loads(json.dumps(gallery.vocabulary()))


def test_vendored_files_are_served_with_their_types(client: TestClient) -> None:
    for name, media in (("d3.min.js", "text/javascript"),
                        ("topojson-client.min.js", "text/javascript"),
                        ("countries-110m.json", "application/json"),
                        ("country-codes.json", "application/json"),
                        ("d3.LICENSE.txt", "text/plain")):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith(media), name
        assert response.content == (VENDOR / name).read_bytes()
    assert client.get("/static/vendor/install.sh").status_code == 404  # only known types
    assert client.get("/static/vendor/country_codes.py").status_code == 404
    assert client.get("/static/vendor/../pages.py").status_code == 404


def test_every_vendored_release_has_its_licence_and_version() -> None:
    versions = (VENDOR / "VERSIONS.txt").read_text("utf-8")
    for package, files in (("d3", ["d3.min.js"]),
                           ("topojson-client", ["topojson-client.min.js"]),
                           ("world-atlas", ["countries-110m.json"])):
        licence = (VENDOR / f"{package}.LICENSE.txt").read_text("utf-8")
        assert "Copyright" in licence and "Permission to use" in licence  # ISC
        assert f"{package}@" in versions
        for name in files:
            assert (VENDOR / name).stat().st_size > 1000
    world = json.loads((VENDOR / "countries-110m.json").read_text("utf-8"))
    assert world["type"] == "Topology" and "countries" in world["objects"]


def test_the_country_code_table_is_what_pycountry_gives() -> None:
    module = load_script(VENDOR / "country_codes.py", "country_codes")
    shipped = json.loads((VENDOR / "country-codes.json").read_text("utf-8"))
    # regenerated, never edited by hand (names may change between pycountry releases; the
    # codes the map needs do not)
    codes = {k: (v["numeric"], v["alpha3"]) for k, v in shipped["codes"].items()}
    assert codes == {k: (v["numeric"], v["alpha3"]) for k, v in module.table().items()}
    assert shipped["codes"]["JP"]["numeric"] == "392"
    assert shipped["codes"]["FR"] == {"numeric": "250", "alpha3": "FRA", "name": "France"}
