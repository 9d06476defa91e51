// Accessibility fixes on top of Material (found by axe-core and by keyboard testing):
// - a name for the search dialog (WCAG 4.1.2); the header survives instant navigation, so once;
// - the header's menu and search buttons are <label>s, which a keyboard cannot reach: put a real
//   button (named, with aria-expanded) in each one's place (WCAG 2.1.1, 4.1.2);
//   opening the drawer from the keyboard moves focus into it, Escape closes it and returns focus;
// - Material names a nested navigation landmark after its icon-only toggle, which leaves it
//   unnamed when a section has an index page: name it after its title (axe landmark-unique);
// - wide tables scroll sideways inside Material's wrapper, which a keyboard cannot reach:
//   make each wrapper that overflows a named, focusable region (WCAG 2.1.1), on every page,
//   and flag it so accessibility.css shows the "scroll sideways" hint on narrow screens.
// The closed drawer and closed search are hidden from focus in accessibility.css (WCAG 2.4.11).
// A classic script (not a module): wrapped so that its names stay out of the page's global scope.
(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search this site");

  const buttons = [
    { selector: ".md-header label.md-header__button[for='__drawer']", name: "Site menu" },
    { selector: ".md-header label.md-header__button[for='__search']", name: "Search this site" },
  ];

  function toggleFor(label) {
    return document.getElementById(label.htmlFor);
  }

  function focusInto(container) {
    // Wait for the drawer's slide (0.25 s) so that focus lands on a visible link.
    window.setTimeout(() => {
      // The first link the reader can see: an open sub-panel hides its parent's links.
      const candidates = container ? container.querySelectorAll("a[href], [tabindex='0']") : [];
      const target = Array.from(candidates).find((element) => getComputedStyle(element).visibility === "visible" && element.getClientRects().length > 0);
      if (target) target.focus();
    }, 300);
  }

  // Each header label gets a real <button> in its place (a label cannot take role=button): the
  // button clicks the label, so the checkbox toggles and Material's own listeners run (it focuses
  // the search box on a click of the search label). The label stays for use without JavaScript.
  for (const { selector, name } of buttons) {
    const label = document.querySelector(selector);
    const toggle = label && toggleFor(label);
    if (!label || !toggle || label.classList.contains("a11y-replaced")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon a11y-toggle";
    button.dataset.for = toggle.id;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.innerHTML = label.innerHTML; // Material's icon (an inline SVG)
    label.before(button);
    label.classList.add("a11y-replaced");
    let fromKeyboard = false;
    button.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") fromKeyboard = true;
    });
    button.addEventListener("click", () => {
      label.click();
      if (toggle.id === "__search" && toggle.checked) document.querySelector(".md-search__input")?.focus();
    });
    toggle.addEventListener("change", () => {
      button.setAttribute("aria-expanded", String(toggle.checked));
      // Opened from the keyboard, the drawer takes the focus (it covers the menu button).
      if (fromKeyboard && toggle.id === "__drawer" && toggle.checked) focusInto(document.querySelector(".md-sidebar--primary"));
      fromKeyboard = false;
    });
  }

  // Below 60em the closed search is an invisible overlay: its box leaves the Tab order until the
  // search opens (a click, the search button, or Material's "/" and "s" keys); accessibility.css
  // hides its results.
  const narrow = window.matchMedia("(max-width: 59.984375em)");
  const searchToggle = document.getElementById("__search");
  function searchTabOrder() {
    const closed = narrow.matches && searchToggle && !searchToggle.checked;
    const input = document.querySelector(".md-search__input");
    if (input) input.tabIndex = closed ? -1 : 0;
  }
  if (searchToggle) {
    searchToggle.addEventListener("change", searchTabOrder);
    narrow.addEventListener("change", searchTabOrder);
    searchTabOrder();
  }

  // Escape closes an open drawer and hands focus back to the menu button.
  document.addEventListener("keydown", (event) => {
    const drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    const menu = document.querySelector(".a11y-toggle[data-for='__drawer']");
    if (menu) menu.focus();
  });

  function nameNavigationLandmarks() {
    // Every sub-menu of the site menu, named "Site menu: <section>": unique, even where a page's
    // table of contents has a heading of the same name (Material names those after the heading).
    for (const nav of document.querySelectorAll(".md-nav--primary nav.md-nav[aria-labelledby]")) {
      const title = nav.querySelector(":scope > .md-nav__title");
      const text = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
      if (!text) continue;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", "Site menu: " + text);
    }
  }

  // A table's name: its caption, else what labels it, else the heading of its section.
  function tableName(table) {
    const caption = table.querySelector("caption");
    const labelledBy = table.getAttribute("aria-labelledby");
    const label = labelledBy ? document.getElementById(labelledBy) : null;
    let source = caption || label;
    if (!source) {
      const headings = Array.from(document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3"));
      const before = headings.filter((heading) => heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (before.length) return "Table under \u201c" + before[before.length - 1].textContent.replace(/[\s\u00b6]+/g, " ").trim() + "\u201d";
    }
    return source ? source.textContent.replace(/\s+/g, " ").trim() : "Table";
  }

  function focusableScrollingTables() {
    const names = new Map(); // region names are landmarks: each one unique on the page
    for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrapper.scrollWidth <= wrapper.clientWidth + 1 || wrapper.hasAttribute("tabindex")) continue;
      const table = wrapper.querySelector("table");
      let heading = table ? tableName(table) : "Table";
      const seen = (names.get(heading) || 0) + 1;
      names.set(heading, seen);
      if (seen > 1) heading += " (" + seen + ")";
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", heading + ", scrolls sideways for more columns");
      wrapper.classList.add("scrolls-sideways");
      // The hint names every column, so a reader knows what is off-screen (shown on narrow screens).
      const columns = table ? Array.from(table.querySelectorAll("thead th"), (cell) => cell.textContent.trim()).filter(Boolean) : [];
      const hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true"); // the region's name says the same
      hint.textContent = "Scroll sideways for more columns" + (columns.length > 1 ? " (" + columns.length + " in all: " + columns.join(", ") + ")" : "") + " \u2192";
      wrapper.before(hint);
    }
  }

  // A button that opens the header's search (the 404 page's): shown only when this script runs.
  function searchButtons() {
    for (const button of document.querySelectorAll("[data-open-search]")) {
      if (button.dataset.bound) continue;
      button.dataset.bound = "true";
      button.hidden = false;
      button.addEventListener("click", () => {
        const toggle = document.getElementById("__search");
        if (!toggle) return;
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        document.querySelector(".md-search__input")?.focus();
      });
    }
  }

  function onPage() {
    searchButtons();
    // Instant navigation closes the drawer without a change event: keep aria-expanded true to it.
    for (const button of document.querySelectorAll(".a11y-toggle")) {
      const toggle = document.getElementById(button.dataset.for);
      if (toggle) button.setAttribute("aria-expanded", String(toggle.checked));
    }
    nameNavigationLandmarks();
    focusableScrollingTables();
  }

  if (window.document$) window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
