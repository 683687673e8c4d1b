// The answer and the moments that answer a question, with the question's words emphasised.
import { problemText, transcript } from "./api.js";
import { clock, el, h, setStatus } from "./dom.js";
import { focusChapter, hideOutline, showOutline } from "./outline.js";
import { timeLink } from "./player.js";
import { state } from "./state.js";

/** Seconds of transcript shown before and after a passage by "More context". */
const CONTEXT_SECONDS = 90;

/** Hides the answer and the moments. */
export function clearResults() {
  el("answer").hidden = true;
  el("results-section").hidden = true;
  el("results").replaceChildren();
  hideOutline();
}

/** Shows the answer of POST /api/ask to q; info is the server's (GET /api/info). */
export function render(q, data, info) {
  const passages = Array.isArray(data.passages) ? data.passages : [];
  const terms = queryTerms(q, info.stopWords);

  if (passages.length === 0) {
    setStatus(
      "empty",
      h("span", {
        "data-testid": "no-results",
        text:
          "No passage matches this question" +
          (el("lecture").value ? " in this lecture" : "") +
          ". Try other words, or all lectures.",
      }),
    );
    clearResults();
    return;
  }

  setStatus(null);
  renderAnswer(data, terms);
  el("results").replaceChildren(...passages.map((p, i) => renderPassage(p, i, terms, info)));
  el("results-heading").textContent = data.confident
    ? "Moments that answer it"
    : "Closest moments, for what they are worth";
  el("results-section").hidden = false;
  showOutline(el("lecture").value || passages[0].lectureId, passages);
}

function renderAnswer(data, terms) {
  const answerBox = el("answer");
  const answer = data.answer;
  if (!data.confident) {
    answerBox.className = "answer answer-unsure";
    answerBox.replaceChildren(
      h("h2", {
        id: "answer-heading",
        "data-testid": "not-confident",
        text: "The lecture doesn't seem to answer this.",
      }),
      h("p", {
        text: "Nothing said in the lectures matches the question closely. The nearest passages are below; try asking in other words.",
      }),
    );
    answerBox.hidden = false;
    return;
  }
  if (!answer) {
    answerBox.hidden = true;
    return;
  }
  const source = (data.passages || []).find((p) => p.lectureId === answer.lectureId);
  const lecture = source ? { title: source.lectureTitle } : state.lectures.find((l) => l.id === answer.lectureId);
  answerBox.className = "answer";
  answerBox.replaceChildren(
    h("h2", { id: "answer-heading", text: "Answer" }),
    h("blockquote", { class: "answer-text", "data-testid": "answer" }, emphasise(answer.text, terms)),
    h(
      "p",
      { class: "meta" },
      timeLink(answer.startSeconds, answer.endSeconds, answer.link, lecture ? lecture.title : answer.lectureId),
      lecture ? h("span", { class: "lecture-title", text: lecture.title }) : null,
    ),
  );
  answerBox.hidden = false;
}

function renderPassage(p, index, terms, info) {
  const contextId = "context-" + index;
  const percent = Math.round(Math.max(0, Math.min(1, Number(p.score) || 0)) * 100);
  const moreButton = h("button", {
    type: "button",
    class: "quiet more",
    "aria-expanded": "false",
    "aria-controls": contextId,
    "data-testid": "more-context",
    text: "More context",
  });
  const context = h("div", { class: "context", id: contextId, hidden: true });
  moreButton.addEventListener("click", () => toggleContext(p, moreButton, context, info));

  return h(
    "li",
    { class: "result", "data-testid": "result", "data-lecture-id": p.lectureId },
    h(
      "div",
      { class: "result-head" },
      timeLink(p.startSeconds, p.endSeconds, p.link, p.lectureTitle),
      h("span", { class: "lecture-title", text: p.lectureTitle }),
      h(
        "span",
        { class: "relevance", title: "Relevance " + percent + "% (compared with the other results)" },
        h("span", { class: "visually-hidden", text: "Relevance " + percent + "%" }),
        h(
          "span",
          { class: "bar", "aria-hidden": "true" },
          h("span", { class: "fill", style: "width:" + percent + "%" }),
        ),
      ),
    ),
    p.chapter
      ? h(
          "p",
          { class: "result-chapter" },
          h("span", { class: "visually-hidden", text: "Chapter: " }),
          h("button", {
            type: "button",
            class: "linklike",
            "data-testid": "result-chapter",
            "data-chapter-index": p.chapter.index,
            title: "Show this chapter in the outline",
            text: "§ " + p.chapter.title,
            onclick: () => focusChapter(p.lectureId, p.chapter.index),
          }),
        )
      : null,
    h("p", { class: "passage" }, passageText(p, terms)),
    h("div", { class: "actions" }, moreButton),
    context,
  );
}

