// Times of moments, as links to the recording; YouTube recordings play on the page.
import { clock, el, h } from "./dom.js";

/**
 * The time span of a moment. With a link it opens the recording there (YouTube plays on the page); without
 * one it is plain text.
 */
export function timeLink(startSeconds, endSeconds, link, title) {
  const span = clock(startSeconds) + "–" + clock(endSeconds);
  const label = "Play from " + clock(startSeconds) + (title ? " in " + title : "");
  if (!link) {
    return h("span", { class: "time", "data-testid": "time", "data-start-seconds": startSeconds, text: span });
  }
  const video = youTubeId(link);
  const a = h(
    "a",
    {
      class: "time",
      href: link,
      "data-testid": "time",
      "data-start-seconds": startSeconds,
      "aria-label": label + (video ? " (plays here)" : " (opens the recording)"),
      target: video ? null : "_blank",
      rel: video ? null : "noopener noreferrer",
    },
    h("span", { class: "play", "aria-hidden": "true", text: "▶" }),
    span,
  );
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
    "https://www.youtube-nocookie.com/embed/" +
    encodeURIComponent(videoId) +
    "?autoplay=1&rel=0&start=" +
    Math.max(0, Math.floor(startSeconds));
  const playerFrame = el("player-frame");
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
  const player = el("player");
  player.hidden = false;
  player.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/** Wires "Close player". */
export function initPlayer() {
  el("player-close").addEventListener("click", () => {
    el("player-frame").replaceChildren();
    el("player").hidden = true;
  });
}
