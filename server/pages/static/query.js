// The query page: gallery, editor (completion, error marks), run and cancel, history,
// results in the views their shape allows, downloads, shareable URL, Japanese / English.
// Configuration comes from the page (#kyotei-config); nothing is fetched but this server.

import { attachLiveCheck } from "./check.js";
import { attachCompletion, declaredPrefixes } from "./completion.js";
import { createEditor } from "./editor.js";
import { clearHistory, loadHistory, remember, summary } from "./history.js";
import { Labels } from "./labels.js";
import { button as actionButton, fromNTriples, fromSparqlJson, queryOrder, stripQuery } from "./results.js";
import { createResultView } from "./resultview.js";
import { STRINGS } from "./strings.js";

const config = JSON.parse(document.getElementById("kyotei-config").textContent);
for (const lang of Object.keys(STRINGS)) config.messages[lang] = { ...config.messages[lang], ...STRINGS[lang] };
const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
const $ = (id) => document.getElementById(id);
const staticRoot = new URL(document.querySelector('script[src$="/static/query.js"]').src).pathname.replace(/\/query\.js$/, "");
let lang = config.lang;
let current = null; // { query, result, form, ms, truncated }
let chosenExample = null;
let running = null; // the AbortController of the query in flight

function t(key, params = {}) {
  const text = config.messages[lang][key] ?? config.messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

const editor = createEditor($("query"), $("highlight"), { onRun: run, marks: $("marks") });
attachCompletion($("query"), $("editor-wrap"), {
  vocabulary: config.vocabulary, prefixes: config.prefixes, lang: () => lang,
}, () => editor.render());
const liveCheck = attachLiveCheck({
  url: config.check, editor, textarea: $("query"), note: $("check-note"), t,
  onDeclare: (prefix, ns) => {
    editor.value = `PREFIX ${prefix}: <${ns}>\n${editor.value}`;
    editor.focus();
    liveCheck.check();
  },
});
const labels = new Labels(config.endpoint, config.prefixes, config.vocabulary);
const isoCodes = fetch(`${staticRoot}/vendor/country-codes.json`).then((r) => r.json())
  .then((json) => new Set(Object.keys(json.codes))).catch(() => new Set());
const results = createResultView({ config, t, lang: () => lang, labels, staticRoot, isoCodes }, {
  tabs: $("tabs"), table: $("table-view"), other: $("chart-view"),
});

// --- language ---------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
  const toggle = $("lang-toggle");
  toggle.textContent = t("lang_switch");
  toggle.setAttribute("href", `?lang=${lang === "ja" ? "en" : "ja"}`);
  renderGallery();
  renderHistory();
  if (current) {
    setStatus(statusLine(), "ok");
    results.relabel();
  }
}

