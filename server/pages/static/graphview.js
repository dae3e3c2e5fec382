// The graph view: nodes and edges from a CONSTRUCT / DESCRIBE result (its triples between
// resources) or from two IRI columns of a SELECT result (one edge per row), laid out with
// d3-force (vendor/d3.min.js), drawn in SVG with labels, pan and zoom; clicking a node opens
// its page.

export const MAX_NODES = 1500;

/**
 * {nodes: [{id, degree}], links: [{source, target, predicate}], labels: Map iri→{ja,en},
 * capped} from triples (`form` "graph") or from the `sourceVar` and `targetVar` columns.
 * `prefixes` (the page's) name the rdf:, rdfs: and skos: namespaces: rdf:type is no edge,
 * skos:prefLabel and rdfs:label give names.
 */
export function buildGraph(result, form, prefixes, sourceVar, targetVar) {
  const rdfType = `${prefixes.rdf}type`;
  const labelPredicates = new Set([`${prefixes.skos}prefLabel`, `${prefixes.rdfs}label`]);
  const nodes = new Map();
  const links = [];
  const labels = new Map();
  let capped = false;
  const node = (term) => {
    const id = term.type === "bnode" ? `_:${term.value}` : term.value;
    if (!nodes.has(id)) {
      if (nodes.size >= MAX_NODES) return null;
      nodes.set(id, { id, iri: term.type === "uri" ? term.value : null, degree: 0 });
    }
    return nodes.get(id);
  };
  const edge = (s, o, predicate) => {
    if (!s || !o || o.type === "literal" || s.type === "literal") return;
    const a = node(s);
    const b = node(o);
    if (!a || !b) { capped = true; return; }
    a.degree += 1;
    b.degree += 1;
    links.push({ source: a.id, target: b.id, predicate });
  };
  if (form === "graph") {
    for (const row of result.rows) {
      const { subject: s, predicate: p, object: o } = row;
      if (labelPredicates.has(p.value) && o.type === "literal") {
        const entry = labels.get(s.value) ?? {};
        const lang = (o["xml:lang"] ?? "").slice(0, 2);
        if (lang && !entry[lang]) entry[lang] = o.value;
        labels.set(s.value, entry);
      } else if (p.value !== rdfType) edge(s, o, p.value);
    }
  } else {
    for (const row of result.rows) edge(row[sourceVar], row[targetVar], null);
  }
  return { nodes: [...nodes.values()], links, labels, capped };
}

/**
 * Lay out and draw `graph`. `name(node)` gives {text, fallback}; `href(iri)` the page to open.
 * The layout is computed before drawing (a fixed number of ticks), so nothing moves after.
 */
export function renderGraph(container, graph, name, href) {
  const d3 = window.d3;
  const width = 900;
  const height = 620;
  const nodes = graph.nodes.map((n) => ({ ...n }));
  const links = graph.links.map((l) => ({ ...l }));
  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(nodes.length > 300 ? 40 : 90))
    .force("charge", d3.forceManyBody().strength(nodes.length > 300 ? -40 : -320))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.07))
    .force("collide", d3.forceCollide(nodes.length > 300 ? 8 : 24))
    .stop();
  const ticks = nodes.length > 500 ? 150 : 300;
  for (let i = 0; i < ticks; i += 1) simulation.tick();
  // Fit the drawing to the laid-out nodes (room on the right for labels).
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const w = Math.max(700, Math.max(...xs) - Math.min(...xs) + 220);
  const h = Math.max(420, Math.max(...ys) - Math.min(...ys) + 60);
  const box = { x: (Math.min(...xs) + Math.max(...xs)) / 2 - w / 2 + 70, y: (Math.min(...ys) + Math.max(...ys)) / 2 - h / 2, w, h };
  const root = d3.create("svg").attr("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`).attr("width", "100%")
    .attr("role", "img").attr("class", "graph");
  const layer = root.append("g").attr("class", "layer");
  layer.append("g").attr("class", "links").selectAll("line").data(links).join("line")
    .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
    .attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y)
    .append("title").text((l) => l.predicate ?? "");
  const labelled = new Set([...nodes].sort((a, b) => b.degree - a.degree).slice(0, 80).map((n) => n.id));
  const items = layer.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", "node").attr("transform", (n) => `translate(${n.x},${n.y})`)
    .attr("data-iri", (n) => n.iri ?? "");
  items.append("circle").attr("r", (n) => 4 + Math.sqrt(n.degree) * 2);
  items.append("title").text((n) => `${name(n).text}\n${n.iri ?? n.id}`);
  items.filter((n) => labelled.has(n.id)).append("text")
    .attr("x", (n) => 7 + Math.sqrt(n.degree) * 2).attr("y", 4)
    .attr("class", (n) => (name(n).fallback ? "fallback" : null))
    .text((n) => { const text = name(n).text; return text.length > 28 ? `${text.slice(0, 27)}…` : text; });
  items.on("click", (event, n) => {
    const target = n.iri && href(n.iri);
    if (target) window.location.assign(target);
  });
  root.call(d3.zoom().scaleExtent([0.2, 8]).on("zoom", (event) => layer.attr("transform", event.transform)));
  container.replaceChildren(root.node());
  return nodes.length;
}
