"""Build hook: compile the lifecycle diagnostic's data into the wheel.

The project's metadata is in pyproject.toml; this file adds one step to setuptools'
``build_py``. ``innovation-toolkit diagnose`` reads ``innovation_toolkit/data/diagnostic.json``,
which is generated from ``content/`` and never committed, so a wheel built from a clean
checkout or from the sdist would lack it. Here every regular build compiles it afresh from
``content/`` with the generator's own ``scripts/sitegen/diagnostic_data.py`` and writes it
into the build folder (the checkout is not touched). The result is byte-identical to what
``scripts/generate.py`` writes (tests/test_package.py checks this).

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
GENERATOR = ROOT / "scripts" / "sitegen" / "diagnostic_data.py"
DATA = ("innovation_toolkit", "data", "diagnostic.json")


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


def diagnostic_json() -> str:
    """The bundle's text, serialised exactly as ``sitegen.generate.generate`` writes it."""
    spec = importlib.util.spec_from_file_location("_diagnostic_data", GENERATOR)
    assert spec is not None and spec.loader is not None, GENERATOR
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    bundle = generator.build_diagnostic_data(load_content(CONTENT))
    return json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


class BuildPyWithData(build_py):
    """``build_py`` that also writes the diagnostic bundle compiled from ``content/``."""

    def _data_target(self) -> Path:
        return Path(self.build_lib, *DATA)

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = self._data_target()
        if CONTENT.is_dir() and GENERATOR.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(diagnostic_json(), encoding="utf-8")
        elif not target.is_file():
            raise SetupError(
                "cannot build innovation_toolkit/data/diagnostic.json: content/ and "
                "scripts/sitegen/diagnostic_data.py are missing from this source tree"
            )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        target = str(self._data_target())
        if not self.editable_mode and target not in outputs:
            outputs.append(target)
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
