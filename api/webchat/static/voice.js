// Awaaz web chat, voice notes (issue 15): record with MediaRecorder (or pick an audio file), upload to
// /chat/voice, then poll /chat/voice/replies until the transcribed answer arrives.
(function () {
  "use strict";
  var box = document.getElementById("voice");
  var recordButton = document.getElementById("record");
  var fileInput = document.getElementById("voice-file");
  var errorBox = document.getElementById("error");
  var chat = window.AwaazChat;
  var recorder = null, chunks = [], polling = false;
  var LAST = "awaazVoiceLast";

  function last() { return parseInt(window.localStorage.getItem(LAST) || "0", 10) || 0; }

  function poll(attempt) {
    fetch("/chat/voice/replies?after=" + last(), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.replies.length) { chat.showReplies(data.replies); }
        window.localStorage.setItem(LAST, String(data.last));
        if (data.pending > 0 && attempt < 150) {
          window.setTimeout(function () { poll(attempt + 1); }, 2000);
        } else { polling = false; }
      })
      .catch(function () { polling = false; errorBox.hidden = false; });
  }

  function startPolling() {
    if (!polling) { polling = true; poll(0); }
  }

  function upload(blob, name) {
    return chat.exchange("🎙️", function () {
      var body = new FormData();
      body.append("audio", blob, name);
      body.append("client_id", chat.clientId());
      return fetch("/chat/voice", {method: "POST", credentials: "same-origin", body: body});
    }).then(function (data) { if (data && data.pending) { startPolling(); } });
  }

  function stop() {
    recorder.stop();
    recordButton.classList.remove("recording");
    recordButton.innerHTML = recordButton.dataset.start;
  }

  function start() {
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = function (e) { if (e.data.size) { chunks.push(e.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        upload(new Blob(chunks, {type: recorder.mimeType || "audio/webm"}), "voice.webm");
      };
      recorder.start();
      recordButton.classList.add("recording");
      recordButton.innerHTML = recordButton.dataset.stop;
    }).catch(function () { errorBox.hidden = false; });
  }

  if (window.MediaRecorder && navigator.mediaDevices) {
    recordButton.dataset.start = recordButton.innerHTML;
    recordButton.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") { stop(); } else { start(); }
    });
  } else {
    recordButton.hidden = true;  // no recording in this browser: the file picker still works
  }
  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) { upload(fileInput.files[0], fileInput.files[0].name); fileInput.value = ""; }
  });
  box.hidden = false;
  startPolling();  // answers to notes sent before the page was (re)opened
}());
