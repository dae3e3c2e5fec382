// Query history: the last queries run on this page, newest first, kept in localStorage
// (this browser only; nothing is sent anywhere).

const KEY = "kyotei.history";
export const MAX_HISTORY = 50;

export function loadHistory() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((e) => e && typeof e.query === "string") : [];
  } catch {
    return []; // unreadable or blocked storage: no history rather than a broken page
  }
}

/** Put `query` first (once), with when it ran and how many rows it gave; keep the last 50. */
export function remember(query, rows) {
  const entries = loadHistory().filter((e) => e.query !== query);
  entries.unshift({ query, rows, at: new Date().toISOString() });
  try {
    window.localStorage.setItem(KEY, JSON.stringify(entries.slice(0, MAX_HISTORY)));
  } catch {
    // storage full or disabled: the history is a convenience, the query still ran
  }
  return entries.slice(0, MAX_HISTORY);
}

export function clearHistory() {
  try { window.localStorage.removeItem(KEY); } catch { /* nothing to clear */ }
}

/** A one-line summary of a query for the list: its first line that is not a PREFIX. */
export function summary(query) {
  const line = query.split("\n").map((l) => l.trim())
    .find((l) => l && !/^(PREFIX|BASE)\b/i.test(l)) ?? query.trim();
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}
