// The dialog that asks for the access key of a private Lectern.
import { el } from "./dom.js";

let keyPrompt = null;

/** Shows the key form; resolves with the key entered, or null when it is dismissed. One form for all callers. */
export function askForKey(rejected) {
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
