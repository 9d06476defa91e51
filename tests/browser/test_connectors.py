""" "Map your connectors" in headless Chromium (issues 7 and 11): paste, pick and drop; hostile
names; privacy; accessibility before and after a result; the keyboard; exports; several
networks; errors next to the right input; the size limit; Cancel; a table and a picture that
fit a desktop and a phone; the direction and weights options."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .test_skeleton import KITE, KITE_ROWS, open_connectors_through_navigation, people_rows

pytestmark = pytest.mark.browser

PAGE = "/calculators/connectors/"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = '"><script>window.__pwned = 1</script>'
KITE_LABELS = {"Diane": "Diane\nhub", "Heather": "Heather\ngatekeeper", "Fernando": "Fernando\npulsetaker", "Garth": "Garth\npulsetaker"}
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "assets" / "examples"


def open_page(page, site_url):
    page.goto(site_url + PAGE)
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)


def ties_box(page):
    return page.get_by_label("Ties", exact=True)


def run(page):
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=60_000)


def picture_labels(page) -> dict:
    """name → label of every node cytoscape drew (the canvas's text)."""
    page.wait_for_function("() => document.querySelector('.connectors-cy')?.connectorsPicture", timeout=30_000)
    return page.evaluate("""() => Object.fromEntries(document.querySelector('.connectors-cy').connectorsPicture.cy
        .nodes().map((node) => [node.data('name'), node.data('label')]))""")


def download(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    return Path(info.value.path()).read_bytes()


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]


def drop_file(page, selector: str, text: str, name: str):
    transfer = page.evaluate_handle(
        "([text, name]) => { const transfer = new DataTransfer(); transfer.items.add(new File([text], name, { type: 'text/csv' })); return transfer; "
        "}",
        [text, name],
    )
    zone = page.locator(selector)
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    zone.dispatch_event("drop", {"dataTransfer": transfer})


@pytest.mark.parametrize("how", ["pasted", "picked", "dropped"])
def test_kite_roles_in_the_table_and_the_picture(page, site_url, how):
    open_connectors_through_navigation(page, site_url)
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)
    if how == "pasted":
        ties_box(page).fill(KITE)
    elif how == "picked":
        page.get_by_label("Or choose a file", exact=True).set_input_files(
            files=[{"name": "kite.csv", "mimeType": "text/csv", "buffer": KITE.encode()}]
        )
        expect(page.locator("#connectors-ties-file-note")).to_contain_text("Loaded kite.csv")
    else:
        drop_file(page, ".connectors-drop[data-drop=ties]", KITE, "kite.csv")
        expect(page.locator("#connectors-ties-file-note")).to_contain_text("Loaded kite.csv")
    if how != "pasted":
        expect(ties_box(page)).to_have_value(KITE)
    run(page)
    assert people_rows(page) == KITE_ROWS
    labels = picture_labels(page)
    assert len(labels) == 10
    for name, label in KITE_LABELS.items():
        assert labels[name] == label
    assert labels["Jane"] == "Jane"
    shapes = page.evaluate("""() => Object.fromEntries(document.querySelector('.connectors-cy').connectorsPicture.cy
        .nodes().map((node) => [node.data('name'), node.style('shape')]))""")
    assert (shapes["Diane"], shapes["Heather"], shapes["Fernando"], shapes["Jane"]) == ("rectangle", "diamond", "triangle", "ellipse")
    canvas = page.get_by_role("img", name=re.compile("Network picture of 10 people and 18 ties"))
    expect(canvas).to_have_attribute("aria-label", re.compile("hubs: Diane; gatekeepers: Heather; pulsetakers: Fernando and Garth"))


def test_hostile_names_are_shown_as_text_and_never_run(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, site_url)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([["Ann", "Bob"], [IMG, "Ann"], [SCRIPT, "Ann"], ["Bob", "Cy"], [IMG, SCRIPT]])
    ties_box(page).fill(text.getvalue())
    run(page)
    names = page.locator(".connectors-people-table tbody th").all_inner_texts()
    assert IMG in names and SCRIPT in names
    labels = picture_labels(page)
    assert IMG in labels and SCRIPT in labels
    page.get_by_role("button", name=IMG, exact=True).click()
    expect(page.locator(".connectors-details h3")).to_have_text(IMG)
    texts = svg_texts(download(page, "Download picture (SVG)"))
    assert IMG in texts and SCRIPT in texts
    exported = list(csv.reader(io.StringIO(download(page, "Download roles (CSV)").decode("utf-8-sig"))))
    assert {row[0] for row in exported[1:]} >= {IMG, SCRIPT}
    assert page.locator("img[src=x], .connectors script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert not dialogs


def test_every_request_is_local_and_none_carries_input(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.post_data or "", request.method)))
    open_connectors_through_navigation(page, site_url)
    secret = "Zebedee Quux-Private"
    ties_box(page).fill(f"{secret},Other Secret\nOther Secret,Third Secret")
    run(page)
    page.get_by_label("Or choose a file", exact=True).set_input_files(
        files=[{"name": "private-team.csv", "mimeType": "text/csv", "buffer": f"{secret},Filed Secret\n".encode()}]
    )
    run(page)
    for name in ("Download roles (CSV)", "Download result (JSON)", "Download picture (SVG)"):
        assert secret.encode() in download(page, name)
    picture_labels(page)
    assert download(page, "Download picture (PNG)")[:8] == b"\x89PNG\r\n\x1a\n"
    page.get_by_role("button", name="Load an example").click()
    expect(page.locator(".connectors-findings")).to_contain_text("31 people", timeout=60_000)
    local = urlparse(site_url).netloc
    assert requests
    for url, body, method in requests:
        origin = url[len("blob:") :] if url.startswith("blob:") else url
        assert urlparse(origin).netloc == local, url
        assert method in ("GET", "HEAD"), (method, url)
        for word in ("Zebedee", "Secret", "private-team"):
            assert word not in url and word not in body, url


