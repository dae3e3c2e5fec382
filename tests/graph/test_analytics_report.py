"""The analysis rendered: terminal tables, the HTML report (parsed, and in headless Chromium)
and the `kyotei analyze` command."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import typer
from rich.console import Console
from test_analytics import BASE, oxigraph_store
from typer.testing import CliRunner

from kyotei.commands import analyze as command
from kyotei.graph.analytics import AnalysisResult, analyze, render_html, render_table
from kyotei.graph.analytics.render import plots

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FIGURES = {"timeline", "countries", "regions", "network", "overlap"}


def relabelled(name: str, old: str, new: ox.Literal) -> ox.Store:
    """The fixture's store with the English label ``old`` of institution/kr/``name``
    replaced by ``new``."""
    s = oxigraph_store()
    institution = ox.NamedNode(BASE + f"institution/kr/{name}")
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    s.remove(ox.Quad(institution, pref, ox.Literal(old, language="en")))
    s.add(ox.Quad(institution, pref, new))
    return s


@pytest.fixture(scope="module")
def result() -> AnalysisResult:
    return analyze(oxigraph_store(), base_iri=BASE)


class Page(HTMLParser):
    """What a report page holds: tags, figure ids, external references, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.figures: set[str] = set()
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        identifier = found.get("id") or ""
        if tag == "figure" and identifier.startswith("fig-"):
            self.figures.add(identifier[4:])
        for name in ("src", "href", "xlink:href"):
            value = found.get(name) or ""
            if value and not value.startswith(("#", "data:")):
                self.external.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_table_output_shows_figures_and_meanings(result: AnalysisResult) -> None:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    render_table(result, console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Home University" in text and "Alpha University" in text
    assert result.measure("betweenness")[:40] in text.replace("\n", " ")
    assert "b.txt names no publisher" in text
    assert "0.307" in text  # Herfindahl index of countries, all documents


def test_table_output_does_not_read_labels_as_markup() -> None:
    s = relabelled("beta", "Beta University",
                   ox.Literal("[bold]Beta[/bold] University", language="en-gb"))
    console = Console(file=io.StringIO(), width=200, color_system=None)
    render_table(analyze(s, base_iri=BASE), console)
    assert "[bold]Beta[/bold] University" in console.file.getvalue()  # type: ignore[attr-defined]


def test_html_is_self_contained(result: AnalysisResult) -> None:
    page = parse(render_html(result))
    assert page.figures == FIGURES
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.external == []
    text = " ".join(page.text)
    for meaning in (m.meaning for m in result.measures):
        assert meaning in text
    assert "b.txt names no publisher" in text


def test_html_escapes_labels_from_the_data() -> None:
    s = relabelled("theta", "Theta University",
                   ox.Literal("<script>alert(1)</script>", language="en-us"))
    html = render_html(analyze(s, base_iri=BASE))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_labels_fall_back_without_a_cjk_font(result: AnalysisResult,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "cjk_family", lambda: None)
    label = plots.Labeller()
    assert label("Alpha University", None) == "Alpha University"
    assert label("アルファ大学", "Alpha University") == "Alpha University"
    assert label("文学部", None) == "#1" and label("文学部", None) == "#1"
    html = render_html(result)
    # the key beside the figures names every label drawn as a number, each number once
    key = re.findall(r"<td>(#\d+)</td><td>([^<]+)</td>", html)
    assert sorted(label for _, label in key) == ["イータ校", "文学部"]
    assert sorted(number for number, _ in key) == ["#1", "#2"]


def test_html_is_deterministic(result: AnalysisResult) -> None:
    assert render_html(result) == render_html(analyze(oxigraph_store(), base_iri=BASE))


NETWORK_DRAWING = f"""
import hashlib, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import pyoxigraph as ox
from test_analytics import BASE, oxigraph_store as store
from kyotei.graph.analytics import analyze
from kyotei.graph.analytics.render import plots
s = store()
k = "https://w3id.org/kyotei/def#"
for i in range(40):  # small components: the largest is less than half of the network
    a = ox.NamedNode(BASE + f"agreement/x{{i}}")
    s.add(ox.Quad(a, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                  ox.NamedNode(k + "Agreement")))
    s.add(ox.Quad(a, ox.NamedNode(k + "homeParty"), ox.NamedNode(BASE + f"institution/h{{i}}")))
    s.add(ox.Quad(a, ox.NamedNode(k + "partnerInstitution"),
                  ox.NamedNode(BASE + f"institution/p{{i}}")))
svg = plots.network(analyze(s, base_iri=BASE), plots.Labeller())
print(hashlib.sha256(svg.encode()).hexdigest())
"""


def test_network_drawing_does_not_depend_on_the_hash_seed() -> None:
    # sets iterate in an order that changes with PYTHONHASHSEED: the drawing must not follow it
    drawings = {subprocess.run([sys.executable, "-c", NETWORK_DRAWING], check=True, text=True,
                               capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                               ).stdout for seed in ("1", "2")}
    assert len(drawings) == 1


# --- the command --------------------------------------------------------------------------

def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(command, "load_current", lambda build_dir: (oxigraph_store(), BASE))
    app = typer.Typer()
    app.command("analyze")(command.analyze_command)
    app.command("version")(lambda: None)  # two commands, so "analyze" is a subcommand
    return app


def test_command_help(monkeypatch: pytest.MonkeyPatch) -> None:
    out = CliRunner().invoke(cli(monkeypatch), ["analyze", "--help"])
    assert out.exit_code == 0
    for option in ("--build-dir", "--format", "--output", "--seed"):
        assert option in out.output
    assert "SPARQL" in out.output


def test_command_json_and_html(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = cli(monkeypatch)
    out = CliRunner().invoke(app, ["analyze", "--format", "json"])
    assert out.exit_code == 0, out.output
    data: dict[str, Any] = json.loads(out.output)
    assert data["agreements"] == 15 and data["network"]["nodes"] == 13
    # streamed, the text is json.dumps's to the byte (on standard output and in a file)
    expected = json.dumps(analyze(oxigraph_store(), base_iri=BASE).to_dict(), ensure_ascii=False,
                          indent=2) + "\n"
    assert out.output == expected
    written = tmp_path / "analysis.json"
    assert CliRunner().invoke(app, ["analyze", "-f", "json", "-o", str(written)]).exit_code == 0
    assert written.read_text(encoding="utf-8") == expected
    report = tmp_path / "report.html"
    out = CliRunner().invoke(app, ["analyze", "-f", "html", "-o", str(report)])
    assert out.exit_code == 0, out.output
    assert parse(report.read_text(encoding="utf-8")).figures == FIGURES
    tables = tmp_path / "tables.txt"
    assert CliRunner().invoke(app, ["analyze", "-o", str(tables)]).exit_code == 0
    assert "Institution–institution network" in tables.read_text(encoding="utf-8")
    assert CliRunner().invoke(app, ["analyze", "--format", "pdf"]).exit_code != 0


# --- in a browser ---------------------------------------------------------------------------

@pytest.mark.browser
def test_report_renders_in_chromium(result: AnalysisResult, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    from matplotlib import image

    report = tmp_path / "report.html"
    report.write_text(render_html(result), encoding="utf-8")
    shot = tmp_path / "report.png"
    problems: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
                    else problems.append(f"fetched {r.url}"))
            page.goto(report.as_uri())
            boxes = [page.locator(f"#fig-{name} svg").bounding_box() for name in FIGURES]
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert all(box is not None and box["width"] > 200 and box["height"] > 100 for box in boxes)
    pixels = image.imread(str(shot))[..., :3]
    assert pixels.shape[0] > 2000  # the whole report, not one screen
    ink = (pixels.mean(axis=2) < 0.9).mean()
    assert 0.01 < ink < 0.6, f"screenshot looks blank or flooded: {ink:.3f} non-white"
    assert pixels.std() > 0.05


def test_html_escapes_a_label_once() -> None:
    s = relabelled("theta", "Theta University",
                   ox.Literal("King Theta's University & Co", language="en"))
    html = render_html(analyze(s, base_iri=BASE))
    assert "King Theta&#x27;s University &amp; Co" in html
    assert "&amp;#x27;" not in html and "&amp;amp;" not in html


def test_html_links_back_to_the_site_only_when_asked(result: AnalysisResult) -> None:
    assert "<nav>" not in render_html(result)
    page = render_html(result, site_links=(("query", "/"), ("search", "/search")))
    assert '<nav><a href="/">query</a> · <a href="/search">search</a></nav><h1>' in page


def test_a_font_missing_from_matplotlibs_stale_list_is_found_by_fontconfig(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    from kyotei.graph.analytics.render import fonts

    if not any("NotoSansCJK" in p.name for p in fonts.fontconfig_japanese_files()):
        pytest.skip("fontconfig lists no Noto Sans CJK (apt-get install fonts-noto-cjk)")
    stale = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    fonts.cjk_family.cache_clear()
    try:
        assert fonts.cjk_family() == "Noto Sans CJK JP"
    finally:
        fonts.cjk_family.cache_clear()
