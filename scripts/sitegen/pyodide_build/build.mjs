// Compile and trim the browser runtime inside Pyodide's own Python, under Node (called by
// pyodide_build/__init__.py at vendor time). Usage: node build.mjs PYODIDE_DIR BUILD_DIR
// BUILD_DIR holds stock_stdlib.zip (Pyodide's own standard library), packages.json ({package:
// output wheel name}), sources/*.whl (the wheels to install) and cases/*.json; inside.py writes
// python_stdlib.zip, wheels/*.whl and report.json there. PYTHONNODEBUGRANGES: bytecode without
// column tables (a third smaller; tracebacks keep their line numbers).
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [pyodideDir, buildDir] = process.argv.slice(2);
const { loadPyodide } = await import(path.join(path.resolve(pyodideDir), "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: path.resolve(pyodideDir) + path.sep,
  stdLibURL: path.resolve(buildDir, "stock_stdlib.zip"),
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (line) => console.error(line),
});
for (const file of (await readdir(path.join(buildDir, "sources"))).sort()) {
  pyodide.unpackArchive(new Uint8Array(await readFile(path.join(buildDir, "sources", file))), "wheel");
}
pyodide.FS.mkdir("/build");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(buildDir) }, "/build");
const script = await readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), "inside.py"), "utf8");
pyodide.runPython(script, { filename: "inside.py" });
