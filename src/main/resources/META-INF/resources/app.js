// Lectern's page: ask a question, see the moments that answer it, jump to them. Plain ES modules with no
// dependencies: this one asks and wires the page; api.js talks to Lectern, results.js and outline.js render,
// history.js keeps the question in the URL, key-dialog.js asks for the key of a private Lectern.
import { api, problemText, readJson, serverInfo } from "./api.js";
import { clock, el, h, setStatus } from "./dom.js";
import { readUrl, recordInUrl } from "./history.js";
import { initPlayer } from "./player.js";
import { clearResults, render } from "./results.js";
import { state } from "./state.js";

/** Milliseconds of typing pause before the question is asked. */
const DEBOUNCE_MS = 450;
/** Shortest question asked while typing; Enter asks any non-empty one. */
const MIN_TYPED_LENGTH = 3;
/** Passages asked for. */
const K = 5;

const form = el("search-form");
const input = el("q");
const lectureSelect = el("lecture");
const empty = el("empty");
const answerBox = el("answer");
const resultsSection = el("results-section");
const lecturesList = el("lectures");

let debounceTimer = 0;

// ---------- asking ----------

/** Asks the question in the box, recording it in the URL with the given history mode. */
function askFromForm(mode) {
  clearTimeout(debounceTimer);
  const q = input.value.trim();
  const lecture = lectureSelect.value;
  if (!q) {
    recordInUrl("", lecture, mode);
    showEmpty();
    return;
  }
  recordInUrl(q, lecture, mode);
  ask(q, lecture);
}

function showEmpty() {
  if (state.inFlight) state.inFlight.abort();
  state.inFlight = null;
  state.shown = { q: "", lecture: lectureSelect.value };
  setStatus(null);
  clearResults();
  empty.hidden = false;
  document.title = "Lectern: ask a lecture";
}

async function ask(q, lecture, force) {
  if (!force && state.shown.q === q && state.shown.lecture === lecture) return;
  state.shown = { q, lecture };
  if (state.inFlight) state.inFlight.abort();
  const controller = new AbortController();
  state.inFlight = controller;

  empty.hidden = true;
  document.title = q + " · Lectern";
  setStatus("loading", h("span", { class: "spinner", "aria-hidden": "true" }), "Looking through the lectures…");
  resultsSection.setAttribute("aria-busy", "true");
  resultsSection.classList.add("stale");
  answerBox.classList.add("stale");

  const body = { question: q, k: K };
  if (lecture) body.lectureId = lecture;
  try {
    const response = await api("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const data = await readJson(response);
    const info = await serverInfo();
    if (controller.signal.aborted) return;
    if (!response.ok) {
      showError(problemText(response, data));
      return;
    }
    render(q, data, info);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    showError("Lectern could not be reached. Is it still running?");
  } finally {
    if (state.inFlight === controller) {
      state.inFlight = null;
      resultsSection.removeAttribute("aria-busy");
      resultsSection.classList.remove("stale");
      answerBox.classList.remove("stale");
    }
  }
}

function showError(message) {
  state.shown = { q: null, lecture: null }; // asking again should retry
  clearResults();
  setStatus(
    "error",
    h("strong", { text: "Something went wrong. " }),
    h("span", { "data-testid": "error", text: message }),
  );
}

// ---------- lectures and examples ----------

async function loadLectures(selected) {
  try {
    const response = await api("/api/lectures", { headers: { Accept: "application/json" } });
    const data = await readJson(response);
    if (!response.ok || !Array.isArray(data)) {
      lecturesList.replaceChildren(
        h("li", { class: "hint", text: "The list of lectures could not be loaded: " + problemText(response, data) }),
      );
      return;
    }
    state.lectures = data;
  } catch (e) {
    lecturesList.replaceChildren(h("li", { class: "hint", text: "The list of lectures could not be loaded." }));
    return;
  }

  const options = [h("option", { value: "", text: "All lectures" })];
  for (const l of state.lectures) options.push(h("option", { value: l.id, text: l.title }));
  if (selected && !state.lectures.some((l) => l.id === selected)) {
    options.push(h("option", { value: selected, text: selected + " (unknown)" }));
  }
  lectureSelect.replaceChildren(...options);
  lectureSelect.value = selected || "";

  if (state.lectures.length === 0) {
    lecturesList.replaceChildren(
      h("li", { class: "hint", text: "No lectures yet. Add one with PUT /api/lectures/{id}." }),
    );
    return;
  }
  lecturesList.replaceChildren(
    ...state.lectures.map((l) =>
      h(
        "li",
        { "data-testid": "lecture" },
        h("button", {
          type: "button",
          class: "linklike",
          text: l.title,
          "aria-label": "Search only in " + l.title,
          onclick: () => {
            lectureSelect.value = l.id;
            input.focus();
            askFromForm("push");
          },
        }),
        h("span", { class: "duration", text: clock(l.durationSeconds) }),
        h("span", { class: "hint", text: l.passages + " passages" }),
      ),
    ),
  );
}

/** The example questions Lectern makes from a stored lecture's outline (GET /api/info). */
async function showExamples() {
  const { examples } = await serverInfo();
  if (!examples || !Array.isArray(examples.questions) || examples.questions.length === 0) {
    el("examples-heading").textContent = "Ask a question";
    el("examples-about").textContent = "Lectern answers with the moments of its lectures that say it.";
    return;
  }
  el("examples").replaceChildren(
    ...examples.questions.map((question) =>
      h(
        "li",
        {},
        h("button", {
          type: "button",
          class: "example",
          "data-testid": "example",
          text: question,
          onclick: () => {
            input.value = question;
            askFromForm("push");
            input.focus();
          },
        }),
      ),
    ),
  );
  el("examples-about").textContent = "They are about " + examples.lectureTitle + ".";
}

// ---------- wiring ----------

form.addEventListener("submit", (event) => {
  event.preventDefault();
  state.shown = { q: null, lecture: null }; // Enter always asks, even the same question again
  askFromForm("push");
});

input.addEventListener("input", () => {
  clearTimeout(debounceTimer);
  const q = input.value.trim();
  if (!q) {
    // The native clear button (or deleting everything) returns to the start, as a new history entry so
    // that Back brings the question back.
    askFromForm("push");
    return;
  }
  if (q.length < MIN_TYPED_LENGTH) return;
  debounceTimer = setTimeout(() => askFromForm("typing"), DEBOUNCE_MS);
});

// Escape empties the box and returns to the start (Chromium does this natively; other browsers may not).
input.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !input.value) return;
  event.preventDefault();
  input.value = "";
  askFromForm("push");
});

lectureSelect.addEventListener("change", () => {
  if (input.value.trim()) askFromForm("push");
  else recordInUrl("", lectureSelect.value, "replace");
});

// "/" jumps to the search box from anywhere but a text field.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return;
  event.preventDefault();
  input.focus();
  input.select();
});

window.addEventListener("popstate", () => applyUrl());

/** Shows what the address bar asks for (on load and on Back/Forward). */
function applyUrl() {
  clearTimeout(debounceTimer);
  const { q, lecture } = readUrl();
  input.value = q;
  if (state.lectures.length || !lecture) lectureSelect.value = lecture;
  if (lecture && lectureSelect.value !== lecture) {
    lectureSelect.append(h("option", { value: lecture, text: lecture + " (unknown)" }));
    lectureSelect.value = lecture;
  }
  if (q) ask(q, lecture);
  else showEmpty();
}

initPlayer();
// Ask at once rather than waiting for the list of lectures.
loadLectures(readUrl().lecture);
showExamples();
applyUrl();
