// Names of IRIs in Japanese and English, read from the endpoint with one small SPARQL query
// for the IRIs on screen (skos:prefLabel, then rdfs:label), and kept for the page's life.
// Also: which IRIs are countries, with their ISO 3166-1 alpha-2 code (skos:notation).

const CHUNK = 400; // IRIs per query: keeps the query far below the server's size limit

function iriRef(iri) {
  return /^[^<>"{}|^`\\\s]+$/.test(iri) ? `<${iri}>` : null;
}

async function select(endpoint, query, signal) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { Accept: "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
    body: new URLSearchParams({ query }),
    signal,
  });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  const json = await response.json();
  return json.results.bindings;
}

export class Labels {
  /** `prefixes`: the page's namespaces (skos:, rdfs: are used). */
  constructor(endpoint, prefixes, vocabulary = []) {
    this.endpoint = endpoint;
    this.skos = prefixes.skos;
    this.rdfs = prefixes.rdfs;
    this.names = new Map(); // iri -> {ja, en}
    this.asked = new Set();
    this.countries = new Map(); // iri -> alpha-2 code
    this.countryAsked = new Set();
    for (const term of vocabulary) this.names.set(term.iri, { ...term.label });
  }

  get(iri) {
    return this.names.get(iri) ?? null;
  }

  /** Fetch the labels of those `iris` not asked for yet; resolves to true if any arrived. */
  async fetch(iris, signal) {
    const wanted = iris.filter((iri) => !this.asked.has(iri) && iriRef(iri));
    if (wanted.length === 0) return false;
    for (const iri of wanted) this.asked.add(iri);
    let arrived = false;
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const values = wanted.slice(i, i + CHUNK).map(iriRef).join(" ");
      const query = `SELECT ?s ?p ?label WHERE {
  VALUES ?s { ${values} }
  VALUES ?p { <${this.skos}prefLabel> <${this.rdfs}label> }
  ?s ?p ?label FILTER(LANG(?label) IN ("ja", "en"))
}`;
      const rows = await select(this.endpoint, query, signal);
      // skos:prefLabel wins over rdfs:label: apply rdfs:label first, then overwrite.
      rows.sort((a, b) => (a.p.value.startsWith(this.skos) ? 1 : 0) - (b.p.value.startsWith(this.skos) ? 1 : 0));
      for (const row of rows) {
        const entry = this.names.get(row.s.value) ?? {};
        entry[row.label["xml:lang"].toLowerCase().slice(0, 2)] = row.label.value;
        this.names.set(row.s.value, entry);
        arrived = true;
      }
    }
    return arrived;
  }

  /** Which of `iris` are countries (typed kyotei:Country with a two-letter skos:notation). */
  async fetchCountries(iris, countryClass, signal) {
    const wanted = iris.filter((iri) => !this.countryAsked.has(iri) && iriRef(iri));
    for (const iri of wanted) this.countryAsked.add(iri);
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const values = wanted.slice(i, i + CHUNK).map(iriRef).join(" ");
      const query = `SELECT ?s ?code WHERE {
  VALUES ?s { ${values} }
  ?s a <${countryClass}> ; <${this.skos}notation> ?code .
}`;
      for (const row of await select(this.endpoint, query, signal)) {
        if (/^[A-Za-z]{2}$/.test(row.code.value)) this.countries.set(row.s.value, row.code.value.toUpperCase());
      }
    }
    return this.countries;
  }
}
