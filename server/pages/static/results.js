// Query results: parse them (SPARQL JSON, N-Triples), show them as a sortable table whose
// IRIs are links, and as a bar chart drawn in inline SVG. Everything from the server is put
// in the page with textContent / setAttribute, never as HTML.

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set([
  "integer", "decimal", "double", "float", "int", "long", "short", "byte",
  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
  "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
].map((local) => XSD + local));
const SVG = "http://www.w3.org/2000/svg";

/** Results in one shape: {kind: "bindings"|"boolean", vars, rows, boolean}. */
export function fromSparqlJson(json) {
  if (typeof json.boolean === "boolean") return { kind: "boolean", boolean: json.boolean, vars: [], rows: [] };
  const vars = json.head && Array.isArray(json.head.vars) ? json.head.vars : [];
  const rows = json.results && Array.isArray(json.results.bindings) ? json.results.bindings : [];
  return { kind: "bindings", vars, rows };
}

const NT_TERM = String.raw`(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)`;
const NT_LINE = new RegExp(String.raw`^\s*${NT_TERM}\s+${NT_TERM}\s+${NT_TERM}\s*\.\s*$`);

function unescapeNt(text) {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, esc) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f" }[esc] ?? esc;
  });
}

function ntTerm(text) {
  if (text.startsWith("<")) return { type: "uri", value: unescapeNt(text.slice(1, -1)) };
  if (text.startsWith("_:")) return { type: "bnode", value: text.slice(2) };
  const end = text.lastIndexOf('"');
  const term = { type: "literal", value: unescapeNt(text.slice(1, end)) };
  const rest = text.slice(end + 1);
  if (rest.startsWith("@")) term["xml:lang"] = rest.slice(1);
  else if (rest.startsWith("^^")) term.datatype = rest.slice(3, -1);
  return term;
}

/** N-Triples (a CONSTRUCT or DESCRIBE result) as a three-column table. */
export function fromNTriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const match = NT_LINE.exec(line);
    if (match) rows.push({ subject: ntTerm(match[1]), predicate: ntTerm(match[2]), object: ntTerm(match[3]) });
  }
  return { kind: "bindings", vars: ["subject", "predicate", "object"], rows };
}

export function isNumericTerm(term) {
  return !!term && term.type === "literal" && NUMERIC.has(term.datatype) && Number.isFinite(Number(term.value));
}

/** Columns whose bound values are all numbers (and at least one is bound). */
export function numericColumns(result) {
  return result.vars.filter((v) => {
    let seen = 0;
    for (const row of result.rows) {
      if (!row[v]) continue;
      if (!isNumericTerm(row[v])) return false;
      seen += 1;
    }
    return seen > 0;
  });
}

/** "prefix:local" for IRIs in a known namespace. */
export function compactIri(iri, prefixes) {
  let best = null;
  for (const [prefix, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}

/** Where a link to an IRI should go: this server's page for IRIs under the base. */
export function hrefFor(iri, config) {
  if (iri.startsWith(config.base)) return config.basePath + iri.slice(config.base.length);
  return /^https?:\/\//.test(iri) ? iri : null;
}

export function termText(term, prefixes) {
  if (!term) return "";
  if (term.type === "uri") return compactIri(term.value, prefixes);
  if (term.type === "bnode") return `_:${term.value}`;
  return term.value;
}

function compareTerms(a, b) {
  if (!a && !b) return 0;
  if (!a) return 1; // unbound last, whatever the direction
  if (!b) return -1;
  if (isNumericTerm(a) && isNumericTerm(b)) return Number(a.value) - Number(b.value);
  return a.value.localeCompare(b.value, ["ja", "en"], { numeric: true });
}

function termCell(term, config) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = hrefFor(term.value, config);
    const text = compactIri(term.value, config.prefixes);
    const node = document.createElement(href ? "a" : "span");
    if (href) node.setAttribute("href", href);
    node.title = term.value;
    node.textContent = text;
    td.append(node);
  } else if (term.type === "bnode") {
    td.textContent = `_:${term.value}`;
    td.className = "bnode";
  } else {
    td.textContent = term.value;
    if (isNumericTerm(term)) td.className = "num";
    const lang = term["xml:lang"];
    if (lang) {
      td.lang = lang;
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = `@${lang}`;
      td.append(" ", tag);
    }
  }
  return td;
}

