// The results area: the tabs of the views this result's shape allows (table, chart, line,
// scatter, timeline, map, graph), each view's controls, and the label fetching they share.

import { perYear, renderBars, renderTimeline } from "./chart.js";
import { buildGraph, MAX_NODES, renderGraph } from "./graphview.js";
import { loadAtlas, renderMap, valuesByCountry } from "./map.js";
import { linePoints, MAX_POINTS, renderLine, renderScatter, scatterPoints, splitLines } from "./plots.js";
import { hrefFor, iriName, isNumericTerm, renderTable } from "./results.js";
import { availableViews, defaultView, labelColumns, lineAxes, profile, siblingColumn } from "./views.js";

const VIEW_KEYS = { table: "view_table", chart: "view_chart", line: "view_line", scatter: "view_scatter",
  timeline: "view_timeline", map: "view_map", graph: "view_graph" };
const CHART_LIMIT = 40;

function element(name, attributes = {}, text = null) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  return node;
}

function select(id, label, options, chosen) {
  const wrapper = element("label", {}, `${label} `);
  const node = element("select", { id });
  for (const [value, text] of options) node.append(new Option(text, value, false, value === chosen));
  wrapper.append(node);
  return [wrapper, node];
}

function checkboxes(name, label, options, chosen) {
  const group = element("fieldset", { class: "series", id: name });
  group.append(element("legend", {}, label));
  for (const value of options) {
    const box = element("label");
    const input = element("input", { type: "checkbox", value, name });
    input.checked = chosen.includes(value);
    box.append(input, ` ${value}`);
    group.append(box);
  }
  return group;
}

