"""axe-core finds no serious or critical violation on the calculator page, before and after a result."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_connectors_page_before_and_after_a_result(page, site_url, axe):
    page.goto(site_url + "/calculators/connectors/")
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)
    assert axe(page) == []
    page.get_by_label("Edge list").fill("Ann,Bob\nBob,Cy")
    page.get_by_role("button", name="Find the people with the most ties").click()
    expect(page.locator(".ties-result")).to_be_visible(timeout=60_000)
    assert axe(page) == []
