// Lectern's page: ask a question, see the moments that answer it, jump to them.
// Plain DOM code with no dependencies. Transcript and user text only ever reach the page as text nodes
// (textContent / createTextNode), never as HTML.
"use strict";

(function () {
  /** Milliseconds of typing pause before the question is asked. */
  const DEBOUNCE_MS = 450;
  /** Shortest question asked while typing; Enter asks any non-empty one. */
  const MIN_TYPED_LENGTH = 3;
  /** Seconds of transcript shown before and after a passage by "More context". */
  const CONTEXT_SECONDS = 90;
  /** Passages asked for. */
  const K = 5;

  const STOP_WORDS = new Set(
    ("a an and are as at be but by can do does did for from has have how i if in into is it its of on or " +
      "so that the their them then there these they this to was we what when where which who why will " +
      "with would you your about after before than today todays")
      .split(" ")
  );

  const el = (id) => document.getElementById(id);
  const form = el("search-form");
  const input = el("q");
  const lectureSelect = el("lecture");
  const statusBox = el("status");
  const empty = el("empty");
  const answerBox = el("answer");
  const resultsSection = el("results-section");
  const resultsList = el("results");
  const lecturesList = el("lectures");
  const outlineBox = el("outline");
  const chaptersList = el("chapters");
  const player = el("player");
  const playerFrame = el("player-frame");

  // ---------- key (a private Lectern) ----------

  /** The key is kept for this tab's session only: never in the URL, never in localStorage. */
  const KEY_STORAGE = "lectern.key";
  let keyPrompt = null;

  /** fetch() with the key, if one was given; on 401 asks for a key (once for all waiting requests) and retries. */
  async function api(url, options = {}) {
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

  /** Shows the key form; resolves with the key entered, or null when it is dismissed. */
  function askForKey(rejected) {
    if (keyPrompt) return keyPrompt;
    keyPrompt = new Promise((resolve) => {
      const dialog = el("key-dialog");
      const keyForm = el("key-form");
      const keyInput = el("key");
      el("key-rejected").hidden = !rejected;
      keyInput.value = "";
      const done = (value) => {
        keyForm.removeEventListener("submit", onSubmit);
        dialog.removeEventListener("close", onClose);
        keyPrompt = null;
        resolve(value);
      };
      const onSubmit = (e) => {
        e.preventDefault();
        const value = keyInput.value.trim();
        if (!value) return;
        dialog.removeEventListener("close", onClose);
        dialog.close();
        done(value);
      };
      const onClose = () => done(null);
      keyForm.addEventListener("submit", onSubmit);
      dialog.addEventListener("close", onClose);
      dialog.showModal();
      keyInput.focus();
    });
    return keyPrompt;
  }

  let lectures = [];
  /** Outlines already fetched, by lecture id (each a promise of the API's answer). */
  const outlines = new Map();
  /** The lecture whose outline is shown. */
  let outlineLecture = null;
  /** Seconds of a chapter's transcript shown when its title is clicked. */
  const CHAPTER_PREVIEW_SECONDS = 120;
  let debounceTimer = 0;
  let inFlight = null;
  /** The question and lecture last asked (or shown), to skip asking the same thing twice. */
  let shown = { q: null, lecture: null };

  // ---------- small DOM helpers ----------

  /** Creates an element with attributes and children (strings become text nodes). */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** 1118.04 -> "0:18:38" */
  function clock(seconds) {
    const total = Math.max(0, Math.floor(seconds));
    const hh = Math.floor(total / 3600);
    const mm = Math.floor((total % 3600) / 60);
    const ss = total % 60;
    return hh + ":" + String(mm).padStart(2, "0") + ":" + String(ss).padStart(2, "0");
  }

  function setStatus(kind, ...content) {
    statusBox.className = "status" + (kind ? " status-" + kind : "");
    statusBox.replaceChildren(...content);
    if (kind) statusBox.setAttribute("data-state", kind);
    else statusBox.removeAttribute("data-state");
  }

  // ---------- URL and history ----------

  function readUrl() {
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
  function recordInUrl(q, lecture, mode) {
    const target = urlFor(q, lecture);
    if (target === location.pathname + location.search) return;
    const current = readUrl();
    if (mode === "push" || (mode === "typing" && !current.q)) {
      history.pushState({ q, lecture }, "", target);
    } else {
      history.replaceState({ q, lecture }, "", target);
    }
  }

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
    if (inFlight) inFlight.abort();
    inFlight = null;
    shown = { q: "", lecture: lectureSelect.value };
    setStatus(null);
    answerBox.hidden = true;
    resultsSection.hidden = true;
    resultsList.replaceChildren();
    hideOutline();
    empty.hidden = false;
    document.title = "Lectern: ask a lecture";
  }

  async function ask(q, lecture, force) {
    if (!force && shown.q === q && shown.lecture === lecture) return;
    shown = { q, lecture };
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;

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
      if (controller.signal.aborted) return;
      if (!response.ok) {
        showError(problemText(response, data));
        return;
      }
      render(q, data);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      showError("Lectern could not be reached. Is it still running?");
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        resultsSection.removeAttribute("aria-busy");
        resultsSection.classList.remove("stale");
        answerBox.classList.remove("stale");
      }
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      return null;
    }
  }

  /** A problem+json body, in words: its detail, or its title, or the status. */
  function problemText(response, problem) {
    if (problem && typeof problem === "object") {
      const detail = typeof problem.detail === "string" ? problem.detail : "";
      const title = typeof problem.title === "string" ? problem.title : "";
      if (detail) return (title ? title + ": " : "") + detail;
      if (title) return title;
    }
    return "Lectern answered " + response.status + (response.statusText ? " " + response.statusText : "");
  }

  function showError(message) {
    shown = { q: null, lecture: null }; // asking again should retry
    answerBox.hidden = true;
    resultsSection.hidden = true;
    resultsList.replaceChildren();
    hideOutline();
    setStatus("error", h("strong", { text: "Something went wrong. " }), h("span", { "data-testid": "error", text: message }));
  }

  // ---------- rendering results ----------

  function render(q, data) {
    const passages = Array.isArray(data.passages) ? data.passages : [];
    const terms = queryTerms(q);

    if (passages.length === 0) {
      setStatus("empty", h("span", { "data-testid": "no-results", text: "No passage matches this question" + (lectureSelect.value ? " in this lecture" : "") + ". Try other words, or all lectures." }));
      answerBox.hidden = true;
      resultsSection.hidden = true;
      resultsList.replaceChildren();
      hideOutline();
      return;
    }

    setStatus(null);
    renderAnswer(data, terms);
    resultsList.replaceChildren(...passages.map((p, i) => renderPassage(p, i, terms)));
    el("results-heading").textContent = data.confident ? "Moments that answer it" : "Closest moments, for what they are worth";
    resultsSection.hidden = false;
    showOutline(lectureSelect.value || passages[0].lectureId, passages);
  }

  function renderAnswer(data, terms) {
    const answer = data.answer;
    if (!data.confident) {
      answerBox.className = "answer answer-unsure";
      answerBox.replaceChildren(
        h("h2", { id: "answer-heading", "data-testid": "not-confident", text: "The lecture doesn't seem to answer this." }),
        h("p", { text: "Nothing said in the lectures matches the question closely. The nearest passages are below; try asking in other words." })
      );
      answerBox.hidden = false;
      return;
    }
    if (!answer) {
      answerBox.hidden = true;
      return;
    }
    const source = (data.passages || []).find((p) => p.lectureId === answer.lectureId);
    const lecture = source ? { title: source.lectureTitle } : lectures.find((l) => l.id === answer.lectureId);
    answerBox.className = "answer";
    answerBox.replaceChildren(
      h("h2", { id: "answer-heading", text: "Answer" }),
      h("blockquote", { class: "answer-text", "data-testid": "answer" }, emphasise(answer.text, terms)),
      h(
        "p",
        { class: "meta" },
        timeLink(answer.startSeconds, answer.endSeconds, answer.link, lecture ? lecture.title : answer.lectureId),
        lecture ? h("span", { class: "lecture-title", text: lecture.title }) : null
      )
    );
    answerBox.hidden = false;
  }

  function renderPassage(p, index, terms) {
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
    moreButton.addEventListener("click", () => toggleContext(p, moreButton, context));

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
          h("span", { class: "bar", "aria-hidden": "true" }, h("span", { class: "fill", style: "width:" + percent + "%" }))
        )
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
            })
          )
        : null,
      h("p", { class: "passage" }, passageText(p, terms)),
      h("div", { class: "actions" }, moreButton),
      context
    );
  }

  /**
   * The time span of a moment. With a link it opens the recording there (YouTube plays on the page); without
   * one it is plain text.
   */
  function timeLink(startSeconds, endSeconds, link, title) {
    const span = clock(startSeconds) + "–" + clock(endSeconds);
    const label = "Play from " + clock(startSeconds) + (title ? " in " + title : "");
    if (!link) {
      return h("span", { class: "time", "data-testid": "time", "data-start-seconds": startSeconds, text: span });
    }
    const video = youTubeId(link);
    const a = h("a", {
      class: "time",
      href: link,
      "data-testid": "time",
      "data-start-seconds": startSeconds,
      "aria-label": label + (video ? " (plays here)" : " (opens the recording)"),
      target: video ? null : "_blank",
      rel: video ? null : "noopener noreferrer",
    }, h("span", { class: "play", "aria-hidden": "true", text: "▶" }), span);
    if (video) {
      a.addEventListener("click", (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        play(video, startSeconds, title);
      });
    }
    return a;
  }

  /** The video id of a YouTube watch, short, embed, shorts or live URL; null for anything else. */
  function youTubeId(link) {
    let url;
    try {
      url = new URL(link);
    } catch (e) {
      return null;
    }
    const host = url.hostname.replace(/^(www|m|music)\./, "");
    let id = null;
    if (host === "youtu.be") id = url.pathname.slice(1).split("/")[0];
    else if (host === "youtube.com" || host === "youtube-nocookie.com") {
      if (url.pathname === "/watch") id = url.searchParams.get("v");
      else {
        const m = url.pathname.match(/^\/(?:embed|shorts|live|v)\/([^/]+)/);
        if (m) id = m[1];
      }
    }
    return id && /^[A-Za-z0-9_-]{6,20}$/.test(id) ? id : null;
  }

  /**
   * Plays a YouTube video on the page from a moment. The iframe (youtube-nocookie.com) is only created here,
   * on the user's click: until then the page asks nothing of any other machine.
   */
  function play(videoId, startSeconds, title) {
    const src =
      "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(videoId) +
      "?autoplay=1&rel=0&start=" + Math.max(0, Math.floor(startSeconds));
    let frame = playerFrame.querySelector("iframe");
    if (!frame) {
      frame = h("iframe", {
        title: "Recording" + (title ? ": " + title : ""),
        allow: "autoplay; encrypted-media; picture-in-picture; fullscreen",
        allowfullscreen: true,
        referrerpolicy: "strict-origin-when-cross-origin",
      });
      playerFrame.append(frame);
    }
    frame.src = src; // a new start reloads the embed at that moment
    el("player-heading").textContent = (title || "Recording") + " at " + clock(startSeconds);
    player.hidden = false;
    player.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  el("player-close").addEventListener("click", () => {
    playerFrame.replaceChildren();
    player.hidden = true;
  });

  // ---------- emphasis ----------

  function queryTerms(q) {
    const words = q.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[\p{L}\p{N}]+/gu) || [];
    return words.filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\d$/.test(w));
  }

  /** Whether a word of the transcript matches a question word: same word, or same first five letters. */
  function matches(word, terms) {
    const w = word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    if (w.length < 2 || STOP_WORDS.has(w)) return false;
    return terms.some((t) => t === w || (t.length >= 5 && w.length >= 5 && t.slice(0, 5) === w.slice(0, 5)));
  }

  /** Text as nodes, with the words that match the question in <strong>. */
  function emphasise(text, terms) {
    if (!terms.length) return [text];
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

  async function toggleContext(p, button, box) {
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
    const to = Math.min(from + 600, Math.ceil(p.endSeconds + CONTEXT_SECONDS)); // the API serves 10 minutes at most
    try {
      const response = await api(
        "/api/lectures/" + encodeURIComponent(p.lectureId) + "/transcript?from=" + from + "&to=" + to,
        { headers: { Accept: "application/json" } }
      );
      const data = await readJson(response);
      if (!response.ok) {
        box.replaceChildren(h("p", { class: "status-error inline", text: problemText(response, data) }));
        return;
      }
      const segments = Array.isArray(data.segments) ? data.segments : [];
      box.dataset.loaded = "true";
      box.replaceChildren(
        h("p", { class: "context-head", text: "Transcript " + clock(data.fromSeconds) + "–" + clock(data.toSeconds) }),
        h(
          "ol",
          { class: "segments", "data-testid": "context" },
          segments.map((s) => {
            const inside = s.endSeconds > p.startSeconds && s.startSeconds < p.endSeconds;
            return h(
              "li",
              { class: inside ? "segment inside" : "segment" },
              h("span", { class: "segment-time", text: clock(s.startSeconds) }),
              h("span", { class: "segment-text", text: s.text })
            );
          })
        )
      );
    } catch (e) {
      box.replaceChildren(h("p", { class: "status-error inline", text: "The transcript could not be loaded: Lectern did not answer." }));
    }
  }

  // ---------- outline ----------

  function hideOutline() {
    outlineBox.hidden = true;
    outlineLecture = null;
  }

  function outlineOf(lectureId) {
    if (!outlines.has(lectureId)) {
      const request = api("/api/lectures/" + encodeURIComponent(lectureId) + "/chapters", {
        headers: { Accept: "application/json" },
      }).then(async (response) => {
        const data = await readJson(response);
        if (!response.ok || !data || !Array.isArray(data.chapters)) throw new Error(problemText(response, data));
        return data;
      });
      // A failure is not cached: the next question tries again.
      request.catch(() => outlines.delete(lectureId));
      outlines.set(lectureId, request);
    }
    return outlines.get(lectureId);
  }

  /** Shows the outline of a lecture beside the results, marking the chapters that hold results. */
  async function showOutline(lectureId, passages) {
    let data;
    try {
      data = await outlineOf(lectureId);
    } catch (e) {
      hideOutline();
      return;
    }
    if (resultsSection.hidden) return; // the results went away meanwhile
    outlineLecture = lectureId;
    const lecture = lectures.find((l) => l.id === lectureId);
    const found = new Map();
    for (const p of passages) {
      if (p.lectureId === lectureId && p.chapter) found.set(p.chapter.index, (found.get(p.chapter.index) || 0) + 1);
    }
    el("outline-lecture").textContent =
      (lecture ? lecture.title : lectureId) + (data.source === "provided" ? " · chapters by its author" : "");
    chaptersList.replaceChildren(
      ...data.chapters.map((c) => {
        const preview = h("div", { class: "context chapter-preview", id: "chapter-preview-" + c.index, hidden: true });
        const count = found.get(c.index) || 0;
        const title = h("button", {
          type: "button",
          class: "linklike chapter-title",
          "aria-expanded": "false",
          "aria-controls": preview.id,
          "data-testid": "chapter-title",
          title: "Read the start of this chapter",
          text: c.title,
        });
        title.addEventListener("click", () => toggleChapter(lectureId, c, title, preview));
        return h(
          "li",
          {
            class: "chapter" + (count ? " has-results" : ""),
            "data-testid": "chapter",
            "data-chapter-index": c.index,
            "data-start-seconds": c.startSeconds,
          },
          timeLink(c.startSeconds, c.endSeconds, c.link, lecture ? lecture.title : lectureId),
          title,
          count ? h("span", { class: "chapter-count", text: count === 1 ? "1 moment" : count + " moments" }) : null,
          preview
        );
      })
    );
    outlineBox.hidden = false;
  }

  /** Brings a result's chapter into view in the outline and puts the focus on it. */
  function focusChapter(lectureId, index) {
    if (outlineLecture !== lectureId) {
      showOutline(lectureId, []).then(() => focusChapter(lectureId, index));
      return;
    }
    const item = chaptersList.querySelector('[data-chapter-index="' + index + '"] .chapter-title');
    if (!item) return;
    item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    item.focus();
  }

  /** Jumps to a chapter: shows the first minutes of its transcript under its title. */
  async function toggleChapter(lectureId, chapter, button, box) {
    const open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    box.hidden = open;
    if (open || box.dataset.loaded) return;
    box.replaceChildren(h("p", { class: "hint", text: "Loading the start of this chapter…" }));
    const from = Math.floor(chapter.startSeconds);
    const to = Math.max(from + 1, Math.min(Math.ceil(chapter.endSeconds), from + CHAPTER_PREVIEW_SECONDS));
    try {
      const response = await api(
        "/api/lectures/" + encodeURIComponent(lectureId) + "/transcript?from=" + from + "&to=" + to,
        { headers: { Accept: "application/json" } }
      );
      const data = await readJson(response);
      if (!response.ok) {
        box.replaceChildren(h("p", { class: "status-error inline", text: problemText(response, data) }));
        return;
      }
      box.dataset.loaded = "true";
      box.replaceChildren(
        h(
          "ol",
          { class: "segments", "data-testid": "chapter-transcript" },
          // The window starts at a whole second: leave out what was said before the chapter starts.
          (data.segments || []).filter((s) => s.startSeconds >= chapter.startSeconds - 0.001).map((s) =>
            h(
              "li",
              { class: "segment" },
              h("span", { class: "segment-time", text: clock(s.startSeconds) }),
              h("span", { class: "segment-text", text: s.text })
            )
          )
        )
      );
    } catch (e) {
      box.replaceChildren(h("p", { class: "status-error inline", text: "The chapter could not be loaded: Lectern did not answer." }));
    }
  }

  // ---------- lectures ----------

  async function loadLectures(selected) {
    try {
      const response = await api("/api/lectures", { headers: { Accept: "application/json" } });
      const data = await readJson(response);
      if (!response.ok || !Array.isArray(data)) {
        lecturesList.replaceChildren(h("li", { class: "hint", text: "The list of lectures could not be loaded: " + problemText(response, data) }));
        return;
      }
      lectures = data;
    } catch (e) {
      lecturesList.replaceChildren(h("li", { class: "hint", text: "The list of lectures could not be loaded." }));
      return;
    }

    const options = [h("option", { value: "", text: "All lectures" })];
    for (const l of lectures) options.push(h("option", { value: l.id, text: l.title }));
    if (selected && !lectures.some((l) => l.id === selected)) {
      options.push(h("option", { value: selected, text: selected + " (unknown)" }));
    }
    lectureSelect.replaceChildren(...options);
    lectureSelect.value = selected || "";

    if (lectures.length === 0) {
      lecturesList.replaceChildren(h("li", { class: "hint", text: "No lectures yet. Add one with PUT /api/lectures/{id}." }));
      return;
    }
    lecturesList.replaceChildren(
      ...lectures.map((l) =>
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
          h("span", { class: "hint", text: l.passages + " passages" })
        )
      )
    );
  }

  // ---------- wiring ----------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    shown = { q: null, lecture: null }; // Enter always asks, even the same question again
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

  for (const button of document.querySelectorAll("#examples .example")) {
    button.addEventListener("click", () => {
      input.value = button.textContent;
      askFromForm("push");
      input.focus();
    });
  }

  // "/" jumps to the search box from anywhere but a text field.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
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
    if (lectures.length || !lecture) lectureSelect.value = lecture;
    if (lecture && lectureSelect.value !== lecture) {
      lectureSelect.append(h("option", { value: lecture, text: lecture + " (unknown)" }));
      lectureSelect.value = lecture;
    }
    if (q) ask(q, lecture);
    else showEmpty();
  }

  // Ask at once rather than waiting for the list of lectures.
  loadLectures(readUrl().lecture);
  applyUrl();
})();
