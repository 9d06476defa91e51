"""Build hook: compile the calculators' data into the wheel.

The project's metadata is in pyproject.toml; this file adds one step to setuptools'
``build_py``. ``innovation-toolkit diagnose`` reads ``innovation_toolkit/data/diagnostic.json``
and the combined report ``innovation_toolkit/data/report-advice.json``; both are generated
from ``content/`` and never committed, so a wheel built from a clean checkout or from the
sdist would lack them. Here every regular build compiles them afresh from ``content/`` with
the generator's own modules (``scripts/sitegen/diagnostic_data.py``, ``report_advice.py``)
and writes them into the build folder (the checkout is not touched). The result is
byte-identical to what ``scripts/generate.py`` writes (tests/test_package.py checks this).

The build needs only PyYAML (``[build-system] requires``): content is read here with a
loader that mirrors ``sitegen.content.load_content``, whose module also imports jsonschema
for validation. Content is validated by ``make test``, not by the build.

Editable installs (``pip install -e .``, as ``make setup`` does) use the data file in the
checkout, which ``make generate`` and the MkDocs hook keep up to date.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
SITEGEN = ROOT / "scripts" / "sitegen"
# Data file in the package → (generator module in scripts/sitegen/, its build function).
BUNDLES = {
    "diagnostic.json": ("diagnostic_data.py", "build_diagnostic_data"),
    "report-advice.json": ("report_advice.py", "build_report_advice"),
}


def load_content(root: Path) -> dict:
    """``content/TYPE.yaml`` → data, ``content/TYPE/*.yaml`` → {id: record}, as sitegen.content does."""
    import yaml

    content: dict = {}
    for entry in sorted(root.iterdir()):
        if entry.name == "schema":
            continue
        if entry.is_file() and entry.suffix in (".yaml", ".yml"):
            content[entry.stem] = yaml.safe_load(entry.read_text(encoding="utf-8"))
        elif entry.is_dir():
            for file in sorted(entry.glob("*.y*ml")):
                data = yaml.safe_load(file.read_text(encoding="utf-8"))
                key = data.get("id", file.stem) if isinstance(data, dict) else file.stem
                content.setdefault(entry.name, {})[key] = data
    return content


def bundle_json(name: str, content: dict) -> str:
    """A bundle's text, serialised exactly as ``sitegen.generate.generate`` writes it."""
    module, function = BUNDLES[name]
    spec = importlib.util.spec_from_file_location(f"_{Path(module).stem}", SITEGEN / module)
    assert spec is not None and spec.loader is not None, module
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    bundle = getattr(generator, function)(content)
    return json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


class BuildPyWithData(build_py):
    """``build_py`` that also writes the calculators' data bundles compiled from ``content/``."""

    def _data_targets(self) -> list[Path]:
        return [Path(self.build_lib, "innovation_toolkit", "data", name) for name in BUNDLES]

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        sources = CONTENT.is_dir() and all((SITEGEN / module).is_file() for module, _ in BUNDLES.values())
        content = load_content(CONTENT) if sources else None
        for target in self._data_targets():
            if content is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(bundle_json(target.name, content), encoding="utf-8")
            elif not target.is_file():
                raise SetupError(
                    f"cannot build innovation_toolkit/data/{target.name}: content/ and "
                    "the generators in scripts/sitegen/ are missing from this source tree"
                )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(target) for target in self._data_targets() if str(target) not in outputs]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
