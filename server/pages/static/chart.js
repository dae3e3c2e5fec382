// Charts in inline SVG with d3 (vendor/d3.min.js, a global): horizontal bars for one or
// several number columns by a label column, and a timeline of counts (or sums) per year.

import { isNumericTerm } from "./results.js";
import { yearOf } from "./views.js";

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#3d73c4", "#e08a2c", "#3a9e6a", "#b04a8f", "#7a68c4", "#a8872b"];
let measurer = null;

function svg(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** `text` cut with an ellipsis to fit `width` pixels in the chart's font. */
export function fitText(text, width, font = "12px sans-serif") {
  measurer ??= document.createElement("canvas").getContext("2d");
  measurer.font = font;
  if (measurer.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measurer.measureText(chars.slice(0, mid).join("") + "…").width <= width) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join("") + "…";
}

function legend(chart, series, x, y) {
  series.forEach((name, i) => {
    chart.append(svg("rect", { x: x + i * 150, y: y - 9, width: 10, height: 10, fill: COLOURS[i % COLOURS.length] }));
    const label = svg("text", { x: x + i * 150 + 14, y, class: "axis legend-item" });
    label.textContent = name;
    chart.append(label);
  });
}

/**
 * Horizontal bars: `bars` = [{label, title, fallback, values: [..]}] for `series` names.
 * Returns the number of bars (rows) drawn.
 */
export function renderBars(container, bars, series) {
  const font = getComputedStyle(container).fontFamily || "sans-serif";
  const labelWidth = 240;
  const group = Math.max(18, series.length * 14);
  const rowHeight = group + 8;
  const width = 800;
  const top = 34;
  const height = top + bars.length * rowHeight + 8;
  const all = bars.flatMap((b) => b.values.filter(Number.isFinite));
  const x = window.d3.scaleLinear()
    .domain([Math.min(0, ...all), Math.max(0, ...all)]).nice()
    .range([labelWidth, width - 70]);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart bars" });
  legend(chart, series, labelWidth, 14);
  chart.append(svg("line", { x1: x(0), x2: x(0), y1: top - 4, y2: height - 4, class: "zero" }));
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const g = svg("g", { class: "bar" });
    const title = svg("title");
    title.textContent = `${bar.title}: ${series.map((s, k) => `${s} ${bar.values[k]}`).join(", ")}`;
    const label = svg("text", { x: labelWidth - 8, y: y + rowHeight / 2 + 4, "text-anchor": "end", class: "label" });
    label.textContent = fitText(bar.label, labelWidth - 16, `12px ${font}`);
    if (bar.fallback) label.classList.add("fallback");
    if (bar.lang) label.setAttribute("lang", bar.lang);
    g.append(title, label);
    bar.values.forEach((value, k) => {
      if (!Number.isFinite(value)) return;
      const h = (rowHeight - 8) / series.length;
      g.append(svg("rect", {
        x: Math.min(x(0), x(value)), y: y + 4 + k * h, height: Math.max(2, h - 1), rx: 2,
        width: Math.max(1, Math.abs(x(value) - x(0))), fill: COLOURS[k % COLOURS.length],
        "data-value": value,
      }));
      if (series.length === 1) {
        const text = svg("text", { x: Math.max(x(0), x(value)) + 6, y: y + rowHeight / 2 + 4, class: "value" });
        text.textContent = value.toLocaleString();
        g.append(text);
      }
    });
    chart.append(g);
  });
  container.replaceChildren(chart);
  return bars.length;
}

/**
 * Per year of `yearVar` (a date or a year), the sum of each of `valueVars`, or the number of
 * rows when there is none; every year between the first and the last is on the axis.
 */
export function perYear(result, yearVar, valueVars) {
  const sums = new Map();
  for (const row of result.rows) {
    const year = yearOf(row[yearVar]);
    if (!Number.isFinite(year)) continue;
    const entry = sums.get(year) ?? (valueVars.length ? valueVars.map(() => 0) : [0]);
    if (valueVars.length) {
      valueVars.forEach((v, k) => { if (isNumericTerm(row[v])) entry[k] += Number(row[v].value); });
    } else entry[0] += 1;
    sums.set(year, entry);
  }
  if (sums.size === 0) return [];
  const years = [...sums.keys()];
  const out = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year += 1) {
    out.push({ year, values: sums.get(year) ?? (valueVars.length ? valueVars.map(() => 0) : [0]) });
  }
  return out;
}

/** A timeline: a bar per year (grouped by series). Returns the number of years drawn. */
export function renderTimeline(container, points, series) {
  const d3 = window.d3;
  const width = 800;
  const height = 300;
  const margin = { top: 30, right: 20, bottom: 40, left: 50 };
  const x = d3.scaleBand().domain(points.map((p) => p.year)).range([margin.left, width - margin.right]).padding(0.15);
  const max = Math.max(1, ...points.flatMap((p) => p.values));
  const y = d3.scaleLinear().domain([0, max]).nice().range([height - margin.bottom, margin.top]);
  const root = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%")
    .attr("role", "img").attr("class", "chart timeline");
  const every = Math.ceil(points.length / 20);
  root.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(points.map((p) => p.year).filter((_, i) => i % every === 0)).tickFormat(String));
  root.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(Math.min(6, max)).tickFormat(d3.format("~d")));
  const band = x.bandwidth() / series.length;
  const years = root.append("g").selectAll("g").data(points).join("g").attr("class", "year")
    .attr("data-year", (p) => p.year);
  years.append("title").text((p) => `${p.year}: ${series.map((s, k) => `${s} ${p.values[k]}`).join(", ")}`);
  series.forEach((_, k) => {
    years.append("rect").attr("x", (p) => x(p.year) + k * band).attr("width", Math.max(1, band - 1))
      .attr("y", (p) => y(p.values[k])).attr("height", (p) => y(0) - y(p.values[k]))
      .attr("fill", COLOURS[k % COLOURS.length]).attr("data-value", (p) => p.values[k]);
  });
  const chart = root.node();
  legend(chart, series, margin.left, 14);
  container.replaceChildren(chart);
  return points.length;
}
