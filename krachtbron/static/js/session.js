// The warning before a staff session ends, with "Blijf ingelogd" (issue 12). Progressive
// enhancement: without this file the session still ends on time and a form posted after it
// ended is kept for the user (krachtbron/lib/kept_forms.py).
(function () {
  "use strict";
  var notice = document.getElementById("session-notice");
  if (!notice || !window.fetch) { return; }
  var live = document.getElementById("session-live");
  var text = notice.querySelector("[data-session-text]");
  var form = notice.querySelector("form");
  var warnBefore = Number(notice.getAttribute("data-warn-before")) * 1000;
  var statusUrl = notice.getAttribute("data-status-url");
  var deadline = 0;
  var timer = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(ms) { var d = new Date(ms); return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function words(name) { return notice.getAttribute("data-text-" + name) || ""; }

  // Show a message in the bar and say it once to screen readers (the live region).
  function say(message, withButton) {
    text.textContent = message;
    form.hidden = !withButton;
    notice.hidden = false;
    document.body.classList.add("has-session-notice"); // room at the bottom: nothing covered
    notice.setAttribute("data-state", message === words("stay") ? "stay" : "shown");
    live.textContent = message;
  }

  function hide() {
    notice.hidden = true;
    document.body.classList.remove("has-session-notice");
  }

  function later(at, work) {
    clearTimeout(timer);
    timer = setTimeout(work, Math.max(0, at - Date.now()));
  }

  // Seconds left, as the server counts them. A redirect means the session has already ended.
  function ask(url, options) {
    options.credentials = "same-origin";
    options.redirect = "manual";
    options.headers = { "Accept": "application/json" };
    return fetch(url, options).then(function (response) {
      if (response.type === "opaqueredirect" || !response.ok) { return null; }
      return response.json();
    });
  }

  function arm(state) {
    deadline = Date.now() + state.expires_in * 1000;
    later(deadline - warnBefore, check);
  }

  function check() {
    ask(statusUrl, { method: "GET" }).then(function (state) {
      if (!state || state.expires_in <= 0) { return ended(); }
      if (state.expires_in * 1000 > warnBefore + 5000) {
        hide(); // active in another tab meanwhile
        return arm(state);
      }
      deadline = Date.now() + state.expires_in * 1000;
      say(words(state.absolute ? "absolute" : "warn").replace("{tijd}", clock(deadline)), !state.absolute);
      later(deadline + 1000, check);
    }).catch(function () { later(Date.now() + 15000, check); });
  }

  function ended() {
    clearTimeout(timer);
    say(words("ended"), false);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask(form.action, { method: "POST", body: new FormData(form) }).then(function (state) {
      if (!state) { return ended(); }
      say(words("stay"), false);
      arm(state);
      setTimeout(function () {
        if (notice.getAttribute("data-state") === "stay") { hide(); }
      }, 6000);
    }).catch(function () { say(words("failed"), true); });
  });

  // Timers sleep in a background tab: look again when the tab comes back.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && Date.now() > deadline - warnBefore) { check(); }
  });

  arm({ expires_in: Number(notice.getAttribute("data-expires-in")) });
})();
