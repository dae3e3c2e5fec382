// Query results: parse them (SPARQL JSON, N-Triples), put the columns in the query's order,
// and show every row in a sortable, paged table whose IRIs are shown by their label. Nothing
// from the server is put in the page as HTML: textContent and setAttribute only.

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set([
  "integer", "decimal", "double", "float", "int", "long", "short", "byte",
  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
  "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
].map((local) => XSD + local));
export const PAGE_SIZES = [25, 100, 500, 1000];

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

/** The query without comments, strings and IRIs (each replaced by a space), to scan it. */
export function stripQuery(query) {
  return query.replace(/#[^\n]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>/g, " ");
}

/**
 * The columns in the query's order. An explicit projection is kept as the server gives it;
 * for `SELECT *` (which the engine answers in alphabetical order) the variables are put in
 * the order they first appear in the query after SELECT.
 */
export function queryOrder(query, vars) {
  const text = stripQuery(query);
  const select = /\bSELECT\b/i.exec(text); // the outer query's (sub-queries come later)
  if (!select || !/^SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*/i.test(text.slice(select.index))) return vars;
  const seen = [];
  for (const match of text.slice(select.index).matchAll(/[?$]([\p{L}\p{N}_]+)/gu)) {
    if (vars.includes(match[1]) && !seen.includes(match[1])) seen.push(match[1]);
  }
  return [...seen, ...vars.filter((v) => !seen.includes(v))];
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

function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%": show it as it is
  }
}

