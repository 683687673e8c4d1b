// Small DOM helpers shared by the page's modules. Transcript and user text only ever reach the page as text nodes
// (textContent / createTextNode), never as HTML.

/** The element with this id. */
export const el = (id) => document.getElementById(id);

/** Creates an element with attributes and children (strings become text nodes). */
export function h(tag, attrs, ...children) {
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
export function clock(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  const ss = total % 60;
  return hh + ":" + String(mm).padStart(2, "0") + ":" + String(ss).padStart(2, "0");
}

/** Shows a state in the live region: loading, empty, error, or nothing (null). */
export function setStatus(kind, ...content) {
  const statusBox = el("status");
  statusBox.className = "status" + (kind ? " status-" + kind : "");
  statusBox.replaceChildren(...content);
  if (kind) statusBox.setAttribute("data-state", kind);
  else statusBox.removeAttribute("data-state");
}
