// Awaaz web chat: posts each message to /chat/messages and shows the dialogue's replies.
// The visitor is identified by an HttpOnly cookie set by the server; no data is kept in the page: on
// load, the recent turns and any waiting question come from /chat/history.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var errorBox = document.getElementById("error");
  var locationLabel = document.getElementById("location-label").innerHTML;
  var copyLabel = document.getElementById("copy-label").innerHTML;
  var copiedLabel = document.getElementById("copied-label").innerHTML;
  var trackLabel = document.getElementById("track-label").innerHTML;
  var TRACKING_ID = /\b[0-9A-Z]{5}-[0-9A-Z]{5}\b/;
  var counter = 0;

  function clientId() {  // unique per message, so a retried POST is handled once by the dialogue
    counter += 1;
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10) + "-" + counter;
  }

  function bubble(who, text, dir, lang) {
    var item = document.createElement("li");
    item.className = "msg " + who;
    var p = document.createElement("p");
    p.textContent = text;
    p.dir = dir || "auto";
    if (lang) { p.lang = lang === "roman_ur" ? "ur-Latn" : lang; }
    item.appendChild(p);
    log.appendChild(item);
    return item;
  }

  function scrollToNewest() {  // the newest reply and its buttons on screen, whatever the phone's height
    log.scrollTop = log.scrollHeight;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    var area = document.createElement("textarea");  // plain http on a LAN: the older way
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }

  function trackingTools(item, text) {  // a tracking ID in a reply: copy it, or open its /track page
    var match = TRACKING_ID.exec(text);
    if (!match) { return; }
    var tools = document.createElement("div");
    tools.className = "tracking";
    var code = document.createElement("code");
    code.textContent = match[0];
    code.dir = "ltr";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = copyLabel;
    button.addEventListener("click", function () {
      copyText(match[0]).then(function () { button.textContent = copiedLabel; });
    });
    var link = document.createElement("a");
    link.href = "/track?id=" + encodeURIComponent(match[0]);
    link.textContent = trackLabel;
    tools.appendChild(code);
    tools.appendChild(button);
    tools.appendChild(link);
    item.appendChild(tools);
    if (!document.querySelector(".phone-form")) { phoneForm(item); }  // once per page
  }

  function phoneForm(item) {  // optional: a mobile number for SMS updates on the complaint
    var form = document.getElementById("phone-form").content.firstElementChild.cloneNode(true);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var saved = form.querySelector(".phone-saved"), invalid = form.querySelector(".phone-invalid");
      saved.hidden = true;
      invalid.hidden = true;
      fetch("/chat/phone", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        body: JSON.stringify({phone: form.elements.phone.value.trim()})
      }).then(function (response) {
        if (response.ok) { saved.hidden = false; } else { invalid.hidden = false; }
      }).catch(function () { errorBox.hidden = false; });
    });
    item.appendChild(form);
  }

  function disableGroup(group, chosen) {
    Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
      b.disabled = true;
      if (b === chosen) { b.classList.add("chosen"); }
    });
  }

  function choiceButtons(item, reply) {
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.dir = reply.dir;
    reply.choices.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.dir = "auto";
      button.addEventListener("click", function () {
        disableGroup(group, button);
        send({choice: choice.value, question: reply.question}, choice.label);
      });
      group.appendChild(button);
    });
    item.appendChild(group);
  }

  function locationButton(item) {
    if (!navigator.geolocation) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = locationLabel;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        button.disabled = true;
        send({location: {latitude: pos.coords.latitude, longitude: pos.coords.longitude}}, "📍");
      });
    });
    item.appendChild(button);
  }

  function showReply(reply, live) {
    var item = bubble("bot", reply.text, reply.dir, reply.language);
    if (reply.choices.length) {
      choiceButtons(item, reply);
      if (!live) { disableGroup(item.querySelector(".choices"), null); }
    }
    if (reply.request_location && live) { locationButton(item); }
    trackingTools(item, reply.text);
  }

  function showReplies(replies) {
    replies.forEach(function (reply) { showReply(reply, true); });
    scrollToNewest();
  }

  function showHistory(data) {  // after a reload: the recent turns; only the newest question's buttons work
    var lastMine = -1;
    data.turns.forEach(function (turn, i) { if (turn.who === "me") { lastMine = i; } });
    data.turns.forEach(function (turn, i) {
      if (turn.who === "me") { bubble("me", turn.text); } else { showReply(turn, i > lastMine); }
    });
    showReplies(data.pending);
  }

  fetch("/chat/history", {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : {turns: [], pending: []}; })
    .then(showHistory)
    .catch(function () { /* no history: the page starts empty, as on a first visit */ });

  function setBusy(busy) {
    sendButton.disabled = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // One message out (text, photo or voice note): shown at once, the request made, its replies shown;
  // resolves to the reply data, or null when the request failed (the error line is then shown).
  function exchange(shown, request) {
    errorBox.hidden = true;
    bubble("me", shown);
    scrollToNewest();
    setBusy(true);
    return request().then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      showReplies(data.replies);
      return data;
    }).catch(function () {
      errorBox.hidden = false;
      return null;
    }).then(function (data) {
      setBusy(false);
      return data;
    });
  }

  function send(payload, shown) {
    payload.client_id = clientId();
    return exchange(shown, function () {
      return fetch("/chat/messages", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json"},
        body: JSON.stringify(payload)
      });
    }).then(function () { input.focus(); });
  }

  var MAX_PHOTO = 900000, MAX_SIDE = 1600;

  function shrink(file) {  // a phone photo is several MB: redraw it at most 1600 px wide, as JPEG
    if (file.size <= MAX_PHOTO) { return Promise.resolve(file); }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.8); });
    });
  }

  var photoInput = document.getElementById("photo");
  photoInput.addEventListener("change", function () {
    var file = photoInput.files[0];
    photoInput.value = "";
    if (!file) { return; }
    exchange("📷 " + file.name, function () {
      return shrink(file).then(function (blob) {
        var data = new FormData();
        data.append("photo", blob, file.name);
        data.append("client_id", clientId());
        return fetch("/chat/photo", {method: "POST", credentials: "same-origin", body: data});
      });
    });
  });

  window.AwaazChat = {showReplies: showReplies, exchange: exchange, clientId: clientId};  // for voice.js (issue 15)

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({text: text}, text);
  });

  input.addEventListener("keydown", function (event) {  // Enter sends, Shift+Enter makes a new line
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}());
