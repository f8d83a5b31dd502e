// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Warn before leaving an editor with unsaved changes.
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    // A text over the limit is not sent: the server could only refuse it without reading it
    // (a bare "too large" page), and the text would be lost with the page.
    var max = Number(form.dataset.maxBytes || 0);
    form.addEventListener("submit", function (event) {
      var text = form.querySelector("textarea[name=markdown]");
      if (max > 0 && text && new TextEncoder().encode(text.value).length > max) {
        event.preventDefault();
        event.stopImmediatePropagation();
        var alert = form.querySelector(".too-large") || document.createElement("div");
        alert.className = "alert too-large";
        alert.setAttribute("role", "alert");
        alert.textContent = form.dataset.tooLarge;
        form.insertBefore(alert, form.firstChild);
        alert.scrollIntoView({ block: "center" });
      }
    });
    form.addEventListener("submit", function (event) {
      if (!event.defaultPrevented) { dirty = false; }
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
  // A file over the limit is refused before it is sent: the server could only answer a bare
  // "too large" page, leaving the form and what was typed in it.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var max = Number(input.dataset.maxBytes);
      var tooLarge = Array.prototype.some.call(input.files, function (f) { return f.size > max; });
      input.setCustomValidity(tooLarge ? input.dataset.tooLarge : "");
      if (tooLarge) { input.reportValidity(); }
    });
  });
  // A form sent once is not sent again by a second click (or Enter) while the answer is on its
  // way: a double click made two questions, runs or suggestions. Forms that htmx sends stay
  // free (ticking one step, then the next). The guard lapses after a while, and when the page
  // comes back from the history, so that a form can always be sent again by hand.
  document.querySelectorAll("form[method=post]:not([hx-post])").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "yes";
      setTimeout(function () { delete form.dataset.sending; }, 15000);
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
    });
  });
  // htmx requests carry the page's CSRF token as a header.
  var token = document.querySelector('meta[name="csrf-token"]');
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (token) { event.detail.headers["X-CSRF-Token"] = token.content; }
  });
  // A run's steps refresh every few seconds (others' ticks); not while someone here is writing a
  // note or choosing a file in them: the refresh would replace what they typed or chose.
  // A refresh already under way when they start is not swapped in either.
  function stepsInUse(steps) {
    var active = document.activeElement;
    var busy = steps.contains(active) && typing(active) && active.type !== "submit";
    steps.querySelectorAll("input[type=text], input[type=file]").forEach(function (input) {
      if (input.type === "file" ? input.files.length > 0 : input.value !== "") {
        busy = true;
      }
    });
    return busy;
  }
  function isStepsRefresh(event) {
    var elt = event.detail.elt;
    return elt && elt.id === "steps" && event.detail.requestConfig
      && event.detail.requestConfig.verb === "get";
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (isStepsRefresh(event) && stepsInUse(event.detail.elt)) {
      event.preventDefault();
    }
  });
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (isStepsRefresh(event) && stepsInUse(event.detail.elt)) {
      event.detail.shouldSwap = false;
    }
  });

  function typing(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }
  // "/" anywhere (outside a text field) goes to the search box: the page's own, else the top bar's.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(document.activeElement)) {
      return;
    }
    // By tag and id: a manual's heading "Q" (or "Top search") has that id too, and comes first.
    var box = document.querySelector("input#q") || document.querySelector("input#top-search");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
  // Arrow keys move from the search box through the results; Enter follows the focused one
  // (links do that natively), Escape returns to the box.
  document.addEventListener("keydown", function (event) {
    var box = document.querySelector("input#q");
    if (!box || (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape")) {
      return;
    }
    var links = Array.prototype.slice.call(document.querySelectorAll("#results .hit-title"));
    var index = links.indexOf(document.activeElement);
    if (document.activeElement !== box && index < 0) {
      return;
    }
    if (event.key === "Escape") {
      box.focus();
      return;
    }
    if (!links.length) {
      return;
    }
    event.preventDefault();
    if (event.key === "ArrowDown") {
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (index <= 0) {
      box.focus();
    } else {
      links[index - 1].focus();
    }
  });
})();
