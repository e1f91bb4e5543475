// "Lees voor": read the page aloud with the browser's own speech synthesis (nothing leaves the
// device, no outside service). The button stays hidden unless the browser has a voice for the
// page's language. It reads the text blocks of <main> in page order (headings, paragraphs, list
// items, the question and its answers), each in the language of its nearest lang attribute (a
// part without a voice is left out). data-speak="text" reads that text instead of the
// element's (an answer: "3: tevreden"); data-speak-skip leaves an element out. A second press
// stops.
(function () {
  "use strict";
  var box = document.querySelector("[data-speak-box]");
  var synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) { return; }
  var button = box.querySelector("[data-speak-button]");
  var text = button.querySelector(".f-speak__text");
  var readLabel = text.textContent;
  var pageLang = document.documentElement.getAttribute("lang") || "";

  function norm(lang) { return (lang || "").toLowerCase().replace(/_/g, "-"); }
  // The voice for a language: the same tag first ("nl-BE"), else one of its base language
  // ("nl"), the browser's default one before the others.
  function voiceFor(lang) {
    var want = norm(lang), base = want.split("-")[0], same = null, first = null, preferred = null;
    synth.getVoices().forEach(function (voice) {
      var have = norm(voice.lang);
      if (have === want && !same) { same = voice; }
      if (have.split("-")[0] === base) {
        if (!first) { first = voice; }
        if (voice["default"] && !preferred) { preferred = voice; }
      }
    });
    return base ? (same || preferred || first) : null;
  }
  function check() {
    var voice = voiceFor(pageLang);
    box.hidden = !voice;
    box.setAttribute("data-voice", voice ? voice.lang : "none");
  }
  function langOf(element) {
    var host = element.closest("[lang]");
    return host ? host.getAttribute("lang") : pageLang;
  }
  var BLOCKS = "h1, h2, h3, p, li, legend, label, [data-speak]";
  function parts() {
    var found = [];
    document.querySelectorAll("main").forEach(function (main) {
      main.querySelectorAll(BLOCKS).forEach(function (element) {
        // A block inside another block is read with it; the button itself is not read.
        var outer = element.parentElement && element.parentElement.closest(BLOCKS);
        if ((outer && main.contains(outer)) || element.closest("[data-speak-box], [data-speak-skip]")) {
          return;
        }
        var said = element.getAttribute("data-speak") || element.innerText || "";
        said = said.replace(/\s+/g, " ").trim();
        if (said) { found.push({ text: said, lang: langOf(element) }); }
      });
    });
    return found;
  }
  function reset() { text.textContent = readLabel; }

  button.addEventListener("click", function () {
    if (synth.speaking || synth.pending) { synth.cancel(); reset(); return; }
    var waiting = 0;
    function finished() { waiting -= 1; if (waiting <= 0) { reset(); } }
    parts().forEach(function (part) {
      var voice = voiceFor(part.lang);
      if (!voice) { return; }
      var utterance = new SpeechSynthesisUtterance(part.text);
      utterance.lang = part.lang;
      utterance.voice = voice;
      utterance.addEventListener("end", finished);
      utterance.addEventListener("error", finished);
      waiting += 1;
      synth.speak(utterance);
    });
    if (waiting) { text.textContent = button.getAttribute("data-stop"); }
  });
  check();
  // Many browsers load their voices after the page: look again when they arrive.
  if (synth.addEventListener) { synth.addEventListener("voiceschanged", check); }
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
