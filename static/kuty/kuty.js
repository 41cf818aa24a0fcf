/* kuty: what every page needs. Logging out removes what this device kept for the user
   (the attendance week's unsaved marks, kept under "kuty:" keys in localStorage). */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    // a page that asked "log out anyway?" and was answered no prevents the submit
    if (!event.target.matches(".logout-form") || event.defaultPrevented) return;
    try {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key && key.indexOf("kuty:") === 0) localStorage.removeItem(key);
      }
    } catch (error) {
      /* storage unavailable (private mode): nothing was kept */
    }
  });
})();

/* The form's error summary (GOV.UK / HDS pattern): it takes the focus when the page
   opens, so a screen reader reads it first; each of its links moves the focus to its
   field and shows the field's label above it. Without JavaScript the links still jump. */
(function () {
  "use strict";
  function focusSummary() {
    const summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusSummary);
  else focusSummary();
  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    const field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    const holder = field.closest(".field, fieldset") || field;
    holder.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();

/* No silent refusals: htmx does not swap a 4xx answer by default, so a refused small form
   (a reminder dismissed without a reason) would look as if nothing happened. Our 400 and
   422 answers carry the form back with its message: show them. */
document.addEventListener("htmx:beforeSwap", function (event) {
  const status = event.detail.xhr.status;
  if (status === 400 || status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