def test_no_serious_accessibility_violation_before_and_after_a_result(page, site_url, axe):
    open_page(page, site_url)
    assert axe(page) == []
    ties_box(page).fill(KITE)
    run(page)
    picture_labels(page)
    page.get_by_role("button", name="Diane", exact=True).click()
    assert axe(page) == []
    page.get_by_role("button", name="Load an example").click()
    expect(page.get_by_role("heading", name="Each network on its own")).to_be_visible(timeout=60_000)
    picture_labels(page)
    assert axe(page) == []
    ties_box(page).fill("Ann,Bob\nAnn")
    run_error = page.get_by_role("button", name="Map the connectors")
    run_error.click()
    expect(page.locator("#connectors-ties-error")).to_contain_text("line 2", timeout=60_000)
    assert axe(page) == []


def test_the_whole_flow_works_by_keyboard(page, site_url):
    open_page(page, site_url)
    ties_box(page).focus()
    page.keyboard.insert_text(KITE)
    focused = lambda: page.evaluate("document.activeElement.textContent.trim() || document.activeElement.id")  # noqa: E731
    for _ in range(12):
        page.keyboard.press("Tab")
        if focused() == "Map the connectors":
            break
    assert focused() == "Map the connectors"
    page.keyboard.press("Enter")
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=60_000)
    assert focused() == "What the analysis found", "focus should move to the results"
    for _ in range(20):
        page.keyboard.press("Tab")
        if focused() == "Direct ties":
            break
    assert focused() == "Direct ties"
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Direct ties")).to_have_attribute("aria-sort", "descending")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused() == "Person"
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Person")).to_have_attribute("aria-sort", "ascending")
    for _ in range(20):
        page.keyboard.press("Tab")
        if focused() == "Heather":
            break
    assert focused() == "Heather"
    page.keyboard.press("Enter")
    details = page.locator(".connectors-details")
    expect(details).to_contain_text("Heather is a gatekeeper")
    picture_labels(page)
    assert page.evaluate("document.querySelector('.connectors-cy').connectorsPicture.cy.$('node.focus').data('name')") == "Heather"
    page.get_by_role("button", name="Download roles (CSV)").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()[1].startswith("Diane,hub,yes,6,")


def test_sorting_the_table(page, site_url):
    open_page(page, site_url)
    ties_box(page).fill(KITE)
    run(page)
    header = page.get_by_role("columnheader", name="Direct ties")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert [row[0] for row in people_rows(page)][:1] == ["Diane"]
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert [row[0] for row in people_rows(page)][:2] == ["Jane", "Ike"]
    page.get_by_role("button", name="Show all columns").click()
    page.get_by_role("columnheader", name="Betweenness").get_by_role("button").click()
    expect(header).not_to_have_attribute("aria-sort", re.compile("."))
    assert people_rows(page)[0][0] == "Heather"


def test_exports_hold_the_result(page, site_url):
    open_page(page, site_url)
    ties_box(page).fill(KITE)
    run(page)
    rows = list(csv.DictReader(io.StringIO(download(page, "Download roles (CSV)").decode("utf-8-sig"))))
    assert [(row["name"], row["roles"], row["degree"]) for row in rows[:4]] == [
        ("Diane", "hub", "6"),
        ("Fernando", "pulsetaker", "5"),
        ("Garth", "pulsetaker", "5"),
        ("Heather", "gatekeeper", "3"),
    ]
    result = json.loads(download(page, "Download result (JSON)"))
    assert result["schema"] == "connector-roles/1" and result["roles"]["gatekeeper"]["people"] == ["Heather"]
    texts = svg_texts(download(page, "Download picture (SVG)"))
    assert {"Diane", "hub", "Heather", "gatekeeper", "Jane"} <= set(texts)
    picture_labels(page)
    assert download(page, "Download picture (PNG)")[:8] == b"\x89PNG\r\n\x1a\n"
    page.emulate_media(media="print")
    expect(page.locator(".connectors-form")).to_be_hidden()
    expect(page.locator(".connectors-findings")).to_be_visible()
    expect(page.locator(".connectors-people-table")).to_be_visible()


