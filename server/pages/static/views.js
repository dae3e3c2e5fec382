// Which views a result can be shown in, decided by its shape, as the Wikidata Query Service
// does: a number column and a label column make a bar chart, several numbers a multi-series
// chart, a year or date column with one row per value and a number a line, two number
// columns a scatter, a country column a map, a year or date column a timeline, a CONSTRUCT
// result or two IRI columns a graph. Only views that mean something are offered: columns named like line
// numbers, locators or identifiers are never charted.

import { isNumericTerm } from "./results.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const DATES = new Set(["date", "dateTime", "dateTimeStamp", "gYear", "gYearMonth"].map((l) => XSD + l));
const INTEGERS = new Set(["integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"].map((l) => XSD + l));
// Numbers that only locate or identify something: charting them says nothing.
const NOT_A_MEASURE = /(^|[_\-\s])(line|lines|locator|id|ids|identifier|row|index|seq|no|number|page)$|[a-z](Line|Locator|Id|Identifier|Index|Number)$/i;
const YEAR_NAME = /(^|[_\-\s])(year|yr)s?$|[a-z]Year$|年$/i;
const COUNTRY_NAME = /country|nation|iso|(^|[_\-\s])code$|国/i;

/** Marks a `#defaultView:Name` comment (as WDQS reads it) in the query, if any. */
export function requestedView(query) {
  const match = /#\s*defaultView:\s*(\w+)/i.exec(query);
  if (!match) return null;
  const name = match[1].toLowerCase();
  return { table: "table", barchart: "chart", chart: "chart", map: "map", graph: "graph",
    timeline: "timeline", linechart: "line", scatterchart: "scatter" }[name] ?? null;
}

function isYearValue(term) {
  if (!term || term.type !== "literal") return false;
  if (term.datatype === XSD + "gYear") return true;
  return INTEGERS.has(term.datatype) && /^-?\d{1,4}$/.test(term.value);
}

/** The year a date or year term stands for, or NaN. */
export function yearOf(term) {
  if (!term || term.type !== "literal") return NaN;
  const match = /^(-?\d{4})/.exec(term.value);
  if (DATES.has(term.datatype) && match) return Number(match[1]);
  if (isYearValue(term)) return Number(term.value);
  return NaN;
}

/**
 * Each column's profile: {name, bound, numeric, measure, iri, text, date, year, country,
 * distinct} (`distinct`: bound on every row, and no two rows share a value).
 * `countries` maps country IRIs to alpha-2 codes; `isoCodes` is the set of alpha-2 codes.
 */
export function profile(result, countries = new Map(), isoCodes = new Set()) {
  return result.vars.map((name) => {
    const terms = result.rows.map((row) => row[name]).filter(Boolean);
    const every = (test) => terms.length > 0 && terms.every(test);
    const numeric = every(isNumericTerm);
    const date = every((t) => t.type === "literal" && DATES.has(t.datatype));
    const year = date || (every(isYearValue) && YEAR_NAME.test(name));
    const iri = every((t) => t.type === "uri");
    const codeLiteral = every((t) => t.type === "literal" && isoCodes.has(t.value.toUpperCase()) && t.value.length === 2);
    const country = (iri && every((t) => countries.has(t.value))) || (codeLiteral && COUNTRY_NAME.test(name));
    return {
      name, bound: terms.length, numeric, date, year, iri, country,
      measure: numeric && !year && !NOT_A_MEASURE.test(name),
      text: every((t) => t.type === "literal" && !isNumericTerm(t) && !DATES.has(t.datatype)),
      distinct: terms.length === result.rows.length && new Set(terms.map((t) => t.value)).size === terms.length,
    };
  });
}

/**
 * Label columns for a chart, best first: text named for the page's language (name_en),
 * other text, then IRIs; never a column that only locates or identifies.
 */
export function labelColumns(columns, lang) {
  const score = (c) => {
    if (c.year && !c.date) return 1.5; // a year labels its bars well (06: agreements per year)
    if (c.text) return c.name.endsWith(`_${lang}`) ? 4 : (NOT_A_MEASURE.test(c.name) ? 1 : 3);
    if (c.iri) return 2;
    return 0;
  };
  return columns
    .map((c, i) => [c, score(c), i])
    .filter(([c, s]) => s > 0 && (!c.numeric || c.year))
    .sort((a, b) => b[1] - a[1] || a[2] - b[2])
    .map(([c]) => c.name);
}

/** The sibling of a language-suffixed column (name_en → name_ja), if the result has it. */
export function siblingColumn(vars, name) {
  const match = /^(.*)_(ja|en)$/.exec(name);
  if (!match) return null;
  const other = `${match[1]}_${match[2] === "ja" ? "en" : "ja"}`;
  return vars.includes(other) ? other : null;
}

/** The views that mean something for this result, in the order the tabs show them. */
export function availableViews(result, form, columns) {
  if (result.kind === "boolean") return ["table"];
  const views = ["table"];
  if (result.rows.length === 0) return views;
  const measures = columns.filter((c) => c.measure);
  const labels = columns.filter((c) => (c.text || c.iri) && !c.numeric);
  if (measures.length > 0 && (labels.length > 0 || columns.some((c) => c.year))) views.push("chart");
  if (measures.length > 0 && lineAxes(result, columns).length > 0 && result.rows.length > 1) views.push("line");
  if (measures.length > 1) views.push("scatter");
  if (columns.some((c) => c.year)) views.push("timeline");
  if (columns.some((c) => c.country)) views.push("map");
  const iris = columns.filter((c) => c.iri && !c.country);
  if (form === "graph" ? graphHasEdges(result) : iris.length >= 2) views.push("graph");
  return views;
}

export const MAX_LINES = 12;

/**
 * How a line can be drawn: [{x, split}] where `x` is a year or date column and `split` null
 * when each row has its own x, or a text or IRI column of at most MAX_LINES values that
 * makes (x, split) unique on every row (one line per value, as WDQS's legend column).
 */
export function lineAxes(result, columns) {
  const options = [];
  const categories = columns.filter((c) => (c.text || c.iri) && !c.numeric && c.bound === result.rows.length);
  for (const c of columns.filter((col) => (col.year || col.date) && col.bound === result.rows.length)) {
    if (c.distinct) options.push({ x: c.name, split: null });
    for (const split of categories) {
      const values = new Set(result.rows.map((row) => row[split.name].value));
      if (values.size < 2 || values.size > MAX_LINES) continue;
      const pairs = new Set(result.rows.map((row) => `${row[c.name].value}\u0000${row[split.name].value}`));
      if (pairs.size === result.rows.length) options.push({ x: c.name, split: split.name });
    }
  }
  return options;
}

function graphHasEdges(result) {
  return result.rows.some((row) => row.object && row.object.type !== "literal");
}

/** The view to open first: the query's #defaultView, else a graph for CONSTRUCT, else the table. */
export function defaultView(query, form, views) {
  const asked = requestedView(query);
  if (asked && views.includes(asked)) return asked;
  if (form === "graph" && views.includes("graph")) return "graph";
  return "table";
}
