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
