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


def open_connectors_through_navigation(page, site_url):
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Map your connectors").click()
    expect(page.get_by_role("heading", name="Map your connectors", level=1)).to_be_visible()


def test_calculator_after_instant_navigation_gives_the_exact_result(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_connectors_through_navigation(page, site_url)
    assert not any(url.endswith("connectors/") for url in requests if "navigation" in url), requests
    page.get_by_label("Edge list").fill(KITE)
    page.get_by_role("button", name="Find the people with the most ties").click()
    table = page.locator(".ties-result")
    expect(table).to_be_visible(timeout=60_000)
    rows = [row.inner_text().split("\t") for row in table.locator("tbody tr").all()]
    assert rows == [["Diane", "6"], ["Fernando", "5"], ["Garth", "5"], ["Andre", "4"], ["Beverly", "4"]]
    expect(page.get_by_text("10 people and 18 ties.")).to_be_visible()
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.")


def test_every_request_stays_on_the_local_server_and_carries_no_input(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.post_data or "")))
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="The report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The report")
    open_connectors_through_navigation(page, site_url)
    page.get_by_label("Edge list").fill("Secret Person,Other Secret")
    page.get_by_role("button", name="Find the people with the most ties").click()
    expect(page.locator(".ties-result")).to_be_visible(timeout=60_000)
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


@pytest.mark.parametrize("answer", [{"status": 404, "body": "missing"}, {"status": 200, "body": "not wasm at all"}],
                         ids=["missing", "corrupt"])
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
    page.get_by_label("Edge list").fill("Ann,Bob\n<img src=x onerror=alert(1)>\n")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Find the people with the most ties").click()
    error = page.locator(".calculator-error")
    expect(error).to_have_text("line 2: expected two names separated by a comma, found 1 field(s)", timeout=60_000)
    assert not dialogs
