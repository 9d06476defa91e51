// The one module Web Worker that owns Pyodide. It loads the vendored runtime and wheels from
// this site (never another host), then answers calls to functions in the `innovation_toolkit`
// package. A page names the extra packages its calculators need (networkx for the connectors);
// nothing else is fetched, so the diagnostic never downloads networkx.
// Messages in:  {type: "start", packages, keep} | {type: "need", packages} | {type: "call", id, call, kwargs}
//               (keep: a first visit with a service worker, see keepCopy).
// Messages out: {type: "status", state: "loading" | "ready" | "failed", step, steps, message,
//                 version, files}   (files: every runtime file fetched, relative to the site root)
//               {type: "result", id, result | error, line, column, elapsed_ms}.
const vendor = new URL("../../vendor/", import.meta.url);
const site = new URL("../../", import.meta.url);
const STEPS = 3;
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
let pyodide = null;
let manifest = null;
let runCall = null;
let ready = null; // the promise every call waits for: start, then each package installed in turn
let keepFor = null; // on a first visit with a service worker: the manifest, once read, to keep downloads by
const installed = new Set();
const downloads = new Map(); // wheel file -> its bytes (a promise), fetched while Pyodide starts
const copies = new Set(); // downloads still being put in the service worker's cache (keepCopy)
let installing = 0; // install() calls under way (their own status says when they are done)
const fetched = new Set([relative(new URL(import.meta.url))]);

function relative(url) {
  return url.href.slice(site.href.length);
}

// copied: on a first visit with a service worker, false until every download has been put in
// its cache (the page asks the service worker to keep the rest only then, or it would fetch
// them a second time); absent otherwise.
function status(state, message, step = 0) {
  const copied = keepFor ? copies.size === 0 : undefined;
  postMessage({ type: "status", state, message, step, steps: STEPS, version: manifest?.version ?? null, files: [...fetched], copied });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  fetched.add(relative(url));
  const bytes = new Uint8Array(await response.arrayBuffer());
  track(keepCopy(url, bytes, response.headers));
  return bytes;
}

// A first visit is not served by the service worker (it installs meanwhile). So that it does not
// download the runtime a second time, the worker puts what it downloaded into the service
// worker's runtime cache (named by the manifest's version), each file only if its sha256 is the
// one in the manifest.
function track(copy) {
  copies.add(copy);
  copy.finally(() => {
    copies.delete(copy);
    if (!copies.size && runCall && !installing) status("ready", "Ready"); // now copied: true
  });
}

async function keepCopy(url, body, headers) {
  if (!keepFor || !self.caches) return;
  try {
    const wanted = (await keepFor).files?.[relative(url)];
    const digest = wanted && new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    if (!digest || [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("") !== wanted) return;
    const cache = await caches.open(`innovation-toolkit-runtime-${(await keepFor).version}`);
    await cache.put(url.href, new Response(body, { status: 200, headers }));
  } catch {
    // Keeping is a convenience: the service worker fetches what is missing.
  }
}

// Pyodide waits for ever when one of its files is missing. Instead of asking for each file
// first (a round trip before any byte of the runtime), watch the answers Pyodide gets: a file
// that answers with an error fails the start at once, naming the file.
function watchRuntimeFetches() {
  let fail;
  const failure = new Promise((_, reject) => { fail = reject; });
  failure.catch(() => {});
  const fetchFile = self.fetch.bind(self);
  self.fetch = async (resource, init) => {
    const response = await fetchFile(resource, init);
    const url = new URL(resource instanceof Request ? resource.url : String(resource), self.location.href);
    if (!response.ok && url.href.startsWith(vendor.href)) fail(new Error(`${url.pathname} answered ${response.status}`));
    if (response.ok && keepFor && url.href.startsWith(vendor.href)) {
      track(response.clone().arrayBuffer().then((body) => keepCopy(url, body, response.headers), () => {}));
    }
    return response;
  };
  return { failure, restore: () => { self.fetch = fetchFile; } };
}

// Only after a failure: which runtime file does not answer (the module Pyodide imports first).
async function missingRuntimeFile() {
  for (const file of RUNTIME_FILES) {
    const url = new URL(`pyodide/${file}`, vendor);
    const response = await fetch(url, { method: "HEAD", cache: "no-store" }).catch(() => null);
    if (response && !response.ok) return `${url.pathname} answered ${response.status}`;
  }
  return null;
}

// Pyodide only logs a warning when its WebAssembly file will not compile, then waits for ever:
// turn that warning into a failure.
function wasmFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn;
    console.warn = (...args) => {
      if (String(args[0]).includes("wasm instantiation failed")) {
        reject(new Error("the Python runtime's WebAssembly file is damaged (pyodide.asm.wasm did not compile)"));
      }
      warn.apply(console, args);
    };
  });
}