// ---------- emphasis ----------

/** Folds case and accents, as the words of the transcript are compared. */
function fold(word) {
  return word
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** The question's words worth emphasising: not the server's stop words, not single letters or digits. */
function queryTerms(q, stopWords) {
  const words = fold(q).match(/[\p{L}\p{N}]+/gu) || [];
  const terms = words.filter((w) => w.length >= 2 && !stopWords.has(w) && !/^\d$/.test(w));
  return { words: terms, stopWords };
}

/** Whether a word of the transcript matches a question word: same word, or same first five letters. */
function matches(word, terms) {
  const w = fold(word);
  if (w.length < 2 || terms.stopWords.has(w)) return false;
  return terms.words.some((t) => t === w || (t.length >= 5 && w.length >= 5 && t.slice(0, 5) === w.slice(0, 5)));
}

/** Text as nodes, with the words that match the question in <strong>. */
function emphasise(text, terms) {
  if (!terms.words.length) return [text];
  const nodes = [];
  const re = /[\p{L}\p{N}]+/gu;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (matches(m[0], terms)) {
      if (m.index > last) nodes.push(text.slice(last, m.index));
      nodes.push(h("strong", { class: "term", text: m[0] }));
      last = m.index + m[0].length;
    }
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** The passage with its highlight sentence in <mark> and the question's words emphasised. */
function passageText(p, terms) {
  const text = String(p.text || "");
  const highlight = String(p.highlight || "");
  const at = highlight ? text.indexOf(highlight) : -1;
  if (at < 0) return emphasise(text, terms);
  return [
    ...emphasise(text.slice(0, at), terms),
    h("mark", { "data-testid": "highlight" }, emphasise(highlight, terms)),
    ...emphasise(text.slice(at + highlight.length), terms),
  ];
}

// ---------- more context ----------

async function toggleContext(p, button, box, info) {
  const open = button.getAttribute("aria-expanded") === "true";
  if (open) {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.textContent = "More context";
    return;
  }
  button.setAttribute("aria-expanded", "true");
  button.textContent = "Less context";
  box.hidden = false;
  if (box.dataset.loaded) return;

  box.replaceChildren(h("p", { class: "hint", text: "Loading the transcript around this moment…" }));
  const from = Math.max(0, Math.floor(p.startSeconds - CONTEXT_SECONDS));
  // The API serves a window of at most info.maxTranscriptWindowSeconds.
  const to = Math.min(from + info.maxTranscriptWindowSeconds, Math.ceil(p.endSeconds + CONTEXT_SECONDS));
  try {
    const { response, data } = await transcript(p.lectureId, from, to);
    if (!response.ok) {
      box.replaceChildren(h("p", { class: "status-error inline", text: problemText(response, data) }));
      return;
    }
    const segments = Array.isArray(data.segments) ? data.segments : [];
    box.dataset.loaded = "true";
    box.replaceChildren(
      h("p", {
        class: "context-head",
        text: "Transcript " + clock(data.fromSeconds) + "–" + clock(data.toSeconds),
      }),
      h(
        "ol",
        { class: "segments", "data-testid": "context" },
        segments.map((s) => {
          const inside = s.endSeconds > p.startSeconds && s.startSeconds < p.endSeconds;
          return h(
            "li",
            { class: inside ? "segment inside" : "segment" },
            h("span", { class: "segment-time", text: clock(s.startSeconds) }),
            h("span", { class: "segment-text", text: s.text }),
          );
        }),
      ),
    );
  } catch (e) {
    box.replaceChildren(
      h("p", {
        class: "status-error inline",
        text: "The transcript could not be loaded: Lectern did not answer.",
      }),
    );
  }
}
