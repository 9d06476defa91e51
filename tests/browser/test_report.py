""" "One report from both calculators" in headless Chromium (issue 13): the two result files in,
one report out — the phase, connector counts without names, names once asked for, the record
on the printout, one-line errors for a swapped file, and nothing requested from another host."""

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from innovation_toolkit.diagnostic import diagnose_team
from innovation_toolkit.network.analyse import analyse

pytestmark = pytest.mark.browser

PAGE = "/calculators/report/"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "assets" / "examples"
SERVICE = "Riverside youth services"


@pytest.fixture(scope="module")
def diagnostic_json(vendored_runtime) -> bytes:
    bundle = json.loads((REPO / "calculators" / "innovation_toolkit" / "data" / "diagnostic.json").read_text(encoding="utf-8"))
    answers = {q["id"]: (5 if q["weights"].get("mobilisation", 0) > 0 else 1) for q in bundle["questionnaire"]["questions"]}
    respondents = [{"name": name, "answers": answers} for name in ("Ann Lee", "Bo Chan")]
    return json.dumps(diagnose_team(bundle, respondents, record={"service": SERVICE, "date": "2026-03-01"})).encode()


@pytest.fixture(scope="module")
def connectors_json() -> bytes:
    ties = (EXAMPLES / "riverside-ties.csv").read_text(encoding="utf-8")
    people = (EXAMPLES / "riverside-people.csv").read_text(encoding="utf-8")
    return json.dumps(analyse(ties, people=people, filename="riverside-ties.csv")).encode()


def load(page, label: str, name: str, data: bytes):
    page.get_by_label(label).set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": data}])


def open_page(page, site_url, requests):
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + PAGE)
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)


def test_both_files_make_one_report_names_off_then_on_and_it_prints(page, site_url, diagnostic_json, connectors_json):
    requests: list[str] = []
    open_page(page, site_url, requests)
    names_box = page.get_by_label("Show people's names")
    expect(names_box).not_to_be_checked()
    load(page, "Diagnostic result", "diagnostic.json", diagnostic_json)
    load(page, "Connectors result", "connectors.json", connectors_json)
    report = page.locator(".report-document")
    expect(report.locator(".report-headline strong")).to_contain_text("Mobilisation", timeout=30_000)
    expect(report.locator(".report-record")).to_contain_text(SERVICE)
    expect(report.locator(".report-record")).to_contain_text("1 March 2026")
    expect(report.locator(".report-connectors-headline")).to_contain_text("4 key connectors: 2 hubs, 2 gatekeepers, 2 pulsetakers")
    expect(report.locator("[data-role=gatekeeper]")).to_contain_text("2 gatekeepers.")
    for name in ("Priya Nair", "Maya Okafor", "Ann Lee"):
        expect(report).not_to_contain_text(name)
    expect(report.locator(".report-advice")).to_contain_text("Appendix A, Step Three")
    expect(report.locator(".report-advice")).to_contain_text("Supporting intermediaries")

    names_box.check()
    expect(report.locator("[data-role=gatekeeper] .report-names")).to_contain_text("Priya Nair", timeout=30_000)
    expect(page.locator(".report-record")).to_contain_text("Ann Lee and Bo Chan")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert SERVICE in markdown and "2026-03-01" in markdown and "Priya Nair" in markdown

    page.emulate_media(media="print")
    assert page.locator(".report-form").is_hidden()
    assert page.locator(".report-actions").is_hidden()
    expect(page.locator(".report-record")).to_be_visible()
    expect(page.locator(".report-record")).to_contain_text(SERVICE)
    assert page.locator(".md-content__inner > p").first.is_hidden()
    page.emulate_media(media="screen")

    site = urlparse(site_url).netloc
    elsewhere = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != site]
    assert elsewhere == []


def test_swapped_and_broken_files_give_one_line_next_to_the_right_input(page, site_url, diagnostic_json, connectors_json):
    requests: list[str] = []
    open_page(page, site_url, requests)
    load(page, "Diagnostic result", "roles.json", connectors_json)
    load(page, "Connectors result", "phase.json", diagnostic_json)
    expect(page.locator("#report-diagnostic-error")).to_contain_text("roles.json: the diagnostic file holds a connectors result", timeout=30_000)
    expect(page.locator(".report-document")).to_have_count(0)
    load(page, "Diagnostic result", "dup.json", b'{"phase": "latent", "phase": "mobilisation"}')
    expect(page.locator("#report-diagnostic-error")).to_contain_text("key 'phase' appears twice")
    load(page, "Diagnostic result", "diagnostic.json", diagnostic_json)
    expect(page.locator("#report-connectors-error")).to_contain_text("phase.json: the connectors file holds a diagnostic result")
