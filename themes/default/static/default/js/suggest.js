// Completions under the search box as the visitor types, from the suggest API into a <datalist>.
// The search works the same without it; this only saves typing and spelling.
(() => {
  "use strict";
  const input = document.querySelector("input[data-suggest-url]");
  const list = input && document.getElementById(input.getAttribute("list"));
  if (!list || !window.fetch) return;
  let timer;
  let asked = input.value;
  let pending;

  const show = (suggestions) => {
    list.replaceChildren(
      ...suggestions.map((text) => Object.assign(document.createElement("option"), { value: text })),
    );
  };

  const ask = () => {
    const text = input.value;
    if (text === asked) return;
    asked = text;
    pending?.abort();
    pending = new AbortController();
    fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(text)}`, {
      headers: { Accept: "application/json", "Accept-Language": document.documentElement.lang },
      signal: pending.signal,
    })
      .then((response) => (response.ok ? response.json() : { suggestions: [] }))
      .then((data) => show(data.suggestions || []))
      .catch(() => {}); // aborted by the next keystroke, or the engine is away: no completions
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150); // one request per pause in typing, not per key
  });
})();
