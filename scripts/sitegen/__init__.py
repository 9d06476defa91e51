"""The site generator: content/ → validated data → Markdown pages and JSON for the calculators.

Plain Python that any tool can call: `python scripts/generate.py` (CI, Zensical) and the
thin MkDocs hook `scripts/mkdocs_hooks.py` (`mkdocs serve/build/gh-deploy`).
"""
