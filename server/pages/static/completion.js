// Completion in the editor: prefixes (after PREFIX, or a name before ":"), and the classes and
// properties of the ontology (kyotei:Agr… → kyotei:Agreement), from the page's configuration.
// Choosing a term whose prefix the query does not declare adds its PREFIX line.

const MAX_ITEMS = 12;

/** What is being typed before `caret`: {start, text, kind: "prefix"|"term"} or null. */
export function typedWord(value, caret) {
  const before = value.slice(0, caret);
  const line = before.slice(before.lastIndexOf("\n") + 1);
  const pname = /(?:^|[\s{}();,.^/|!])([A-Za-z][\w-]*)?:([\w-]*)$/.exec(line);
  if (pname) {
    return { start: caret - (pname[0].length - (/^[\s{}();,.^/|!]/.test(pname[0]) ? 1 : 0)), text: `${pname[1] ?? ""}:${pname[2]}`, kind: "term" };
  }
  const afterPrefix = /\bPREFIX\s+([A-Za-z][\w-]*)?$/i.exec(line);
  if (afterPrefix) return { start: caret - (afterPrefix[1] ?? "").length, text: afterPrefix[1] ?? "", kind: "prefix" };
  const word = /(?:^|[\s{}();,.^/|!])([A-Za-z][\w-]{1,})$/.exec(line);
  if (word) return { start: caret - word[1].length, text: word[1], kind: "word" };
  return null;
}

/** Declared prefixes of a query: {name: namespace}. */
export function declaredPrefixes(value) {
  const found = {};
  for (const match of value.matchAll(/\bPREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>/gi)) found[match[1] ?? ""] = match[2];
  return found;
}

/** Completion items for `word`: [{insert, label, detail, prefix}]. */
export function suggestions(word, vocabulary, prefixes, lang) {
  if (!word) return [];
  const lower = word.text.toLowerCase();
  if (word.kind === "prefix") {
    return Object.entries(prefixes)
      .filter(([name]) => name.toLowerCase().startsWith(lower))
      .map(([name, ns]) => ({ insert: `${name}: <${ns}>`, label: `${name}:`, detail: ns }))
      .slice(0, MAX_ITEMS);
  }
  const [typedPrefix, typedLocal] = word.kind === "term" ? lower.split(":") : [null, lower];
  const items = [];
  for (const term of vocabulary) {
    const [prefix, local] = term.term.split(":");
    const matches = word.kind === "term"
      ? (typedPrefix === "" || prefix.toLowerCase() === typedPrefix) && local.toLowerCase().startsWith(typedLocal)
      : local.toLowerCase().startsWith(lower) || term.term.toLowerCase().startsWith(lower);
    if (!matches) continue;
    const label = term.label[lang] ?? term.label.en ?? term.label.ja ?? "";
    const comment = term.comment[lang] ?? term.comment.en ?? term.comment.ja ?? "";
    items.push({ insert: term.term, label: term.term, detail: [term.kind === "class" ? "class" : "property", label].filter(Boolean).join(" · "), prefix, comment });
  }
  if (word.kind === "word") {
    for (const [name, ns] of Object.entries(prefixes)) {
      if (name.toLowerCase().startsWith(lower)) items.unshift({ insert: `${name}:`, label: `${name}:`, detail: ns, prefix: null });
    }
  }
  // Classes and kyotei's own terms first, then by name.
  const rank = (item) => (item.insert.startsWith("kyotei:") ? 0 : 1);
  return items.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label)).slice(0, MAX_ITEMS);
}

/** Wire completion to the editor's textarea. `options` = {vocabulary, prefixes, lang()}. */
export function attachCompletion(textarea, box, options, onChange) {
  const list = document.createElement("ul");
  list.className = "completions";
  list.id = "completions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  box.append(list);
  let items = [];
  let active = 0;
  let word = null;

  const close = () => { list.hidden = true; items = []; textarea.removeAttribute("aria-activedescendant"); };
  const accept = (item) => {
    const caret = textarea.selectionStart;
    textarea.setSelectionRange(word.start, caret);
    insert(textarea, item.insert);
    if (item.prefix && !(item.prefix in declaredPrefixes(textarea.value)) && options.prefixes[item.prefix]) {
      declare(textarea, item.prefix, options.prefixes[item.prefix]);
    }
    close();
    onChange();
  };
  const draw = () => {
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `completion-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      const name = document.createElement("span");
      name.className = "c-term";
      name.textContent = item.label;
      const detail = document.createElement("span");
      detail.className = "c-detail";
      detail.textContent = item.detail;
      li.append(name, detail);
      if (item.comment) li.title = item.comment; // the ontology's rdfs:comment
      li.addEventListener("mousedown", (event) => { event.preventDefault(); accept(item); });
      return li;
    }));
    textarea.setAttribute("aria-activedescendant", `completion-${active}`);
    const at = caretPoint(textarea);
    list.style.left = `${at.left}px`;
    list.style.top = `${at.top}px`;
    list.hidden = false;
  };
  const open = (explicit) => {
    word = typedWord(textarea.value, textarea.selectionStart);
    if (!word || (!explicit && word.kind === "word" && word.text.length < 3)) { close(); return; }
    items = suggestions(word, options.vocabulary, options.prefixes, options.lang());
    active = 0;
    if (items.length === 0) close(); else draw();
  };
  textarea.addEventListener("input", (event) => {
    if (event.inputType && event.inputType.startsWith("insert")) open(false); else close();
  });
  textarea.addEventListener("blur", close);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === " " && event.ctrlKey) { event.preventDefault(); open(true); return; }
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      draw();
    } else if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
      event.preventDefault();
      event.stopImmediatePropagation();
      accept(items[active]);
    } else if (event.key === "Escape") {
      close();
    }
  }, { capture: true });
  return { close };
}

function insert(textarea, text) {
  if (!document.execCommand("insertText", false, text)) {
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    textarea.value = value.slice(0, start) + text + value.slice(end);
    textarea.selectionStart = textarea.selectionEnd = start + text.length;
  }
}

/** Add `PREFIX name: <ns>` after the last PREFIX line (or at the top), keeping the caret. */
function declare(textarea, name, ns) {
  const caret = textarea.selectionStart;
  const value = textarea.value;
  let at = 0;
  for (const match of value.matchAll(/^[ \t]*PREFIX\b[^\n]*\n/gim)) at = match.index + match[0].length;
  const line = `PREFIX ${name}: <${ns}>\n`;
  textarea.setSelectionRange(at, at);
  insert(textarea, line);
  textarea.setSelectionRange(caret + line.length, caret + line.length);
}

/** Where the caret is, in pixels inside the editor box (measured with the textarea's font). */
function caretPoint(textarea) {
  const style = getComputedStyle(textarea);
  const before = textarea.value.slice(0, textarea.selectionStart);
  const lines = before.split("\n");
  const canvas = caretPoint.canvas ??= document.createElement("canvas");
  const context = canvas.getContext("2d");
  context.font = `${style.fontSize} ${style.fontFamily}`;
  const lineHeight = parseFloat(style.lineHeight) || 20;
  const left = parseFloat(style.paddingLeft) + context.measureText(lines.at(-1)).width - textarea.scrollLeft;
  const top = parseFloat(style.paddingTop) + lines.length * lineHeight - textarea.scrollTop + 2;
  return { left: Math.max(0, left), top };
}
