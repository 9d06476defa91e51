// The one module Web Worker that owns Pyodide. It loads the vendored runtime and wheels from
// this site (never another host), then answers calls to functions in the `innovation_toolkit`
// package. Messages in: {type: "start"} | {type: "call", id, call, kwargs}.
// Messages out: {type: "status", state: "loading" | "ready" | "failed", step, steps, message}
//               {type: "result", id, result | error, line, column, elapsed_ms}.
const vendor = new URL("../../vendor/", import.meta.url);
const STEPS = 3;
let runCall = null;
let starting = null;

function status(state, message, step = 0) {
  postMessage({ type: "status", state, message, step, steps: STEPS });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Pyodide waits for ever when its WebAssembly file is missing; ask for each file first so a
// broken deployment gets a clear message at once.
async function checkRuntimeFiles() {
  const files = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
  await Promise.all(files.map(async (file) => {
    const url = new URL(`pyodide/${file}`, vendor);
    const response = await fetch(url, { method: "HEAD" });
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  }));
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

async function start() {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser cannot run WebAssembly, which the calculators need");
  }
  status("loading", "Downloading the Python runtime", 1);
  await checkRuntimeFiles();
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", vendor).href);
  const indexURL = new URL("pyodide/", vendor).href;
  const pyodide = await Promise.race([
    loadPyodide({ indexURL, packageBaseUrl: indexURL, stdout: () => {}, stderr: () => {} }),
    wasmFailure(),
  ]);
  status("loading", "Installing networkx and the calculators", 2);
  const manifest = JSON.parse(new TextDecoder().decode(await fetchBytes(new URL("manifest.json", vendor))));
  const wheels = await Promise.all(manifest.wheels.map((wheel) => fetchBytes(new URL(`wheels/${wheel.file}`, vendor))));
  for (const bytes of wheels) pyodide.unpackArchive(bytes, "wheel");
  status("loading", "Starting the calculators", 3);
  pyodide.runPython("import networkx, innovation_toolkit.dispatch");
  runCall = pyodide.pyimport("innovation_toolkit.dispatch").run_call;
  status("ready", "Ready");
}

function ensureStarted() {
  starting ??= start().catch((error) => {
    status("failed", String(error?.message ?? error).split("\n")[0]);
    throw error;
  });
  return starting;
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
  if (data.type === "start") {
    ensureStarted().catch(() => {});
    return;
  }
  if (data.type !== "call") return;
  try {
    await ensureStarted();
    const outcome = JSON.parse(runCall(data.call, JSON.stringify(data.kwargs ?? {}, bytesAsBase64)));
    postMessage({ type: "result", id: data.id, ...outcome });
  } catch (error) {
    const message = String(error?.message ?? error).trim().split("\n").pop();
    postMessage({ type: "result", id: data.id, error: `The calculator failed unexpectedly: ${message}`, internal: true });
  }
};
