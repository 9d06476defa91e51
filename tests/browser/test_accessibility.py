"""Phones, keyboards, axe-core, the 404 page, print and search (issue 14), in headless Chromium.

- Every page of the built site fits a 320 px screen: no horizontal overflow.
- At 390 px, on every page, Tab from the top of the page to its end never lands on an invisible
  element (zero size, hidden, transparent, clipped or off-screen, e.g. in the closed navigation
  drawer); likewise at 640 px (a 1280 px window at 200 % zoom) on the representative pages
  (AXE_PAGES: one page of each layout); the drawer and the search open from the keyboard.
- Wide tables (Table 1) scroll in a named, focusable region with a visible hint naming the columns.
- axe-core reports no violation of any impact on every page of the site, in the light and the dark
  scheme, at desktop width, each page as a reader sees it once loaded (the diagnostic's
  statements shown); and at phone width on the representative pages, the calculators once their
  Python has started ("Calculator ready.").
- The 404 page offers the search and the main sections, with links that work from any address.
- Printing from either colour scheme gives a white page without navigation.
- Search ranks the page that defines a term first, for plurals too.

Screenshots (390×844) of the case-study index, Table 1 and the 404 page are written to
A11Y_SCREENSHOTS (a folder) when it is set, else to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
ZOOMED = {"width": 640, "height": 450}  # a 1280×900 window at 200 % zoom
DESKTOP = {"width": 1280, "height": 900}

# One page of each layout: the phone-width axe-core run and the 200 % zoom Tab run (every page at
# two widths in two schemes would take several minutes on a shared machine).
AXE_PAGES = {
    "home": "/",
    "phase": "/model/mobilisation/",
    "strategic triangle": "/model/strategic-triangle/",
    "local innovation system": "/model/local-innovation-system/",
    "case study": "/case-studies/knowsley/",
    "table 1": "/case-studies/table-1/",
    "case-study index": "/case-studies/",
    "glossary": "/reference/glossary/",
    "network analysis": "/network-analysis/",
    "diagnose calculator": "/calculators/diagnose/",
    "connectors calculator": "/calculators/connectors/",
    "404": "/404.html",
}

# What appears on a page after it loads, and must be there before axe-core looks: the diagnostic
# renders its statements from a data file; each calculator says when its Python runtime is ready
# (waited for on the phone-width run only: starting Python takes 10-30 s a page on a busy machine).
LOADED = {"/calculators/diagnose/": ".diagnose-question"}
READY = ["/calculators/diagnose/", "/calculators/connectors/", "/calculators/report/"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# The page that defines each term (content/network-analysis.yaml defines the connector roles;
# only the recommendations name youth offending as a priority field).
SEARCHES = {
    "gatekeepers": "network-analysis/",
    "pulsetakers": "network-analysis/",
    "hubs": "network-analysis/",
    "youth offending": "recommendations/",
}

# Why the focused element cannot be seen, or null. A visually hidden radio button or checkbox
# (Material's palette toggle) shows its focus ring on the label that follows it: judge the label.
INVISIBLE = """(element) => {
  let target = element;
  const box = (node) => node.getBoundingClientRect();
  if (target.tagName === "INPUT" && (box(target).width < 1 || getComputedStyle(target).opacity === "0")) {
    const next = target.nextElementSibling;
    if (next && next.tagName === "LABEL" && !next.hidden) target = next;
  }
  const describe = (node) => node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
    (typeof node.className === "string" && node.className ? "." + node.className.trim().split(/\\s+/).join(".") : "");
  const rect = box(target);
  if (rect.width < 1 || rect.height < 1) return "zero size: " + describe(target);
  if (getComputedStyle(target).visibility !== "visible") return "visibility hidden: " + describe(target);
  if (rect.right <= 0 || rect.left >= innerWidth || rect.bottom <= 0 || rect.top >= innerHeight)
    return "off-screen (" + Math.round(rect.left) + ", " + Math.round(rect.top) + "): " + describe(target);
  for (let node = target; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === "none") return "inside display: none: " + describe(node);
    if (parseFloat(style.opacity) < 0.1) return "transparent: " + describe(node);
    const outer = box(node);
    if (node !== target && style.overflow !== "visible" && (outer.width < 1 || outer.height < 1))
      return "clipped by " + describe(node);
  }
  return null;
}"""

SETTLED = "() => document.getAnimations().every((animation) => animation.playState !== 'running')"

# After a Tab press, in one round trip: let the page react (scroll listeners run on the next frame),
# jump every transition to where it ends (what the reader sees a moment later: a link's colour fading,
# a heading's anchor fading in, the drawer's delayed hiding), then [why the focused element cannot
# be seen or null, its label]; null once focus has left the page (Tab past the last element moves
# it to the browser's own controls: document.body).
FOCUS_CHECK = (
    """async () => {
  const invisible = """
    + INVISIBLE
    + """;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  for (const animation of document.getAnimations()) {
    try {
      animation.finish();
    } catch {
      // an endless animation (a spinner) has no end to jump to
    }
  }
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const text = element.getAttribute("aria-label") || element.textContent || "";
  const label = element.tagName.toLowerCase() + " " + text.replace(/\\s+/g, " ").trim().slice(0, 40);
  return [invisible(element), label];
}"""
)


def site_pages(built_site: Path) -> list[str]:
    """Every page of the built site, as a path from its root ('/', '/findings/', …)."""
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        relative = html.relative_to(built_site).parent.as_posix()
        if relative.split("/")[0] in ("assets", "vendor", "search", "data"):
            continue
        pages.append("/" if relative == "." else f"/{relative}/")
    return pages


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("A11Y_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(page) -> None:
    page.wait_for_function(SETTLED, timeout=10_000)


def focused_problem(page) -> tuple[str | None, str]:
    settle(page)
    handle = page.evaluate_handle("document.activeElement")
    problem = page.evaluate(INVISIBLE, handle)
    label = page.evaluate(
        "(e) => e.tagName.toLowerCase() + ' ' + ((e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40))", handle
    )
    return problem, label


def run_axe(page, axe_script: str) -> list[str]:
    """Every axe-core violation, whatever its impact."""
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_script)
    # Only the violations in full: detailing every passing node takes axe-core as long again.
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    return [
        f"{violation['impact']}: {violation['id']}: " + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def test_every_page_fits_a_320_px_screen(browser, site_url, built_site):
    context = browser.new_context(viewport=NARROWEST)
    page = context.new_page()
    too_wide = []
    pages = [*site_pages(built_site), "/404.html"]
    assert len(pages) > 40, pages
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if width > inner + 1:
            culprits = page.evaluate(
                "() => [...document.querySelectorAll('.md-content *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1"
                " && !e.closest('.md-typeset__scrollwrap')).slice(0, 3).map((e) => e.tagName + '.' + e.className)"
            )
            too_wide.append(f"{path}: {width} px {culprits}")
    context.close()
    assert too_wide == []


def open_page(page, site_url: str, path: str) -> None:
    """Open a page and wait until it shows what a reader sees once it has loaded."""
    page.goto(site_url + path)
    expect(page.locator("h1").first).to_be_visible()
    if path in LOADED:
        expect(page.locator(LOADED[path]).first).to_be_visible()


def tab_through(page, limit: int = 400) -> list[str]:
    """Tab from the top of the page to its end; each stop where the focus cannot be seen."""
    invisible: list[str] = []
    for press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_CHECK)
        if focused is None:
            if press:
                return invisible  # past the last element
            continue
        problem, label = focused
        if problem:
            invisible.append(f"Tab {press + 1} ({label}): {problem}")
    return [*invisible, f"still inside the page after {limit} Tab presses"]


@pytest.mark.parametrize(("viewport", "pages"), [(PHONE, None), (ZOOMED, list(AXE_PAGES.values()))], ids=["390px-every-page", "200%-zoom"])
def test_tab_never_lands_on_an_invisible_element(browser, site_url, built_site, viewport, pages):
    pages = pages or [*site_pages(built_site), "/404.html"]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    invisible = []
    for path in pages:
        open_page(page, site_url, path)
        settle(page)
        invisible += [f"{path}: {problem}" for problem in tab_through(page)]
    context.close()
    assert invisible == []


def test_drawer_and_search_open_from_the_keyboard(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/model/mobilisation/")
    menu = page.get_by_role("button", name="Site menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches(\".md-header button[data-for='__drawer']\")"):
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    problem, label = focused_problem(page)
    assert problem is None, (label, problem)
    # Inside the open drawer, too, focus goes only where the reader can see it.
    for press in range(15):
        page.keyboard.press("Tab")
        problem, label = focused_problem(page)
        assert problem is None, (press, label, problem)
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    assert page.evaluate("document.activeElement.matches(\".md-header button[data-for='__drawer']\")")
    # The search button: Space opens the search with the cursor in its box.
    search = page.get_by_role("button", name="Search this site")
    search.focus()
    page.keyboard.press(" ")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input.md-search__input")).to_be_focused()
    context.close()


def test_wide_table_scrolls_in_a_named_focusable_region_with_a_hint(browser, site_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/case-studies/table-1/")
    region = page.locator("figure.table-1 .md-typeset__scrollwrap")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("aria-label", "Table 1: summary of drivers and enablers, by case study area, scrolls sideways for more columns")
    hint = page.locator("figure.table-1 .scroll-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Scroll sideways for more columns")
    expect(hint).to_contain_text("Enablers")
    page.screenshot(path=str(screenshot_dir(tmp_path) / "table-1-390.png"))
    region.focus()
    scrolled = -1
    for _ in range(80):  # the arrow keys scroll the focused region sideways, to its far edge
        page.keyboard.press("ArrowRight")
        now = region.evaluate("(wrapper) => wrapper.scrollLeft")
        if now == scrolled:
            break
        scrolled = now
    assert scrolled > 0
    enablers = page.locator("figure.table-1 thead th", has_text="Enablers")
    box = enablers.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"] + 1, box
    page.screenshot(path=str(screenshot_dir(tmp_path) / "table-1-390-scrolled.png"))
    # On a wide screen the table fits: no hint.
    page.set_viewport_size(DESKTOP)
    expect(hint).to_be_hidden()
    context.close()


def test_case_study_index_fits_a_phone(browser, site_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/case-studies/")
    expect(page.locator("form.case-filters")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    for select in page.locator("form.case-filters select").all():
        box = select.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    page.screenshot(path=str(screenshot_dir(tmp_path) / "case-studies-390.png"))
    context.close()


def axe_on_pages(browser, site_url, axe_script, pages, viewport, scheme, ready=()) -> list[str]:
    """Every axe-core violation on each page, in one browser context: 'page: impact: rule: elements'."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    expected = "slate" if scheme == "dark" else "default"
    violations = []
    for path in pages:
        open_page(page, site_url, path)
        if path in ready:
            expect(page.locator(".calculator-status").first).to_have_text("Calculator ready.", timeout=90_000)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected, path
        violations += [f"{path}: {violation}" for violation in run_axe(page, axe_script)]
    context.close()
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(browser, site_url, built_site, axe_script, scheme):
    pages = [*site_pages(built_site), "/404.html"]
    assert len(pages) > 40, pages
    assert axe_on_pages(browser, site_url, axe_script, pages, DESKTOP, scheme) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_at_phone_width(browser, site_url, axe_script, scheme):
    pages = [*AXE_PAGES.values(), *(path for path in READY if path not in AXE_PAGES.values())]
    assert axe_on_pages(browser, site_url, axe_script, pages, PHONE, scheme, ready=READY) == []


