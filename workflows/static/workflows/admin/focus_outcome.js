// After a form on the idea page, focus goes to its outcome instead of the top of the page: the
// first field a rejected form marked invalid (read with its error), else the message the server
// put in the status region, which screen readers do not read when it is there at load.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector(".idea-task-forms [aria-invalid=true]");
  if (invalid) {
    invalid.focus();
    return;
  }
  const message = document.querySelector(".messages li");
  if (message) {
    message.setAttribute("tabindex", "-1");
    message.focus();
  }
});
