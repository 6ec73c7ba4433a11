// The search filters are a <details>, folded so that on a phone the hits come first; on a
// screen wide enough for them to sit beside the hits they are opened (and stay foldable).
"use strict";

document.querySelectorAll("details[data-open-from]").forEach((details) => {
  if (window.matchMedia(`(min-width: ${details.dataset.openFrom})`).matches) {
    details.open = true;
  }
});
