// The HTTP API as the page uses it: the key of a private Lectern, JSON bodies, problem+json errors, and what
// the server says about its own rules (GET /api/info), so that none of them is written again here.
import { askForKey } from "./key-dialog.js";

/** The key is kept for this tab's session only: never in the URL, never in localStorage. */
const KEY_STORAGE = "lectern.key";

/** fetch() with the key, if one was given; on 401 asks for a key (once for all waiting requests) and retries. */
export async function api(url, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const headers = Object.assign({}, options.headers, key ? { Authorization: "Bearer " + key } : {});
    const response = await fetch(url, Object.assign({}, options, { headers }));
    if (response.status !== 401 || attempt >= 3) return response;
    if (key && sessionStorage.getItem(KEY_STORAGE) === key) sessionStorage.removeItem(KEY_STORAGE);
    const entered = sessionStorage.getItem(KEY_STORAGE) || (await askForKey(Boolean(key)));
    if (!entered) return response;
    sessionStorage.setItem(KEY_STORAGE, entered);
  }
}

/** The JSON body, or null when there is none; an abort still throws. */
export async function readJson(response) {
  try {
    return await response.json();
  } catch (e) {
    if (e && e.name === "AbortError") throw e;
    return null;
  }
}

/** A problem+json body, in words: its detail, or its title, or the status. */
export function problemText(response, problem) {
  if (problem && typeof problem === "object") {
    const detail = typeof problem.detail === "string" ? problem.detail : "";
    const title = typeof problem.title === "string" ? problem.title : "";
    if (detail) return (title ? title + ": " : "") + detail;
    if (title) return title;
  }
  return "Lectern answered " + response.status + (response.statusText ? " " + response.statusText : "");
}

/** GET a JSON document; resolves with { response, data }. */
export async function getJson(url) {
  const response = await api(url, { headers: { Accept: "application/json" } });
  return { response, data: await readJson(response) };
}

/** The transcript of a lecture between two whole seconds. */
export function transcript(lectureId, from, to) {
  return getJson("/api/lectures/" + encodeURIComponent(lectureId) + "/transcript?from=" + from + "&to=" + to);
}

let info = null;

/**
 * GET /api/info, fetched once: the transcript window limit, the stop words and the example questions. When it
 * cannot be had, the page still works: no example questions, every question word emphasised, no window limit
 * applied before the server's own.
 */
export function serverInfo() {
  if (!info) {
    info = getJson("/api/info")
      .then(({ response, data }) => (response.ok && data ? data : {}))
      .catch(() => ({}))
      .then((data) => ({
        maxTranscriptWindowSeconds: Number(data.maxTranscriptWindowSeconds) || Infinity,
        stopWords: new Set(Array.isArray(data.stopWords) ? data.stopWords : []),
        examples: data.examples || null,
      }));
  }
  return info;
}