def test_the_404_page_helps(browser, site_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    # The test server has no 404 handler (GitHub Pages serves 404.html at the missing address):
    # open the page itself, and check that its links start from the site's root, not the page.
    page.goto(site_url + "/404.html")
    expect(page.locator("h1")).to_have_text("Page not found")
    page.screenshot(path=str(screenshot_dir(tmp_path) / "404-390.png"), full_page=True)
    for name, target in [
        ("Findings", "/findings/"),
        ("The model", "/model/"),
        ("Toolkit", "/toolkit/"),
        ("Calculators", "/calculators/diagnose/"),
        ("Case studies", "/case-studies/"),
    ]:
        link = page.locator(".md-content a", has_text=name).first
        assert link.get_attribute("href").endswith(target), name
        assert link.get_attribute("href").startswith(("/", "http")), name  # not relative: works from any address
        assert link.evaluate("(a) => a.href") == site_url + target, name
    # No form that would send the typed query to the server: a button opens the header's search.
    assert page.locator(".md-content form").count() == 0
    page.get_by_role("button", name="Search the guide").click()
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    query.fill("pulsetaker")
    expect(page.locator(".md-search-result__item > a").first).to_be_visible(timeout=20_000)
    assert page.url == site_url + "/404.html"  # searching stayed on the page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_is_white_without_navigation(browser, site_url, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "/model/mobilisation/")
    page.emulate_media(media="print", color_scheme=scheme)
    colours = page.evaluate(
        "() => [document.documentElement, document.body, document.querySelector('.md-content'), document.querySelector('.md-typeset p')]"
        ".map((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color])"
    )
    for background, _ in colours[:3]:
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    assert colours[1][0] == "rgb(255, 255, 255)", colours
    assert colours[3][1] in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 0.87)"), colours
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-skip", ".md-top"]:
        locator = page.locator(chrome)
        if locator.count():
            assert not locator.first.is_visible(), f"{chrome} is printed"
    pdf = page.pdf(print_background=True)
    assert len(pdf) > 1000
    context.close()


@pytest.mark.parametrize("query", SEARCHES)
def test_search_ranks_the_defining_page_first(page, site_url, query):
    page.goto(site_url + "/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=30)  # Material's search reacts to key events
    results = page.locator(".md-search-result__item > a")
    first = None
    for _ in range(60):  # results refresh as the index loads and the query settles
        if results.count():
            first = results.first.get_attribute("href")
            if first and first.split("#")[0].endswith(SEARCHES[query]):
                break
        page.wait_for_timeout(250)
    assert first is not None and first.split("#")[0] == f"{site_url}/{SEARCHES[query]}", (query, first)
