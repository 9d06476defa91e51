// The page's handle on the Pyodide worker: start it, call calculator functions, cancel, and
// tell every widget on the page the runtime's state. One worker per tab, kept across
// Material's instant navigation, created only on pages that hold a calculator. The worker
// installs only the packages the page's calculators need (`need`), and the site's service
// worker keeps what a calculator page used so that it works again offline (`keepOffline`).
const LOAD_TIMEOUT_MS = 90_000;
const KEEP_TIMEOUT_MS = 120_000;
const SITE = new URL("../../", import.meta.url); // this file is assets/js/runtime.js under the site root

export class Runtime {
  constructor() {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
    this.packages = new Set();
    this.registration = null;
    this.state = { state: "idle", message: "Not started", step: 0, steps: 3 };
  }

  /** Packages (e.g. "networkx") the page's calculators need besides their own: installed at start, or now if Python runs. */
  need(packages = []) {
    const added = packages.filter((name) => !this.packages.has(name));
    for (const name of added) this.packages.add(name);
    if (added.length && this.worker) this.worker.postMessage({ type: "need", packages: added });
  }

  onStatus(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  setState(state) {
    this.state = state;
    clearTimeout(this.watchdog);
    if (state.state === "loading") {
      this.watchdog = setTimeout(() => this.fail("the Python runtime took too long to load"), LOAD_TIMEOUT_MS);
    }
    for (const listener of this.listeners) listener(state);
  }

  start({ packages = [] } = {}) {
    this.need(packages);
    if (this.worker) return;
    this.worker = new Worker(new URL("./pyodide-worker.mjs", import.meta.url), { type: "module" });
    this.worker.onmessage = ({ data }) => {
      if (data.type === "status") {
        this.setState(data);
        if (data.state === "failed") this.rejectAll(data.message);
      } else if (data.type === "result") {
        const call = this.pending.get(data.id);
        this.pending.delete(data.id);
        call?.resolve(data);
      }
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the calculator worker could not start");
    };
    this.setState({ state: "loading", message: "Starting", step: 0, steps: 3 });
    // Not served by the service worker yet (a first visit): the worker keeps its downloads for it.
    const keep = "serviceWorker" in navigator && window.isSecureContext && !navigator.serviceWorker.controller;
    this.worker.postMessage({ type: "start", packages: [...this.packages], keep });
  }

  fail(message) {
    this.worker?.terminate();
    this.worker = null;
    this.setState({ state: "failed", message, step: 0, steps: 3 });
    this.rejectAll(message);
  }

  rejectAll(message) {
    for (const call of this.pending.values()) call.reject(new Error(message));
    this.pending.clear();
  }

  retry() {
    this.worker?.terminate();
    this.worker = null;
    this.start();
  }

  /** Call `module:function` with keyword arguments; resolves to {result} or {error, line, column}. */
  call(call, kwargs) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "call", id, call, kwargs });
    });
  }

  /** Stop a running call at once: the worker is replaced and Python restarts in the background. */
  cancel() {
    this.worker?.terminate();
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new DOMException("Cancelled", "AbortError"));
    this.pending.clear();
    this.start();
  }

  /**
   * Keep this page usable offline: register the site's service worker (sw.js at the site root,
   * scoped to the site, so a GitHub Pages sub-path works) and, each time the runtime is ready,
   * ask it to keep this page, the files it loaded, `files` (site-relative) and the runtime's files.
   * `onKept()` runs once they are all kept; nothing happens once `stillShown()` is false.
   * Only site files are named: never the address's fragment, never a query, nothing typed.
   */
  keepOffline(files, stillShown, onKept) {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    this.registration ??= navigator.serviceWorker
      .register(new URL("sw.js", SITE), { scope: SITE.href })
      .then(() => navigator.serviceWorker.ready)
      .catch(() => null);
    const page = location.href.split("#")[0];
    let done = false;
    const unsubscribe = this.onStatus(async (state) => {
      if (!done && !stillShown()) {
        done = true;
        unsubscribe?.();
      }
      if (done || state.state !== "ready" || state.copied === false) return; // copied: see pyodide-worker.mjs
      const registration = await this.registration;
      if (!registration?.active || !stillShown()) return;
      const urls = [page, ...pageResources(), ...files.map((file) => new URL(file, SITE).href), ...(state.files ?? []).map((file) => new URL(file, SITE).href)];
      const answer = await ask(registration.active, { type: "keep", urls: [...new Set(urls)] });
      if (answer?.kept && !done && stillShown()) {
        done = true;
        unsubscribe?.();
        onKept();
      }
    });
  }
}

/** The site files this page has loaded (scripts, styles, images), without query strings. */
function pageResources() {
  return performance.getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(SITE.href) && !url.includes("?") && !url.includes("#"));
}

function ask(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), KEEP_TIMEOUT_MS);
    channel.port1.onmessage = ({ data }) => {
      clearTimeout(timer);
      resolve(data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

export const runtime = new Runtime();