$("lang-toggle").addEventListener("click", (event) => {
  event.preventDefault();
  lang = lang === "ja" ? "en" : "ja";
  document.cookie = `kyotei_lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  applyLanguage();
});

// --- gallery and history ----------------------------------------------------------------------

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
      liveCheck.cancel();
      for (const other of list.querySelectorAll("button.example")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      editor.focus();
    });
    item.append(button);
    list.append(item);
  }
}

function renderHistory() {
  const list = $("history-list");
  const entries = loadHistory();
  list.replaceChildren(...entries.map((entry) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "history-entry";
    button.title = entry.query;
    const text = document.createElement("code");
    text.textContent = summary(entry.query);
    const meta = document.createElement("span");
    meta.className = "hint";
    meta.textContent = `${new Date(entry.at).toLocaleString(lang)}${entry.rows == null ? "" : ` · ${t("history_rows", { n: entry.rows.toLocaleString() })}`}`;
    button.append(text, meta);
    button.addEventListener("click", () => { editor.value = entry.query; liveCheck.cancel(); editor.focus(); });
    item.append(button);
    return item;
  }));
  $("history-empty").hidden = entries.length > 0;
  $("history-clear").hidden = entries.length === 0;
}

$("history-clear").addEventListener("click", () => { clearHistory(); renderHistory(); });

// --- running ----------------------------------------------------------------------------------

function setStatus(text, kind = "") {
  const status = $("status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

function statusLine() {
  const { result, ms, truncated, form } = current;
  if (form === "boolean") return `${t(result.boolean ? "ask_true" : "ask_false")} (${ms} ms)`;
  const line = t("rows_of", { n: result.rows.length.toLocaleString(), ms });
  return truncated ? `${line} — ${t("truncated", { n: Number(truncated).toLocaleString() })}` : line;
}

function errorText(text) {
  try {
    const json = JSON.parse(text);
    if (json && typeof json.detail === "string") return json.detail;
    if (json && typeof json.message === "string") return json.message;
  } catch {
    // not JSON: the server's message as it is
  }
  return text.trim();
}

/**
 * The undeclared prefix the parser stopped at: {name, index} of its use nearest before
 * `offset` (index -1 when only the message names it), or null.
 */
export function unknownPrefix(query, message, offset) {
  const screened = /undeclared prefix '([^']*)'/.exec(message);
  if (!screened && !/Prefix not found/i.test(message)) return null;
  const declared = declaredPrefixes(query);
  const text = stripQuery(query);
  let best = null;
  for (const match of text.matchAll(/(?<![\w?$:])([A-Za-z][\w-]*)?:(?=[\w\s{}().,;/|^!*+?=-]|$)/g)) {
    const name = match[1] ?? "";
    if (name in declared || /^(https?|urn|mailto)$/i.test(name)) continue;
    if (screened && name !== screened[1]) continue;
    if (best !== null && match.index > offset) break;
    best = { name, index: match.index };
  }
  return best ?? (screened ? { name: screened[1], index: -1 } : null);
}

function showError(title, detail = "", extra = []) {
  current = null;
  results.clear();
  setStatus(`${t("error")}: ${title}`, "error");
  $("result-bar").hidden = true;
  const parts = [...extra];
  if (detail) {
    const pre = document.createElement("pre");
    pre.className = "error-detail";
    pre.textContent = detail;
    parts.push(pre);
  }
  $("table-view").replaceChildren(...parts);
  $("chart-view").replaceChildren();
  $("chart-view").hidden = true;
  $("table-view").hidden = false;
}

function showQueryError(query, message) {
  const at = /error at (\d+):(\d+)/.exec(message);
  const offset = at ? editor.markError(Number(at[1]), Number(at[2])) : -1;
  const where = at ? ` (${t("error_at", { line: at[1], column: at[2] })})` : "";
  const unknown = unknownPrefix(query, message, offset);
  const prefix = unknown ? unknown.name : null;
  if (unknown && unknown.index >= 0) editor.markOffset(unknown.index); // the name, not past it
  const extra = [];
  if (at) {
    extra.push(actionButton(t("go_to_error"),
      () => editor.goTo(unknown && unknown.index >= 0 ? unknown.index : offset), { id: "go-to-error" }));
  }
  if (prefix !== null) {
    const ns = config.prefixes[prefix];
    const line = t("unknown_prefix", { prefix, ns: ns ?? "…" });
    const parts = [];
    if (ns) {
      parts.push(actionButton(t("add_prefix"), () => {
        editor.value = `PREFIX ${prefix}: <${ns}>\n${editor.value}`;
        editor.focus();
      }, { id: "declare-prefix" }));
    }
    const details = document.createElement("details");
    const summaryNode = document.createElement("summary");
    summaryNode.textContent = t("parser_detail");
    const pre = document.createElement("pre");
    pre.className = "error-detail";
    pre.textContent = message;
    details.append(summaryNode, pre);
    showError(line + where, "", [...extra, ...parts, details]);
    return;
  }
  showError(`${t("syntax_error")}${where}`, message, extra);
}

async function run() {
  if (running) running.abort();
  const query = editor.value;
  const controller = new AbortController();
  running = controller;
  liveCheck.cancel(); // the run reports its own errors
  editor.clearError();
  setStatus(t("running"), "running");
  $("run").disabled = true;
  $("cancel").hidden = false;
  const started = performance.now();
  try {
    const response = await fetch(config.endpoint, {
      method: "POST",
      headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: new URLSearchParams({ query }),
      signal: controller.signal,
    });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    updateUrl(query);
    if (!response.ok) {
      remember(query, null);
      renderHistory();
      if (response.status === 400) showQueryError(query, errorText(text));
      else showError(`${response.status} ${response.statusText}`, errorText(text));
      return;
    }
    const type = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    let result;
    let form;
    if (type === "application/sparql-results+json" || type === "application/json") {
      result = fromSparqlJson(JSON.parse(text));
      form = result.kind === "boolean" ? "boolean" : "bindings";
      result.vars = queryOrder(query, result.vars);
    } else if (type === "application/n-triples") {
      result = fromNTriples(text);
      form = "graph";
    } else {
      showError(type || "?", text.slice(0, 2000));
      return;
    }
    current = { query, result, form, ms, truncated: response.headers.get("kyotei-result-truncated") };
    remember(query, result.rows.length);
    renderHistory();
    showResult();
  } catch (error) {
    if (running !== controller) return; // replaced by a newer run: that one reports
    if (error.name === "AbortError") showError(t("cancelled"), t("cancel_note"));
    else showError(t("network_error"), String(error));
  } finally {
    if (running === controller) {
      running = null;
      $("run").disabled = false;
      $("cancel").hidden = true;
    }
  }
}

$("run").addEventListener("click", run);
$("cancel").addEventListener("click", () => { if (running) running.abort(); });

function showResult() {
  $("result-bar").hidden = false;
  renderDownloads(current.query, current.form);
  setStatus(statusLine(), "ok");
  const { result } = current;
  if (current.form === "boolean") {
    const answer = document.createElement("p");
    answer.className = `ask ${result.boolean}`;
    answer.textContent = String(result.boolean);
    $("tabs").replaceChildren();
    $("table-view").replaceChildren(answer);
    $("table-view").hidden = false;
    $("chart-view").hidden = true;
  } else if (result.rows.length === 0) {
    const none = document.createElement("p");
    none.className = "empty";
    none.textContent = t("no_results");
    $("tabs").replaceChildren();
    $("table-view").replaceChildren(none);
    $("table-view").hidden = false;
    $("chart-view").hidden = true;
  } else {
    results.show(current);
  }
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
