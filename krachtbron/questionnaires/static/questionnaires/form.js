// Save each answer the moment it is chosen; the page works the same without this file.
// Answers live on the server only (never in localStorage).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".f-status");
  var byPointer = false;
  function say(key) { status.textContent = form.getAttribute("data-" + key) || ""; }
  // Moving on by itself is only for a tap or click: arrow keys in a radio group change the
  // choice too, and a keyboard user moves on with the Volgende button.
  form.addEventListener("pointerdown", function (event) {
    byPointer = !!event.target.closest(".f-option");
  });
  form.addEventListener("keydown", function () { byPointer = false; });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "value") { return; }
    var advance = byPointer;
    byPointer = false;
    var data = new FormData();
    data.append("item", form.querySelector("input[name=item]").value);
    data.append("value", event.target.value);
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    say("saving");
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        status.textContent = result.body.message || form.getAttribute("data-failed");
        return;
      }
      say("saved");
      if (advance) {
        window.setTimeout(function () { window.location.assign(form.getAttribute("data-next")); }, 250);
      }
    }).catch(function () { say("offline"); });
  });
})();
