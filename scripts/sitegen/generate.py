"""Run the generator: validate content/, write the Markdown pages and the calculators' data.

Writes only files whose text changed, so `mkdocs serve` does not rebuild in a loop, and
removes stale files from the folders it owns. Everything it writes is git-ignored.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

from sitegen import pages as page_builders
from sitegen.content import CONTENT, REPO, load_valid_content
from sitegen.report_advice import build_report_advice

DOCS = REPO / "docs"
# docs/ folders (and files) that belong to the generator; keep in step with .gitignore.
GENERATED = ["index.md", "findings", "model", "toolkit", "case-studies", "network-analysis", "recommendations", "reference", "data"]
CALCULATOR_DATA = REPO / "calculators" / "innovation_toolkit" / "data"


def build_pages(content: dict) -> dict[str, str]:
    """Every generated page as {path under docs/: Markdown}."""
    pages: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(page_builders.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{page_builders.__name__}.{module_info.name}")
        for path, text in module.build(content).items():
            if path in pages:
                raise ValueError(f"two page builders write {path}")
            if path.split("/")[0] not in GENERATED:
                raise ValueError(f"{module_info.name} writes {path}, outside the generated folders")
            pages[path] = text
    return pages


def build_data(content: dict) -> dict[str, object]:
    """JSON bundles for the calculators, by file name."""
    data: dict[str, object] = {"report-advice.json": build_report_advice(content)}
    try:
        from sitegen.diagnostic_data import build_diagnostic_data
    except ImportError:
        return data
    if "diagnostic" in content:
        data["diagnostic.json"] = build_diagnostic_data(content)
    return data


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _remove_stale(keep: set[Path]) -> None:
    """Delete files in the generator's folders that this run did not write (e.g. a removed case study)."""
    for name in GENERATED:
        root = DOCS / name
        files = [root] if root.is_file() else [path for path in root.rglob("*") if path.is_file()]
        for file in files:
            if file not in keep:
                file.unlink()


def generate(content_root: Path = CONTENT) -> list[Path]:
    """Validate content, write pages and data; return the files that changed."""
    content = load_valid_content(content_root)
    written: dict[Path, str] = {DOCS / path: text for path, text in build_pages(content).items()}
    for name, bundle in build_data(content).items():
        text = json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        written[CALCULATOR_DATA / name] = text
        written[DOCS / "data" / name] = text
    _remove_stale(set(written))
    return [path for path, text in written.items() if _write_if_changed(path, text)]
