// Mijn Krachtbron: make a passkey or sign in with one (WebAuthn). The only page script of
// the portal; everything else works without JavaScript. The server put the options in a JSON
// block (#passkey-options); the answer goes back in the form's hidden "credential" field and
// the form posts as any other, so the server checks it and redirects.
(function () {
  "use strict";
  var form = document.querySelector("form[data-passkey]");
  var block = document.getElementById("passkey-options");
  if (!form || !block) { return; }
  var button = form.querySelector("button[type=submit]");
  var status = form.querySelector(".passkey-status");
  var field = form.querySelector("input[name=credential]");
  var mode = form.getAttribute("data-passkey");

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }
  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function say(text) { if (status) { status.textContent = text; } }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    say(document.documentElement.lang === "en"
      ? "This browser cannot use a passkey. Ask your care worker for a one-time link."
      : "Deze browser kan geen sleutel gebruiken. Vraag je hulpverlener om een eenmalige link.");
    return;
  }
  var options = JSON.parse(block.textContent);
  options.challenge = toBytes(options.challenge);
  if (mode === "create") {
    options.user.id = toBytes(options.user.id);
    (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
  } else {
    (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
  }
  button.disabled = false;

  form.addEventListener("submit", function (event) {
    if (field.value) { return; }  // the answer is in: post it
    event.preventDefault();
    button.disabled = true;
    var ask = mode === "create"
      ? navigator.credentials.create({ publicKey: options })
      : navigator.credentials.get({ publicKey: options });
    ask.then(function (credential) {
      var r = credential.response;
      var answer = {
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment || null,
        response: { clientDataJSON: toText(r.clientDataJSON) }
      };
      if (mode === "create") {
        answer.response.attestationObject = toText(r.attestationObject);
        answer.response.transports = r.getTransports ? r.getTransports() : [];
      } else {
        answer.response.authenticatorData = toText(r.authenticatorData);
        answer.response.signature = toText(r.signature);
        answer.response.userHandle = toText(r.userHandle);
      }
      field.value = JSON.stringify(answer);
      form.submit();
    }).catch(function () {
      button.disabled = false;
      say(document.documentElement.lang === "en"
        ? "That did not work. Try again."
        : "Dat lukte niet. Probeer het opnieuw.");
    });
  });
})();
