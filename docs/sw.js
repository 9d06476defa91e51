// The site's service worker (issue 15): after one visit a calculator page opens from the
// browser's cache and works without a connection.
//
// - Caches only GET answers (status 200, not redirected) for this site's own files under its
//   scope, without a query string: the pages and assets a calculator page names in a "keep"
//   message, and the runtime under vendor/. Nothing a reader types is in any of these (forms
//   never submit, answers live in the address's fragment, which is never sent), and no
//   POST, HEAD or query ever reaches the cache.
// - Two caches, each named by a version the build writes below: the runtime's (the hash in
//   vendor/manifest.json) and the site's (a hash of every other built file). A new build
//   changes this file, so the browser installs the new worker, which fills new caches with the
//   files the reader had kept, takes over, and deletes every older cache. A runtime file is kept
//   only when its sha256 is the one the build wrote below (RUNTIME_SHA256, path -> hash), so a
//   damaged or substituted download is never kept: the next visit fetches it again. (On a first
//   visit the page's Python worker puts its own downloads in the runtime cache, checked against
//   vendor/manifest.json's hashes, so that they are not downloaded twice.)
// - Serves what it has kept cache-first; everything else goes to the network untouched. It does
//   not claim pages opened before it was installed: on a first visit the page and its Python
//   worker fetch as if it were not there, and the "keep" message then copies what they loaded
//   (from the browser's HTTP cache) into its caches.
// - Unstamped (a build that did not run scripts/mkdocs_hooks.py) it caches nothing.
/* global caches, crypto, fetch, Response, self, URL */
const SITE_VERSION = "__SITE_VERSION__";
const RUNTIME_VERSION = "__RUNTIME_VERSION__";
const RUNTIME_SHA256 = {};
const STAMPED = !SITE_VERSION.startsWith("__") && !RUNTIME_VERSION.startsWith("__");
const PREFIX = "innovation-toolkit-";
const SCOPE = new URL("./", self.location.href); // this file sits at the site root
const VENDOR = new URL("vendor/", SCOPE).href;
const SITE_CACHE = `${PREFIX}site-${SITE_VERSION}`;
const RUNTIME_CACHE = `${PREFIX}runtime-${RUNTIME_VERSION}`;

/** The cache key for a site file, or null for anything that must never be cached. */
function siteFile(address) {
  const url = new URL(address, SCOPE);
  url.hash = "";
  if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href) || url.search || url.username || url.password) return null;
  if (url.href === self.location.href) return null; // the worker itself: the browser checks it
  return url.href;
}

function cacheFor(key) {
  return caches.open(key.startsWith(VENDOR) ? RUNTIME_CACHE : SITE_CACHE);
}

function cacheable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

async function hex(buffer) {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", buffer))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Keep `response` for `key` when it may be kept (a runtime file only with its built sha256); true when kept. */
async function put(cache, key, response) {
  if (!cacheable(response)) return false;
  if (key.startsWith(VENDOR)) {
    const expected = RUNTIME_SHA256[key.slice(SCOPE.href.length)];
    const body = await response.arrayBuffer();
    if (!expected || (await hex(body)) !== expected) return false;
    response = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  await cache.put(key, response);
  return true;
}

/** Fetch `key` and keep it; true when kept. */
async function fetchAndKeep(key, cache, mode = "force-cache") {
  try {
    return await put(cache, key, await fetch(key, { cache: mode, credentials: "same-origin" }));
  } catch {
    return false;
  }
}

/** Keep every site file among `addresses` that is not kept yet; true when all of them are. */
async function keep(addresses) {
  const keys = [...new Set(addresses.map(siteFile).filter(Boolean))];
  const kept = await Promise.all(keys.map(async (key) => {
    const cache = await cacheFor(key);
    return Boolean(await cache.match(key)) || fetchAndKeep(key, cache);
  }));
  return kept.every(Boolean);
}

// A new version: fill its caches with what the reader had kept before (fresh from the server;
// the runtime cache is copied as it is when the runtime did not change), then take over.
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    if (STAMPED) {
      const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== SITE_CACHE && name !== RUNTIME_CACHE);
      const keys = new Set();
      for (const name of names) {
        for (const request of await (await caches.open(name)).keys()) keys.add(request.url);
      }
      await Promise.all([...keys].map(async (key) => {
        if (!siteFile(key)) return;
        const cache = await cacheFor(key);
        if (!(await cache.match(key))) await fetchAndKeep(key, cache, "reload");
      }));
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && (!STAMPED || (name !== SITE_CACHE && name !== RUNTIME_CACHE))) await caches.delete(name);
    }
  })());
});

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  if (event.data?.type !== "keep" || !Array.isArray(event.data.urls)) return;
  if (!STAMPED) { // nothing is kept, not even what a page's Python worker put in a cache for it
    event.waitUntil(caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX)).map((name) => caches.delete(name))))
      .finally(() => port?.postMessage({ kept: false })));
    return;
  }
  event.waitUntil(keep(event.data.urls.map(String)).then((kept) => port?.postMessage({ kept })));
});

async function answer(request, key) {
  const cache = await cacheFor(key);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (key.startsWith(VENDOR) && cacheable(response)) put(cache, key, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!STAMPED || request.method !== "GET" || request.headers.has("range")) return;
  const key = siteFile(request.url);
  if (!key) return;
  event.respondWith(answer(request, key));
});