/** `ctx` = {config, t(key, params), lang(), labels, staticRoot, isoCodes: Promise<Set>}. */
export function createResultView(ctx, nodes) {
  let current = null;
  let view = "table";
  let pageSize = 25;
  const choices = {}; // the user's picks per view, kept while the result is shown

  const fetchLabels = (iris, then) => {
    ctx.labels.fetch(iris).then((arrived) => { if (arrived && current) then(); })
      .catch(() => { /* names are a nicety: IRIs stay shown by their local names */ });
  };
  const name = (iri) => iriName(iri, ctx.labels, ctx.lang(), ctx.config);
  // The names of the result's columns that pass `test`.
  const columnNames = (test) => current.columns.filter(test).map((c) => c.name);
  // The pick remembered under `key` while it is still one of `options`, else `fallback`.
  const kept = (key, options, fallback) => (options.includes(choices[key]) ? choices[key] : fallback);
  // The values of a group of checkboxes that are ticked.
  const ticked = (group) => [...group.querySelectorAll("input:checked")].map((i) => i.value);
  // Remember a control's value (`read`) under `key` when it changes, and draw the view again.
  const remember = (control, key, redraw, read = () => control.value) => {
    control.addEventListener("change", () => { choices[key] = read(); redraw(); });
  };

  function renderTabs() {
    nodes.tabs.replaceChildren(...current.views.map((key) => {
      const tab = element("button", { type: "button", role: "tab", id: `tab-${key}`, "aria-selected": String(key === view) }, ctx.t(VIEW_KEYS[key]));
      tab.addEventListener("click", () => setView(key));
      return tab;
    }));
  }

  function setView(key) {
    view = current.views.includes(key) ? key : "table";
    for (const tab of nodes.tabs.children) tab.setAttribute("aria-selected", String(tab.id === `tab-${view}`));
    nodes.table.hidden = view !== "table";
    nodes.other.hidden = view === "table";
    if (view === "table") renderTableView();
    else ({ chart: renderChartView, line: renderLineView, scatter: renderScatterView, timeline: renderTimelineView,
      map: renderMapView, graph: renderGraphView })[view]();
  }

  function renderTableView() {
    const { result } = current;
    const controls = element("div", { class: "table-controls" });
    const toggle = element("label");
    const box = element("input", { type: "checkbox", id: "show-iris" });
    box.checked = !!choices.showIris;
    toggle.append(box, ` ${ctx.t("show_iris")}`);
    controls.append(toggle);
    const tableView = {
      config: ctx.config, lang: ctx.lang(), labels: ctx.labels, t: ctx.t, showIris: !!choices.showIris,
      pageSize, page: choices.page ?? 0,
      onPageSize: (size) => { pageSize = size; },
      onPage: (iris, page) => { choices.page = page; fetchLabels(iris, () => table.refresh()); },
    };
    const holder = element("div");
    nodes.table.replaceChildren(controls, holder);
    const table = renderTable(holder, result, tableView);
    remember(box, "showIris", renderTableView, () => box.checked);
  }

  function controlsAnd(figure, ...controls) {
    const bar = element("div", { class: "chart-controls" });
    bar.append(...controls);
    nodes.other.replaceChildren(bar, figure);
    return bar;
  }

  function renderChartView() {
    const { result, columns } = current;
    const labels = labelColumns(columns, ctx.lang());
    const measures = columnNames((c) => c.measure);
    const label = kept("chartLabel", labels, labels[0]);
    const series = (choices.chartSeries ?? [measures.at(-1)]).filter((v) => measures.includes(v));
    if (series.length === 0) series.push(measures.at(-1));
    const [labelWrap, labelSelect] = select("chart-label", ctx.t("chart_label"), labels.map((v) => [v, v]), label);
    const seriesBox = checkboxes("chart-series", ctx.t("chart_series"), measures, series);
    const note = element("span", { class: "hint chart-note" });
    const figure = element("div", { class: "chart-wrap" });
    controlsAnd(figure, labelWrap, seriesBox, note);
    const lang = ctx.lang();
    const sibling = label ? siblingColumn(result.vars, label) : null;
    const byYear = columns.find((c) => c.name === label)?.year;
    const key = (row, v) => (isNumericTerm(row[v]) ? Number(row[v].value) : -Infinity);
    const rows = result.rows.filter((row) => series.some((v) => isNumericTerm(row[v])))
      .sort(byYear ? (a, b) => key(a, label) - key(b, label) : (a, b) => key(b, series[0]) - key(a, series[0]))
      .slice(0, CHART_LIMIT);
    let fallbacks = 0;
    const bars = rows.map((row) => {
      let term = row[label];
      let fallback = false;
      if ((!term || !term.value) && sibling && row[sibling]) { term = row[sibling]; fallback = true; }
      let text = term ? term.value : "";
      let textLang = term?.["xml:lang"] ?? "";
      if (term && term.type === "uri") {
        const found = name(term.value);
        text = found.text;
        textLang = found.lang;
        fallback = found.fallback;
      }
      if (fallback) fallbacks += 1;
      return { label: text || "—", title: text + (fallback ? ` (${textLang || "?"})` : ""), fallback, lang: textLang,
        values: series.map((v) => (isNumericTerm(row[v]) ? Number(row[v].value) : NaN)) };
    });
    const shown = renderBars(figure, bars, series);
    const notes = [];
    if (shown < result.rows.length) notes.push(ctx.t("chart_top", { n: shown }));
    if (fallbacks) notes.push(ctx.t(lang === "en" ? "chart_fallback" : "chart_fallback_ja"));
    note.textContent = notes.join(" · ");
    const iris = rows.map((row) => row[label]).filter((t) => t && t.type === "uri").map((t) => t.value);
    if (iris.length) fetchLabels(iris, () => view === "chart" && renderChartView());
    remember(labelSelect, "chartLabel", renderChartView);
    remember(seriesBox, "chartSeries", renderChartView, () => ticked(seriesBox));
  }

  function renderLineView() {
    const { result, columns } = current;
    const options = lineAxes(result, columns);
    const axes = [...new Set(options.map((o) => o.x))];
    const xVar = kept("lineX", axes, axes[0]);
    const splits = options.filter((o) => o.x === xVar).map((o) => o.split ?? "");
    const split = kept("lineSplit", splits, splits[0]);
    const measures = columnNames((c) => c.measure && c.name !== xVar);
    const [xWrap, xSelect] = select("line-x", ctx.t("line_x"), axes.map((v) => [v, v]), xVar);
    const [splitWrap, splitSelect] = select("line-split", ctx.t("line_split"),
      splits.map((v) => [v, v || ctx.t("line_no_split")]), split);
    const note = element("span", { class: "hint chart-note" });
    const figure = element("div", { class: "chart-wrap" });
    const controls = [xWrap, ...(splits.length > 1 || split ? [splitWrap] : [])];
    let shown;
    let seriesControl;
    if (split) {
      const measure = kept("lineMeasure", measures, measures.at(-1));
      const [measureWrap, measureSelect] = select("line-measure", ctx.t("chart_value"), measures.map((v) => [v, v]), measure);
      seriesControl = measureSelect;
      controlsAnd(figure, ...controls, measureWrap, note);
      const labelOf = (term) => (term.type === "uri" ? name(term.value).text : term.value);
      const lines = splitLines(result, xVar, measure, split, labelOf);
      shown = renderLine(figure, lines.points, lines.series, xVar, measure);
      remember(measureSelect, "lineMeasure", renderLineView);
      const iris = result.rows.map((row) => row[split]).filter((t) => t.type === "uri").map((t) => t.value);
      if (iris.length) fetchLabels(iris, () => view === "line" && renderLineView());
    } else {
      const series = (choices.lineSeries ?? measures).filter((v) => measures.includes(v));
      if (series.length === 0) series.push(measures[0]);
      seriesControl = checkboxes("line-series", ctx.t("chart_series"), measures, series);
      controlsAnd(figure, ...controls, seriesControl, note);
      shown = renderLine(figure, linePoints(result, xVar, series), series, xVar);
      remember(seriesControl, "lineSeries", renderLineView, () => ticked(seriesControl));
    }
    if (shown < result.rows.length && !split) note.textContent = ctx.t("plot_shown", { n: shown.toLocaleString(), total: result.rows.length.toLocaleString() });
    remember(xSelect, "lineX", renderLineView);
    remember(splitSelect, "lineSplit", renderLineView);
  }

  function renderScatterView() {
    const { result, columns } = current;
    const measures = columnNames((c) => c.measure);
    const xVar = kept("scatterX", measures, measures[0]);
    const others = measures.filter((v) => v !== xVar);
    const yVar = kept("scatterY", others, others.at(-1));
    const labels = labelColumns(columns, ctx.lang());
    const [xWrap, xSelect] = select("scatter-x", ctx.t("scatter_x"), measures.map((v) => [v, v]), xVar);
    const [yWrap, ySelect] = select("scatter-y", ctx.t("scatter_y"), others.map((v) => [v, v]), yVar);
    const note = element("span", { class: "hint chart-note" });
    const figure = element("div", { class: "chart-wrap" });
    controlsAnd(figure, xWrap, yWrap, note);
    const label = labels[0];
    const labelOf = (row) => {
      const term = label ? row[label] : null;
      if (!term) return "";
      return term.type === "uri" ? name(term.value).text : term.value;
    };
    const points = scatterPoints(result, xVar, yVar, labelOf);
    const shown = renderScatter(figure, points, xVar, yVar);
    const notes = [ctx.t("scatter_note")];
    if (shown < result.rows.length) notes.push(ctx.t("plot_shown", { n: shown.toLocaleString(), total: result.rows.length.toLocaleString() }));
    note.textContent = notes.join(" · ");
    const iris = label ? result.rows.slice(0, MAX_POINTS).map((row) => row[label]).filter((t) => t && t.type === "uri").map((t) => t.value) : [];
    if (iris.length) fetchLabels(iris, () => view === "scatter" && renderScatterView());
    remember(xSelect, "scatterX", renderScatterView);
    remember(ySelect, "scatterY", renderScatterView);
  }

  function renderTimelineView() {
    const { result } = current;
    const years = columnNames((c) => c.year);
    const yearVar = kept("timelineYear", years, years[0]);
    const measures = columnNames((c) => c.measure && c.name !== yearVar);
    const series = (choices.timelineSeries ?? measures).filter((v) => measures.includes(v));
    const [yearWrap, yearSelect] = select("timeline-year", ctx.t("timeline_column"), years.map((v) => [v, v]), yearVar);
    const controls = [yearWrap];
    let seriesBox = null;
    if (measures.length) {
      seriesBox = checkboxes("timeline-series", ctx.t("chart_series"), measures, series);
      controls.push(seriesBox);
    }
    const figure = element("div", { class: "chart-wrap" });
    controlsAnd(figure, ...controls);
    renderTimeline(figure, perYear(result, yearVar, series), series.length ? series : [ctx.t("timeline_rows")]);
    remember(yearSelect, "timelineYear", renderTimelineView);
    if (seriesBox) remember(seriesBox, "timelineSeries", renderTimelineView, () => ticked(seriesBox));
  }

  async function renderMapView() {
    const { result, countries } = current;
    const places = columnNames((c) => c.country);
    const place = kept("mapCountry", places, places[0]);
    const measures = columnNames((c) => c.measure);
    const value = choices.mapValue !== undefined && (choices.mapValue === "" || measures.includes(choices.mapValue))
      ? choices.mapValue : (measures.at(-1) ?? "");
    const [placeWrap, placeSelect] = select("map-country", ctx.t("map_country"), places.map((v) => [v, v]), place);
    const [valueWrap, valueSelect] = select("map-value", ctx.t("map_value"),
      [...measures.map((v) => [v, v]), ["", ctx.t("map_rows")]], value);
    const note = element("span", { class: "hint map-note" });
    const figure = element("div", { class: "map-wrap" });
    controlsAnd(figure, placeWrap, valueWrap, note);
    remember(placeSelect, "mapCountry", renderMapView);
    remember(valueSelect, "mapValue", renderMapView);
    const atlas = await loadAtlas(ctx.staticRoot);
    if (view !== "map") return;
    const totals = valuesByCountry(result, place, value || null, countries);
    const names = new Map();
    for (const [iri, code] of countries) names.set(code, name(iri).text);
    const drawn = renderMap(figure, atlas, totals, (code) => names.get(code) ?? atlas.codes[code]?.name,
      value || ctx.t("map_rows"));
    if (drawn.missing.length) note.textContent = ctx.t("map_missing", { codes: drawn.missing.join(", ") });
  }

  function renderGraphView() {
    const { result, form } = current;
    const controls = [];
    let graph;
    if (form === "graph") {
      graph = buildGraph(result, "graph", ctx.config.prefixes);
    } else {
      const iris = columnNames((c) => c.iri);
      const from = kept("graphFrom", iris, iris[0]);
      const to = iris.includes(choices.graphTo) && choices.graphTo !== from ? choices.graphTo : iris.find((v) => v !== from);
      const [fromWrap, fromSelect] = select("graph-from", ctx.t("graph_from"), iris.map((v) => [v, v]), from);
      const [toWrap, toSelect] = select("graph-to", ctx.t("graph_to"), iris.map((v) => [v, v]), to);
      remember(fromSelect, "graphFrom", renderGraphView);
      remember(toSelect, "graphTo", renderGraphView);
      controls.push(fromWrap, toWrap);
      graph = buildGraph(result, "bindings", ctx.config.prefixes, from, to);
    }
    const note = element("span", { class: "hint graph-note" });
    const figure = element("div", { class: "graph-wrap" });
    controlsAnd(figure, ...controls, note);
    const lang = ctx.lang();
    const nodeName = (node) => {
      const own = node.iri && graph.labels.get(node.iri);
      if (own && own[lang]) return { text: own[lang], fallback: false };
      const cached = node.iri ? name(node.iri) : null;
      if (cached && (cached.lang === lang || !own)) return cached;
      if (own) {
        const other = own[lang === "ja" ? "en" : "ja"];
        if (other) return { text: other, fallback: true };
      }
      return cached ?? { text: node.id, fallback: false };
    };
    const count = renderGraph(figure, graph, nodeName, (iri) => hrefFor(iri, ctx.config));
    note.textContent = [ctx.t("graph_nodes", { nodes: count, edges: graph.links.length }),
      graph.capped ? ctx.t("graph_capped", { n: MAX_NODES }) : "", ctx.t("graph_hint")].filter(Boolean).join(" · ");
    const missing = graph.nodes.filter((n) => n.iri && !graph.labels.get(n.iri)?.[lang]).map((n) => n.iri);
    if (missing.length) fetchLabels(missing, () => view === "graph" && renderGraphView());
  }

  /** Work out the columns' shapes; ask which IRI columns hold countries; pick the views. */
  async function analyse() {
    const isoCodes = await ctx.isoCodes;
    const { result } = current;
    current.columns = profile(result, current.countries, isoCodes);
    current.views = availableViews(result, current.form, current.columns);
    const iriColumns = current.columns.filter((c) => c.iri);
    if (iriColumns.length && current.form !== "graph") {
      const iris = new Set();
      for (const c of iriColumns) {
        for (const row of result.rows.slice(0, 2000)) if (row[c.name]) iris.add(row[c.name].value);
      }
      try {
        const countryClass = `${ctx.config.prefixes.kyotei}Country`;
        current.countries = new Map(await ctx.labels.fetchCountries([...iris].slice(0, 1200), countryClass));
      } catch {
        return; // no map then: the table is still right
      }
      current.columns = profile(result, current.countries, isoCodes);
      current.views = availableViews(result, current.form, current.columns);
    }
  }

  return {
    /** Show a new result (`shown` = {query, result, form}). */
    async show(shown) {
      current = { ...shown, countries: new Map(), columns: [], views: ["table"] };
      choices.page = 0;
      for (const key of Object.keys(choices)) delete choices[key];
      nodes.table.replaceChildren();
      nodes.other.replaceChildren();
      const mine = current;
      await analyse();
      if (current !== mine) return;
      view = defaultView(current.query, current.form, current.views);
      renderTabs();
      setView(view);
    },
    /** Redraw in the page's (new) language. */
    relabel() {
      if (!current) return;
      renderTabs();
      setView(view);
    },
    clear() { current = null; },
  };
}
