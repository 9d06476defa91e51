"""Runs inside Pyodide's own Python under Node (see build.mjs): the wheels are installed, the
folder /build holds ``cases/*.json`` (calculator calls) and receives the outputs.

1. Trace which standard-library modules the calculators need: the ones Pyodide imports to start,
   the ones imported by importing every module of the installed packages and by running every
   case, and, read from the sources, every module the packages import anywhere (also inside
   functions) with the module-level imports of those, transitively.
2. Write ``python_stdlib.zip`` with only those modules, each compiled to bytecode (no source).
3. Write each installed package again as a wheel of bytecode only (``wheels/``), so that the
   browser compiles no Python source.

Bytecode is for this interpreter only: that is why this runs in Pyodide and not on the host.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib
import importlib._bootstrap_external as external
import importlib.util
import json
import pkgutil
import sys
import zipfile
from pathlib import Path

BUILD = Path("/build")
# Set by main() from /build and the interpreter (the module imports anywhere, e.g. for its doctests):
PACKAGES: dict[str, str] = {}  # {"networkx": "networkx-3.6.1-….whl", …}
WHY: dict[str, str] = {}
STDLIB = Path()  # the standard library zip on sys.path
SITE = Path()  # where Pyodide unpacked the wheels
# The text encodings the calculators decode uploaded files with (network/decode.py, commands/diagnose.py).
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "ascii"]
STAMP = (2020, 1, 1, 0, 0, 0)  # the same bytes from the same inputs
# Modules of the calculators the browser never imports: the command line and the optional engine.
BROWSER_ONLY_SKIPS = {"innovation_toolkit.cli", "innovation_toolkit.__main__", "innovation_toolkit.network.networkit_engine"}
# Pyodide's own modules read their docstrings (the JavaScript API's help): compiled as they are.
KEEP_DOCSTRINGS = ("_pyodide", "pyodide")


def stdlib_sources() -> dict[str, str]:
    """{module name: entry in the stdlib zip} for every Python source in it."""
    names = {}
    with zipfile.ZipFile(STDLIB) as archive:
        for entry in archive.namelist():
            if entry.endswith(".py") and not entry.startswith("site-packages/"):
                module = entry[:-3].replace("/", ".").removesuffix(".__init__")
                names[module] = entry
    return names


def imported_names(tree: ast.AST, module: str, is_package: bool, everywhere: bool) -> set[str]:
    """Absolute names imported by ``tree``: at any depth, or only at module level (not in a def or class)."""
    found: set[str] = set()

    def visit(node: ast.AST, depth: int) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "__name__" in ast.unparse(child.test):
                continue  # `if __name__ == "__main__":` runs only as a script
            inner = depth + isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            if isinstance(child, ast.Import) and (everywhere or depth == 0):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and (everywhere or depth == 0):
                if child.level:
                    parts = module.split(".")
                    base = parts if is_package else parts[:-1]
                    base = base[: len(base) - child.level + 1]
                    prefix = ".".join([*base, child.module] if child.module else base)
                else:
                    prefix = child.module or ""
                found.add(prefix)
                found.update(f"{prefix}.{alias.name}" for alias in child.names)
            visit(child, inner)

    visit(tree, 0)
    return found


def with_parents(names: set[str]) -> set[str]:
    return {".".join(name.split(".")[: index + 1]) for name in names for index in range(name.count(".") + 1)}


def trace(sources: dict[str, str]) -> tuple[set[str], list[str]]:
    """The standard-library modules to keep, and the package modules that could not be imported."""
    skipped = []
    importlib.import_module("networkx")  # as the browser does: the package, then what the calls use
    for info in pkgutil.walk_packages(importlib.import_module("innovation_toolkit").__path__, "innovation_toolkit."):
        if info.name in BROWSER_ONLY_SKIPS or ".commands" in info.name:
            continue
        try:
            importlib.import_module(info.name)
        except ImportError as error:  # would be a broken calculator in the browser: reported
            skipped.append(f"{info.name}: {error}")
    from innovation_toolkit.dispatch import run_call

    data = SITE / "innovation_toolkit" / "data"
    for case_file in sorted((BUILD / "cases").glob("*.json")):
        for case in json.loads(case_file.read_text()):
            kwargs = {  # {"$generated": "NAME.json"} stands for the package's data/NAME.json, as in the parity tests
                key: json.loads((data / value["$generated"]).read_text()) if isinstance(value, dict) and "$generated" in value else value
                for key, value in case.get("kwargs", {}).items()
            }
            run_call(case["call"], json.dumps(kwargs))
    for encoding in ENCODINGS:
        "Zoë, café".encode(encoding, "replace").decode(encoding)
    wanted = {name for name in sys.modules if name in sources}
    WHY.update(dict.fromkeys(wanted, "runtime"))

    # From the sources of the calculators (not their command line): whatever they import anywhere,
    # also inside functions; then, for the standard library, module-level imports transitively.
    for path in (SITE / "innovation_toolkit").rglob("*.py"):
        relative = path.relative_to(SITE).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        if module in BROWSER_ONLY_SKIPS or module.startswith("innovation_toolkit.commands"):
            continue
        tree = ast.parse(path.read_bytes())
        found = {name for name in with_parents(imported_names(tree, module, path.name == "__init__.py", True)) if name in sources}
        for name in found - wanted:
            WHY[name] = module
        wanted |= found
    with zipfile.ZipFile(STDLIB) as archive:
        pending = list(wanted)
        while pending:
            module = pending.pop()
            entry = sources[module]
            tree = ast.parse(archive.read(entry))
            for name in with_parents(imported_names(tree, module, entry.endswith("__init__.py"), False)):
                if name in sources and name not in wanted and importable(name):
                    WHY[name] = module
                    wanted.add(name)
                    pending.append(name)
    return wanted, skipped


def without_docstrings(tree: ast.Module) -> ast.Module:
    """The module with its docstrings left out (as ``python -OO`` does), its asserts kept."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = body[1:] or [ast.Pass(lineno=first.lineno, col_offset=first.col_offset)]
    return tree


