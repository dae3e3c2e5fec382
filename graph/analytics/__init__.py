"""Network analytics over the agreements graph: figures, tables and a self-contained report.

``analyze(store, base_iri=...)`` reads the graph by SPARQL only (the queries are the ``*.rq``
files beside this module) and returns an ``AnalysisResult``; ``render_table`` prints it with
rich, ``render_html`` gives one HTML page with inline SVG plots. No web framework here.
"""

from __future__ import annotations

from kyotei.graph.analytics.core import analyze
from kyotei.graph.analytics.loading import load_snapshot
from kyotei.graph.analytics.model import AnalysisResult, json_schema
from kyotei.graph.analytics.render.report import render_html
from kyotei.graph.analytics.render.tables import render_table

__all__ = ["AnalysisResult", "analyze", "json_schema", "load_snapshot", "render_html",
           "render_table"]
