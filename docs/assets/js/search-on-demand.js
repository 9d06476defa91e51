// The search index (about 600 KiB, every page's text) is fetched when the reader first goes to
// search, not on every page: Material asks for it as soon as a page loads, so hold that one
// request back until the search box gets focus, the search is opened, or the address already
// carries a query (?q=). Loaded in the page's head, before Material's own script.
(() => {
  const INDEX = /\/search\/search_index\.json$|\/search\.json$/; // Material's index, Zensical's
  let release;
  const wanted = new Promise((resolve) => { release = resolve; });
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.searchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!this.searchIndex) return send.apply(this, body);
    wanted.then(() => send.apply(this, body));
    return undefined;
  };
  if (new URLSearchParams(location.search).has("q")) release();
  const isSearch = (target) => target instanceof Element && Boolean(target.closest(".md-search, [data-md-toggle='search']"));
  document.addEventListener("focusin", (event) => { if (isSearch(event.target)) release(); });
  document.addEventListener("change", (event) => { if (isSearch(event.target)) release(); });
  document.addEventListener("pointerdown", (event) => {
    if (event.target instanceof Element && event.target.closest("label[for='__search'], .md-search")) release();
  });
})();