def importable(name: str) -> bool:
    """Whether the module imports here: a module for another platform (asyncio.windows_events) does not."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def pyc(source: bytes, filename: str, module: str) -> bytes:
    """Bytecode as the importer would compile it (docstrings left out), not to be checked against a source."""
    tree = ast.parse(source, filename)
    if not module.startswith(KEEP_DOCSTRINGS):
        tree = without_docstrings(tree)
    code = compile(tree, filename, "exec", dont_inherit=True)
    return bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))  # type: ignore[attr-defined]


def write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_stdlib(keep: set[str], sources: dict[str, str]) -> None:
    entries = {sources[name] for name in keep}
    with zipfile.ZipFile(STDLIB) as original, zipfile.ZipFile(BUILD / "python_stdlib.zip", "w") as trimmed:
        for entry in sorted(entries):
            write_entry(trimmed, entry + "c", pyc(original.read(entry), f"{STDLIB}/{entry}", entry))
        kept_packages = {entry.rsplit("/", 1)[0] for entry in entries if "/" in entry}
        for info in original.infolist():  # data files of kept packages (py.typed …)
            folder = info.filename.rsplit("/", 1)[0] if "/" in info.filename else ""
            if not info.filename.endswith((".py", "/")) and folder in kept_packages:
                write_entry(trimmed, info.filename, original.read(info))


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_wheel(package: str, wheel_name: str) -> None:
    """The installed package (source and data) as a wheel whose modules are bytecode only."""
    dist_info = next(SITE.glob(f"{package}-*.dist-info"))
    files: dict[str, bytes] = {}
    for path in sorted([*(SITE / package).rglob("*"), *dist_info.rglob("*")]):
        relative = path.relative_to(SITE).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or relative.endswith("/RECORD"):
            continue
        if path.suffix == ".py":
            files[relative + "c"] = pyc(path.read_bytes(), str(path), package)
        else:
            files[relative] = path.read_bytes()
    record = f"{dist_info.name}/RECORD"
    lines = [record_line(name, data) for name, data in files.items()] + [f"{record},,"]
    files[record] = ("\n".join(lines) + "\n").encode()
    (BUILD / "wheels").mkdir(exist_ok=True)
    with zipfile.ZipFile(BUILD / "wheels" / wheel_name, "w") as wheel:
        for name, data in files.items():
            write_entry(wheel, name, data)


def main() -> None:
    global STDLIB, SITE
    PACKAGES.update(json.loads((BUILD / "packages.json").read_text()))
    STDLIB = next(Path(entry) for entry in sys.path if entry.endswith(".zip"))
    # Pyodide unpacks wheels in its working directory, which is on sys.path.
    SITE = Path(str(importlib.import_module(next(iter(PACKAGES))).__file__)).parents[1]
    sources = stdlib_sources()
    keep, skipped = trace(sources)
    write_stdlib(keep, sources)
    for package, wheel_name in PACKAGES.items():
        write_wheel(package, wheel_name)
    report = {"python": sys.version.split()[0], "stdlib_modules": sorted(keep), "skipped_imports": skipped, "why": WHY}
    (BUILD / "report.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":  # Pyodide runs this file as __main__ (build.mjs)
    main()
