// A name for Material's search dialog, which axe-core flags as unnamed (WCAG 4.1.2).
// Runs once: instant navigation does not replace the header.
const search = document.querySelector(".md-search[role='dialog']");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search this site");
