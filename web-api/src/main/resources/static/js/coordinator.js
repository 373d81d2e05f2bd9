// Progressive help for the pages of offices, associations, funders and coordinators (the pages work
// without it). A "print" button, shown only when this script runs, prints the page.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
