"""Vendor the browser runtime into docs/vendor/ at build time: pinned, checksummed, cached.

- Pyodide core (and cytoscape) from the npm registry: the package's tarball fetched over HTTPS
  (no Node or npm needed; ``NPM_CONFIG_REGISTRY`` picks another registry), checked against the
  pinned sha256.
- networkx's pure wheel from PyPI (``pip download --no-deps``), checked likewise.
- A wheel of this project's ``innovation_toolkit`` package (in ``calculators/``), rebuilt only when its sources change.
- The standard library trimmed and everything compiled to bytecode inside Pyodide under Node
  (``sitegen.pyodide_build``), or the stock files without Node.

Downloads are cached in ``.cache/vendor/``; a second run copies nothing it already has.
``docs/vendor/manifest.json`` tells the browser worker which wheels there are (by package name,
so a page installs only those it needs) and carries the runtime's version: a hash of every
vendored file, which names the service worker's runtime cache (``stamp_service_worker``).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from sitegen import pyodide_build

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "scripts" / "vendor-lock.json"
CACHE = REPO / ".cache" / "vendor"
VENDOR = REPO / "docs" / "vendor"
WHEELS = VENDOR / "wheels"
NPM_REGISTRY = "https://registry.npmjs.org/"
TIMEOUT = 60  # seconds without a byte before a download is given up


class VendorError(RuntimeError):
    """A download failed or did not match its pinned checksum."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, expected: str) -> Path:
    actual = sha256(path)
    if actual != expected:
        path.unlink()
        raise VendorError(f"{path.name}: sha256 {actual} does not match the pinned {expected} (scripts/vendor-lock.json)")
    return path


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise VendorError(f"{' '.join(command)} failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")


def npm_tarball_url(name: str, version: str) -> str:
    """The registry's tarball address for ``name@version`` (``NPM_CONFIG_REGISTRY`` honoured, as npm does)."""
    registry = os.environ.get("NPM_CONFIG_REGISTRY") or os.environ.get("npm_config_registry") or NPM_REGISTRY
    basename = name.rsplit("/", 1)[-1]  # a scoped package, @scope/name, is stored as name-version.tgz
    return f"{registry.rstrip('/')}/{name}/-/{basename}-{version}.tgz"


def _download(url: str, target: Path, what: str) -> None:
    """Fetch ``url`` into ``target`` (whole or not at all), or raise a one-line VendorError."""
    partial = target.with_name(target.name + ".part")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "innovation-toolkit-vendor"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    except urllib.error.HTTPError as error:
        partial.unlink(missing_ok=True)
        raise VendorError(f"could not download {what} from {url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        partial.unlink(missing_ok=True)
        reason = getattr(error, "reason", None) or error
        raise VendorError(
            f"could not download {what} from {url}: {reason} (no network? NPM_CONFIG_REGISTRY can name a reachable npm registry)"
        ) from None
    partial.replace(target)


def npm_tarball(name: str, pin: dict) -> Path:
    """Return the cached, verified tarball of npm package ``name@version``, downloading it if needed."""
    tarball = CACHE / f"{name.replace('/', '-').lstrip('@')}-{pin['version']}.tgz"
    if not tarball.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        _download(npm_tarball_url(name, pin["version"]), tarball, f"{name}@{pin['version']}")
    return _verified(tarball, pin["sha256"])


def extract_npm_files(name: str, pin: dict) -> None:
    """Copy the pinned files of an npm package into its ``dest`` unless already there."""
    dest = REPO / pin["dest"]
    stamp = dest / ".vendored"
    if stamp.exists() and stamp.read_text() == pin["sha256"]:
        return
    tarball = npm_tarball(name, pin)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for file in pin["files"]:
            member = archive.getmember(f"package/{file}")
            target = dest / Path(file).name
            source = archive.extractfile(member)
            if source is None:
                raise VendorError(f"{name}@{pin['version']}: {file} is not a regular file in the package")
            with source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
    stamp.write_text(pin["sha256"])


def pypi_wheel(name: str, pin: dict, pure: bool = False) -> Path:
    """Return the cached, verified wheel ``pin['file']``, downloading it from PyPI if needed
    (``pure``: the pure-Python wheel, whatever the host's platform, as Pyodide needs)."""
    wheel = CACHE / pin["file"]
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        platform = ["--platform", "any", "--implementation", "py", "--python-version", "3.14"] if pure else []
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary",
                ":all:",
                *platform,
                "--dest",
                str(CACHE),
                f"{name}=={pin['version']}",
            ],
            cwd=CACHE,
        )
    return _verified(wheel, pin["sha256"])


