"""Fixtures for the page-builder tests."""

import pytest

from sitegen.content import load_content


@pytest.fixture(scope="session")
def content() -> dict:
    """The repository's content, loaded once for every page-builder test."""
    return load_content()