def test_example_with_groups_and_several_networks(page, site_url):
    open_page(page, site_url)
    page.get_by_role("button", name="Load an example").click()
    expect(page.locator(".connectors-findings")).to_contain_text("By sector:", timeout=60_000)
    expect(page.get_by_role("heading", name="Groups")).to_be_visible()
    expect(page.get_by_role("heading", name="Each network on its own")).to_be_visible()
    select = page.get_by_label("Network to analyse")
    expect(select).to_be_visible()
    assert select.locator("option").all_inner_texts() == ["All networks combined", "advice", "joint work"]
    select.select_option("advice")
    run(page)
    expect(page.locator(".connectors-summary")).to_contain_text("advice")
    expect(page.get_by_role("heading", name="Each network on its own")).to_have_count(0)
    result = json.loads(download(page, "Download result (JSON)"))
    assert result["networks"]["analysed"] == "advice" and result["input"]["direction"]["chosen"] == "auto"
    assert {row[0] for row in people_rows(page) if row[1]} == set(result["roles"]["key_connectors"])


def test_example_files_are_fictional_and_complete():
    people = list(csv.DictReader((EXAMPLES / "riverside-people.csv").open(encoding="utf-8")))
    ties = list(csv.DictReader((EXAMPLES / "riverside-ties.csv").open(encoding="utf-8")))
    names = {row["name"] for row in people}
    assert 25 <= len(names) <= 40 and len(names) == len(people)
    assert {row["sector"] for row in people} == {"council", "health", "voluntary sector", "residents", "business"}
    assert {row["network"] for row in ties} == {"advice", "joint work"}
    assert {row["respondent"] for row in ties} | {row["named"] for row in ties} == names
    report = Path(__file__).resolve().parents[3] / "shared" / "seed" / "transformers-report.txt"
    if report.exists():
        text = report.read_text(encoding="utf-8")
        assert not [name for name in names if name in text]


def test_directed_ties_and_errors_next_to_the_right_input(page, site_url):
    open_page(page, site_url)
    ties_box(page).fill("Ann,Bob\nCy,Bob\nDee,Bob\nBob,Ann")
    page.get_by_label("Directed: the first person named the second").check()
    run(page)
    expect(page.get_by_role("columnheader", name="Times named")).to_be_visible()
    expect(page.locator(".connectors-summary")).to_contain_text("Ties read as")
    expect(page.locator(".connectors-summary")).to_contain_text(re.compile(r"directed", re.I))
    page.get_by_text("Add a people table (optional)").click()
    page.get_by_label("People table", exact=True).fill("name,sector\nAnn,council,extra,more\n")
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator("#connectors-people-error")).to_contain_text("line 2", timeout=60_000)
    expect(page.locator("#connectors-ties-error")).to_have_text("")
    expect(page.get_by_label("People table", exact=True)).to_have_attribute("aria-invalid", "true")


def test_a_file_over_the_limit_is_refused_before_it_is_read(page, site_url):
    open_page(page, site_url)
    page.evaluate("""() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(31_000_000).fill(65)], "huge.csv", { type: "text/csv" }));
        const zone = document.querySelector(".connectors-drop[data-drop=ties]");
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }""")
    error = page.locator("#connectors-ties-error")
    expect(error).to_contain_text("huge.csv is too large (31.0 MB; the limit is 30 MB)")
    expect(ties_box(page)).to_have_value("")
    expect(page.locator(".connectors-progress")).to_be_hidden()


def big_network(people: int, ties_per_person: int = 4) -> str:
    lines = []
    for i in range(people):
        for step in range(1, ties_per_person + 1):
            lines.append(f"Person {i},Person {(i * 7 + step * 13) % people}")
    return "\n".join(lines)


def test_cancel_stops_a_long_analysis_and_the_page_recovers(page, site_url):
    open_page(page, site_url)
    page.get_by_label("Or choose a file", exact=True).set_input_files(
        files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": big_network(5000).encode()}]
    )
    expect(page.locator("#connectors-ties-file-note")).to_contain_text("too long to show")
    page.get_by_role("button", name="Map the connectors").click()
    cancel = page.get_by_role("button", name="Cancel")
    expect(cancel).to_be_visible()
    page.wait_for_timeout(300)
    # How fast it reacts is measured by scripts/bench_connectors.py, not asserted here.
    cancel.click()
    expect(page.locator(".connectors-progress")).to_contain_text("Cancelled")
    expect(cancel).to_be_hidden()
    expect(page.locator(".connectors-results")).to_be_hidden()
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)
    page.get_by_role("button", name="Remove big.csv").click()
    ties_box(page).fill(KITE)
    run(page)
    assert people_rows(page) == KITE_ROWS


