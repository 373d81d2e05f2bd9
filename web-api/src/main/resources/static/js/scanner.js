// The camera scanner ([data-scanner]): progressive, shown only when the browser can open a camera.
// Frames (at most 1280 px wide, JPEG) are posted one at a time to the form's action (POST
// /qr/decode, with its CSRF field), which decodes and verifies them on the server. On a code:
// mode "navigate" opens its link (/p/<code>); mode "fill" puts the code into the field named by
// data-target and stops.
(function () {
  "use strict";
  const INTERVAL_MS = 700;
  const MAX_WIDTH = 1280;

  function setUp(section) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return;
    }
    section.hidden = false;
    const form = section.querySelector("[data-scanner-form]");
    const startButton = section.querySelector("[data-scanner-start]");
    const stopButton = section.querySelector("[data-scanner-stop]");
    const video = section.querySelector("[data-scanner-video]");
    const status = section.querySelector("[data-scanner-status]");
    const message = (name) => {
      const span = section.querySelector("[data-scanner-msg-" + name + "]");
      return span ? span.textContent : "";
    };
    const canvas = document.createElement("canvas");
    let stream = null;
    let timer = null;
    let busy = false;

    function stop() {
      if (timer) {
        clearInterval(timer);
        timer = null;
      }
      if (stream) {
        stream.getTracks().forEach((track) => track.stop());
        stream = null;
      }
      video.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
    }

    function found(result) {
      stop();
      status.textContent = message("found");
      if (section.getAttribute("data-mode") === "fill") {
        const field = document.getElementById(section.getAttribute("data-target"));
        if (field) {
          field.value = result.payload;
          field.focus();
        }
      } else {
        window.location.assign(result.link);
      }
    }

    function sendFrame() {
      if (busy || !stream || video.videoWidth === 0) {
        return;
      }
      busy = true;
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(
        (blob) => {
          const data = new FormData(form);
          data.append("image", blob, "frame.jpg");
          fetch(form.action, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { Accept: "application/json" },
          })
            .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
            .then(({ ok, body }) => {
              if (ok && body.payload) {
                found(body);
              }
            })
            .catch(() => {})
            .finally(() => {
              busy = false;
            });
        },
        "image/jpeg",
        0.85
      );
    }

    startButton.addEventListener("click", () => {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then((media) => {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          startButton.hidden = true;
          stopButton.hidden = false;
          status.textContent = message("looking");
          return video.play();
        })
        .then(() => {
          timer = setInterval(sendFrame, INTERVAL_MS);
        })
        .catch(() => {
          stop();
          status.textContent = message("denied");
        });
    });
    stopButton.addEventListener("click", stop);
    window.addEventListener("pagehide", stop);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-scanner]").forEach(setUp);
  });
})();
