// Case-study index filters: progressive enhancement of the plain list on case-studies/index.md.
// Without JavaScript the page is a complete list; this script reveals the labelled <select>
// filters and hides the items that do not match, announcing the count in a polite live region.
// Material's instant navigation swaps pages without a reload, so bind on every document$ emission.
(function () {
  "use strict";

  function bind(root) {
    var form = root.querySelector("form.case-filters");
    var list = root.querySelector(".case-list");
    if (!form || !list || form.dataset.bound === "true") return;
    form.dataset.bound = "true";

    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li"));
    var count = form.querySelector(".case-count");
    var empty = root.querySelector(".case-empty");

    function matches(item, select) {
      if (!select.value) return true;
      var values = (item.getAttribute("data-" + select.dataset.facet) || "").split(" ");
      return values.indexOf(select.value) !== -1;
    }

    function update() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) { return matches(item, select); });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      var noun = items.length === 1 ? "case study" : "case studies";
      if (count) count.textContent = "Showing " + shown + " of " + items.length + " " + noun;
      if (empty) empty.hidden = shown !== 0;
    }

    selects.forEach(function (select) { select.addEventListener("change", update); });
    // The reset event fires before the form's controls are reset: update afterwards.
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  }

  if (typeof document$ !== "undefined" && document$ && typeof document$.subscribe === "function") {
    document$.subscribe(function () { bind(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { bind(document); });
  } else {
    bind(document);
  }
})();