def legend_groups(page) -> dict:
    """group → number of people, read from the picture's colour legend ("council (orange): 7 people")."""
    texts = page.locator(".connectors-picture-section ul.connectors-legend li:not(.connectors-legend-title)").all_inner_texts()
    found = [re.fullmatch(r"(.+) \(([a-z ]+)\): (\d+) (?:person|people)", text.strip()) for text in texts]
    return {match[1]: int(match[3]) for match in found if match}


def choose_colouring_by_keyboard(page, label: str):
    page.get_by_role("radio", name="Role", exact=True).focus()
    for _ in range(5):
        if page.get_by_role("radio", name=label, exact=True).is_checked():
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"the arrow keys never reached {label}")


def test_colouring_the_example_by_sector(page, site_url, axe):
    sector_of = {row["name"]: row["sector"] for row in csv.DictReader((EXAMPLES / "riverside-people.csv").open(encoding="utf-8"))}
    expected = {sector: list(sector_of.values()).count(sector) for sector in set(sector_of.values())}
    open_page(page, site_url)
    page.get_by_role("button", name="Load an example").click()
    picture_labels(page)
    choice = page.get_by_role("group", name="Colour the picture by")
    expect(choice.get_by_role("radio", name="Role", exact=True)).to_be_checked()
    assert legend_groups(page) == {}
    choose_colouring_by_keyboard(page, "Sector")
    assert legend_groups(page) == expected
    expect(page.locator(".connectors-legend")).to_contain_text(["Shapes show roles:", "Colours show sector:"])
    canvas = page.get_by_role("img", name=re.compile("Network picture of 31 people"))
    expect(canvas).to_have_attribute("aria-label", re.compile(r"colour shows their sector \(council \(\w+\): 7 people;"))
    assert axe(page) == []
    cy = "document.querySelector('.connectors-cy').connectorsPicture.cy"
    drawn = page.evaluate(
        f"() => Object.fromEntries({cy}.nodes().map((node) => [node.data('name'), [node.style('background-color'), node.data('colour'), "
        "node.data('label')]]))"
    )
    assert set(drawn) == set(sector_of)
    colours = {sector: {drawn[name][0] for name in drawn if sector_of[name] == sector} for sector in expected}
    assert all(len(shades) == 1 for shades in colours.values()), colours
    assert len({shades.pop() for shades in colours.values()}) == len(expected)
    maya = page.evaluate(
        "() => document.querySelector('.connectors-cy').connectorsPicture.cy.nodes().filter((n) => n.data('name') === 'Maya Okafor').data('roles')"
    )
    assert len(maya) > 1 and drawn["Maya Okafor"][2] == "Maya Okafor\n" + ", ".join(maya)
    shapes = page.evaluate(f"() => {cy}.nodes().map((node) => node.style('shape'))")
    assert {"star", "rectangle", "ellipse"} <= set(shapes)
    root = ET.fromstring(download(page, "Download picture (SVG)"))
    ns = "{http://www.w3.org/2000/svg}"
    fills = {}
    for group in root.iter(f"{ns}g"):
        tip = group.find(f"{ns}title")
        if tip is not None:
            name, rest = tip.text.split(": ", 1)
            assert rest.endswith(f"sector: {sector_of[name]}")
            fills[name] = next(child for child in group if child.tag in (f"{ns}circle", f"{ns}polygon")).get("fill")
    assert fills == {name: values[1] for name, values in drawn.items()}
    assert "colour shows their sector" in root.find(f"{ns}desc").text
    choice.get_by_role("radio", name="Sector", exact=True).focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(choice.get_by_role("radio", name="Role", exact=True)).to_be_checked()
    assert legend_groups(page) == {}
    hub_colours = page.evaluate(f"() => {cy}.nodes().filter((node) => node.data('roles').join() === 'hub').map((node) => node.data('colour'))")
    assert hub_colours and set(hub_colours) == {"#0072B2"}


def test_hostile_group_names_are_shown_as_text(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, site_url)
    ties_box(page).fill(KITE)
    page.get_by_text("Add a people table (optional)").click()
    people = sorted({name for line in KITE.splitlines() for name in line.split(",")})
    rows = [["name", IMG]] + [[name, IMG if index % 2 else "plain"] for index, name in enumerate(people)]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    page.get_by_label("People table", exact=True).fill(text.getvalue())
    run(page)
    picture_labels(page)
    page.get_by_role("radio", name=IMG, exact=True).check()
    groups = legend_groups(page)
    assert set(groups) == {IMG, "plain"} and sum(groups.values()) == len(people)
    expect(page.locator(".connectors-legend-title").last).to_have_text(f"Colours show {IMG}:")
    texts = svg_texts(download(page, "Download picture (SVG)"))
    assert any(text.startswith(f"{IMG} (") for text in texts)
    assert page.locator("img[src=x], .connectors script").count() == 0
    assert not dialogs


