/* The supervisor's attendance week, enhanced. Without this file the page is a plain form
   (every cell is a <details> with its controls); with it:
   - a cell shows only the controls its status needs: hours for "present", the reason for
     "absent"; an absence clears its hours;
   - "Kaikki paikalla aikataulun mukaan" marks present with the decision's hours only the
     days nobody has touched (not recorded, not changed in the page): an absence chosen
     before it stays, and "Kumoa" takes the fill back (issue 27);
   - the week is saved without leaving the page. Before the save the unsaved marks and
     their diary notes are written to localStorage (placement ids, days, marks and notes:
     no names), so a lost connection loses nothing: they are offered again when the week
     is next opened on this device, and removed once saved or at logout (kuty.js);
   - leaving the page or logging out with marks changed and not saved asks first. */
(function () {
  "use strict";

  const STATUS = "input[type=radio]";

  function form() {
    return document.querySelector("form[data-week]");
  }

  function field(cell, name) {
    return cell.querySelector("[name='" + cell.dataset.cell + "-" + name + "']");
  }

  function number(text) {
    const value = parseFloat(String(text || "").replace(",", "."));
    return isNaN(value) ? "" : String(value);
  }

  /* The cell's marks now, and as the server rendered them. */
  function current(cell) {
    const checked = cell.querySelector(STATUS + ":checked");
    return {
      s: checked ? checked.value : "",
      h: field(cell, "hours").value,
      r: field(cell, "reason").value,
      n: field(cell, "diary").value,
    };
  }

  function rendered(cell) {
    const radio = Array.from(cell.querySelectorAll(STATUS)).find((r) => r.defaultChecked);
    const reason = Array.from(field(cell, "reason").options).find((o) => o.defaultSelected);
    return {
      s: radio ? radio.value : "",
      h: field(cell, "hours").defaultValue,
      r: reason ? reason.value : "",
      n: field(cell, "diary").defaultValue,
    };
  }

  function same(a, b) {
    return (
      a.s === b.s &&
      (a.s !== "present" || number(a.h) === number(b.h)) &&
      (a.s !== "absent" || a.r === b.r) &&
      /* a mark kept before issue 27 carries no note */
      (a.n === undefined || b.n === undefined || a.n.trim() === b.n.trim())
    );
  }

  function show(cell) {
    const texts = form().dataset;
    const mark = current(cell);
    field(cell, "hours").closest(".field").hidden = mark.s !== "present";
    field(cell, "reason").closest(".field").hidden = mark.s !== "absent";
    cell.querySelector(".att-state").textContent =
      mark.s === "present"
        ? (mark.h || "?") + " h"
        : mark.s === "absent"
          ? texts.tAbsent
          : mark.s === "no_service"
            ? texts.tNoService
            : texts.tUnmarked;
    cell.querySelector(".att-note").hidden = !mark.n.trim();
    const changed = !same(mark, rendered(cell));
    const saved = "recorded" in cell.dataset && !changed;
    cell.classList.toggle("changed", changed);
    cell.classList.toggle("unsaved", !saved);
    cell.querySelector(".att-saved").textContent = saved ? texts.tSaved : texts.tUnsaved;
  }

  /* A status chosen: the fields of the other statuses are emptied, so what is saved is
     what the cell shows. */
  function statusChanged(cell) {
    const status = current(cell).s;
    const hours = field(cell, "hours");
    if (status !== "present") hours.value = "";
    else if (!hours.value) hours.value = cell.dataset.hours;
    if (status !== "absent") field(cell, "reason").value = "";
  }

  function apply(cell, mark) {
    const radio = Array.from(cell.querySelectorAll(STATUS)).find((r) => r.value === mark.s);
    if (!radio) return false;
    radio.checked = true;
    field(cell, "hours").value = mark.s === "present" ? mark.h : "";
    field(cell, "reason").value = mark.s === "absent" ? mark.r : "";
    if (mark.n !== undefined) field(cell, "diary").value = mark.n;
    show(cell);
    return true;
  }

  function cells() {
    return Array.from(form().querySelectorAll(".att-cell[data-cell]"));
  }

  /* ---- kept on this device ------------------------------------------------------- */

  function storeKey() {
    return form().dataset.storeKey;
  }

  function unsaved() {
    return cells()
      .filter((cell) => !("recorded" in cell.dataset) || !same(current(cell), rendered(cell)))
      .map((cell) => {
        const parts = cell.dataset.cell.split("-"); // a-<placement>-<yyyymmdd>
        /* The diary note goes with its mark: the message after a failed save says the
           entries are kept on this device, and a reload must not lose what was typed.
           It stays only until the save or the logout (kuty.js), like the marks. */
        const mark = current(cell);
        return { p: Number(parts[1]), d: parts[2], s: mark.s, h: mark.h, r: mark.r, n: mark.n };
      });
  }

  function keep(marks) {
    try {
      localStorage.setItem(storeKey(), JSON.stringify({ at: Date.now(), marks: marks }));
    } catch (error) {
      /* storage full or disabled: the save itself still goes ahead */
    }
  }

  function kept() {
    try {
      const data = JSON.parse(localStorage.getItem(storeKey()) || "null");
      return data && Array.isArray(data.marks) ? data.marks : [];
    } catch (error) {
      return [];
    }
  }

  function forget() {
    try {
      localStorage.removeItem(storeKey());
    } catch (error) {
      /* nothing kept */
    }
  }

  function cellOf(mark) {
    return form().querySelector("[data-cell='a-" + Number(mark.p) + "-" + String(mark.d).replace(/\D/g, "") + "']");
  }

  /* Marks kept from a save that did not arrive: the ones the server does not hold yet.
     A save whose answer was lost but which went through leaves nothing to offer. */
  function offerKept() {
    const pending = kept().filter((mark) => {
      const cell = cellOf(mark);
      return cell && !("recorded" in cell.dataset && same(mark, rendered(cell)));
    });
    const offer = document.querySelector("[data-restore-offer]");
    if (!pending.length) {
      forget();
      return;
    }
    offer.querySelector("[data-restore-count]").textContent = String(pending.length);
    offer.hidden = false;
  }

  /* ---- saving -------------------------------------------------------------------- */

  function failed(kind) {
    const box = document.querySelector("[data-save-failed]");
    box.querySelector("[data-failure-network]").hidden = kind !== "network";
    box.querySelector("[data-failure-session]").hidden = kind !== "session";
    box.hidden = false;
    box.focus();
  }

  async function save(event) {
    event.preventDefault();
    const week = form();
    const button = week.querySelector("button[type=submit]");
    // aria-disabled, not disabled: a disabled button drops the keyboard focus to the
    // page's body while the week is saved
    if (button.getAttribute("aria-disabled") === "true") return;
    keep(unsaved());
    button.setAttribute("aria-disabled", "true");
    const label = button.textContent;
    button.textContent = week.dataset.tSaving;
    let response;
    try {
      response = await fetch(week.action, {
        method: "POST",
        body: new FormData(week),
        credentials: "same-origin",
      });
    } catch (error) {
      button.removeAttribute("aria-disabled");
      button.textContent = label;
      failed("network");
      return;
    }
    const path = new URL(response.url).pathname;
    if (!response.ok || path !== location.pathname) {
      // a refused CSRF token or an expired session (redirected to the login page)
      button.removeAttribute("aria-disabled");
      button.textContent = label;
      failed(path !== location.pathname ? "session" : "network");
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    if (response.redirected) {
      forget(); // saved: the server now holds every mark
      history.replaceState(null, "", response.url);
    }
    document.querySelector("main").replaceWith(page.querySelector("main"));
    enhance();
    const focus = document.querySelector("main .error-summary:not([hidden]), main");
    focus.focus();
    window.scrollTo(0, 0);
  }

  /* ---- all present, and its undo ---------------------------------------------- */

  let undo = [];

  function untouched(cell) {
    return !("recorded" in cell.dataset) && same(current(cell), rendered(cell));
  }

  function allPresent() {
    const texts = form().dataset;
    undo = cells()
      .filter(untouched)
      .filter((cell) => current(cell).s !== "present")
      .map((cell) => ({ cell: cell, mark: current(cell) }));
    undo.forEach((done) =>
      apply(done.cell, { s: "present", h: done.cell.dataset.hours, r: "", n: done.mark.n }),
    );
    const box = document.querySelector("[data-all-present-done]");
    box.querySelector("[data-all-present-text]").textContent = undo.length
      ? texts.tFilled.replace("%s", String(undo.length))
      : texts.tNothingToFill;
    box.querySelector("[data-undo]").hidden = !undo.length;
    box.hidden = false;
  }

  function undoAllPresent() {
    undo.forEach((done) => apply(done.cell, done.mark));
    undo = [];
    const box = document.querySelector("[data-all-present-done]");
    box.querySelector("[data-all-present-text]").textContent = form().dataset.tUndone;
    box.querySelector("[data-undo]").hidden = true;
    form().querySelector("[data-all-present]").focus();
  }

  /* ---- leaving with unsaved changes --------------------------------------------- */

  let leaving = false;

  function changedCount() {
    return form() ? cells().filter((cell) => !same(current(cell), rendered(cell))).length : 0;
  }

  window.addEventListener("beforeunload", (event) => {
    if (leaving || !changedCount()) return;
    event.preventDefault();
    event.returnValue = ""; // the browser shows its own "leave the page?" question
  });
  // Logging out would also remove the marks kept on this device (kuty.js): ask first,
  // before kuty.js's listener runs (this one listens in the capture phase).
  document.addEventListener(
    "submit",
    (event) => {
      if (!event.target.matches(".logout-form") || !changedCount()) return;
      if (window.confirm(form().dataset.tLogoutUnsaved)) {
        leaving = true;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );

  /* ---- wiring -------------------------------------------------------------------- */

  function enhance() {
    const week = form();
    undo = [];
    if (!week) return;
    cells().forEach(show);
    const all = week.querySelector("[data-all-present]");
    if (all) all.hidden = false;
  }

  document.addEventListener("change", (event) => {
    const cell = event.target.closest(".att-cell[data-cell]");
    if (!cell) return;
    if (event.target.matches(STATUS)) statusChanged(cell);
    show(cell);
  });
  document.addEventListener("input", (event) => {
    const cell = event.target.closest(".att-cell[data-cell]");
    if (cell && event.target.matches("textarea, input[type=text]")) show(cell);
  });
  document.addEventListener("submit", (event) => {
    if (event.target.matches("form[data-week]")) save(event);
  });
  // An opened day moves to a row of its own (the grid's CSS), on a phone below the screen's
  // edge: bring it, with the focus on its summary, into view ("toggle" does not bubble)
  document.addEventListener(
    "toggle",
    (event) => {
      const cell = event.target;
      if (cell.matches && cell.matches("details.att-cell[open]")) {
        cell.scrollIntoView({ block: "nearest" });
      }
    },
    true,
  );
  // Esc closes a day's editor from anywhere inside it and gives the focus back to the
  // day, as a dialog would (a <details> alone only toggles on Enter/Space on its summary)
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const cell = event.target.closest && event.target.closest("details.att-cell[open]");
    if (!cell) return;
    event.preventDefault();
    cell.open = false;
    cell.querySelector("summary").focus();
  });
  document.addEventListener("click", (event) => {
    const target = event.target.closest(
      "[data-all-present], [data-undo], [data-restore], [data-discard]",
    );
    if (!target || !form()) return;
    if (target.matches("[data-all-present]")) {
      allPresent();
    } else if (target.matches("[data-undo]")) {
      undoAllPresent();
    } else if (target.matches("[data-restore]")) {
      kept().forEach((mark) => {
        const cell = cellOf(mark);
        if (cell) apply(cell, mark);
      });
      target.closest("[data-restore-offer]").hidden = true;
      form().querySelector("button[type=submit]").focus();
    } else {
      forget();
      target.closest("[data-restore-offer]").hidden = true;
    }
  });

  if (form()) {
    enhance();
    offerKept();
  }
})();