def calculators_sources_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "calculators").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    for build_file in ("pyproject.toml", "setup.py"):  # the wheel's metadata and its build step
        digest.update((REPO / build_file).read_bytes())
    return digest.hexdigest()


def calculators_wheel() -> Path:
    """Build the project's wheel (calculators package + generated data) when its sources changed."""
    digest = calculators_sources_digest()
    built = CACHE / "calculators" / digest[:16]
    wheels = list(built.glob("*.whl"))
    if not wheels:
        with tempfile.TemporaryDirectory() as scratch:
            _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", scratch, str(REPO)], cwd=REPO)
            shutil.rmtree(REPO / "build", ignore_errors=True)
            built.mkdir(parents=True, exist_ok=True)
            for wheel in Path(scratch).glob("*.whl"):
                shutil.copy(wheel, built / wheel.name)
        wheels = list(built.glob("*.whl"))
    return wheels[0]


def vendor_test_wheels() -> Path:
    """The pure wheels pytest needs to run inside Pyodide (tests/pyodide/run_pytest.mjs); return their folder."""
    lock = json.loads(LOCK.read_text())
    folder = REPO / ".cache" / "test-wheels"
    folder.mkdir(parents=True, exist_ok=True)
    for name, pin in lock["test_pypi"].items():
        target = folder / pin["file"]
        if not target.exists() or sha256(target) != pin["sha256"]:
            shutil.copy(pypi_wheel(name, pin, pure=True), target)
    for stale in folder.glob("*.whl"):
        if stale.name not in {pin["file"] for pin in lock["test_pypi"].values()}:
            stale.unlink()
    return folder


def vendor_test_assets() -> dict[str, Path]:
    """Tools only the tests load into the browser (e.g. axe-core); return {name: folder}."""
    lock = json.loads(LOCK.read_text())
    for name, pin in lock["test_npm"].items():
        extract_npm_files(name, pin)
    return {name: REPO / pin["dest"] for name, pin in lock["test_npm"].items()}


def pyodide_pin() -> dict:
    """Pyodide's pin in scripts/vendor-lock.json."""
    return json.loads(LOCK.read_text())["npm"]["pyodide"]


def stock_file(name: str, pin: dict, member: str) -> Path:
    """One file of an npm package as published (cached), e.g. Pyodide's own standard library."""
    target = CACHE / f"{name}-{pin['version']}" / Path(member).name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(npm_tarball(name, pin)) as archive:
            source = archive.extractfile(f"package/{member}")
            if source is None:
                raise VendorError(f"{name}@{pin['version']}: {member} is not a regular file in the package")
            partial = target.with_name(target.name + ".part")
            with source, partial.open("wb") as out:
                shutil.copyfileobj(source, out)
            partial.replace(target)
    return target


def _write_if_changed(target: Path, data: bytes) -> None:
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)


def python_runtime(pin: dict, wheels: list[Path]) -> tuple[list[Path], str | None]:
    """Put the standard library and the lock file the browser loads into docs/vendor/pyodide/, and
    return the wheels to ship with the Python version their bytecode is for (None: source).

    With Node: the trimmed, compiled runtime (sitegen.pyodide_build). Without: Pyodide's own
    standard library and source wheels (networkx's tests left out), which work the same, slower."""
    pyodide_dir = REPO / pin["dest"]
    stock = stock_file("pyodide", pin, "python_stdlib.zip")
    lock_text = stock_file("pyodide", pin, "pyodide-lock.json").read_text()
    _write_if_changed(pyodide_dir / "pyodide-lock.json", pyodide_build.lock_info_only(lock_text).encode())
    node = shutil.which("node")
    if node is None:
        print("vendor: Node.js not found, so the browser gets the uncompiled runtime (slower to start)", file=sys.stderr)
        _write_if_changed(pyodide_dir / "python_stdlib.zip", stock.read_bytes())
        sources = CACHE / "source-wheels"
        sources.mkdir(parents=True, exist_ok=True)
        return [pyodide_build.without_tests(wheel, sources / wheel.name) for wheel in wheels], None
    try:
        built = pyodide_build.compile_runtime(node, pyodide_dir, stock, wheels, CACHE / "compiled")
    except pyodide_build.CompileError as error:
        raise VendorError(str(error)) from None
    _write_if_changed(pyodide_dir / "python_stdlib.zip", (built / "python_stdlib.zip").read_bytes())
    report = json.loads((built / "report.json").read_text())
    return [built / "wheels" / wheel.name for wheel in wheels], report["python"]


