"""MkDocs hook: before every build (serve, build, gh-deploy) generate pages and vendor the runtime; after it, check the site.

Thin on purpose: all the work is in sitegen, which `scripts/generate.py` also runs.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from sitegen.assets import VendorError, vendor_all  # noqa: E402
from sitegen.checks import check_site  # noqa: E402
from sitegen.content import ContentError  # noqa: E402
from sitegen.generate import generate  # noqa: E402


def on_pre_build(config, **kwargs):
    try:
        generate()
        vendor_all()
    except (ContentError, VendorError) as error:
        raise PluginError(str(error)) from error


def on_post_build(config, **kwargs):
    problems = check_site(config["site_dir"])
    if problems:
        raise PluginError("site checks failed:\n" + "\n".join(problems))
