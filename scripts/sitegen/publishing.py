"""Publishing guard: never publish a site built for the local address.

``site_url`` defaults to ``http://127.0.0.1:8000/`` (``mkdocs.yml``: ``!ENV [SITE_URL, ...]``) so
that ``serve`` and ``build`` work as they are; a site published with it has a sitemap and
canonical links pointing at the reader's own machine, and Material's instant navigation treats
every link as external. ``mkdocs gh-deploy`` (the MkDocs hook) and ``scripts/publish_zensical.py``
refuse such a site with :func:`refusal`.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

EXAMPLE = "https://ORG.github.io/REPO/"


def is_local(site_url: str | None) -> bool:
    """True when ``site_url`` is unset or names this machine (loopback, ``localhost``, 0.0.0.0)."""
    if not site_url or not site_url.strip():
        return True
    host = (urlsplit(site_url.strip()).hostname or "").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def refusal(site_url: str | None, command: str, what: str = "site_url") -> str:
    """The one-line message refusing to publish with ``command`` (e.g. ``mkdocs gh-deploy``).

    ``what`` names where the address came from: ``site_url`` (the config), ``SITE_URL``, a built folder.
    """
    if not site_url:
        state = "SITE_URL is not set"
    else:
        state = f"{what} is {site_url}, a local address"
        if what == "site_url" and not os.environ.get("SITE_URL"):
            state += " (the default while SITE_URL is unset)"
    return f"Refusing to publish: {state}; set SITE_URL to the published address, e.g. SITE_URL={EXAMPLE} {command}"
