// Screenshots and files in the editor: paste, drop or choose them; an image is first shown in a
// small editor where the writer may crop it, blur or black out what is private and add numbered
// markers. All of this happens on a canvas in the browser: the original never leaves the machine
// unless it is sent unchanged. Without this script the editor still works (links typed by hand).
(function () {
  "use strict";
  var bar = document.querySelector("[data-upload-url]");
  var textarea = document.querySelector("textarea[name=markdown]");
  var dialog = document.getElementById("image-editor");
  if (!bar || !textarea || !dialog || !window.FormData) {
    return;
  }
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var texts = JSON.parse(bar.getAttribute("data-texts"));
  var list = bar.querySelector(".uploads");
  var picker = bar.querySelector("input[type=file]");
  var queue = Promise.resolve();
  bar.hidden = false;

  function say(key, value) {
    return (texts[key] || key).replace("{0}", value == null ? "" : value);
  }

  // ---- Where files come from ----
  bar.querySelector("[data-choose]").addEventListener("click", function () {
    picker.click();
  });
  picker.addEventListener("change", function () {
    add(Array.prototype.slice.call(picker.files));
    picker.value = "";
  });
  textarea.addEventListener("paste", function (event) {
    var files = filesOf(event.clipboardData);
    if (files.length) {
      event.preventDefault();
      add(files);
    }
  });
  textarea.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
      event.preventDefault();
      textarea.classList.add("dropping");
    }
  });
  textarea.addEventListener("dragleave", function () {
    textarea.classList.remove("dropping");
  });
  textarea.addEventListener("drop", function (event) {
    textarea.classList.remove("dropping");
    var files = filesOf(event.dataTransfer);
    if (files.length) {
      event.preventDefault();
      textarea.focus();
      add(files);
    }
  });

  function filesOf(transfer) {
    var files = [];
    if (!transfer) {
      return files;
    }
    if (transfer.items) {
      for (var i = 0; i < transfer.items.length; i++) {
        var file = transfer.items[i].kind === "file" ? transfer.items[i].getAsFile() : null;
        if (file) {
          files.push(file);
        }
      }
    } else if (transfer.files) {
      files = Array.prototype.slice.call(transfer.files);
    }
    return files;
  }

  // One file after the other: each image opens the editor, and insertions keep their order.
  function add(files) {
    var at = textarea.selectionEnd;
    files.forEach(function (file) {
      queue = queue.then(function () {
        return prepare(file).then(function (ready) {
          if (ready) {
            return upload(ready, at).then(function (end) {
              at = end;
            });
          }
        });
      });
    });
  }

  function isEditable(file) {
    return /^image\/(png|jpeg|webp|gif)$/.test(file.type) && window.createImageBitmap;
  }

  function prepare(file) {
    if (!isEditable(file)) {
      return Promise.resolve({ blob: file, name: file.name || "file", alt: "" });
    }
    return editImage(file).catch(function () {
      // A picture the browser cannot draw is sent as it is; the server decides.
      return { blob: file, name: file.name, alt: defaultAlt(file) };
    });
  }

  function defaultAlt(file) {
    var name = file.name || "";
    if (!name || /^image\.(png|jpe?g|gif|webp)$/i.test(name)) {
      return say("pasted");
    }
    return name.replace(/\.[^.]+$/, "");
  }

  // ---- Sending ----
  function upload(ready, at) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    label.textContent = ready.name + " ";
    var progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    item.appendChild(label);
    item.appendChild(progress);
    list.appendChild(item);
    return new Promise(function (resolve) {
      var form = new FormData();
      form.append("file", ready.blob, ready.name);
      form.append("alt", ready.alt);
      var request = new XMLHttpRequest();
      request.open("POST", bar.getAttribute("data-upload-url"));
      request.setRequestHeader("Accept", "application/json");
      if (csrf) {
        request.setRequestHeader("X-CSRF-Token", csrf.content);
      }
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round((100 * event.loaded) / event.total);
        }
      });
      request.addEventListener("load", function () {
        var answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = null;
        }
        if (request.status === 201 && answer) {
          item.remove();
          resolve(insert(answer.markdown, at));
        } else {
          failed(item, answer && answer.message ? answer.message : say("failed"));
          resolve(at);
        }
      });
      request.addEventListener("error", function () {
        failed(item, say("offline"));
        resolve(at);
      });
      request.send(form);
    });
  }

  function failed(item, message) {
    item.textContent = "";
    item.className = "alert";
    item.setAttribute("role", "alert");
    item.textContent = message + " " + say("kept");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "link";
    close.textContent = say("dismiss");
    close.addEventListener("click", function () {
      item.remove();
      textarea.focus();
    });
    item.appendChild(close);
  }

  // On a line of its own, where the cursor was; returns where the next file goes.
  function insert(markdown, at) {
    var text = textarea.value;
    var before = text.slice(0, at);
    var after = text.slice(at);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = /^\n/.test(after) ? "\n" : "\n\n";
    var added = lead + markdown + tail;
    textarea.value = before + added + after;
    var end = at + added.length;
    textarea.focus();
    textarea.setSelectionRange(end, end);
    // The preview and the unsaved-changes warning listen for typing.
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    return end;
  }

  // ---- The image editor ----
  var canvas = dialog.querySelector("canvas.picture");
  var overlay = dialog.querySelector("canvas.overlay");
  var altField = dialog.querySelector("input[name=alt]");
  var toolButtons = Array.prototype.slice.call(dialog.querySelectorAll("[data-tool]"));
  var undoButton = dialog.querySelector("[data-undo]");
  var hint = dialog.querySelector(".hint");
  var context = canvas.getContext("2d");
  var state = null;

  function editImage(file) {
    return createImageBitmap(file).then(function (bitmap) {
      return new Promise(function (resolve) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        context.drawImage(bitmap, 0, 0);
        if (bitmap.close) {
          bitmap.close();
        }
        state = {
          file: file,
          resolve: resolve,
          tool: null,
          selection: null,
          drag: null,
          history: [],
          markers: 0,
          edited: false
        };
        altField.value = defaultAlt(file);
        choose(null);
        undoButton.disabled = true;
        dialog.showModal();
        altField.focus();
        altField.select();
      });
    });
  }

  function finish(result) {
    var done = state.resolve;
    state = null;
    dialog.close();
    done(result);
  }

  dialog.querySelector("[data-cancel]").addEventListener("click", function () {
    finish(null);
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape first clears a selection; a second Escape closes.
    if (state && state.selection) {
      event.preventDefault();
      state.selection = null;
      draw();
    } else if (state) {
      event.preventDefault();
      finish(null);
    }
  });
  dialog.querySelector("[data-send]").addEventListener("click", function () {
    var alt = altField.value.trim() || defaultAlt(state.file);
    var file = state.file;
    if (!state.edited) {
      finish({ blob: file, name: file.name || "image.png", alt: alt });
      return;
    }
    var jpeg = file.type === "image/jpeg";
    var name = (file.name || "image").replace(/\.[^.]+$/, "") + (jpeg ? ".jpg" : ".png");
    canvas.toBlob(
      function (blob) {
        finish({ blob: blob, name: name, alt: alt });
      },
      jpeg ? "image/jpeg" : "image/png",
      0.92
    );
  });

  toolButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var tool = button.getAttribute("data-tool");
      choose(state.tool === tool ? null : tool);
      if (state.tool) {
        // A selection to start from, which the keyboard can move and resize.
        state.selection = {
          x: Math.round(canvas.width / 4),
          y: Math.round(canvas.height / 4),
          w: Math.max(1, Math.round(canvas.width / 2)),
          h: Math.max(1, Math.round(canvas.height / 2))
        };
        draw();
        canvas.focus();
      }
    });
  });

  function choose(tool) {
    if (state) {
      state.tool = tool;
      state.selection = null;
    }
    toolButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-tool") === tool));
    });
    hint.textContent = tool ? say("hint." + tool) : say("hint");
    draw();
  }

  undoButton.addEventListener("click", function () {
    var last = state.history.pop();
    if (last) {
      canvas.width = last.width;
      canvas.height = last.height;
      context.putImageData(last.data, 0, 0);
      state.markers = last.markers;
      state.edited = state.history.length > 0;
    }
    undoButton.disabled = state.history.length === 0;
    state.selection = null;
    draw();
  });

  function remember() {
    state.history.push({
      width: canvas.width,
      height: canvas.height,
      data: context.getImageData(0, 0, canvas.width, canvas.height),
      markers: state.markers
    });
    undoButton.disabled = false;
    state.edited = true;
  }

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return {
      x: Math.max(0, Math.min(canvas.width, ((event.clientX - box.left) * canvas.width) / box.width)),
      y: Math.max(0, Math.min(canvas.height, ((event.clientY - box.top) * canvas.height) / box.height))
    };
  }

  overlay.addEventListener("pointerdown", function (event) {
    if (!state || !state.tool) {
      return;
    }
    event.preventDefault();
    var p = point(event);
    if (state.tool === "marker") {
      apply({ x: p.x, y: p.y, w: 0, h: 0 });
      return;
    }
    overlay.setPointerCapture(event.pointerId);
    state.drag = p;
    state.selection = { x: p.x, y: p.y, w: 0, h: 0 };
    draw();
  });
  overlay.addEventListener("pointermove", function (event) {
    if (!state || !state.drag) {
      return;
    }
    var p = point(event);
    state.selection = {
      x: Math.min(p.x, state.drag.x),
      y: Math.min(p.y, state.drag.y),
      w: Math.abs(p.x - state.drag.x),
      h: Math.abs(p.y - state.drag.y)
    };
    draw();
  });
  overlay.addEventListener("pointerup", function () {
    if (!state || !state.drag) {
      return;
    }
    state.drag = null;
    if (state.selection && state.selection.w >= 2 && state.selection.h >= 2) {
      apply(state.selection);
    } else {
      state.selection = null;
      draw();
    }
  });

  // Keyboard: arrows move the selection, Shift+arrows resize it, Enter applies the tool.
  canvas.addEventListener("keydown", function (event) {
    if (!state || !state.tool || !state.selection) {
      return;
    }
    var s = state.selection;
    var step = Math.max(1, Math.round(Math.max(canvas.width, canvas.height) / 50));
    var dx = event.key === "ArrowRight" ? step : event.key === "ArrowLeft" ? -step : 0;
    var dy = event.key === "ArrowDown" ? step : event.key === "ArrowUp" ? -step : 0;
    if (dx || dy) {
      event.preventDefault();
      if (event.shiftKey) {
        s.w = Math.max(step, Math.min(canvas.width - s.x, s.w + dx));
        s.h = Math.max(step, Math.min(canvas.height - s.y, s.h + dy));
      } else {
        s.x = Math.max(0, Math.min(canvas.width - s.w, s.x + dx));
        s.y = Math.max(0, Math.min(canvas.height - s.h, s.y + dy));
      }
      draw();
    } else if (event.key === "Enter") {
      event.preventDefault();
      apply(state.tool === "marker" ? { x: s.x + s.w / 2, y: s.y + s.h / 2, w: 0, h: 0 } : s);
    }
  });

  function apply(area) {
    var r = {
      x: Math.round(area.x),
      y: Math.round(area.y),
      w: Math.round(area.w),
      h: Math.round(area.h)
    };
    remember();
    if (state.tool === "crop") {
      var kept = context.getImageData(r.x, r.y, Math.max(1, r.w), Math.max(1, r.h));
      canvas.width = kept.width;
      canvas.height = kept.height;
      context.putImageData(kept, 0, 0);
      choose(null);
    } else if (state.tool === "black") {
      context.fillStyle = "#000";
      context.fillRect(r.x, r.y, r.w, r.h);
    } else if (state.tool === "blur") {
      pixelate(r);
    } else if (state.tool === "marker") {
      marker(r.x, r.y, ++state.markers);
    }
    if (state.tool && state.tool !== "marker") {
      state.selection = null;
    }
    hint.textContent = say("applied." + (state.tool || "crop"));
    draw();
  }

  // Large blocks, each the average of its pixels plus noise: the text under them cannot be
  // read back, unlike a light Gaussian blur or small, regular mosaics.
  function pixelate(r) {
    if (r.w < 1 || r.h < 1) {
      return;
    }
    var block = Math.max(12, Math.round(Math.min(r.w, r.h) / 3));
    var image = context.getImageData(r.x, r.y, r.w, r.h);
    var d = image.data;
    for (var by = 0; by < r.h; by += block) {
      for (var bx = 0; bx < r.w; bx += block) {
        var sum = [0, 0, 0];
        var count = 0;
        var y;
        var x;
        var i;
        for (y = by; y < Math.min(by + block, r.h); y++) {
          for (x = bx; x < Math.min(bx + block, r.w); x++) {
            i = (y * r.w + x) * 4;
            sum[0] += d[i];
            sum[1] += d[i + 1];
            sum[2] += d[i + 2];
            count++;
          }
        }
        var noise = Math.round(Math.random() * 24) - 12;
        for (y = by; y < Math.min(by + block, r.h); y++) {
          for (x = bx; x < Math.min(bx + block, r.w); x++) {
            i = (y * r.w + x) * 4;
            d[i] = clamp(sum[0] / count + noise);
            d[i + 1] = clamp(sum[1] / count + noise);
            d[i + 2] = clamp(sum[2] / count + noise);
            d[i + 3] = 255;
          }
        }
      }
    }
    context.putImageData(image, r.x, r.y);
  }

  function clamp(value) {
    return Math.max(0, Math.min(255, Math.round(value)));
  }

  function marker(x, y, number) {
    var radius = Math.max(12, Math.round(Math.min(canvas.width, canvas.height) / 30));
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fillStyle = "#c62828";
    context.fill();
    context.lineWidth = Math.max(2, radius / 6);
    context.strokeStyle = "#fff";
    context.stroke();
    context.fillStyle = "#fff";
    context.font = "bold " + Math.round(radius * 1.2) + "px sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(String(number), x, y + radius / 12);
  }

  // The overlay shows the selection only; it is never part of the picture.
  function draw() {
    overlay.width = canvas.width;
    overlay.height = canvas.height;
    var g = overlay.getContext("2d");
    g.clearRect(0, 0, overlay.width, overlay.height);
    if (!state || !state.selection) {
      return;
    }
    var s = state.selection;
    var line = Math.max(2, Math.round(Math.max(canvas.width, canvas.height) / 400));
    g.fillStyle = "rgba(0, 0, 0, 0.35)";
    g.fillRect(0, 0, overlay.width, overlay.height);
    g.clearRect(s.x, s.y, s.w, s.h);
    g.lineWidth = line;
    g.setLineDash([line * 3, line * 2]);
    g.strokeStyle = "#fff";
    g.strokeRect(s.x, s.y, s.w, s.h);
  }
})();
