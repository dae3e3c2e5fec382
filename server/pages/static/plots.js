// Line and scatter charts in inline SVG with d3 (vendor/d3.min.js, a global).
// A line: one or more number columns over an ordered x (a year, or a date on a time axis),
// one point per row, in x order. A scatter: one number column against another, one circle
// per distinct (x, y) with its size by how many rows fall there (counts pile up on the same
// integer points), and the rows' labels on hover.

import { isNumericTerm } from "./results.js";
import { yearOf } from "./views.js";

const COLOURS = ["#3d73c4", "#e08a2c", "#3a9e6a", "#b04a8f", "#7a68c4", "#a8872b"];
const XSD = "http://www.w3.org/2001/XMLSchema#";
const WIDTH = 800;
const HEIGHT = 360;
const MARGIN = { top: 34, right: 24, bottom: 52, left: 64 };
export const MAX_POINTS = 5000;

function number(term) {
  return isNumericTerm(term) ? Number(term.value) : NaN;
}

/** Where a row stands on the x axis: a year as a number, a date or dateTime as a Date. */
export function xValue(term) {
  if (!term || term.type !== "literal") return null;
  if (term.datatype === XSD + "date" || term.datatype === XSD + "dateTime" || term.datatype === XSD + "dateTimeStamp") {
    const when = new Date(term.datatype === XSD + "date" ? `${term.value.slice(0, 10)}T00:00:00Z` : term.value);
    return Number.isNaN(when.getTime()) ? null : when;
  }
  const year = yearOf(term);
  return Number.isFinite(year) ? year : null;
}

/** Rows as line points: [{x, values: [...]}] sorted by x; rows without an x are left out. */
export function linePoints(result, xVar, series) {
  const points = [];
  for (const row of result.rows) {
    const x = xValue(row[xVar]);
    if (x === null) continue;
    points.push({ x, values: series.map((v) => number(row[v])) });
  }
  return points.sort((a, b) => Number(a.x) - Number(b.x)).slice(0, MAX_POINTS);
}

/**
 * One line per value of the `split` column, for the number column `measure`:
 * {series: [label], points: [{x, values}]}, points sorted by x, NaN where a line has no row.
 */
export function splitLines(result, xVar, measure, split, labelOf) {
  const keys = [];
  const names = new Map();
  const byX = new Map();
  for (const row of result.rows) {
    const x = xValue(row[xVar]);
    if (x === null) continue;
    const key = row[split].value;
    if (!names.has(key)) { names.set(key, labelOf(row[split])); keys.push(key); }
    const at = byX.get(Number(x)) ?? { x, byKey: new Map() };
    at.byKey.set(key, number(row[measure]));
    byX.set(Number(x), at);
  }
  const points = [...byX.values()].sort((a, b) => Number(a.x) - Number(b.x)).slice(0, MAX_POINTS)
    .map((p) => ({ x: p.x, values: keys.map((k) => p.byKey.get(k) ?? NaN) }));
  return { series: keys.map((k) => names.get(k)), points };
}

/** Rows as scatter points, merged where they coincide: [{x, y, labels: [...], n}]. */
export function scatterPoints(result, xVar, yVar, labelOf) {
  const found = new Map();
  for (const row of result.rows) {
    const x = number(row[xVar]);
    const y = number(row[yVar]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const key = `${x}|${y}`;
    const point = found.get(key) ?? { x, y, labels: [], n: 0 };
    point.n += 1;
    if (point.labels.length < 12) point.labels.push(labelOf(row));
    found.set(key, point);
  }
  return [...found.values()].slice(0, MAX_POINTS);
}

function frame(d3, kind) {
  return d3.create("svg").attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).attr("width", "100%")
    .attr("role", "img").attr("class", `chart ${kind}`);
}

/** Ticks for a value axis: whole numbers only when the values are all whole (counts). */
function valueTicks(d3, scale, values, most) {
  const whole = values.every(Number.isInteger);
  const [low, high] = scale.domain();
  const count = whole ? Math.max(1, Math.min(most, Math.round(high - low))) : most;
  const format = d3.format(",~g");
  return { count, format: whole ? (v) => (Number.isInteger(v) ? format(v) : "") : format };
}