# ---- issue 11: results a practitioner can read ------------------------------------------------

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CY = "document.querySelector('.connectors-cy').connectorsPicture.cy"


@pytest.fixture
def sized_page(browser, request):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    yield page
    context.close()


def powerlaw_ties(people: int = 2000) -> str:
    import networkx as nx

    graph = nx.powerlaw_cluster_graph(people, 5, 0.3, seed=1)
    return "\n".join(f"p{u},p{v}" for u, v in graph.edges())


def pick_ties(page, text: str, name: str = "ties.csv"):
    page.get_by_label("Or choose a file", exact=True).set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    expect(page.locator("#connectors-ties-file-note")).to_contain_text(name)


def boxes(page) -> dict:
    """The people table's scroll box, its caption and each shown column header, in CSS pixels."""
    return page.evaluate("""() => {
        const scroll = document.querySelector('.connectors-people-scroll');
        const rect = (node) => { const r = node.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width}; };
        return {
            box: rect(scroll), scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth, tabindex: scroll.getAttribute('tabindex'),
            caption: rect(scroll.querySelector('caption')),
            headers: [...scroll.querySelectorAll('thead th')].filter((th) => th.offsetParent !== null)
                .map((th) => ({label: th.textContent.trim(), ...rect(th)})),
            all: [...scroll.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
        };
    }""")


def inside(part: dict, box: dict) -> bool:
    return part["left"] >= box["left"] - 1 and part["right"] <= box["right"] + 1


@pytest.mark.parametrize("sized_page", list(VIEWPORTS), indirect=True)
def test_the_table_fits_its_box_and_every_column_is_reachable(sized_page, site_url):
    page = sized_page
    open_page(page, site_url)
    page.get_by_role("button", name="Load an example").click()
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=60_000)
    first = boxes(page)
    assert first["scrollWidth"] <= first["clientWidth"] + 1, "the default columns should fit without sideways scrolling"
    assert inside(first["caption"], first["box"])
    assert all(inside(header, first["box"]) for header in first["headers"]), first["headers"]
    assert [header["label"] for header in first["headers"]][:3] == ["Person", "Roles", "Times named"]
    assert "Bridging" in [header["label"] for header in first["headers"]]
    toggle = page.get_by_role("button", name="Show all columns")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    wide = boxes(page)
    assert [header["label"] for header in wide["headers"]] == wide["all"], "every column is shown after the toggle"
    assert {"Betweenness", "Closeness", "Organisation", "Sector", "Key in networks"} <= set(wide["all"])
    if wide["scrollWidth"] > wide["clientWidth"] + 1:
        # The box scrolls sideways: it takes focus and the arrow keys reach the last column.
        assert wide["tabindex"] == "0"
        page.locator(".connectors-people-scroll").focus()
        for _ in range(60):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        scrolled = boxes(page)
        assert inside(scrolled["headers"][-1], scrolled["box"]), scrolled["headers"][-1]
        assert inside(scrolled["caption"], scrolled["box"]), "the caption stays in view when the table is scrolled"
    else:
        assert all(inside(header, wide["box"]) for header in wide["headers"])
    assert inside(wide["caption"], wide["box"])
    # The new column sorts by keyboard like the others.
    page.get_by_role("columnheader", name="Bridging").get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name="Bridging")).to_have_attribute("aria-sort", "descending")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".connectors-people-table").get_by_role("columnheader", name="Organisation")).to_be_hidden()


