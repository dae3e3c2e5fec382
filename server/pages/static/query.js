// The query page: gallery, editor, run, results (table / chart), downloads, shareable URL,
// Japanese / English labels. Configuration comes from the page (#kyotei-config), so nothing
// is fetched but the endpoint itself.

import { createEditor } from "./editor.js";
import {
  fromNTriples, fromSparqlJson, labelColumns, numericColumns, renderChart, renderTable,
} from "./results.js";

const config = JSON.parse(document.getElementById("kyotei-config").textContent);
const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
const $ = (id) => document.getElementById(id);
let lang = config.lang;
let current = null; // { query, result, form, ms }
let view = "table";
let chosenExample = null;

function t(key, params = {}) {
  const text = config.messages[lang][key] ?? config.messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

const editor = createEditor($("query"), $("highlight"), { onRun: run });

// --- language ---------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
  const toggle = $("lang-toggle");
  toggle.textContent = t("lang_switch");
  toggle.setAttribute("href", `?lang=${lang === "ja" ? "en" : "ja"}`);
  renderGallery();
  if (current) showResult();
}

$("lang-toggle").addEventListener("click", (event) => {
  event.preventDefault();
  lang = lang === "ja" ? "en" : "ja";
  document.cookie = `kyotei_lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  applyLanguage();
});

// --- gallery ----------------------------------------------------------------------------------

function renderGallery() {
  const list = $("examples");
  list.replaceChildren();
  for (const example of config.examples) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "example";
    button.dataset.key = example.key;
    button.setAttribute("aria-pressed", String(example.key === chosenExample));
    const title = document.createElement("span");
    title.className = "ex-title";
    title.textContent = example.title[lang] ?? example.title.en;
    const description = document.createElement("span");
    description.className = "ex-desc";
    description.textContent = example.description[lang] ?? example.description.en;
    button.append(title, description);
    button.addEventListener("click", () => {
      chosenExample = example.key;
      editor.value = example.query;
      for (const other of list.querySelectorAll("button.example")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      editor.focus();
    });
    item.append(button);
    list.append(item);
  }
}

// --- running ----------------------------------------------------------------------------------

function setStatus(text, kind = "") {
  const status = $("status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

function errorMessage(text) {
  try {
    const json = JSON.parse(text);
    if (json && typeof json.detail === "string") return json.detail;
    if (json && typeof json.message === "string") return json.message;
  } catch {
    // not JSON: the server's message as it is
  }
  return text;
}

function showError(title, detail = "") {
  current = null;
  setStatus(`${t("error")}: ${title}`, "error");
  $("result-bar").hidden = true;
  const pre = document.createElement("pre");
  pre.className = "error-detail";
  pre.textContent = detail;
  $("table-view").replaceChildren(...(detail ? [pre] : []));
  $("chart-view").replaceChildren();
  $("chart-view").hidden = true;
  $("table-view").hidden = false;
}

async function run() {
  const query = editor.value;
  setStatus(t("running"), "running");
  $("run").disabled = true;
  const started = performance.now();
  try {
    const response = await fetch(config.endpoint, {
      method: "POST",
      headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: new URLSearchParams({ query }),
    });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    updateUrl(query);
    if (!response.ok) {
      showError(`${response.status} ${response.statusText}`, errorMessage(text));
      return;
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    let result;
    let form;
    if (type === "application/sparql-results+json" || type === "application/json") {
      result = fromSparqlJson(JSON.parse(text));
      form = result.kind === "boolean" ? "boolean" : "bindings";
    } else if (type === "application/n-triples") {
      result = fromNTriples(text);
      form = "graph";
    } else {
      showError(type || "?", text.slice(0, 2000));
      return;
    }
    current = { query, result, form, ms };
    showResult();
  } catch (error) {
    showError(t("network_error"), String(error));
  } finally {
    $("run").disabled = false;
  }
}

$("run").addEventListener("click", run);

// --- results ----------------------------------------------------------------------------------

function showResult() {
  const { result, form, ms } = current;
  $("result-bar").hidden = false;
  renderDownloads(current.query, form);
  const chartTab = $("tab-chart");
  if (form === "boolean") {
    setStatus(`${t(result.boolean ? "ask_true" : "ask_false")} (${ms} ms)`, "ok");
    const answer = document.createElement("p");
    answer.className = `ask ${result.boolean}`;
    answer.textContent = String(result.boolean);
    $("table-view").replaceChildren(answer);
    chartTab.disabled = true;
  } else {
    setStatus(t("rows_of", { n: result.rows.length.toLocaleString(), ms }), "ok");
    if (result.rows.length === 0) {
      const none = document.createElement("p");
      none.className = "empty";
      none.textContent = t("no_results");
      $("table-view").replaceChildren(none);
    } else {
      renderTable($("table-view"), result, config, config.messages[lang]);
    }
    chartTab.disabled = numericColumns(result).length === 0 || result.rows.length === 0;
  }
  chartTab.title = chartTab.disabled ? t("chart_unavailable") : "";
  setView(chartTab.disabled ? "table" : view);
}

function setView(name) {
  view = name;
  $("tab-table").setAttribute("aria-selected", String(name === "table"));
  $("tab-chart").setAttribute("aria-selected", String(name === "chart"));
  $("table-view").hidden = name !== "table";
  $("chart-view").hidden = name !== "chart";
  if (name === "chart") renderChartView();
}

$("tab-table").addEventListener("click", () => setView("table"));
$("tab-chart").addEventListener("click", () => setView("chart"));

function select(id, options, chosen, label) {
  const wrapper = document.createElement("label");
  wrapper.textContent = `${label} `;
  const element = document.createElement("select");
  element.id = id;
  for (const option of options) element.append(new Option(option, option, false, option === chosen));
  wrapper.append(element);
  return [wrapper, element];
}

function renderChartView(labelVar = null, valueVar = null) {
  const { result } = current;
  const numeric = numericColumns(result);
  const labels = labelColumns(result, lang);
  const value = valueVar ?? [...numeric].reverse().find((v) => v !== labels[0]) ?? numeric.at(-1);
  const labelChoices = [...labels, ...numeric.filter((v) => v !== value)];
  const label = labelVar && labelChoices.includes(labelVar) ? labelVar : labelChoices[0] ?? null;
  const [valueWrap, valueSelect] = select("chart-value", numeric, value, t("chart_value"));
  const [labelWrap, labelSelect] = select("chart-label", labelChoices, label, t("chart_label"));
  const controls = document.createElement("div");
  controls.className = "chart-controls";
  const note = document.createElement("span");
  note.className = "hint";
  controls.append(labelWrap, valueWrap, note);
  const figure = document.createElement("div");
  figure.className = "chart-wrap";
  $("chart-view").replaceChildren(controls, figure);
  const shown = renderChart(figure, result, label, value, config, {
    limit: 40, byLabel: numeric.includes(label),
  });
  if (shown < result.rows.length) note.textContent = t("chart_top", { n: shown });
  valueSelect.addEventListener("change", () => renderChartView(labelSelect.value, valueSelect.value));
  labelSelect.addEventListener("change", () => renderChartView(labelSelect.value, valueSelect.value));
}

function renderDownloads(query, form) {
  const container = $("downloads");
  container.replaceChildren();
  for (const format of config.formats[form] ?? []) {
    const link = document.createElement("a");
    const params = new URLSearchParams({ query, format: format.name });
    link.href = `${config.endpoint}?${params}`;
    link.setAttribute("download", `kyotei-results.${format.ext}`);
    link.dataset.format = format.name;
    link.textContent = format.label;
    container.append(link);
  }
}

// --- shareable URL ----------------------------------------------------------------------------

function shareUrl(query) {
  const url = new URL(window.location.href);
  url.search = "";
  url.hash = new URLSearchParams({ query }).toString();
  return url.toString();
}

function updateUrl(query) {
  const url = shareUrl(query);
  if (url !== window.location.href) window.history.replaceState(null, "", url);
  $("share-url").value = url;
}

$("share").addEventListener("click", async () => {
  const url = shareUrl(editor.value);
  $("share-url").value = url;
  try {
    await navigator.clipboard.writeText(url);
    $("share").textContent = t("share_copied");
    window.setTimeout(() => { $("share").textContent = t("share"); }, 1500);
  } catch {
    $("share-url").select(); // no clipboard access: select it for the user to copy
  }
});

function queryFromLocation() {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("query");
  return fromHash ?? new URLSearchParams(window.location.search).get("query");
}

window.addEventListener("hashchange", () => {
  const query = queryFromLocation();
  if (query !== null && query !== editor.value) {
    editor.value = query;
    run();
  }
});

// --- start ------------------------------------------------------------------------------------

applyLanguage();
const shared = queryFromLocation();
if (shared !== null) {
  editor.value = shared;
  run();
}
