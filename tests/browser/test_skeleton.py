"""End to end in headless Chromium: the calculator through site navigation, privacy, failure."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KITE = """Andre,Beverly
Andre,Carol
Andre,Diane
Andre,Fernando
Beverly,Diane
Beverly,Ed
Beverly,Garth
Carol,Diane
Carol,Fernando
Diane,Ed
Diane,Fernando
Diane,Garth
Ed,Garth
Fernando,Garth
Fernando,Heather
Garth,Heather
Heather,Ike
Ike,Jane"""

# Krackhardt's kite: (person, roles, direct ties), key connectors first, as the table shows it.
KITE_ROWS = [
    ["Diane", "hub", "6"],
    ["Fernando", "pulsetaker", "5"],
    ["Garth", "pulsetaker", "5"],
    ["Heather", "gatekeeper", "3"],
    ["Andre", "", "4"],
    ["Beverly", "", "4"],
    ["Carol", "", "3"],
    ["Ed", "", "3"],
    ["Ike", "", "2"],
    ["Jane", "", "1"],
]


def open_connectors_through_navigation(page, site_url):
    page.goto(site_url + "/")
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.__samePage = true")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Map your connectors").click()
    expect(page).to_have_url(site_url + "/calculators/connectors/")
    expect(page.get_by_role("heading", name="Map your connectors", level=1)).to_be_visible()
    assert page.evaluate("window.__samePage === true"), "the click reloaded the page instead of instant navigation"


def people_rows(page):
    """(person, roles, direct ties) for every row of the people table, in the order shown."""
    rows = page.locator(".connectors-people-table tbody tr")
    return [row.inner_text().split("\t")[:3] for row in rows.all()]


def test_calculator_after_instant_navigation_gives_the_exact_result(page, site_url):
    open_connectors_through_navigation(page, site_url)
    page.get_by_label("Ties", exact=True).fill(KITE)
    page.get_by_role("button", name="Map the connectors").click()
    table = page.locator(".connectors-people-table")
    expect(table).to_be_visible(timeout=60_000)
    assert people_rows(page) == KITE_ROWS
    expect(page.locator(".connectors-findings li").first).to_have_text(re.compile(r"^10 people and 18 ties\. Typical density"))
    expect(page.locator(".connectors-findings")).to_contain_text("Fernando and Garth tie for the top place")
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.")


def test_every_request_stays_on_the_local_server_and_carries_no_input(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.post_data or "")))
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="The report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The report")
    open_connectors_through_navigation(page, site_url)
    page.get_by_label("Ties", exact=True).fill("Secret Person,Other Secret")
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=60_000)
    local = urlparse(site_url).netloc
    assert requests
    for url, body in requests:
        assert urlparse(url).netloc == local, url
        assert "Secret" not in url and "Secret" not in body


def test_content_pages_fetch_no_pyodide_bytes(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "/reference/the-report/")
    page.wait_for_load_state("networkidle")
    assert fetched and not [url for url in fetched if "/vendor/" in url or "pyodide" in url]


@pytest.mark.parametrize("answer", [{"status": 404, "body": "missing"}, {"status": 200, "body": "not wasm at all"}], ids=["missing", "corrupt"])
def test_runtime_that_cannot_load_says_so_and_offers_retry(page, site_url, answer):
    page.route(re.compile(r".*pyodide\.asm\.wasm$"), lambda route: route.fulfill(**answer))
    page.goto(site_url + "/calculators/connectors/")
    status = page.locator(".calculator-status")
    expect(status).to_contain_text("could not load", timeout=60_000)
    expect(status.get_by_role("button", name="Retry")).to_be_visible()
    page.unroute(re.compile(r".*pyodide\.asm\.wasm$"))
    status.get_by_role("button", name="Retry").click()
    expect(status).to_have_text("Calculator ready.", timeout=60_000)


def test_bad_input_gets_a_one_line_message_naming_the_line(page, site_url):
    page.goto(site_url + "/calculators/connectors/")
    page.get_by_label("Ties", exact=True).fill("Ann,Bob\n<img src=x onerror=alert(1)>\n")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Map the connectors").click()
    error = page.locator("#connectors-ties-error")
    expect(error).to_have_text(re.compile(r"^line 2: expected two names"), timeout=60_000)
    assert "\n" not in error.inner_text()
    assert "<img src=x onerror=alert(1)>" in error.inner_text()
    expect(page.locator("#connectors-ties-error-line")).to_have_text("Line 2 reads: <img src=x onerror=alert(1)>")
    expect(page.get_by_label("Ties", exact=True)).to_have_attribute("aria-invalid", "true")
    assert page.locator("img[src=x]").count() == 0
    assert not dialogs