def test_nothing_overflows_the_page_at_320_px(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        open_page(page, site_url)
        page.get_by_role("button", name="Load an example").click()
        expect(page.locator(".connectors-people-table")).to_be_visible(timeout=60_000)
        picture_labels(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.get_by_role("button", name="Show all columns").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.locator(".connectors-people-scroll").get_attribute("tabindex") == "0"
    finally:
        context.close()


def label_sizes(page) -> dict:
    """Rendered size (CSS px) of every name written on the picture, and whether the canvas is drawn 1:1."""
    page.wait_for_function("() => document.querySelector('.connectors-cy')?.connectorsPicture", timeout=60_000)
    return page.evaluate(f"""() => {{
        const cy = {CY};
        const box = document.querySelector('.connectors-cy');
        const canvas = box.querySelector('canvas');
        const named = cy.nodes().filter((node) => node.style('label') !== '');
        return {{
            sizes: named.map((node) => parseFloat(node.renderedStyle('font-size'))),
            model: named.map((node) => parseFloat(node.style('font-size')) * cy.zoom()),
            names: named.map((node) => node.data('name')),
            key: cy.nodes().filter((node) => node.data('key') === 1).map((node) => node.data('name')),
            canvas: [canvas.getBoundingClientRect().width, box.clientWidth],
            nodes: cy.nodes().length,
        }};
    }}""")


def assert_legible(found: dict):
    assert found["names"], "some names are written on the picture"
    assert abs(found["canvas"][0] - found["canvas"][1]) <= 2, "the canvas is not scaled by CSS"
    assert min(found["sizes"]) >= 12, found["sizes"]
    assert min(found["model"]) >= 12, found["model"]


@pytest.mark.parametrize("sized_page", list(VIEWPORTS), indirect=True)
def test_picture_labels_are_at_least_12_px_at_every_zoom(sized_page, site_url):
    page = sized_page
    open_page(page, site_url)
    page.get_by_role("button", name="Load an example").click()
    found = label_sizes(page)
    assert_legible(found)
    if page.viewport_size["width"] >= 1000:
        assert set(found["key"]) <= set(found["names"]), "on a desktop every key connector is named"
    for name in ("Zoom out", "Zoom out", "Zoom in", "Zoom in", "Zoom in", "Fit to view"):
        page.get_by_role("button", name=name, exact=True).click()
        assert_legible(label_sizes(page))
    expect(page.locator(".connectors-picture-caption")).to_have_text("Showing everyone: 31 people.")


@pytest.mark.parametrize("sized_page", ["desktop"], indirect=True)
def test_a_2000_person_network_is_pictured_as_key_connectors_and_their_neighbourhoods(sized_page, site_url):
    page = sized_page
    open_page(page, site_url)
    pick_ties(page, powerlaw_ties(2000), "powerlaw.csv")
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=120_000)
    found = label_sizes(page)
    assert 20 <= found["nodes"] <= 300
    assert_legible(found)
    caption = page.locator(".connectors-picture-caption")
    expect(caption).to_have_text(
        re.compile(
            r"^Showing (\d+ of )?the [\d,]+ key connectors and [\d,]+ of the [\d,]+ people tied to key connectors; the table lists all 2,000 "
            r"people\.$"
        )
    )
    drawn = page.evaluate(f"() => {CY}.nodes().length")
    shown = [int(n.replace(",", "")) for n in re.findall(r"[\d,]+", caption.inner_text())]
    assert shown[0] + shown[2] == drawn, (shown, drawn)
    expect(page.get_by_role("img", name=re.compile(r"^Network picture of \d+ people"))).to_be_visible()
    expect(page.get_by_role("button", name="Show all 2,000 people")).to_be_visible()
    expect(page.locator(".connectors-progress")).to_contain_text("2,000 people")
    assert "2000" not in page.locator(".connectors-results").inner_text().replace("2,000", "")


def result_json(page) -> dict:
    return json.loads(download(page, "Download result (JSON)"))


def test_the_direction_options_and_the_weights_checkbox_reach_the_engine(page, site_url):
    open_page(page, site_url)
    options = page.get_by_role("group", name="Direction of the ties")
    expect(options.get_by_role("radio")).to_have_count(3)
    expect(options.get_by_label("As the data says")).to_be_checked()
    expect(page.get_by_role("group", name="What the ties link").get_by_label("As the data says")).to_be_checked()
    expect(page.get_by_label("Use tie weights")).to_be_checked()
    survey = "respondent,named\nAnn,Bob\nCy,Bob\nDee,Bob\nBob,Ann\nEve,Ann"
    ties_box(page).fill(survey)
    run(page)
    result = result_json(page)
    assert result["input"]["direction"]["chosen"] == "auto" and result["input"]["direction"]["directed"] is True
    expect(page.get_by_role("columnheader", name="Times named")).to_be_visible()
    expect(page.locator(".connectors-summary")).to_contain_text(result["input"]["direction"]["sentence"])
    page.get_by_label("Undirected: a tie links two people both ways").check()
    run(page)
    expect(page.get_by_role("columnheader", name="Direct ties")).to_be_visible()
    result = result_json(page)
    assert result["input"]["direction"]["chosen"] == "undirected" and result["input"]["direction"]["directed"] is False
    ties_box(page).fill("Ann,Bob,3\nBob,Cy,1\nCy,Dee,2\nDee,Ann,1\nAnn,Cy,5")
    page.get_by_label("Directed: the first person named the second").check()
    run(page)
    result = result_json(page)
    assert result["input"]["direction"]["chosen"] == "directed" and result["input"]["weights"]["used"] is True
    expect(page.locator(".connectors-summary")).to_contain_text(result["input"]["weights"]["sentence"])
    page.get_by_label("Use tie weights").uncheck()
    run(page)
    result = result_json(page)
    assert result["input"]["weights"] == {**result["input"]["weights"], "present": True, "used": False}
    expect(page.locator(".connectors-summary")).to_contain_text(result["input"]["weights"]["sentence"])
    # What the ties link: an edge list that only looks two-mode is read as it is, until the reader says otherwise.
    ties_box(page).fill("Ann,E1\nBob,E1\nCy,E1\nBob,E2\nDee,E2\nEve,E2\n")
    page.get_by_label("As the data says", exact=True).first.check()
    run(page)
    result = result_json(page)
    assert result["input"]["two_mode"] == {"evidence": "pattern", "projected": False}
    expect(page.locator(".connectors-notes")).to_contain_text("may be two-mode data")
    page.get_by_label("People to events: the second column holds events, projects or meetings").check()
    run(page)
    result = result_json(page)
    assert result["input"]["two_mode"]["projected"] is True and "E1" not in {p["name"] for p in result["people"]}


def test_sentences_count_properly(page, site_url):
    """One person, no one, thousands separators: no "1 people" and no sentence starting in lower case."""
    open_page(page, site_url)
    ties_box(page).fill("Ann,Bob")
    run(page)
    text = page.locator(".connectors-results").inner_text()
    assert not re.search(r"\b1 (people|ties|times named|direct ties)\b", text), text
    assert not re.search(r"from (\d+) people to \1 people", text)
    for item in page.locator(".connectors-findings li, .connectors-role-list li, .connectors-summary dd").all_inner_texts():
        assert item[:1] == item[:1].upper(), item
    expect(page.locator(".connectors-role-list li")).to_have_count(3)


def pick_bytes(page, data: bytes, name: str):
    page.get_by_label("Or choose a file", exact=True).set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    expect(page.locator("#connectors-ties-file-note")).to_contain_text(f"Loaded {name}")


def test_files_in_excel_encodings_and_other_tools_formats_are_read_right(page, site_url):
    """Issue 12: a Windows-1252 CSV with Excel's sep= line, UTF-16 "Unicode text", a Kumu sheet, GML and two-mode data."""
    open_page(page, site_url)
    names = "sep=;\r\nFrom;To\r\nZoë Ångström;José Núñez\r\nJosé Núñez;Françoise Lefèvre\r\nFrançoise Lefèvre;Zoë Ångström\r\n"
    pick_bytes(page, names.encode("cp1252"), "excel.csv")
    expect(ties_box(page)).to_have_value(names.replace("\r\n", "\n"))  # shown decoded, not as replacement characters
    run(page)
    table = page.locator(".connectors-people-table")
    for name in ("Zoë Ångström", "José Núñez", "Françoise Lefèvre"):
        expect(table).to_contain_text(name)
    expect(table).not_to_contain_text("sep=")
    notes = page.locator(".connectors-notes")
    expect(notes).to_contain_text("Windows-1252")
    expect(notes).to_contain_text("sep=")

    pick_bytes(page, "Source\tTarget\nZoë\tBob\nBob\tCy\nCy\tZoë\n".encode("utf-16"), "unicode.txt")
    run(page)
    expect(page.locator(".connectors-people-table")).to_contain_text("Zoë")
    expect(page.locator(".connectors-notes")).to_contain_text("UTF-16")

    ties_box(page).fill("From,To,Direction,Strength\nAnn,Bob|Cy|Dee,directed,Strong\nBob,Cy,mutual,Weak\nCy,Dee,directed,Medium\n")
    run(page)
    expect(page.locator(".connectors-people-table")).not_to_contain_text("Bob|Cy|Dee")
    expect(page.locator(".connectors-notes")).to_contain_text("ordered scale")

    ties_box(page).fill(
        "woman,event\n"
        + "".join(
            f"{w},{e}\n"
            for w, e in [("Ann", "E1"), ("Bob", "E1"), ("Cy", "E1"), ("Bob", "E2"), ("Dee", "E2"), ("Eve", "E2"), ("Eve", "E3"), ("Fay", "E3")]
        )
    )
    run(page)
    expect(page.locator(".connectors-people-table")).not_to_contain_text("E1")
    expect(page.locator(".connectors-notes")).to_contain_text("Two-mode data")

    ties_box(page).fill("DL N=3\nFORMAT = EDGELIST1\nDATA:\n1 2\n")
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator("#connectors-ties-error")).to_contain_text("UCINET DL", timeout=30_000)


