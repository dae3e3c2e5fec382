// A small SPARQL editor: a <textarea> the user types in, and a highlighted <pre> kept under
// it, in sync (same text, same metrics, same scroll); a second <pre> under both marks where
// the parser stopped. No dependency, works offline.

const KEYWORDS = new Set([
  "BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED",
  "GRAPH", "OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "VALUES", "SERVICE", "SILENT",
  "AS", "DISTINCT", "REDUCED", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET", "GROUP",
  "HAVING", "NOT", "EXISTS", "IN", "UNDEF", "TRUE", "FALSE", "A",
]);
const FUNCTIONS = new Set([
  "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "STR", "LANG",
  "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL", "FLOOR",
  "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS",
  "STRENDS", "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS",
  "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512",
  "COALESCE", "IF", "STRLANG", "STRDT", "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
  "ISNUMERIC", "REGEX", "SUBSTR", "REPLACE",
]);

// One alternation, tried left to right at each position. Order matters: comments and strings
// first (they may contain anything), IRIs before the "<" operator, variables before "?".
const TOKEN = new RegExp([
  "(#[^\\n]*)",                                                       // 1 comment
  "(\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$)" +
    "|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)",          // 2 string
  "(<[^<>\"{}|^`\\\\\\s]*>)",                                          // 3 IRI
  "([?$][\\p{L}\\p{N}_]+)",                                           // 4 variable
  "(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",                                  // 5 language tag
  "((?:[\\p{L}][\\p{L}\\p{N}_.-]*)?:(?:[\\p{L}\\p{N}_:%-]|\\\\.|\\.(?=[\\p{L}\\p{N}_:]))*)", // 6 prefixed name
  "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)",                // 7 number
  "([\\p{L}_][\\p{L}\\p{N}_]*)",                                      // 8 word
  "(\\^\\^|[{}()\\[\\].,;*/|!=<>&+-])",                               // 9 punctuation
].join("|"), "gu");

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Highlighted HTML for SPARQL text: every piece of the input is escaped. */
export function highlight(text) {
  let html = "";
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    if (match[0] === "") { TOKEN.lastIndex += 1; continue; }
    html += escapeHtml(text.slice(last, match.index));
    let kind = "";
    if (match[1] !== undefined) kind = "comment";
    else if (match[2] !== undefined) kind = "string";
    else if (match[3] !== undefined) kind = "iri";
    else if (match[4] !== undefined) kind = "var";
    else if (match[5] !== undefined) kind = "lang";
    else if (match[6] !== undefined) kind = "pname";
    else if (match[7] !== undefined) kind = "number";
    else if (match[8] !== undefined) {
      const upper = match[8].toUpperCase();
      if (KEYWORDS.has(upper)) kind = "keyword";
      else if (FUNCTIONS.has(upper)) kind = "function";
    } else kind = "punct";
    const piece = escapeHtml(match[0]);
    html += kind ? `<span class="tok-${kind}">${piece}</span>` : piece;
    last = match.index + match[0].length;
  }
  html += escapeHtml(text.slice(last));
  // A trailing newline needs a character after it, or the <pre> is one line short.
  return html + "\n ";
}

/**
 * The offset in `text` (UTF-16 units, as the textarea counts) of a 1-based line and column
 * counted in characters (code points, as the SPARQL parser counts them).
 */
export function offsetOf(text, line, column) {
  const lines = text.split("\n");
  const index = Math.max(0, Math.min(lines.length, line) - 1);
  let offset = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
  const chars = Array.from(lines[index] ?? "");
  offset += chars.slice(0, Math.max(0, column - 1)).join("").length;
  return offset;
}

/** HTML for the marks layer: the text, invisible, with the error's token in a <mark>. */
function marksHtml(text, error) {
  if (!error) return escapeHtml(text) + "\n ";
  const start = Math.min(error.offset, text.length);
  const token = /^[^\s{}()\[\].,;]*/.exec(text.slice(start))[0];
  const end = start + Math.max(1, token.length);
  const marked = text.slice(start, end).replace(/\n/, " ") || " ";
  return `${escapeHtml(text.slice(0, start))}<mark class="error-mark" id="error-mark">${escapeHtml(marked)}</mark>${escapeHtml(text.slice(end))}\n `;
}

/** Wire a textarea and its pres together; returns a small API. */
export function createEditor(textarea, pre, { onRun, marks = null } = {}) {
  let error = null; // {offset}
  const sync = () => {
    for (const layer of [pre, marks]) {
      if (!layer) continue;
      layer.scrollTop = textarea.scrollTop;
      layer.scrollLeft = textarea.scrollLeft;
    }
  };
  const render = () => {
    pre.innerHTML = highlight(textarea.value);
    if (marks) marks.innerHTML = marksHtml(textarea.value, error);
    sync();
  };
  textarea.addEventListener("input", () => { error = null; render(); });
  textarea.addEventListener("scroll", sync);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (onRun) onRun();
    } else if (event.key === "Tab" && !event.shiftKey && !event.altKey) {
      // Two spaces, through the browser's own editing so that undo keeps working.
      event.preventDefault();
      if (!document.execCommand("insertText", false, "  ")) {
        const { selectionStart: start, selectionEnd: end, value } = textarea;
        textarea.value = value.slice(0, start) + "  " + value.slice(end);
        textarea.selectionStart = textarea.selectionEnd = start + 2;
      }
      render();
    }
  });
  // Fit the editor's height to a query put in it (between 10 and 40 lines); the user can
  // still resize it by hand.
  const fit = () => {
    const box = pre.parentElement;
    const style = window.getComputedStyle(textarea);
    const line = parseFloat(style.lineHeight) || 20;
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const lines = Math.min(40, Math.max(10, textarea.value.split("\n").length + 1));
    box.style.height = `${Math.ceil(lines * line + padding + 2)}px`;
  };
  render();
  fit();
  return {
    get value() { return textarea.value; },
    set value(text) {
      textarea.value = text;
      error = null;
      textarea.setSelectionRange(0, 0);
      textarea.scrollTop = 0;
      render();
      fit();
    },
    focus() { textarea.focus({ preventScroll: true }); },
    render,
    /** Mark the parser's error at a 1-based line and column of the text. */
    markError(line, column) {
      error = { offset: offsetOf(textarea.value, line, column) };
      render();
      return error.offset;
    },
    /** Mark the error at an offset of the text (UTF-16 units). */
    markOffset(offset) {
      error = { offset };
      render();
      return offset;
    },
    clearError() { error = null; render(); },
    /** Put the caret at `offset` and scroll it into view. */
    goTo(offset) {
      textarea.focus({ preventScroll: true });
      textarea.setSelectionRange(offset, offset);
      const style = window.getComputedStyle(textarea);
      const line = parseFloat(style.lineHeight) || 20;
      const row = textarea.value.slice(0, offset).split("\n").length - 1;
      textarea.scrollTop = Math.max(0, row * line - textarea.clientHeight / 2);
      sync();
    },
  };
}
