// Accessibility fixes on top of Material (found by axe-core):
// - a name for the search dialog (WCAG 4.1.2); the header survives instant navigation, so once;
// - wide tables scroll sideways inside Material's wrapper, which a keyboard cannot reach:
//   make each wrapper that overflows a named, focusable region (WCAG 2.1.1), on every page.
// A classic script (not a module): wrapped so that its names stay out of the page's global scope.
(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search this site");

  function focusableScrollingTables() {
    for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrapper.scrollWidth <= wrapper.clientWidth || wrapper.hasAttribute("tabindex")) continue;
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }

  if (window.document$) window.document$.subscribe(focusableScrollingTables);
  else document.addEventListener("DOMContentLoaded", focusableScrollingTables);
})();
