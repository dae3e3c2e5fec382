// The editor's check as you type: a moment after the user stops typing, the text is sent
// as it stands to the server's POST /check (a parse with the server's own parsers, nothing
// run), and the answer is marked in the editor at its line and column, with one line under
// it saying why; an undeclared prefix is named, with a button that declares it when kyotei
// knows its namespace. A busy server (429, 503) or a network failure marks nothing.

import { button } from "./results.js";

export const CHECK_DELAY_MS = 450;

/**
 * `options` = {url, editor, textarea, note, t(key, params), onDeclare(prefix, ns)}.
 * Returns {check(): Promise, cancel()} (check() checks now; used by tests and on load).
 */
export function attachLiveCheck({ url, editor, textarea, note, t, onDeclare }) {
  let timer = null;
  let inFlight = null;

  function clear() {
    note.hidden = true;
    note.replaceChildren();
    note.className = "check-note";
  }

  function show(answer) {
    const where = answer.line ? ` (${t("error_at", { line: answer.line, column: answer.column })})` : "";
    const parts = [];
    if (answer.prefix !== null && answer.prefix !== undefined) {
      const ns = answer.namespace ?? null;
      parts.push(document.createTextNode(t("unknown_prefix", { prefix: answer.prefix, ns: ns ?? "…" }) + where));
      if (ns) {
        parts.push(button(t("add_prefix"), () => onDeclare(answer.prefix, ns), { id: "check-declare" }));
      }
    } else {
      const head = answer.kind === "refused" ? t("check_refused") : t("syntax_error");
      parts.push(document.createTextNode(`${head}${where}: ${answer.message}`));
    }
    note.replaceChildren(...parts);
    note.className = `check-note ${answer.kind}`;
    note.hidden = false;
  }

  async function check() {
    const text = editor.value;
    if (inFlight) inFlight.abort();
    if (!text.trim()) { clear(); return; }
    const controller = new AbortController();
    inFlight = controller;
    let answer;
    try {
      const response = await fetch(url, {
        method: "POST", body: text, signal: controller.signal,
        headers: { "Content-Type": "application/sparql-query;charset=UTF-8", Accept: "application/json" },
      });
      if (!response.ok) return; // busy or refused: the run will say
      answer = await response.json();
    } catch {
      return; // aborted by a newer check, or offline
    } finally {
      if (inFlight === controller) inFlight = null;
    }
    if (editor.value !== text) return; // typed on meanwhile: a newer check follows
    if (answer.ok || answer.checked === false) { // a long text is checked when run
      editor.clearError();
      clear();
      return;
    }
    if (answer.line) editor.markError(answer.line, answer.column);
    show(answer);
  }

  textarea.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, CHECK_DELAY_MS);
  });
  return {
    check,
    cancel() { window.clearTimeout(timer); if (inFlight) inFlight.abort(); clear(); },
  };
}
