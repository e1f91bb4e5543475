// Save each answer the moment it is chosen; the page works the same without this file.
// Answers live on the server only (never in localStorage). Choosing never moves on by itself
// (WCAG 3.2.2, no change of context on input): only the Volgende button does.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".f-status");
  function say(key) { status.textContent = form.getAttribute("data-" + key) || ""; }
  form.addEventListener("change", function (event) {
    if (event.target.name !== "value") { return; }
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
    }).catch(function () { say("offline"); });
  });
})();