# ---- issue 15: a page that never freezes (behaviour; the timings are in scripts/bench_connectors.py) ----

ORDER_SEEN = """() => {
    window.__seen = [];
    const results = document.querySelector('.connectors-results');
    new MutationObserver(() => {
        const seen = window.__seen;
        const rows = document.querySelectorAll('.connectors-people-table tbody tr').length;
        if (rows && !seen.some((entry) => entry.startsWith('table'))) seen.push(`table ${rows}`);
        if (results.querySelector('.connectors-cy canvas') && !seen.includes('picture')) seen.push('picture');
    }).observe(results, { childList: true, subtree: true });
}"""


@pytest.mark.parametrize("sized_page", ["desktop"], indirect=True)
def test_a_2000_person_result_is_shown_in_parts_table_first_and_complete(sized_page, site_url):
    page = sized_page
    open_page(page, site_url)
    pick_ties(page, powerlaw_ties(2000), "powerlaw.csv")
    page.evaluate(ORDER_SEEN)
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.get_by_role("heading", name="If key connectors left")).to_be_visible(timeout=120_000)
    page.wait_for_function("() => document.querySelector('.connectors-cy')?.connectorsPicture", timeout=60_000)
    seen = page.evaluate("() => window.__seen")
    assert seen[0].startswith("table") and seen[1:] == ["picture"], seen
    assert page.evaluate("() => document.activeElement.id") == "connectors-found"
    # Every section, in page order, and the table's first 250 rows in the engine's order.
    headings = page.locator(".connectors-results h2").all_inner_texts()
    order = ["What the analysis found", "People and their roles", "Network picture", "If key connectors left"]
    assert [heading for heading in headings if heading in order] == order, headings
    people = [person["name"] for person in result_json(page)["people"]]
    names = page.locator(".connectors-people-table tbody th").all_inner_texts()
    assert names == people[:250]
    show_all = page.get_by_role("button", name="Show all 2,000 people")
    show_all.click()
    expect(page.locator(".connectors-people-table tbody tr")).to_have_count(2000)
    assert page.locator(".connectors-people-table tbody th").all_inner_texts() == people
    assert page.evaluate("() => document.activeElement.textContent") == people[250], "focus moves to the first row added"
    # Selecting a name in a row added later still explains it and highlights it in the picture.
    page.get_by_role("button", name=people[1999], exact=True).click()
    expect(page.locator(".connectors-details h3")).to_have_text(people[1999])
    # Sorting the whole table gives every row, in order.
    page.get_by_role("columnheader", name="Person").get_by_role("button").click()
    expect(page.locator(".connectors-people-table tbody tr")).to_have_count(2000)
    first = page.locator(".connectors-people-table tbody th").first.inner_text()
    assert first == sorted(people, key=lambda name: [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())])[0]


