// The editor's formatting toolbar (issue 23): each button, and its keyboard shortcut, edits the
// Markdown at the cursor of the plain text box. Without this script the text box is the editor,
// exactly as before; with it, nothing else changes (spellcheck, mobile keyboards, the preview).
(function () {
  "use strict";
  var bar = document.querySelector("[data-md-toolbar]");
  var box = document.querySelector("form.editor textarea[name=markdown]");
  if (!bar || !box) { return; }
  var texts = JSON.parse(bar.getAttribute("data-texts") || "{}");
  bar.hidden = false;

  // Replaces [start, end) of the text with `text` and selects [selStart, selEnd) of it, through
  // the browser's own editing when it has it, so that Ctrl+Z undoes a toolbar action.
  function replace(start, end, text, selStart, selEnd) {
    box.focus();
    box.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done || box.value.substring(start, start + text.length) !== text) {
      box.setRangeText(text, start, end, "end");
    }
    box.setSelectionRange(start + selStart, start + selEnd);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function selection() {
    return { start: box.selectionStart, end: box.selectionEnd,
             text: box.value.substring(box.selectionStart, box.selectionEnd) };
  }

  // **bold**, _italic_, `code`: wraps the selection (or a placeholder), or unwraps it.
  function wrap(mark, placeholder) {
    var s = selection();
    var before = box.value.substring(s.start - mark.length, s.start);
    var after = box.value.substring(s.end, s.end + mark.length);
    if (s.text && before === mark && after === mark) {
      replace(s.start - mark.length, s.end + mark.length, s.text, 0, s.text.length);
      return;
    }
    var inner = s.text || placeholder;
    replace(s.start, s.end, mark + inner + mark, mark.length, mark.length + inner.length);
  }

  // The whole lines the selection touches.
  function lines() {
    var start = box.value.lastIndexOf("\n", box.selectionStart - 1) + 1;
    var end = box.value.indexOf("\n", box.selectionEnd);
    if (end < 0) { end = box.value.length; }
    return { start: start, end: end, text: box.value.substring(start, end) };
  }

  // - bullets, 1. numbers, - [ ] checklist, > quote: on every selected line, or off again.
  function prefix(make, pattern) {
    var l = lines();
    var rows = l.text.split("\n");
    var all = rows.every(function (row) { return pattern.test(row); });
    var out = rows.map(function (row, i) {
      return all ? row.replace(pattern, "") : make(i) + row.replace(/^(\s*)([-*+] \[[ xX]\] |[-*+] |\d+[.)] |> )/, "$1");
    }).join("\n");
    replace(l.start, l.end, out, 0, out.length);
  }

  // ## procedure, ### heading: on the current line, with a placeholder when it is empty.
  function heading(level, placeholder) {
    var l = lines();
    var title = l.text.replace(/^#{1,6}\s*/, "");
    var marks = "#".repeat(level) + " ";
    var body = title || placeholder;
    replace(l.start, l.end, marks + body, marks.length, marks.length + body.length);
  }

  function block(text, selFrom, selTo) {
    var s = selection();
    var lead = s.start === 0 || box.value.substring(s.start - 2, s.start) === "\n\n" ? ""
      : (box.value.charAt(s.start - 1) === "\n" ? "\n" : "\n\n");
    replace(s.start, s.end, lead + text + "\n", lead.length + selFrom, lead.length + selTo);
  }

  var actions = {
    procedure: function () { heading(2, texts.procedure); },
    heading: function () { heading(3, texts.heading); },
    bold: function () { wrap("**", texts.bold); },
    italic: function () { wrap("_", texts.italic); },
    bullets: function () { prefix(function () { return "- "; }, /^\s*[-*+] (?!\[[ xX]\] )/); },
    numbers: function () { prefix(function (i) { return (i + 1) + ". "; }, /^\s*\d+[.)] /); },
    checklist: function () { prefix(function () { return "- [ ] "; }, /^\s*[-*+] \[[ xX]\] /); },
    quote: function () { prefix(function () { return "> "; }, /^\s*> ?/); },
    code: function () {
      var s = selection();
      if (s.text.indexOf("\n") >= 0) {
        replace(s.start, s.end, "```\n" + s.text + "\n```", 4, 4 + s.text.length);
      } else {
        wrap("`", texts.code);
      }
    },
    link: function () {
      var s = selection();
      var label = s.text || texts.link;
      var text = "[" + label + "](https://)";
      replace(s.start, s.end, text, label.length + 3, label.length + 11);
    },
    table: function () {
      var c = texts.column;
      var table = "| " + c + " 1 | " + c + " 2 |\n| --- | --- |\n|  |  |";
      block(table, 2, 2 + c.length + 2);
    }
  };

  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-md]");
    if (button) { actions[button.getAttribute("data-md")](); }
  });

  // Shortcuts, written on each button (aria-keyshortcuts) and in its tooltip.
  var keys = {};
  bar.querySelectorAll("button[data-md][data-key]").forEach(function (button) {
    keys[button.getAttribute("data-key")] = button.getAttribute("data-md");
  });
  box.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey)) { return; }
    var key = (event.shiftKey ? "Shift+" : "") + (event.altKey ? "Alt+" : "") + event.code;
    var action = keys[key];
    if (action) {
      event.preventDefault();
      actions[action]();
    }
  });

  // A toolbar is one stop for Tab; the arrow keys move between its buttons.
  var buttons = Array.prototype.slice.call(bar.querySelectorAll("button"));
  buttons.forEach(function (b, i) { b.tabIndex = i === 0 ? 0 : -1; });
  bar.addEventListener("keydown", function (event) {
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) { return; }
    var to = event.key === "ArrowRight" ? at + 1 : event.key === "ArrowLeft" ? at - 1
      : event.key === "Home" ? 0 : event.key === "End" ? buttons.length - 1 : null;
    if (to === null) { return; }
    event.preventDefault();
    to = (to + buttons.length) % buttons.length;
    buttons[at].tabIndex = -1;
    buttons[to].tabIndex = 0;
    buttons[to].focus();
  });
})();
