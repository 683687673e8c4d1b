// The outline of the lecture being searched, beside the results.
import { problemText, readJson, api, transcript } from "./api.js";
import { clock, el, h } from "./dom.js";
import { timeLink } from "./player.js";
import { state } from "./state.js";

/** Seconds of a chapter's transcript shown when its title is clicked. */
const CHAPTER_PREVIEW_SECONDS = 120;

/** Outlines already fetched, by lecture id (each a promise of the API's answer). */
const outlines = new Map();

export function hideOutline() {
  el("outline").hidden = true;
  state.outlineLecture = null;
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
export async function showOutline(lectureId, passages) {
  let data;
  try {
    data = await outlineOf(lectureId);
  } catch (e) {
    hideOutline();
    return;
  }
  if (el("results-section").hidden) return; // the results went away meanwhile
  state.outlineLecture = lectureId;
  const lecture = state.lectures.find((l) => l.id === lectureId);
  const found = new Map();
  for (const p of passages) {
    if (p.lectureId === lectureId && p.chapter) found.set(p.chapter.index, (found.get(p.chapter.index) || 0) + 1);
  }
  el("outline-lecture").textContent =
    (lecture ? lecture.title : lectureId) + (data.source === "provided" ? " · chapters by its author" : "");
  el("chapters").replaceChildren(
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
        preview,
      );
    }),
  );
  el("outline").hidden = false;
}

/** Brings a result's chapter into view in the outline and puts the focus on it. */
export function focusChapter(lectureId, index) {
  if (state.outlineLecture !== lectureId) {
    showOutline(lectureId, []).then(() => focusChapter(lectureId, index));
    return;
  }
  const item = el("chapters").querySelector('[data-chapter-index="' + index + '"] .chapter-title');
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
    const { response, data } = await transcript(lectureId, from, to);
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
        (data.segments || [])
          .filter((s) => s.startSeconds >= chapter.startSeconds - 0.001)
          .map((s) =>
            h(
              "li",
              { class: "segment" },
              h("span", { class: "segment-time", text: clock(s.startSeconds) }),
              h("span", { class: "segment-text", text: s.text }),
            ),
          ),
      ),
    );
  } catch (e) {
    box.replaceChildren(
      h("p", { class: "status-error inline", text: "The chapter could not be loaded: Lectern did not answer." }),
    );
  }
}
