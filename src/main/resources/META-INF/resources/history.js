// The question in the address bar, so it can be shared and Back works.

/** What the address bar asks for. */
export function readUrl() {
  const params = new URLSearchParams(location.search);
  return { q: (params.get("q") || "").trim(), lecture: params.get("lecture") || "" };
}

function urlFor(q, lecture) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (lecture) params.set("lecture", lecture);
  const search = params.toString();
  return "/" + (search ? "?" + search : "");
}

/**
 * Records the question in the address bar. A new question pushes a history entry so Back returns to the
 * previous one; refinements while typing replace the current entry, so Back skips half-typed questions.
 */
export function recordInUrl(q, lecture, mode) {
  const target = urlFor(q, lecture);
  if (target === location.pathname + location.search) return;
  const current = readUrl();
  if (mode === "push" || (mode === "typing" && !current.q)) {
    history.pushState({ q, lecture }, "", target);
  } else {
    history.replaceState({ q, lecture }, "", target);
  }
}
