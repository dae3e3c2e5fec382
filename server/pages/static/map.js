// A choropleth world map in SVG: countries coloured by a number (or by how many rows name
// them), with a legend and tooltips. The outlines are Natural Earth 1:110m from the
// world-atlas package, decoded with topojson-client, both shipped in vendor/ (no tiles, no
// request outside this server). world-atlas keys countries by ISO 3166-1 numeric code; the
// alpha-2 → numeric table (vendor/country-codes.json) is generated from pycountry.

import { isNumericTerm } from "./results.js";

let loading = null;

/** The atlas's country features and the alpha-2 table, fetched once from this server. */
export function loadAtlas(staticRoot) {
  loading ??= Promise.all([
    fetch(`${staticRoot}/vendor/countries-110m.json`).then((r) => r.json()),
    fetch(`${staticRoot}/vendor/country-codes.json`).then((r) => r.json()),
  ]).then(([world, codes]) => ({
    features: window.topojson.feature(world, world.objects.countries).features,
    codes: codes.codes,
  }));
  return loading;
}

/**
 * Per alpha-2 code: the sum of `valueVar` (or the number of rows when null) over the rows
 * whose `countryVar` is that country (a code literal or a country IRI in `countries`).
 */
export function valuesByCountry(result, countryVar, valueVar, countries) {
  const totals = new Map();
  for (const row of result.rows) {
    const term = row[countryVar];
    if (!term) continue;
    const code = term.type === "uri" ? countries.get(term.value) : term.value.toUpperCase();
    if (!code) continue;
    const add = valueVar ? (isNumericTerm(row[valueVar]) ? Number(row[valueVar].value) : 0) : 1;
    totals.set(code, (totals.get(code) ?? 0) + add);
  }
  return totals;
}

/**
 * Draw the map of `totals` (alpha-2 → number). `names(code)` gives a country's name for the
 * tooltip. Returns {coloured, missing}: how many outlines got a colour, and the codes the
 * atlas has no outline for (too small at 1:110m, or not a country in Natural Earth).
 */
export function renderMap(container, atlas, totals, names, labelText) {
  const d3 = window.d3;
  const width = 900;
  const height = 470;
  const numericToCode = new Map(Object.entries(atlas.codes).map(([code, c]) => [c.numeric, code]));
  const values = [...totals.values()].filter((v) => v > 0);
  const max = Math.max(1, ...values);
  const min = Math.max(1, Math.min(max, ...values));
  // Log scale over the darker three quarters of the palette: the smallest value stays visible.
  const colour = d3.scaleSequentialLog((t) => d3.interpolateBlues(0.3 + 0.7 * t))
    .domain([min, max === min ? min + 1 : max]);
  const tint = (v) => colour(Math.max(min, v));
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 60]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const root = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%")
    .attr("role", "img").attr("class", "map");
  root.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  const drawn = new Set();
  root.append("g").selectAll("path").data(atlas.features).join("path")
    .attr("d", path)
    .attr("data-code", (f) => numericToCode.get(f.id) ?? "")
    .attr("class", (f) => (totals.has(numericToCode.get(f.id)) ? "country has-value" : "country"))
    .attr("fill", (f) => {
      const code = numericToCode.get(f.id);
      if (!totals.has(code)) return null;
      drawn.add(code);
      return tint(totals.get(code));
    })
    .append("title").text((f) => {
      const code = numericToCode.get(f.id);
      const name = (code && names(code)) || f.properties.name;
      return totals.has(code) ? `${name} (${code}): ${totals.get(code).toLocaleString()}` : name;
    });
  // The legend: a gradient from the smallest to the largest value (log scale).
  const defs = root.append("defs");
  const gradient = defs.append("linearGradient").attr("id", "map-legend-gradient");
  for (let i = 0; i <= 10; i += 1) {
    gradient.append("stop").attr("offset", `${i * 10}%`)
      .attr("stop-color", tint(min * (max / min) ** (i / 10)));
  }
  const legend = root.append("g").attr("class", "legend").attr("transform", `translate(20,${height - 40})`);
  legend.append("text").attr("y", -6).attr("class", "axis").text(labelText);
  legend.append("rect").attr("width", 240).attr("height", 12).attr("fill", "url(#map-legend-gradient)");
  legend.append("text").attr("y", 26).attr("class", "axis").text(min.toLocaleString());
  legend.append("text").attr("x", 240).attr("y", 26).attr("text-anchor", "end").attr("class", "axis")
    .text(max.toLocaleString());
  container.replaceChildren(root.node());
  const missing = [...totals.keys()].filter((code) => !drawn.has(code)).sort();
  return { coloured: drawn.size, missing };
}
