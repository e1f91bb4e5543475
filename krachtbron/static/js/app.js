// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Move focus to an error summary so screen-reader users hear what went wrong.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    // A drawing wider than a phone (the network map) opens at its middle, where the family is.
    document.querySelectorAll("[data-scroll-centre]").forEach(function (box) {
      box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
    });
  });
})();