/** The last segment of an IRI's path or its fragment. */
export function localName(iri) {
  const match = /[^/#:]+$/.exec(iri.replace(/[/#]+$/, ""));
  return match ? decoded(match[0]) : iri;
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

/**
 * An IRI's name for people: its label in `lang` (from `labels`, a Labels cache), else in the
 * other language (marked), else its path under the data base, its compact form for
 * vocabulary IRIs, or its local name.
 * Returns {text, lang, fallback}.
 */
export function iriName(iri, labels, lang, config) {
  const found = labels ? labels.get(iri) : null;
  if (found) {
    if (found[lang]) return { text: found[lang], lang, fallback: false };
    const other = lang === "ja" ? "en" : "ja";
    if (found[other]) return { text: found[other], lang: other, fallback: true };
  }
  // No label: a data IRI by its path under the base (record/…/58/1 says more than "1"),
  // a vocabulary IRI by its compact form, anything else by its local name.
  if (iri.startsWith(config.base)) return { text: decoded(iri.slice(config.base.length)), lang: "", fallback: false };
  const compact = compactIri(iri, config.prefixes);
  if (compact !== iri) return { text: compact, lang: "", fallback: false };
  return { text: localName(iri), lang: "", fallback: false };
}

function termCell(term, view) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = hrefFor(term.value, view.config);
    const node = document.createElement(href ? "a" : "span");
    if (href) node.setAttribute("href", href);
    node.title = term.value;
    node.className = "iri";
    node.dataset.iri = term.value;
    if (view.showIris) {
      node.textContent = compactIri(term.value, view.config.prefixes);
    } else {
      const name = iriName(term.value, view.labels, view.lang, view.config);
      node.textContent = name.text;
      if (name.lang) node.lang = name.lang;
      if (name.fallback) node.classList.add("fallback");
    }
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

// A button that runs `onClick`, with the given attributes (id, class, aria-label…).
export function button(text, onClick, attributes = {}) {
  const node = document.createElement("button");
  node.type = "button";
  node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.addEventListener("click", onClick);
  return node;
}

/**
 * A sortable table of every row, a page at a time. `view` = {config, lang, labels, t,
 * showIris, pageSize, page, onPage, onPageSize}; `onPage(iris, page)` is called with the IRIs
 * put in the page (so that their labels can be fetched). Returns {refresh()} to redraw after labels arrive.
 */
export function renderTable(container, result, view) {
  container.replaceChildren();
  const state = { column: null, descending: false, page: view.page ?? 0, size: view.pageSize ?? PAGE_SIZES[0], filter: "" };
  const sorted = result.rows.map((_, i) => i);
  let order = sorted;
  // What a row is found by: its values, and the names shown for its IRIs.
  const haystack = (index) => result.vars.map((v) => {
    const term = result.rows[index][v];
    if (!term) return "";
    if (term.type !== "uri") return term.value;
    return `${term.value} ${iriName(term.value, view.labels, view.lang, view.config).text}`;
  }).join("\u0000").toLowerCase();
  const applyFilter = () => {
    const needle = state.filter.trim().toLowerCase();
    order = needle ? sorted.filter((index) => haystack(index).includes(needle)) : sorted;
  };
  const table = document.createElement("table");
  table.className = "results";
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const pager = document.createElement("div");
  pager.className = "pager";
  const pages = () => Math.max(1, Math.ceil(order.length / state.size));
  const filter = document.createElement("input");
  filter.type = "search";
  filter.className = "table-filter";
  filter.placeholder = view.t("filter");
  filter.setAttribute("aria-label", view.t("filter"));
  filter.addEventListener("input", () => {
    state.filter = filter.value;
    applyFilter();
    state.page = 0;
    fill();
  });

  const fill = () => {
    state.page = Math.min(state.page, pages() - 1);
    body.replaceChildren();
    const start = state.page * state.size;
    const iris = new Set();
    for (const index of order.slice(start, start + state.size)) {
      const tr = body.insertRow();
      for (const v of result.vars) {
        const term = result.rows[index][v];
        if (term && term.type === "uri") iris.add(term.value);
        tr.append(termCell(term, view));
      }
    }
    renderPager(start);
    if (view.onPage) view.onPage([...iris], state.page);
  };

  const renderPager = (start) => {
    const end = Math.min(order.length, start + state.size);
    const info = document.createElement("span");
    info.className = "page-info";
    info.textContent = view.t("page_of", {
      from: (order.length ? start + 1 : 0).toLocaleString(), to: end.toLocaleString(),
      n: order.length.toLocaleString(), page: state.page + 1, pages: pages(),
    });
    const go = (page) => () => { state.page = page; fill(); };
    const first = button("«", go(0), { class: "page-first", "aria-label": view.t("page_first") });
    const prev = button("‹", go(state.page - 1), { class: "page-prev", "aria-label": view.t("page_prev") });
    const next = button("›", go(state.page + 1), { class: "page-next", "aria-label": view.t("page_next") });
    const last = button("»", go(pages() - 1), { class: "page-last", "aria-label": view.t("page_last") });
    first.disabled = prev.disabled = state.page === 0;
    next.disabled = last.disabled = state.page >= pages() - 1;
    nav.replaceChildren(first, prev, info, next, last);
  };
  // The filter and the page size stay in place (and keep the focus) while pages are drawn.
  const nav = document.createElement("span");
  nav.className = "page-nav";
  const sizeLabel = document.createElement("label");
  sizeLabel.textContent = `${view.t("page_size")} `;
  const size = document.createElement("select");
  size.className = "page-size";
  for (const n of PAGE_SIZES) size.append(new Option(String(n), String(n), false, n === state.size));
  size.addEventListener("change", () => {
    const firstRow = state.page * state.size;
    state.size = Number(size.value);
    state.page = Math.floor(firstRow / state.size);
    if (view.onPageSize) view.onPageSize(state.size);
    fill();
  });
  sizeLabel.append(size);
  pager.append(nav, filter, sizeLabel);

  result.vars.forEach((v) => {
    const th = document.createElement("th");
    th.scope = "col";
    const sort = button(v, () => {
      state.descending = state.column === v ? !state.descending : false;
      state.column = v;
      sorted.sort((a, b) => {
        const cmp = compareTerms(result.rows[a][v], result.rows[b][v]);
        const bothBound = result.rows[a][v] && result.rows[b][v];
        return (state.descending && bothBound ? -cmp : cmp) || a - b;
      });
      for (const other of head.cells) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      applyFilter();
      state.page = 0;
      fill();
    }, { class: "sort", title: view.t("sort_hint") });
    th.append(sort);
    th.setAttribute("aria-sort", "none");
    head.append(th);
  });
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.append(table);
  container.append(pager, wrap);
  fill();
  return {
    refresh() {
      for (const node of body.querySelectorAll("[data-iri]")) {
        if (view.showIris) continue;
        const name = iriName(node.dataset.iri, view.labels, view.lang, view.config);
        node.textContent = name.text;
        node.lang = name.lang;
        node.classList.toggle("fallback", name.fallback);
      }
    },
  };
}