def vendor_all() -> dict:
    """Vendor everything the browser needs; return the manifest written for the worker."""
    lock = json.loads(LOCK.read_text())
    for name, pin in lock["npm"].items():
        extract_npm_files(name, pin)
    WHEELS.mkdir(parents=True, exist_ok=True)
    sources = [pypi_wheel(name, pin) for name, pin in lock["pypi"].items()] + [calculators_wheel()]
    wheels, bytecode_for = python_runtime(lock["npm"]["pyodide"], sources)
    for stale in WHEELS.glob("*.whl"):
        if stale.name not in {wheel.name for wheel in wheels}:
            stale.unlink()
    manifest: dict = {"pyodide": lock["npm"]["pyodide"]["version"], "version": "", "bytecode_for": bytecode_for, "wheels": []}
    for wheel in wheels:
        target = WHEELS / wheel.name
        if not target.exists() or sha256(target) != sha256(wheel):
            shutil.copy(wheel, target)
        manifest["wheels"].append(wheel_entry(wheel))
    manifest["version"] = runtime_version()
    # Every runtime file's sha256 (site-relative): the worker keeps a first visit's downloads for
    # the service worker only when they match.
    manifest["files"] = runtime_file_hashes(VENDOR)
    text = json.dumps(manifest, indent=2) + "\n"
    manifest_file = VENDOR / "manifest.json"
    if not manifest_file.exists() or manifest_file.read_text() != text:
        manifest_file.write_text(text)
    return manifest


def wheel_entry(wheel: Path) -> dict:
    """A wheel as vendor/manifest.json lists it: the package's name, the file and its sha256."""
    return {"name": wheel.name.split("-", 1)[0], "file": wheel.name, "sha256": sha256(wheel)}


def runtime_file_hashes(vendor: Path) -> dict[str, str]:
    """{"vendor/<path>": sha256} for every runtime file in ``vendor`` (the manifest itself aside)."""
    return {
        f"vendor/{path.relative_to(vendor).as_posix()}": sha256(path)
        for path in sorted(vendor.rglob("*"))
        if path.is_file() and path.name != "manifest.json" and not path.name.startswith(".")
    }


def runtime_version() -> str:
    """A short hash of every file vendored for the browser (docs/vendor/, the manifest aside)."""
    digest = hashlib.sha256()
    for path in sorted(VENDOR.rglob("*")):
        if path.is_file() and path.name != "manifest.json" and not path.name.startswith("."):
            digest.update(f"{path.relative_to(VENDOR).as_posix()}\0{sha256(path)}\n".encode())
    return digest.hexdigest()[:16]


SERVICE_WORKER = "sw.js"
_STAMPED_LINE = re.compile(r"^const (SITE_VERSION|RUNTIME_VERSION|RUNTIME_SHA256) = .*;$", re.MULTILINE)


def site_version(site_dir: Path) -> str:
    """A short hash of every built file except the runtime (versioned on its own) and sw.js itself."""
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative != SERVICE_WORKER and not relative.startswith("vendor/"):
            digest.update(f"{relative}\0{sha256(path)}\n".encode())
    return digest.hexdigest()[:16]


def stamp_service_worker(site_dir: str | Path) -> str | None:
    """Write the site's and the runtime's versions, and every runtime file's sha256, into the built
    sw.js, so that a new build is a new service worker (which replaces the old caches) and only
    intact runtime files are kept; return the stamped text, or None without sw.js."""
    site_dir = Path(site_dir)
    worker = site_dir / SERVICE_WORKER
    if not worker.exists():
        return None
    manifest = json.loads((site_dir / "vendor" / "manifest.json").read_text())
    hashes = {
        path.relative_to(site_dir).as_posix(): sha256(path)
        for path in sorted((site_dir / "vendor").rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }
    values = {
        "SITE_VERSION": json.dumps(site_version(site_dir)),
        "RUNTIME_VERSION": json.dumps(manifest["version"]),
        "RUNTIME_SHA256": json.dumps(hashes, separators=(",", ":")),
    }
    text = worker.read_text(encoding="utf-8")
    stamped, count = _STAMPED_LINE.subn(lambda match: f"const {match.group(1)} = {values[match.group(1)]};", text)
    if count != len(values):
        raise VendorError(f"{worker}: expected the lines {', '.join(values)} to stamp, found {count}")
    worker.write_text(stamped, encoding="utf-8")
    return stamped
