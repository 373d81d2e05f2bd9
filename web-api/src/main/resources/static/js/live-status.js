// Keeps a status element ([data-live-status]) up to date with the API: server-sent events from
// data-events-url when the browser has EventSource, else (or when the stream fails) polling
// data-url every 2 s. The element's data-status becomes the new status (the stylesheet shows
// colour and icon from it), its text the matching [data-status-text] message, and the page is
// announced through the element's aria-live. Stops once the status is final.
(function () {
  "use strict";
  const POLL_MS = 2000;

  function start(element) {
    const texts = {};
    document.querySelectorAll("[data-status-text]").forEach((span) => {
      texts[span.getAttribute("data-status-text")] = span.textContent;
    });
    let finished = false;
    let timer = null;

    function show(status) {
      if (!status || finished) {
        return;
      }
      if (element.getAttribute("data-status") !== status) {
        element.setAttribute("data-status", status);
        if (texts[status]) {
          element.textContent = texts[status];
        }
      }
      document.body.classList.toggle("till-paid", status === "PAID" || status === "USED");
      if (status !== "OPEN") {
        finished = true;
        // the expiry mattered only while the code waited
        document.querySelectorAll("[data-expiry]").forEach((hint) => {
          hint.hidden = true;
        });
        if (timer) {
          clearInterval(timer);
        }
        document.dispatchEvent(new CustomEvent("sol:final-status", { detail: status }));
      }
    }

    function poll() {
      const url = element.getAttribute("data-url");
      if (!url || timer) {
        return;
      }
      const once = () =>
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : null))
          .then((body) => body && show(body.status))
          .catch(() => {});
      timer = setInterval(once, POLL_MS);
      once();
    }

    const eventsUrl = element.getAttribute("data-events-url");
    if (eventsUrl && "EventSource" in window) {
      const source = new EventSource(eventsUrl, { withCredentials: true });
      source.addEventListener("status", (event) => {
        try {
          show(JSON.parse(event.data).status);
        } catch (e) {
          // a malformed event: the polling fallback will tell
        }
        if (finished) {
          source.close();
        }
      });
      source.onerror = () => {
        source.close();
        if (!finished) {
          poll();
        }
      };
    } else {
      poll();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-live-status]").forEach(start);
  });
})();