function axes(root, d3, x, y, titles, xFormat, yValues, xValues = null, xCount = null) {
  const [xTitle, yTitle] = titles;
  const bottom = HEIGHT - MARGIN.bottom;
  const most = Math.min(10, Math.floor((WIDTH - MARGIN.left - MARGIN.right) / 70));
  const xAxis = d3.axisBottom(x).ticks(xCount ? Math.min(most, xCount) : most);
  if (xValues) {
    const xTicks = valueTicks(d3, x, xValues, most);
    xAxis.ticks(xTicks.count).tickFormat(xTicks.format);
  } else if (xFormat) xAxis.tickFormat(xFormat);
  root.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${bottom})`).call(xAxis);
  const ticks = valueTicks(d3, y, yValues, 6);
  root.append("g").attr("class", "axis y-axis").attr("transform", `translate(${MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(ticks.count).tickFormat(ticks.format));
  root.append("g").attr("class", "grid").attr("transform", `translate(${MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(ticks.count).tickSize(-(WIDTH - MARGIN.left - MARGIN.right)).tickFormat(""));
  root.append("text").attr("class", "axis-title x-title").attr("x", (MARGIN.left + WIDTH - MARGIN.right) / 2)
    .attr("y", HEIGHT - 10).attr("text-anchor", "middle").text(xTitle);
  root.append("text").attr("class", "axis-title y-title").attr("transform", `translate(16,${(MARGIN.top + bottom) / 2}) rotate(-90)`)
    .attr("text-anchor", "middle").text(yTitle);
}

function legend(root, series) {
  if (series.length < 2) return;
  series.forEach((name, k) => {
    const item = root.append("g").attr("class", "legend-entry").attr("transform", `translate(${MARGIN.left + k * 160},8)`);
    item.append("rect").attr("width", 14).attr("height", 4).attr("y", 5).attr("fill", COLOURS[k % COLOURS.length]);
    item.append("text").attr("class", "legend-item").attr("x", 20).attr("y", 11).text(name);
  });
}

/**
 * A line per series over x. `xTitle` names the x column, `yTitle` the values (by default the
 * one series' name; with several the legend names them). Returns the number of points.
 */
export function renderLine(container, points, series, xTitle, yTitle = series.length === 1 ? series[0] : "") {
  const d3 = window.d3;
  const time = points.some((p) => p.x instanceof Date);
  const xs = points.map((p) => p.x);
  const x = (time ? d3.scaleUtc() : d3.scaleLinear()).domain(d3.extent(xs))
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  if (!time) x.nice();
  const all = points.flatMap((p) => p.values.filter(Number.isFinite));
  const y = d3.scaleLinear().domain([Math.min(0, ...all), Math.max(1, ...all)]).nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const root = frame(d3, "line");
  const integerYears = !time && xs.every(Number.isInteger);
  const span = integerYears ? Math.max(1, Math.round(x.domain()[1] - x.domain()[0])) : null;
  axes(root, d3, x, y, [xTitle, yTitle],
    integerYears ? (v) => (Number.isInteger(v) ? String(v) : "") : null, all, null, span);
  legend(root, series);
  const when = time ? d3.utcFormat("%Y-%m-%d") : String;
  series.forEach((name, k) => {
    const own = points.filter((p) => Number.isFinite(p.values[k]));
    const colour = COLOURS[k % COLOURS.length];
    const group = root.append("g").attr("class", "series").attr("data-series", name);
    group.append("path").attr("class", "line").attr("fill", "none").attr("stroke", colour).attr("stroke-width", 2)
      .attr("d", d3.line().x((p) => x(p.x)).y((p) => y(p.values[k]))(own));
    const dots = group.selectAll("circle").data(own).join("circle").attr("class", "point")
      .attr("cx", (p) => x(p.x)).attr("cy", (p) => y(p.values[k])).attr("r", own.length > 80 ? 2 : 3.5)
      .attr("fill", colour).attr("data-x", (p) => when(p.x)).attr("data-value", (p) => p.values[k]);
    dots.append("title").text((p) => `${xTitle} ${when(p.x)}: ${name} ${p.values[k].toLocaleString()}`);
  });
  container.replaceChildren(root.node());
  return points.length;
}

/** Circles of `points` (from scatterPoints) on two linear axes. Returns the number of rows. */
export function renderScatter(container, points, xTitle, yTitle) {
  const d3 = window.d3;
  const pad = (values) => {
    const [low, high] = d3.extent(values);
    return low === high ? [low - 1, high + 1] : [Math.min(0, low), high];
  };
  const x = d3.scaleLinear().domain(pad(points.map((p) => p.x))).nice().range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = d3.scaleLinear().domain(pad(points.map((p) => p.y))).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const root = frame(d3, "scatter");
  axes(root, d3, x, y, [xTitle, yTitle], null, points.map((p) => p.y), points.map((p) => p.x));
  const most = Math.max(1, ...points.map((p) => p.n));
  const radius = d3.scaleSqrt().domain([1, most]).range([4, most > 1 ? 16 : 4]);
  const dots = root.append("g").attr("class", "points").selectAll("circle").data(points).join("circle")
    .attr("class", "point").attr("cx", (p) => x(p.x)).attr("cy", (p) => y(p.y)).attr("r", (p) => radius(p.n))
    .attr("fill", COLOURS[0]).attr("fill-opacity", 0.55).attr("stroke", COLOURS[0])
    .attr("data-x", (p) => p.x).attr("data-y", (p) => p.y).attr("data-n", (p) => p.n);
  dots.append("title").text((p) => {
    const more = p.n > p.labels.length ? `\n… (+${p.n - p.labels.length})` : "";
    return `${xTitle} ${p.x}, ${yTitle} ${p.y} (${p.n})\n${p.labels.filter(Boolean).join("\n")}${more}`;
  });
  container.replaceChildren(root.node());
  return points.reduce((sum, p) => sum + p.n, 0);
}
