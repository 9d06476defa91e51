// Run calculator calls inside real Pyodide under Node, with the same vendored runtime and
// wheels the site ships (docs/vendor/). Usage: node run_calls.mjs CASES.json [CASES.json …]
// Each file holds [{"id", "call": "module.path:function", "kwargs": {...}}]; a keyword argument
// written {"$generated": "NAME.json"} stands for the generated calculators/innovation_toolkit/data/NAME.json.
// Prints one JSON array [{"id", "result"} | {"id", "error", "line", "column"}, "elapsed_ms"].
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const vendor = path.join(repo, "docs", "vendor");
const { loadPyodide } = await import(path.join(vendor, "pyodide", "pyodide.mjs"));

const pyodide = await loadPyodide({ indexURL: path.join(vendor, "pyodide") + path.sep });
const manifest = JSON.parse(await readFile(path.join(vendor, "manifest.json"), "utf8"));
for (const wheel of manifest.wheels) {
  const bytes = await readFile(path.join(vendor, "wheels", wheel.file));
  pyodide.unpackArchive(new Uint8Array(bytes), "wheel");
}

const runCall = pyodide.pyimport("innovation_toolkit.dispatch").run_call;

async function resolveKwargs(kwargs = {}) {
  const resolved = {};
  for (const [key, value] of Object.entries(kwargs)) {
    const name = value && typeof value === "object" && !Array.isArray(value) ? value.$generated : undefined;
    resolved[key] = name ? JSON.parse(await readFile(path.join(repo, "calculators", "innovation_toolkit", "data", name), "utf8")) : value;
  }
  return resolved;
}

const outcomes = [];
for (const file of process.argv.slice(2)) {
  for (const testCase of JSON.parse(await readFile(file, "utf8"))) {
    const outcome = JSON.parse(runCall(testCase.call, JSON.stringify(await resolveKwargs(testCase.kwargs))));
    outcomes.push({ id: testCase.id, ...outcome });
  }
}
process.stdout.write(JSON.stringify(outcomes));
