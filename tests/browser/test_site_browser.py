"""The whole site in a browser: search finds the right page and fetches its index only when the
reader searches, one page per layout passes axe-core, keyboard use works, and the Step Three
worksheet prints without navigation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SEARCHES = {
    "Danielle Reid": "case-studies/highlands/",
    "pulsetaker": ("network-analysis/", "reference/glossary/"),
    "Participatory Appraisal": "case-studies/south-tyneside/",
    "Mauroy": "case-studies/lille/",
    "commissioning": ("case-studies/tower-hamlets/", "reference/glossary/"),
    "connected difference": ("findings/background/", "reference/glossary/"),
}

LAYOUTS = {
    "home": "/",
    "phase": "/model/mobilisation/",
    "case study": "/case-studies/knowsley/",
    "index with filters": "/case-studies/",
    "glossary": "/reference/glossary/",
    "step three worksheet": "/toolkit/step-three/",
    "wide tables": "/about/performance/",
    "calculator": "/calculators/connectors/",
}


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_the_right_page(page, site_url, query):
    expected = SEARCHES[query]
    expected = expected if isinstance(expected, tuple) else (expected,)
    page.goto(site_url + "/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=30)  # Material's search reacts to key events
    results = page.locator(".md-search-result__item > a")
    top: list = []
    for _ in range(40):  # results refresh as the index loads and the query settles
        top = [results.nth(i).get_attribute("href") for i in range(min(3, results.count()))]
        if any(any(target in href for target in expected) for href in top):
            break
        page.wait_for_timeout(250)
    assert any(any(target in href for target in expected) for href in top), (query, top)


@pytest.mark.parametrize("width", [1280, 390])
def test_search_index_loads_only_when_the_reader_searches(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url + "/model/mobilisation/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not any("search_index" in url for url in asked)
    page.get_by_role("link", name="Phase 3: Mainstreaming").first.click()  # instant navigation: still not fetched
    page.wait_for_load_state("networkidle")
    assert not any("search_index" in url for url in asked)
    if width < 960:
        page.get_by_role("button", name="Search this site").click()
    else:
        page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.locator("input.md-search__input").press_sequentially("pulsetakers", delay=30)
    expect(page.locator(".md-search-result__item > a").first).to_have_attribute("href", re.compile("network-analysis/"), timeout=20_000)
    assert sum("search_index" in url for url in asked) == 1
    context.close()


def test_an_address_with_a_query_fetches_the_index_at_once(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    with page.expect_request(lambda request: "search_index" in request.url, timeout=20_000):
        page.goto(site_url + "/?q=gatekeepers")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_serious_accessibility_violations(page, site_url, axe, layout, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + LAYOUTS[layout])
    expect(page.locator("h1").first).to_be_visible()
    assert axe(page) == []


def test_keyboard_user_can_skip_to_content_and_follow_a_link(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to content")
    page.keyboard.press("Enter")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.md-content') !== null && document.activeElement.tagName === 'A'"):
            break
    else:
        pytest.fail("no link inside the page content could be reached with Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.url.rstrip("/").split("/")[-1] in href or href.startswith("#")


def test_step_three_worksheet_prints_without_navigation(page, site_url, tmp_path):
    page.goto(site_url + "/toolkit/step-three/")
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "step-three-print.png"), full_page=True)
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs", ".md-search"]:
        locator = page.locator(chrome)
        if locator.count():
            assert not locator.first.is_visible(), f"{chrome} is printed"
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("input[type=checkbox]").count() > 0
    expect(page.locator(".source").first).to_be_visible()
