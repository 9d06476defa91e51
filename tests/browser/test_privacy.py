"""Nothing typed or chosen in a calculator, or in the search box, ever reaches a server (issue 12).

Before the fix, pressing "Map the connectors" with JavaScript off, or before the page script had
bound the form, submitted it as a GET request: the names went into the address, the history and
the server's log. The calculator forms (and Material's search form) are now `method="dialog"`
forms, which per the HTML spec do nothing when submitted outside a <dialog>; the widgets still
get the submit event. Each test fills every field with a marker, tries every way of submitting
(clicks, Enter, Space) and checks every request the page made and every address it showed.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARKER = "Zx9Secret"
CONNECTORS = "/calculators/connectors/"
DIAGNOSE = "/calculators/diagnose/"
CALCULATORS = [CONNECTORS, DIAGNOSE]
PAGE_SCRIPT = "**/assets/js/calculators.js"
FIELDS = "input:visible:enabled, textarea:visible:enabled, select:visible:enabled"
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", "textarea"}
RESULT_TIMEOUT = 60_000


class Recorder:
    """Every request the context makes (URL and body) and every address the page shows."""

    def __init__(self, context, page):
        self.requests: list[tuple[str, str]] = []
        self.addresses: list[str] = []
        context.on("request", self._request)
        page.on("framenavigated", lambda frame: frame.parent_frame is None and self.addresses.append(frame.url))

    def _request(self, request):
        body = request.post_data_buffer or b""
        self.requests.append((request.url, body.decode("utf-8", "replace")))

    def assert_nothing_sent(self, page, names: list[str], start: str):
        """No request carries the marker or a `name=` pair of the form; no address gains a query."""
        forbidden = [MARKER] + [f"{name}=" for name in names]
        assert self.requests, "no request was recorded at all"
        for url, body in self.requests:
            for word in forbidden:
                assert word not in url and word not in body, f"{word!r} was sent: {url} {body[:200]}"
        for address in self.addresses + [page.url]:
            parsed = urlparse(address)
            assert not parsed.query, f"the address gained a query string: {address}"
            assert parsed.path == urlparse(start).path, f"the page went elsewhere: {address}"


def field_kind(field) -> str:
    return field.evaluate("(e) => e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()")


def fill_every_field(scope) -> int:
    """Type the marker into every visible text field (as ties, so the connectors engine can read
    them), tick and pick every choice, give every file input a marker file; return how many."""
    fields = scope.locator(FIELDS).all()
    for index, field in enumerate(fields):
        kind = field_kind(field)
        if kind in TEXT_TYPES:
            field.fill(f"{MARKER}{index}, Bob\nBob, Cy")
        elif kind in ("radio", "checkbox"):
            field.click()
        elif kind == "select":
            values = field.locator("option").evaluate_all("(options) => options.map((o) => o.value)")
            field.select_option(values[-1])
        elif kind == "file":
            field.set_input_files(files=[{"name": f"{MARKER}-ties.csv", "mimeType": "text/csv", "buffer": f"{MARKER}File, Bob\n".encode()}])
    return len(fields)


def try_every_way_to_submit(scope, page, start: str):
    """Click every visible button, press Enter in every field, Enter and Space on every button."""

    def still_here(what):
        page.wait_for_timeout(150)  # not wait_for_load_state: a held page script holds back "load"
        assert urlparse(page.url).path == urlparse(start).path and not urlparse(page.url).query, f"{what} sent the page to {page.url}"

    buttons = scope.locator("button:visible:enabled").all()
    for button in buttons:
        label = button.inner_text()
        button.click()
        still_here(f"clicking {label!r}")
    for field in scope.locator(FIELDS).all():
        if field_kind(field) == "file":
            continue  # Enter opens the file chooser; it does not submit
        field.press("Enter")
        still_here(f"Enter in {field.get_attribute('id') or field.get_attribute('name')}")
    for button in buttons:
        for key in ("Enter", " "):
            button.press(key)
            still_here(f"{key!r} on {button.inner_text()!r}")
    page.wait_for_timeout(500)  # a late navigation would show here
    still_here("waiting")


def form_names(scope) -> list[str]:
    return scope.locator("[name]").evaluate_all("(elements) => [...new Set(elements.map((e) => e.name))]")


@pytest.fixture
def no_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield context, page
    context.close()


# ---------------------------------------------------------------- 1. JavaScript off


@pytest.mark.parametrize("path", CALCULATORS)
def test_with_javascript_off_nothing_entered_is_sent(no_js, site_url, path):
    context, page = no_js
    recorder = Recorder(context, page)
    start = site_url + path
    page.goto(start)
    calculator = page.locator("[data-calculator]")
    expect(calculator).to_have_count(1)
    filled = fill_every_field(calculator)
    names = form_names(calculator)
    if path == CONNECTORS:
        # The whole form is in the page; the text boxes and file inputs carry no name at all,
        # so even a browser that ignores method="dialog" has none of their contents to send.
        assert filled >= 6 and {"direction", "mode", "useWeights"} <= set(names), (filled, names)
        assert not {"ties", "tiesFile", "people", "peopleFile"} & set(names), names
        assert calculator.locator("textarea:not([name]), input[type=file]:not([name])").count() == 4
        expect(page.get_by_label("Ties", exact=True)).to_have_value(f"{MARKER}0, Bob\nBob, Cy")
    else:
        # The questionnaire is drawn by its script: without it there is nothing to fill or send.
        assert filled == 0 and calculator.locator("form, input, textarea, select, button").count() == 0
    try_every_way_to_submit(calculator, page, start)
    recorder.assert_nothing_sent(page, names, start)


# ---------------------------------------------------------------- 2. before the page script binds


def hold_page_script(page) -> list:
    """Hold back calculators.js (which imports the widgets); release with `route.continue_()`."""
    held = []
    page.route(PAGE_SCRIPT, lambda route: held.append(route))
    return held


def test_connectors_before_the_script_binds_sends_nothing_and_then_works(page, site_url):
    recorder = Recorder(page.context, page)
    held = hold_page_script(page)
    start = site_url + CONNECTORS
    page.goto(start, wait_until="commit")
    calculator = page.locator("[data-calculator=connectors]")
    expect(calculator.get_by_role("button", name="Map the connectors")).to_be_visible()
    expect(page.locator("html:not(.no-js)")).to_have_count(1)  # Material's own script has run
    assert held, "calculators.js was never requested"
    assert calculator.get_attribute("data-bound") is None, "the widget was bound although its script was held"

    assert fill_every_field(calculator) >= 6
    ties = page.get_by_label("Ties", exact=True)
    ties.fill(f"{MARKER}, Bob\nBob, Cy\nCy, {MARKER}")
    names = form_names(calculator)
    try_every_way_to_submit(calculator, page, start)
    assert calculator.get_attribute("data-bound") is None
    recorder.assert_nothing_sent(page, names, start)

    # Released, the same page (and what was typed into it) works.
    for route in held:
        route.continue_()
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)
    expect(ties).to_have_value(re.compile(rf"^{MARKER}, Bob\nBob, Cy\nCy, {MARKER}\s*$"))  # plus Enter's newline
    page.locator("#connectors-mode-auto").check()  # every radio was toggled above; "people to events" would not fit these ties
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_contain_text(MARKER, timeout=RESULT_TIMEOUT)
    page.get_by_role("button", name="Load an example").click()
    expect(page.locator(".connectors-findings")).to_contain_text("31 people", timeout=RESULT_TIMEOUT)
    recorder.assert_nothing_sent(page, names, start)


def test_diagnose_before_the_script_binds_has_nothing_to_send_and_then_works(page, site_url):
    recorder = Recorder(page.context, page)
    held = hold_page_script(page)
    start = site_url + DIAGNOSE
    page.goto(start, wait_until="commit")
    calculator = page.locator("[data-calculator=diagnose]")
    expect(calculator).to_have_count(1)
    expect(page.locator("html:not(.no-js)")).to_have_count(1)
    assert held, "calculators.js was never requested"
    assert fill_every_field(calculator) == 0
    assert calculator.locator("form, input, textarea, select, button").count() == 0

    for route in held:
        route.continue_()
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)
    page.locator("input[name^=dq-]").first.check()
    page.get_by_role("button", name="Show the result").click()
    expect(page.locator(".diagnose-report .diagnose-headline")).to_be_visible(timeout=RESULT_TIMEOUT)
    recorder.assert_nothing_sent(page, [name for name in form_names(calculator) if name.startswith("dq-")], start)


def test_the_questionnaire_form_sends_nothing_even_if_never_bound(page, site_url):
    """The form diagnose.js draws, stripped of its listeners (a copy of it), cannot submit either."""
    recorder = Recorder(page.context, page)
    start = site_url + DIAGNOSE
    page.goto(start)
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)
    page.get_by_label("A team (several respondents)").check()
    expect(page.get_by_label("Name of this respondent")).to_be_visible()
    page.evaluate("() => { const form = document.querySelector('.diagnose-form'); form.replaceWith(form.cloneNode(true)); }")
    form = page.locator(".diagnose-form")
    assert form.get_attribute("method") == "dialog"
    assert fill_every_field(form) > 20
    names = form_names(form)
    assert any(name.startswith("dq-") for name in names) and "diagnose-mode" in names
    try_every_way_to_submit(form, page, start)
    recorder.assert_nothing_sent(page, names, start)


# ---------------------------------------------------------------- 3. the <noscript> message


@pytest.mark.parametrize(
    ("path", "commands", "methods"),
    [
        (CONNECTORS, ["innovation-toolkit roles TIES.csv"], "/methods/connector-roles/"),
        (DIAGNOSE, ["innovation-toolkit diagnose --questions", "innovation-toolkit diagnose ANSWERS.yaml"], "/methods/diagnostic/"),
    ],
)
def test_without_javascript_the_page_says_so_and_names_the_command_line(no_js, page, site_url, path, commands, methods):
    _, quiet = no_js
    quiet.goto(site_url + path)
    note = quiet.locator(".md-content noscript p")
    expect(note).to_have_count(1)
    expect(note).to_be_visible()
    expect(note).to_contain_text("This calculator needs JavaScript.")
    expect(note).to_contain_text("command line")
    for command in commands:
        expect(note.locator("code", has_text=command)).to_be_visible()
    link = note.get_by_role("link")
    expect(link).to_have_count(1)
    link.click()
    assert urlparse(quiet.url).path == methods
    expect(quiet.get_by_role("heading", level=1)).to_contain_text("How")

    # With JavaScript on the note is not shown.
    page.goto(site_url + path)
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)
    expect(page.get_by_text("This calculator needs JavaScript.")).to_have_count(0)


# ---------------------------------------------------------------- 4. the search box


def test_search_box_sends_nothing_without_javascript_even_unstyled(no_js, site_url):
    """Material hides the search box with JavaScript off; without its styles too (a text-mode or
    "no style" view, a stylesheet that did not load) the box shows, and Enter used to send
    `?query=…`. The form is now `method="dialog"` (scripts/mkdocs_hooks.py)."""
    context, page = no_js
    recorder = Recorder(context, page)
    start = site_url + CONNECTORS
    page.goto(start)
    expect(page.locator(".md-search")).to_be_hidden()
    page.route("**/*.css", lambda route: route.abort())
    page.reload()
    box = page.locator("input.md-search__input")
    expect(box).to_be_visible()
    assert page.locator("form.md-search__form").get_attribute("method") == "dialog"
    box.fill(MARKER)
    box.press("Enter")
    page.wait_for_timeout(500)
    recorder.assert_nothing_sent(page, ["query"], start)


def test_search_box_sends_nothing_before_and_after_the_page_script_and_still_finds(page, site_url):
    recorder = Recorder(page.context, page)
    held = hold_page_script(page)
    start = site_url + CONNECTORS
    page.goto(start, wait_until="commit")
    expect(page.locator("html:not(.no-js)")).to_have_count(1)
    assert held
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(MARKER, delay=20)
    box.press("Enter")
    page.wait_for_timeout(500)
    recorder.assert_nothing_sent(page, ["query"], start)
    for route in held:
        route.continue_()
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)
    box.press("Enter")
    page.wait_for_timeout(500)
    recorder.assert_nothing_sent(page, ["query"], start)
    box.fill("")
    box.press_sequentially("pulsetaker", delay=30)
    expect(page.locator(".md-search-result__item > a").first).to_be_visible(timeout=30_000)


# ---------------------------------------------------------------- every page of the built site


class _Forms(HTMLParser):
    """Each <form>'s attributes, and whether it holds a control that takes typed text or a file."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.open = {"attributes": attributes, "entry": False}
            self.forms.append(self.open)
        elif self.open is not None and (tag == "textarea" or (tag == "input" and attributes.get("type", "text") in TEXT_TYPES | {"file"})):
            self.open["entry"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.open = None


def test_every_form_that_takes_typed_text_or_files_is_a_dialog_form(built_site):
    """Any form on any page with a text field, text area or file input cannot be submitted."""
    seen = {"search": 0, "connectors": 0}
    for html in built_site.rglob("*.html"):
        parser = _Forms()
        parser.feed(html.read_text(encoding="utf-8"))
        for form in parser.forms:
            if form["entry"]:
                assert form["attributes"].get("method") == "dialog", (str(html.relative_to(built_site)), form["attributes"])
            classes = (form["attributes"].get("class") or "").split()
            seen["search"] += "md-search__form" in classes
            seen["connectors"] += "connectors-form" in classes
    pages = sum(1 for html in built_site.rglob("*.html") if 'data-md-component="search"' in html.read_text(encoding="utf-8"))
    assert pages > 40 and seen == {"search": pages, "connectors": 1}, (pages, seen)
