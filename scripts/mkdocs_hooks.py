"""MkDocs hook: before every build (serve, build, gh-deploy) generate pages, vendor the runtime, write the notices; then check the site.

Thin on purpose: all the work is in sitegen, which `scripts/generate.py` and `scripts/notices.py`
also run. The exceptions: theme markup only MkDocs renders (every page's search form is made
unable to submit, issue 12, see `search_never_submits`), and `mkdocs gh-deploy` refuses to
publish a site whose site_url is the local default (`SITE_URL` unset), see `on_config`; and
after the build the service worker (sw.js) is stamped with the site's and the runtime's versions.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from click import ClickException
from mkdocs.exceptions import PluginError

from sitegen.assets import VendorError, stamp_service_worker, vendor_all
from sitegen.checks import check_site
from sitegen.content import ContentError
from sitegen.generate import generate
from sitegen.notices import NoticeError, write_notices
from sitegen.publishing import is_local, refusal

_command: str | None = None  # 'serve', 'build' or 'gh-deploy', from on_startup


def on_startup(command, dirty, **kwargs):
    global _command
    _command = command


def on_config(config, **kwargs):
    """Stop `mkdocs gh-deploy` before it builds anything when site_url is the local default.

    A ClickException (not a PluginError, which MkDocs would report on three lines) ends the
    command with exit status 1 and the one line "Error: Refusing to publish: ...".
    """
    if _command == "gh-deploy" and is_local(config.get("site_url")):
        raise ClickException(refusal(config.get("site_url"), "mkdocs gh-deploy"))


def on_pre_build(config, **kwargs):
    try:
        generate()
        vendor_all()
        write_notices()
    except (ContentError, VendorError, NoticeError) as error:
        raise PluginError(str(error)) from error


SEARCH_FORM = re.compile(r"<form\b[^>]*\bmd-search__form\b[^>]*>")


def search_never_submits(html: str) -> str:
    """Give Material's header search form method="dialog", so that submitting it does nothing.

    Material hides the search box while JavaScript is off and its script claims Enter in it, but
    with styles off too (a text browser, "no style" view, a stylesheet that did not load) the box
    shows, and Enter would send `?query=…` to the server. A dialog-method form outside a
    <dialog> is never sent anywhere; Material's search does not use the form's submission.
    """
    found = 0

    def add_method(match: re.Match) -> str:
        nonlocal found
        found += 1
        tag = match.group(0)
        if re.search(r"\smethod=", tag):
            if 'method="dialog"' in tag:
                return tag
            raise PluginError(f"the search form has its own method, so it could be submitted: {tag}")
        return tag.replace("<form", '<form method="dialog"', 1)

    html = SEARCH_FORM.sub(add_method, html)
    if not found and 'data-md-component="search"' in html:
        raise PluginError("Material's search markup changed: no md-search__form to make unsubmittable")
    return html


def on_post_page(output, page, config, **kwargs):
    return search_never_submits(output)


def on_post_template(output_content, template_name, config, **kwargs):
    return search_never_submits(output_content)


def on_post_build(config, **kwargs):
    try:
        stamp_service_worker(config["site_dir"])  # the versions naming its caches (issue 15)
    except (VendorError, OSError, ValueError, KeyError) as error:
        raise PluginError(f"could not stamp the service worker: {error}") from error
    problems = check_site(config["site_dir"])
    if problems:
        raise PluginError("site checks failed:\n" + "\n".join(problems))
