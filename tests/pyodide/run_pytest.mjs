// Run calculator test files with pytest inside real Pyodide under Node, on the runtime the site
// ships (docs/vendor/: the trimmed, compiled standard library and bytecode wheels).
// Usage: node run_pytest.mjs TEST_WHEELS_DIR STOCK_STDLIB_ZIP [-v] TEST_FILE [TEST_FILE …]   (test files relative to the repo)
// pytest itself needs standard-library modules the site leaves out (argparse, pdb, unittest…):
// they come from Pyodide's stock library, appended last, and any such module first imported by
// the calculators or networkx is a failure: the shipped library lacks something they use.
// Prints pytest's summary; exit code 0 only if pytest passed and no such import happened.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const vendor = path.join(repo, "docs", "vendor");
const [testWheels, stockStdlib, ...files] = process.argv.slice(2);
const { loadPyodide } = await import(path.join(vendor, "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.join(vendor, "pyodide") + path.sep, stdout: (line) => console.log(line), stderr: (line) => console.error(line) });
const manifest = JSON.parse(await readFile(path.join(vendor, "manifest.json"), "utf8"));
for (const wheel of manifest.wheels) pyodide.unpackArchive(new Uint8Array(await readFile(path.join(vendor, "wheels", wheel.file))), "wheel");
for (const file of (await readdir(testWheels)).filter((name) => name.endsWith(".whl")).sort()) {
  pyodide.unpackArchive(new Uint8Array(await readFile(path.join(testWheels, file))), "wheel");
}
pyodide.FS.writeFile("/lib/stock_stdlib.zip", new Uint8Array(await readFile(stockStdlib)));
pyodide.FS.mkdir("/repo");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: repo }, "/repo");
pyodide.globals.set("test_files", pyodide.toPy(files.filter((file) => !file.startsWith("-")).map((file) => `/repo/${file}`)));
pyodide.globals.set("extra_args", pyodide.toPy(files.some((file) => file === "-v") ? ["-v"] : ["-q"]));
const code = pyodide.runPython(`
import sys, zipimport

sys.dont_write_bytecode = True
SHIPPED = ("innovation_toolkit", "networkx")
from_stock = []


class StockLibrary:
    """Last on sys.meta_path: what pytest needs from the standard library the site leaves out."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        package = name.rpartition(".")[0].replace(".", "/")
        try:  # a zipimporter finds the last part of a name under its folder of the archive
            spec = zipimport.zipimporter("/lib/stock_stdlib.zip" + (f"/{package}/" if package else "")).find_spec(name)
        except zipimport.ZipImportError:
            return None
        if spec is not None:
            frame = sys._getframe(1)
            while frame and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen_importlib")):
                frame = frame.f_back
            importer = frame.f_globals.get("__name__", "") if frame else ""
            if importer.startswith(SHIPPED):
                from_stock.append(f"{importer} imports {name}, which the shipped standard library lacks")
        return spec


sys.meta_path.append(StockLibrary)
import pytest

code = int(pytest.main([*extra_args, "-p", "no:cacheprovider", "--noconftest", "--rootdir", "/repo", *test_files]))
for line in from_stock:
    print("MISSING:", line)
code or (1 if from_stock else 0)
`);
process.exitCode = code;
