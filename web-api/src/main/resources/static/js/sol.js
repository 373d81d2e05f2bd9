// Shared by every page (progressive: pages work without it). An error summary takes the focus, so
// screen readers announce it and keyboard users start from it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
