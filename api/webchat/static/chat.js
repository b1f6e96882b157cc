// Awaaz web chat: posts each message to /chat/messages and shows the dialogue's replies.
// The visitor is identified by an HttpOnly cookie set by the server; no data is kept in the page.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var errorBox = document.getElementById("error");
  var locationLabel = document.getElementById("location-label").innerHTML;
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
    item.scrollIntoView({block: "end"});
    return item;
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

  function showReplies(replies) {
    replies.forEach(function (reply) {
      var item = bubble("bot", reply.text, reply.dir, reply.language);
      if (reply.choices.length) { choiceButtons(item, reply); }
      if (reply.request_location) { locationButton(item); }
    });
  }

  function setBusy(busy) {
    sendButton.disabled = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function send(payload, shown) {
    payload.client_id = clientId();
    errorBox.hidden = true;
    bubble("me", shown);
    setBusy(true);
    return fetch("/chat/messages", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(payload)
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      showReplies(data.replies);
    }).catch(function () {
      errorBox.hidden = false;
    }).then(function () {
      setBusy(false);
      input.focus();
    });
  }

  window.AwaazChat = {showReplies: showReplies, bubble: bubble};  // for voice.js (issue 15)

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
