// Checks the chosen attachments in the browser before the upload: their number, their size and
// their type (by the file name's ending, the `accept` list). The server checks them again by
// content; this only spares a long upload that would be refused. The messages come from the
// input's data attributes, in the page's language.
(() => {
  "use strict";

  const problems = (input) => {
    const files = Array.from(input.files || []);
    const accepted = input.accept.split(",").map((ending) => ending.trim().toLowerCase());
    const found = [];
    if (files.length > Number(input.dataset.maxFiles)) found.push(input.dataset.tooMany);
    for (const file of files) {
      const name = file.name.toLowerCase();
      if (!accepted.some((ending) => name.endsWith(ending))) {
        found.push(input.dataset.wrongType.replace("%(name)s", file.name));
      } else if (file.size > Number(input.dataset.maxBytes)) {
        found.push(input.dataset.tooLarge.replace("%(name)s", file.name));
      }
    }
    return found;
  };

  const show = (input) => {
    const id = `${input.id}_browser_error`;
    let box = document.getElementById(id);
    if (!box) {
      box = Object.assign(document.createElement("div"), { id, className: "field__error" });
      box.setAttribute("role", "alert");
      input.before(box);
      input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${id}`.trim());
    }
    const found = problems(input);
    box.replaceChildren(...found.map((text) => Object.assign(document.createElement("p"), { textContent: text })));
    box.hidden = found.length === 0;
    input.setCustomValidity(found.join(" "));
    if (found.length) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return found.length === 0;
  };

  for (const input of document.querySelectorAll("input[type=file][data-max-bytes]")) {
    input.addEventListener("change", () => show(input));
    input.form?.addEventListener("submit", (event) => {
      if (!show(input)) {
        event.preventDefault();
        input.focus();
      }
    });
  }
})();