async function loadRuntime() {
  const indexURL = new URL("pyodide/", vendor).href;
  const watch = watchRuntimeFetches();
  let loaded = false;
  try {
    const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", vendor).href);
    const runtime = await Promise.race([
      loadPyodide({ indexURL, packageBaseUrl: indexURL, stdout: () => {}, stderr: () => {} }),
      wasmFailure(),
      watch.failure,
    ]);
    loaded = true;
    return runtime;
  } catch (error) {
    if (String(error?.message).includes(" answered ")) throw error;
    throw new Error((await missingRuntimeFile()) ?? String(error?.message ?? error), { cause: error });
  } finally {
    if (loaded) watch.restore();
  }
}

async function start(packages, keep) {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser cannot run WebAssembly, which the calculators need");
  }
  status("loading", "Downloading the Python runtime", 1);
  const manifestBytes = fetchBytes(new URL("manifest.json", vendor));
  manifestBytes.catch(() => {});
  const manifestRead = manifestBytes.then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  manifestRead.catch(() => {});
  if (keep) keepFor = manifestRead;
  // The wheels download while Pyodide starts, not after it.
  manifestRead
    .then((read) => {
      for (const wheel of wheelsNamed(read, ["innovation_toolkit", ...packages])) download(wheel);
    })
    .catch(() => {}); // a missing file or package is reported where it is needed, in install()
  pyodide = await loadRuntime();
  for (const file of RUNTIME_FILES) fetched.add(`vendor/pyodide/${file}`);
  manifest = await manifestRead;
  status("loading", "Installing the calculators", 2);
  await install(["innovation_toolkit", ...packages], false);
  status("loading", "Starting the calculators", 3);
  runCall = pyodide.pyimport("innovation_toolkit.dispatch").run_call;
  status("ready", "Ready");
}

/** The manifest's entries for the named packages (a name it lacks is an error naming it). */
function wheelsNamed(read, names) {
  return names.map((name) => {
    const wheel = read.wheels.find((entry) => entry.name === name);
    if (!wheel) throw new Error(`the runtime has no package named ${name} (vendor/manifest.json)`);
    return wheel;
  });
}

/** The wheel's bytes: one download per file, started as soon as it is known to be needed. */
function download(wheel) {
  if (!downloads.has(wheel.file)) {
    const bytes = fetchBytes(new URL(`wheels/${wheel.file}`, vendor));
    bytes.catch(() => downloads.delete(wheel.file)); // a retry fetches it again
    downloads.set(wheel.file, bytes);
  }
  return downloads.get(wheel.file);
}

/** Fetch (in parallel) and unpack the named wheels not yet installed, then import them. */
async function install(names, announce = true) {
  const wanted = [...new Set(names)].filter((name) => !installed.has(name));
  if (!wanted.length) return;
  const wheels = wheelsNamed(manifest, wanted);
  if (announce) status("loading", `Installing ${wanted.join(", ")}`, 2);
  installing += 1;
  const bytes = await Promise.all(wheels.map(download)).finally(() => { installing -= 1; });
  for (const archive of bytes) pyodide.unpackArchive(archive, "wheel");
  for (const name of wanted) {
    pyodide.runPython(`import ${name === "innovation_toolkit" ? "innovation_toolkit.dispatch" : name}`);
    installed.add(name);
  }
  if (announce) status("ready", "Ready");
}

function failed(error) {
  status("failed", String(error?.message ?? error).split("\n")[0]);
  throw error;
}

function need(packages, keep = false) {
  ready = ready === null ? start(packages, keep).catch(failed) : ready.then(() => install(packages)).catch(failed);
  ready.catch(() => {});
}

// A file's bytes (a Uint8Array) travel to Python as {"$bytes": base64}; innovation_toolkit.dispatch turns them back.
function bytesAsBase64(key, value) {
  if (!(value instanceof Uint8Array)) return value;
  let binary = "";
  for (let start = 0; start < value.length; start += 0x8000) {
    binary += String.fromCharCode.apply(null, value.subarray(start, start + 0x8000));
  }
  return { $bytes: btoa(binary) };
}

// Errors Pyodide raises outside the promise chain (e.g. a corrupt WebAssembly file).
self.addEventListener("unhandledrejection", (event) => {
  if (runCall) return;
  status("failed", String(event.reason?.message ?? event.reason).split("\n")[0]);
});

self.onmessage = async ({ data }) => {
  if (data.type === "start" || data.type === "need") {
    need(data.packages ?? [], Boolean(data.keep));
    return;
  }
  if (data.type !== "call") return;
  try {
    if (ready === null) need([]);
    await ready;
    const outcome = JSON.parse(runCall(data.call, JSON.stringify(data.kwargs ?? {}, bytesAsBase64)));
    postMessage({ type: "result", id: data.id, ...outcome });
  } catch (error) {
    const message = String(error?.message ?? error).trim().split("\n").pop();
    postMessage({ type: "result", id: data.id, error: `The calculator failed unexpectedly: ${message}`, internal: true });
  }
};