def test_a_rerun_with_the_same_input_keeps_the_picture_and_renews_the_rest(page, site_url):
    open_page(page, site_url)
    ties_box(page).fill(KITE)
    run(page)
    picture_labels(page)
    page.evaluate(f"() => {{ window.__first = {CY}; document.querySelector('.connectors-people-table').dataset.old = 'yes'; }}")
    page.get_by_role("button", name="Heather", exact=True).click()
    run_button = page.get_by_role("button", name="Map the connectors")
    run_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".connectors-people-table:not([data-old])")).to_be_visible(timeout=60_000)
    assert people_rows(page) == KITE_ROWS
    assert page.evaluate("() => document.activeElement.id") == "connectors-found", "focus moves to the new results"
    expect(page.get_by_role("button", name="Download picture (PNG)")).to_be_enabled()
    assert page.evaluate(f"() => {CY} === window.__first"), "the same picture is kept"
    assert page.evaluate(f"() => {CY}.$('.focus, .faded').length") == 0, "with no one highlighted"
    # The kept picture still answers: a name selected in the new table is highlighted in it.
    page.get_by_role("button", name="Diane", exact=True).click()
    expect(page.locator(".connectors-details h3")).to_have_text("Diane")
    assert page.evaluate(f"() => {CY}.$('node.focus').data('name')") == "Diane"
    assert len(download(page, "Download picture (PNG)")) > 1000
    # A different input draws a new picture.
    ties_box(page).fill(KITE + "\nJane,Kim")
    run_button.click()
    page.wait_for_function(f"() => document.querySelector('.connectors-cy')?.connectorsPicture && {CY} !== window.__first", timeout=60_000)
    assert "Kim" in picture_labels(page)


def test_an_estimate_offers_exact_values_and_the_option_gives_them(page, site_url):
    """Above the browser's exact budget gatekeepers are estimated, pulsetakers are exact, and one press makes both exact."""
    open_page(page, site_url)
    exact_option = page.get_by_label("Exact values (slower)")
    expect(exact_option).not_to_be_checked()
    pick_ties(page, powerlaw_ties(1100))  # 1,100 people, about 5,500 ties: above 4 million people × ties
    run(page)
    estimate = result_json(page)["accuracy"]
    assert estimate["exact"] is False and estimate["closeness_exact"] is True
    expect(page.locator(".connectors-accuracy")).to_contain_text("Gatekeepers are estimated from")
    expect(page.locator(".connectors-accuracy")).to_contain_text("Pulsetakers are exact")
    again = page.get_by_role("button", name="Compute exact values (slower)")
    again.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".connectors-accuracy")).to_have_count(0, timeout=120_000)
    expect(exact_option).to_be_checked()
    forced = result_json(page)["accuracy"]
    assert forced["exact"] is True and forced["stopped"] == "asked"
    expect(page.get_by_role("button", name="Compute exact values (slower)")).to_have_count(0)