function fillTemplate(text, params) {
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

/**
 * A sortable table. Clicking a heading sorts every row by it (again: reversed); at most
 * `limit` rows are put in the page, the rest are for the downloads.
 */
export function renderTable(container, result, config, messages, limit = 2000) {
  container.replaceChildren();
  const table = document.createElement("table");
  table.className = "results";
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const state = { column: null, descending: false };
  const order = result.rows.map((_, i) => i);

  const fill = () => {
    body.replaceChildren();
    for (const index of order.slice(0, limit)) {
      const tr = body.insertRow();
      for (const v of result.vars) tr.append(termCell(result.rows[index][v], config));
    }
  };
  result.vars.forEach((v) => {
    const th = document.createElement("th");
    th.scope = "col";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = v;
    button.title = messages.sort_hint;
    th.append(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => {
      state.descending = state.column === v ? !state.descending : false;
      state.column = v;
      order.sort((a, b) => {
        const cmp = compareTerms(result.rows[a][v], result.rows[b][v]);
        const bothBound = result.rows[a][v] && result.rows[b][v];
        return (state.descending && bothBound ? -cmp : cmp) || a - b;
      });
      for (const other of head.cells) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      fill();
    });
    head.append(th);
  });
  fill();
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.append(table);
  container.append(wrap);
  if (result.rows.length > limit) {
    const note = document.createElement("p");
    note.className = "hint capped";
    note.textContent = fillTemplate(messages.table_capped, {
      shown: limit.toLocaleString(), n: result.rows.length.toLocaleString(),
    });
    container.append(note);
  }
}

/**
 * Label column candidates, best first: text columns in their order (a column named for the
 * page's language, like name_en, before its siblings), then IRIs.
 */
export function labelColumns(result, lang) {
  const numeric = new Set(numericColumns(result));
  const score = (v) => {
    const first = result.rows.find((row) => row[v]);
    if (!first) return 0;
    if (first[v].type !== "literal") return 1;
    return v.endsWith(`_${lang}`) ? 3 : 2;
  };
  return result.vars
    .filter((v) => !numeric.has(v))
    .map((v, i) => [v, score(v), i])
    .sort((a, b) => b[1] - a[1] || a[2] - b[2])
    .map(([v]) => v);
}

function svg(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A horizontal bar chart of `valueVar` by `labelVar` in inline SVG: largest first, or in the
 * label's numeric order when `options.byLabel` (years). Returns how many bars were drawn.
 */
export function renderChart(container, result, labelVar, valueVar, config, options = {}) {
  const limit = options.limit ?? 40;
  const bars = result.rows
    .filter((row) => isNumericTerm(row[valueVar]))
    .map((row) => ({
      label: labelVar ? termText(row[labelVar], config.prefixes) : "",
      title: labelVar && row[labelVar] ? row[labelVar].value : "",
      value: Number(row[valueVar].value),
      key: labelVar && row[labelVar] ? Number(row[labelVar].value) : NaN,
    }))
    .sort((a, b) => (options.byLabel ? a.key - b.key : b.value - a.value))
    .slice(0, limit);
  const labelWidth = 230;
  const rowHeight = 24;
  const width = 760;
  const plot = width - labelWidth - 60;
  const top = 28;
  const height = top + bars.length * rowHeight + 8;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const min = Math.min(0, ...bars.map((b) => b.value));
  const span = max - min || 1;
  const x = (v) => labelWidth + ((v - min) / span) * plot;
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart",
    "aria-label": `${valueVar}${labelVar ? ` / ${labelVar}` : ""}`,
  });
  const caption = svg("text", { x: labelWidth, y: 16, class: "axis" });
  caption.textContent = `${valueVar} (max ${max.toLocaleString()})`;
  chart.append(caption);
  chart.append(svg("line", { x1: x(0), x2: x(0), y1: top - 4, y2: height - 4, class: "zero" }));
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const group = svg("g", { class: "bar" });
    const title = svg("title");
    title.textContent = `${bar.title || bar.label}: ${bar.value}`;
    const label = svg("text", { x: labelWidth - 8, y: y + rowHeight / 2 + 4, "text-anchor": "end" });
    label.textContent = shorten(bar.label, 30);
    const left = Math.min(x(0), x(bar.value));
    const rect = svg("rect", {
      x: left, y: y + 3, height: rowHeight - 6, rx: 2,
      width: Math.max(1, Math.abs(x(bar.value) - x(0))),
    });
    const value = svg("text", { x: Math.max(x(0), x(bar.value)) + 6, y: y + rowHeight / 2 + 4, class: "value" });
    value.textContent = bar.value.toLocaleString();
    group.append(title, label, rect, value);
    chart.append(group);
  });
  container.replaceChildren(chart);
  return bars.length;
}
