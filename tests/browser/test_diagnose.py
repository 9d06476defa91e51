"""End to end in headless Chromium: "Diagnose your phase" (the lifecycle diagnostic's widget).

Every expected value comes from running innovation_toolkit.diagnostic in this process on the same
bundle the page fetches, so the page must show what the command line computes.
"""

import datetime
import itertools
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect

from innovation_toolkit.diagnostic import (
    decode_fragment,
    decode_team_fragment,
    diagnose,
    diagnose_team,
    encode_fragment,
    to_markdown,
    validate_answers,
)
from innovation_toolkit.diagnostic.fragments import decode_link
from innovation_toolkit.errors import InputError
from innovation_toolkit.network.analyse import analyse

pytestmark = pytest.mark.browser

CALIBRATION = Path(__file__).resolve().parents[1] / "calibration"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "assets" / "examples"
PAGE = "/calculators/diagnose/"
RESULT_TIMEOUT = 60_000
# The page's Date field starts at today (the browser's day; the tests run in one time zone).
TODAY = datetime.date.today().isoformat()
RECORD = {"service": None, "date": TODAY}


def link_for(bundle, answers, **extra) -> str:
    """The fragment the page writes for one person's answers (today's date unless given)."""
    record = extra.pop("record", RECORD)
    return encode_fragment(validate_answers(bundle, answers), record=record, **extra)


def show_all(page):
    """Show every group of statements at once (the page starts with one group at a time)."""
    page.get_by_label("All on one page").check()


@pytest.fixture(scope="module")
def bundle(site_url) -> dict:
    """The questionnaire bundle exactly as the page fetches it."""
    with urllib.request.urlopen(site_url + "/data/diagnostic.json") as response:
        return json.load(response)


def calibration_answers(name: str) -> dict:
    return yaml.safe_load((CALIBRATION / f"{name}.yaml").read_text(encoding="utf-8"))["answers"]


def wait_until_ready(page):
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=RESULT_TIMEOUT)


def shown_scores(page) -> dict:
    """Phase id → the score the page shows (its typographic minus read as '-')."""
    scores = {}
    for row in page.locator(".diagnose-scores tbody tr").all():
        text = row.locator("td").first.inner_text().replace("−", "-")
        scores[row.get_attribute("data-phase")] = float(text)
    return scores


def expect_result_matches(page, expected: dict):
    report = page.locator(".diagnose-report")
    expect(report.locator(".diagnose-headline")).to_have_text(expected["verdict"]["headline"], timeout=RESULT_TIMEOUT)
    expect(report.locator(".diagnose-reason")).to_have_text(expected["verdict"]["reason"])
    confidence = expected["summary"]["confidence"]
    expect(report.locator(".diagnose-confidence-value")).to_have_text(f"{confidence['level']} ({confidence['value']:.2f} on a scale from 0 to 1)")
    scores = shown_scores(page)
    assert scores.keys() == expected["scores"].keys()
    for phase, score in expected["scores"].items():
        assert scores[phase] == pytest.approx(score["score"], abs=0.0051), phase


def answer_by_keyboard(page, bundle, answers):
    """Tab into each statement's radio group, Space to pick the first option, arrows to move on;
    at the end of a group, Tab reaches "Next group" and Enter shows the next group, focused."""
    questions = bundle["questionnaire"]["questions"]
    active = "() => document.activeElement && document.activeElement.name"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(active) == f"dq-{questions[0]['id']}":
            break
    else:
        pytest.fail("Tab never reached the first statement")
    for question in questions:
        if page.evaluate("() => document.activeElement.textContent") == "Next group":
            page.keyboard.press("Enter")
            section = page.locator(f".diagnose-section:has([data-question='{question['id']}'])")
            expect(section).to_be_focused()
            expect(section).to_be_visible()
            page.keyboard.press("Tab")
        assert page.evaluate(active) == f"dq-{question['id']}"
        scale = bundle["questionnaire"]["scales"][question["scale"]]
        values = [point["value"] for point in scale["points"]]
        answer = answers.get(question["id"])
        if answer is not None:
            steps = len(values) if answer == "dont-know" else values.index(answer)
            page.keyboard.press("Space")
            for _ in range(steps):
                page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")


def test_reached_by_navigation_answered_by_keyboard_and_matches_the_cli(page, site_url, bundle):
    answers = calibration_answers("knowsley")
    cli = subprocess.run(
        [sys.executable, "-m", "innovation_toolkit.cli", "diagnose", str(CALIBRATION / "knowsley.yaml"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(cli.stdout)
    assert expected["scores"] == diagnose(bundle, answers)["scores"]
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Diagnose your phase").click()
    expect(page.get_by_role("heading", name="Diagnose your phase", level=1)).to_be_visible()
    wait_until_ready(page)
    expect(page.locator(".diagnose-question")).to_have_count(len(bundle["questionnaire"]["questions"]))

    answer_by_keyboard(page, bundle, answers)
    assert page.evaluate("() => document.activeElement.textContent") == "Show the result"
    page.keyboard.press("Enter")

    expected = diagnose(bundle, answers, RECORD)
    expect_result_matches(page, expected)
    assert expected["phase"] == "mobilisation" and expected["verdict"]["kind"] == "clear"
    groups = len(bundle["questionnaire"]["sections"])
    expect(page.locator(".diagnose-progress")).to_have_text(
        f"Group {groups} of {groups} · {len(answers)} of {len(bundle['questionnaire']['questions'])} answered"
    )
    assert urlparse(page.url).fragment == link_for(bundle, answers)

    report = page.locator(".diagnose-report")
    contributions = report.locator(".diagnose-contributions tbody tr")
    expect(contributions).to_have_count(expected["answered"])
    expect(report.locator(".diagnose-triangle svg[role=img]")).to_have_count(1)
    expect(report.locator(".diagnose-triangle figcaption")).to_contain_text(expected["triangle"]["description"])
    for item in expected["pitfalls"]:
        expect(report.get_by_text(item["text"], exact=True)).to_have_count(1)
    for item in expected["questions"]:
        expect(report.get_by_text(item["question"], exact=True)).to_have_count(1)
    cases = report.locator(".diagnose-cases a")
    expect(cases).to_have_count(len(expected["candidates"][0]["similar_cases"]))
    for link, case in zip(cases.all(), expected["candidates"][0]["similar_cases"], strict=True):
        assert link.inner_text() == case["title"]
        assert link.get_attribute("href") == f"{site_url}/case-studies/{case['id']}/"
    expect(report.locator(".diagnose-plan > li")).to_have_count(len(expected["action_plan"]))

    # Changing an answer updates the link and, since a result is showing, the result too.
    show_all(page)
    page.locator("#dq-spread-to-other-services-5").check()
    changed = dict(answers, **{"spread-to-other-services": 5})
    expect(page).to_have_url(re.compile(re.escape(link_for(bundle, changed)) + "$"))
    expect_result_matches(page, diagnose(bundle, changed, RECORD))


def test_shared_link_restores_answers_and_result_without_sending_them(page, site_url, bundle):
    answers = calibration_answers("south-tyneside")
    fragment = encode_fragment(validate_answers(bundle, answers))
    expected = diagnose(bundle, answers, RECORD)
    requests = []
    page.context.on("request", lambda request: requests.append((request.url, request.post_data or "")))

    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Diagnose your phase").click()
    wait_until_ready(page)
    page.locator("#dq-leaders-demand-change-4").check()
    page.get_by_role("button", name="Show the result").click()
    expect(page.locator(".diagnose-report")).to_be_visible(timeout=RESULT_TIMEOUT)

    page.goto(f"{site_url}{PAGE}#{fragment}")
    page.reload()
    wait_until_ready(page)
    expect_result_matches(page, expected)
    assert expected["phase"] == "embedding"
    for question_id, value in validate_answers(bundle, answers).items():
        expect(page.locator(f"#dq-{question_id}-{'x' if value is None else value}")).to_be_checked()
    expect(page.locator(".diagnose-fragment-error")).to_have_text("")

    local = urlparse(site_url).netloc
    pairs = fragment.split(":", 1)[1].split(",")
    assert decode_link(bundle, "#" + urlparse(page.url).fragment)["answers"] == validate_answers(bundle, answers)
    fetched = [urlparse(url).path for url, _ in requests]
    assert "/data/diagnostic.json" in fetched and any(path.startswith("/vendor/wheels/") for path in fetched), fetched
    for url, body in requests:
        assert urlparse(url).netloc == local, url
        for text in (url, body):
            assert "v1:" not in text and "v2:" not in text and not any(pair in text for pair in pairs), url


def test_team_mode_shows_each_respondent_and_where_they_disagree(page, site_url, bundle, axe):
    ann = {
        "approach-chosen-and-piloted": 5,
        "initial-resources": 5,
        "new-structures": 5,
        "normal-way-of-working": 1,
        "spread-to-other-services": 1,
        "authority-strength": 4,
    }
    bob = {
        "approach-chosen-and-piloted": 2,
        "initial-resources": 4,
        "new-structures": 4,
        "normal-way-of-working": 5,
        "spread-to-other-services": 5,
        "organisation-wide-investment": 5,
        "authority-strength": 4,
    }
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    show_all(page)
    page.get_by_label("A team (several respondents)").check()
    page.get_by_label("Name of this respondent").fill("Ann <img src=x onerror=alert(1)>")
    page.get_by_label("Role (for example leader, manager, frontline)").fill("leader")
    page.get_by_label("Role (for example leader, manager, frontline)").press("Tab")
    for question_id, value in ann.items():
        page.locator(f"#dq-{question_id}-{value}").check()
    page.get_by_role("button", name="Add a respondent").click()
    page.get_by_label("Name of this respondent").fill("Bob")
    page.get_by_label("Role (for example leader, manager, frontline)").fill("frontline")
    page.get_by_label("Role (for example leader, manager, frontline)").press("Tab")
    for question_id, value in bob.items():
        page.locator(f"#dq-{question_id}-{value}").check()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Show the result").click()

    respondents = [
        {"name": "Ann <img src=x onerror=alert(1)>", "role": "leader", "answers": ann},
        {"name": "Bob", "role": "frontline", "answers": bob},
    ]
    expected = diagnose_team(bundle, respondents, RECORD)
    expect_result_matches(page, expected)
    rows = page.locator(".diagnose-team-table tbody tr")
    expect(rows).to_have_count(2)
    for row, member in zip(rows.all(), expected["team"]["respondents"], strict=True):
        assert row.inner_text().split("\t")[:3] == [member["name"], member["role"], member["phase_name"]]
    assert {m["phase"] for m in expected["team"]["respondents"]} == {"mobilisation", "embedding"}
    team = expected["team"]
    talk = page.locator(".diagnose-talk-first > li")
    expect(talk).to_have_count(len(team["talk_first"]))
    for item, entry in zip(talk.all(), team["talk_first"], strict=True):
        expect(item.locator("strong")).to_have_text(entry["text"])
    statements = page.locator(".diagnose-statement")
    expect(statements).to_have_count(len(team["statements"]))
    for item, statement in zip(statements.all(), team["statements"], strict=True):
        expect(item.locator(".diagnose-statement-text")).to_have_text(statement["text"])
        expect(item.locator(".diagnose-spread-text")).to_have_text(statement["detail"])
    roles = page.locator(".diagnose-roles tbody tr")
    expect(roles).to_have_count(len(team["roles"]))
    assert team["disagreements"][0]["spread"] == 4
    assert expected["confidence"]["level"] == "low"
    assert not dialogs and page.locator(".diagnose-report img").count() == 0

    # The team travels in the link; switching respondent shows that person's answers.
    decoded = decode_team_fragment(bundle, "#" + urlparse(page.url).fragment)
    assert [r["name"] for r in decoded] == ["Ann <img src=x onerror=alert(1)>", "Bob"]
    page.get_by_label("Ann <img src=x onerror=alert(1)> (leader)").check()
    expect(page.locator("#dq-approach-chosen-and-piloted-5")).to_be_checked()
    expect(page.locator("#dq-organisation-wide-investment-5")).not_to_be_checked()
    assert axe(page) == []


def test_markdown_export_json_download_and_print_view(page, site_url, bundle, tmp_path):
    answers = calibration_answers("highlands")
    expected = diagnose(bundle, answers, RECORD)
    page.goto(f"{site_url}{PAGE}#{encode_fragment(validate_answers(bundle, answers))}")
    wait_until_ready(page)
    expect_result_matches(page, expected)

    with page.expect_download() as markdown:
        page.get_by_role("button", name="Export the result as Markdown").click()
    assert Path(markdown.value.path()).read_text(encoding="utf-8") == to_markdown(expected)

    with page.expect_download() as answers_file:
        page.get_by_role("button", name="Download answers (JSON)").click()
    assert answers_file.value.suggested_filename == "lifecycle-answers.json"
    kept = tmp_path / answers_file.value.suggested_filename
    answers_file.value.save_as(kept)
    saved = json.loads(kept.read_text(encoding="utf-8"))
    assert diagnose(bundle, saved["answers"])["scores"] == expected["scores"]
    assert saved["date"] == TODAY

    page.goto(site_url + PAGE)
    wait_until_ready(page)
    page.get_by_label(re.compile("^Load answers from a file")).set_input_files(kept)
    expect_result_matches(page, expected)

    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print result").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".diagnose-report")).to_be_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".diagnose-form", ".diagnose-keep", ".calculator-status"):
        expect(page.locator(hidden).first).to_be_hidden()


BAD_FRAGMENTS = [
    "#v1:no-such-question=3",
    "#v1:leaders-demand-change=9",
    "#v1:leaders-demand-change",
    "#v2:leaders-demand-change=3",
    "#v1:leaders-demand-change=3,leaders-demand-change=4",
    "#t1:",
    "#t1:Ann*lead*leaders-demand-change=3;Ann*lead*leaders-demand-change=4",
]


@pytest.mark.parametrize("fragment", BAD_FRAGMENTS)
def test_bad_fragment_gets_a_clear_message_and_the_form_stays_usable(page, site_url, bundle, fragment):
    decode = decode_team_fragment if fragment.startswith("#t") else decode_fragment
    with pytest.raises(InputError) as error:
        decode(bundle, fragment)
    with pytest.raises(InputError) as read_as_link:
        decode_link(bundle, fragment)
    assert str(read_as_link.value) == str(error.value)
    page.goto(site_url + PAGE + fragment)
    wait_until_ready(page)
    message = page.locator(".diagnose-fragment-error")
    expect(message).to_have_text(
        f"The answers in this link could not be read: {error.value}. The form below is usable; answering will replace the link.",
        timeout=RESULT_TIMEOUT,
    )
    assert "character" in str(error.value) or "URL fragment" in str(error.value)
    page.locator("#dq-leaders-demand-change-5").check()
    expect(page).to_have_url(re.compile(re.escape(link_for(bundle, {"leaders-demand-change": 5})) + "$"))
    expect(message).to_have_text("")


BAD_FILES = [
    ("broken.json", '{"answers": {\n  "leaders-demand-change": 5,\n  "new-structures" 3}}', "broken.json: line 3, column 20: not valid JSON"),
    (
        "unknown.json",
        '{"answers": {"leaders-demand-chnage": 5}}',
        "unknown.json: unknown question id 'leaders-demand-chnage' (did you mean 'leaders-demand-change'?)",
    ),
    (
        "range.json",
        '{"answers": {"leaders-demand-change": 7}}',
        "range.json: answer to 'leaders-demand-change' is 7, out of range: expected a whole number from 1 to 5 or \"dont-know\"",
    ),
    (
        "team.json",
        '[{"name": "Ann", "answers": {}}, {"name": "Ann", "answers": {}}]',
        "team.json: respondent 2 (Ann): the name is used twice; give each respondent a distinct name",
    ),
    ("list.json", "[1, 2]", "list.json: respondent 1: expected a mapping with 'name' and 'answers', got int"),
    ("answers.yaml", "answers:\n  leaders-demand-change: [5\n", "answers.yaml: "),
    (
        "twice.json",
        '{"answers": {"leaders-demand-change": 5, "leaders-demand-change": 4}}',
        "twice.json: key 'leaders-demand-change' appears twice in a JSON object",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_answers_file_gets_a_clear_one_line_message(page, site_url, name, text, message):
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    page.get_by_label(re.compile("^Load answers from a file")).set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": text.encode()}]
    )
    error = page.locator(".diagnose-upload-error")
    expect(error).to_contain_text(message, timeout=RESULT_TIMEOUT)
    shown = error.inner_text()
    assert shown.startswith(message) and "\n" not in shown and "Traceback" not in shown and "unexpectedly" not in shown
    expect(page.locator(".diagnose-report")).to_have_count(0)


def test_no_serious_accessibility_violation_before_and_after_a_result(page, site_url, bundle, axe):
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    expect(page.locator(".diagnose-question").first).to_be_visible()
    assert axe(page) == []
    show_all(page)
    page.locator("#dq-approach-chosen-and-piloted-5").check()
    page.locator("#dq-capacity-strength-2").check()
    page.get_by_role("button", name="Show the result").click()
    expect(page.locator(".diagnose-report")).to_be_visible(timeout=RESULT_TIMEOUT)
    page.locator(".diagnose-details summary").click()
    assert axe(page) == []


# ---------------------------------------------------------------- issue 13: the session, phones, keyboards

BETWEEN = {  # a mobilisation / mainstreaming mix: Knowsley's and the Highlands' answers averaged
    "organisation-sees-itself-innovative": 3,
    "normal-way-of-working": 3,
    "new-structures": 5,
    "organisation-wide-investment": 2,
    "initial-resources": 5,
    "backs-and-stops-ideas": 3,
    "problem-without-decision": 1,
    "systems-aligned": 3,
    "leaders-demand-change": 4,
    "managers-running-it": 4,
    "strategy-being-worked-out": 2,
    "early-value-visible": 4,
    "national-recognition": 5,
    "approach-chosen-and-piloted": 4,
    "many-small-failures": "dont-know",
    "authority-strength": 4,
    "lessons-stay-in-service": 4,
    "capacity-strength": 4,
    "spread-to-other-services": 2,
    "isolated-frontline-ideas": 2,
    "no-room-to-grow": 2,
    "value-strength": 4,
    "interest-without-infrastructure": 1,
    "resistance-has-faded": 3,
}
SERVICE = "Youth services, Knowsley"
SESSION_DATE = "2026-03-12"


def answer_on_page(page, answers):
    show_all(page)
    for question_id, value in answers.items():
        page.locator(f"#dq-{question_id}-{'x' if value == 'dont-know' else value}").check()


def test_a_whole_team_session_participants_links_merged_printed_exported_and_reported(browser, site_url, bundle):
    participants = [
        ("Ann Lee", "manager", calibration_answers("knowsley")),
        ("Bob Khan", "frontline", calibration_answers("highlands")),
        ("Cy Ode", "service user", BETWEEN),
    ]
    links = []
    for name, role, answers in participants:  # each on their own device (a browser context of their own)
        context = browser.new_context()
        page = context.new_page()
        page.goto(site_url + PAGE)
        wait_until_ready(page)
        page.get_by_label("Service or area").fill(SERVICE)
        page.get_by_label("Date", exact=True).fill(SESSION_DATE)
        page.get_by_label("Your name (optional)").fill(name)
        page.get_by_label(re.compile("^Your role")).fill(role)
        page.get_by_label(re.compile("^Your role")).press("Tab")
        answer_on_page(page, answers)
        record = {"service": SERVICE, "date": SESSION_DATE}
        fragment = encode_fragment(validate_answers(bundle, answers), name=name, role=role, record=record)
        link = page.get_by_label("The link to your answers")
        expect(link).to_have_value(re.compile(re.escape(fragment) + "$"))
        links.append(link.input_value())
        context.close()
    assert all(urlparse(link).path == PAGE for link in links)

    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    page.get_by_label("A team (several respondents)").check()
    # The first link pasted twice: a duplicate, counted once.
    page.get_by_label("Links to participants' answers, one per line").fill("\n".join([*links, "", links[0]]))
    page.get_by_role("button", name="Add answers").click()
    status = page.locator(".diagnose-add-status")
    expect(status).to_contain_text("Added 3: Ann Lee, Bob Khan and Cy Ode. The team now has 3 respondents.", timeout=RESULT_TIMEOUT)
    expect(page.locator(".diagnose-duplicates > li")).to_have_count(1)
    expect(page.locator(".diagnose-duplicates > li")).to_contain_text("Ann Lee is in both link on line 1 and link on line 5 with the same answers")

    respondents = [{"name": name, "role": role, "answers": answers} for name, role, answers in participants]
    expected = diagnose_team(bundle, respondents, {"service": SERVICE, "date": TODAY})
    report = page.locator(".diagnose-report")
    expect(report.locator(".diagnose-team-table tbody tr")).to_have_count(3)
    expect_result_matches(page, expected)
    expect(report.locator(".diagnose-roles tbody tr")).to_have_count(len(expected["team"]["roles"]))
    assert len(expected["team"]["talk_first"]) <= 5
    expect(report.locator(".diagnose-talk-first > li")).to_have_count(len(expected["team"]["talk_first"]))
    record = report.locator(".diagnose-record")
    expect(record).to_contain_text(SERVICE)
    expect(record).to_contain_text("3: Ann Lee, Bob Khan and Cy Ode")
    today = datetime.date.today()
    shown_date = f"{today.day} {today.strftime('%B')} {today.year}"
    expect(record).to_contain_text(shown_date)

    # Adding the same links again adds no one and reports every one of them.
    page.get_by_label("Links to participants' answers, one per line").fill("\n".join(links))
    page.get_by_role("button", name="Add answers").click()
    expect(status).to_contain_text("No one new was added. The team now has 3 respondents.", timeout=RESULT_TIMEOUT)
    expect(page.locator(".diagnose-duplicates > li")).to_have_count(3)

    with page.expect_download() as markdown:
        page.get_by_role("button", name="Export the result as Markdown").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert text == to_markdown(expected)
    assert SERVICE in text and TODAY in text

    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Print result").click()
    page.emulate_media(media="print")
    expect(record).to_be_visible()
    expect(record).to_contain_text(SERVICE)
    expect(record).to_contain_text(shown_date)
    expect(page.locator(".diagnose-form")).to_be_hidden()
    page.emulate_media(media="screen")

    # The team result as JSON, then one report from it and the example network's connectors result.
    with page.expect_download() as exported:
        page.get_by_role("button", name="Export the result as JSON").click()
    team_json = Path(exported.value.path()).read_bytes()
    assert json.loads(team_json)["record"]["service"] == SERVICE
    connectors_json = json.dumps(
        analyse(
            (EXAMPLES / "riverside-ties.csv").read_text(encoding="utf-8"),
            people=(EXAMPLES / "riverside-people.csv").read_text(encoding="utf-8"),
            filename="riverside-ties.csv",
        )
    ).encode()
    page.goto(site_url + "/calculators/report/")
    expect(page.locator(".calculator-status")).to_have_text("Calculator ready.", timeout=60_000)
    files = {"Diagnostic result": ("lifecycle-diagnostic.json", team_json), "Connectors result": ("connectors.json", connectors_json)}
    for label, (name, data) in files.items():
        page.get_by_label(label).set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": data}])
    combined = page.locator(".report-document")
    expect(combined.locator(".report-record")).to_contain_text(SERVICE, timeout=RESULT_TIMEOUT)
    expect(combined.locator(".report-record")).to_contain_text(shown_date)
    expect(combined).to_contain_text(expected["verdict"]["headline"])
    expect(combined.locator(".report-connectors-headline")).to_contain_text("key connector")
    for name, _, _ in participants:
        expect(combined).not_to_contain_text(name)  # names are off by default when sharing
    page.emulate_media(media="print")
    expect(combined.locator(".report-record")).to_be_visible()
    context.close()


def overflows(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def option_layout(page, question_id) -> str:
    """'row' when the six answers sit side by side on one line, 'column' when they stack, else 'mixed'."""
    boxes = [option.bounding_box() for option in page.locator(f"[data-question='{question_id}'] .diagnose-option").all()]
    assert len(boxes) == 6
    if all(abs(box["y"] - boxes[0]["y"]) < 1 for box in boxes) and all(a["x"] + a["width"] <= b["x"] for a, b in itertools.pairwise(boxes)):
        return "row"
    if all(abs(box["x"] - boxes[0]["x"]) < 1 for box in boxes) and all(a["y"] + a["height"] <= b["y"] for a, b in itertools.pairwise(boxes)):
        return "column"
    return "mixed"


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_phone_widths_no_sideways_scrolling_and_a_clean_rating_scale(browser, site_url, bundle, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    first = bundle["questionnaire"]["questions"][0]["id"]
    assert option_layout(page, first) == ("row" if width >= 1280 else "column")
    assert not overflows(page)
    show_all(page)
    assert all(option_layout(page, question["id"]) == option_layout(page, first) for question in bundle["questionnaire"]["questions"])
    assert not overflows(page)

    for answers in (calibration_answers("knowsley"), BETWEEN):
        page.goto(f"{site_url}{PAGE}#{encode_fragment(validate_answers(bundle, answers))}")
        page.reload()
        wait_until_ready(page)
        expect_result_matches(page, diagnose(bundle, answers, RECORD))
        page.locator(".diagnose-triangle svg").wait_for()
        assert not overflows(page)
        corners = page.locator(".diagnose-corners")
        box, content = corners.bounding_box(), page.locator(".diagnose-report").bounding_box()
        assert box["x"] >= content["x"] and box["x"] + box["width"] <= content["x"] + content["width"] + 1
    context.close()


def test_between_and_no_clear_phase_results_say_so(page, site_url, bundle):
    expected = diagnose(bundle, BETWEEN, RECORD)
    assert expected["verdict"]["kind"] == "between" and len(expected["candidates"]) == 2
    page.goto(f"{site_url}{PAGE}#{encode_fragment(validate_answers(bundle, BETWEEN))}")
    wait_until_ready(page)
    expect_result_matches(page, expected)
    candidates = page.locator(".diagnose-candidate")
    expect(candidates).to_have_count(2)
    for section, candidate in zip(candidates.all(), expected["candidates"], strict=True):
        expect(section.locator("h3")).to_have_text(f"If you are in phase {candidate['phase_number']}: {candidate['phase_name']}")
        for item in candidate["pitfalls"]:
            expect(section.get_by_text(item["text"], exact=True)).to_have_count(1)

    lowest = {question["id"]: 1 for question in bundle["questionnaire"]["questions"]}
    unclear = diagnose(bundle, lowest, RECORD)
    assert unclear["verdict"]["kind"] == "unclear"
    page.goto(f"{site_url}{PAGE}#{encode_fragment(validate_answers(bundle, lowest))}")
    page.reload()
    wait_until_ready(page)
    expect_result_matches(page, unclear)
    headline = page.locator(".diagnose-headline")
    expect(headline.locator("strong")).to_have_count(0)
    expect(page.locator(".diagnose-candidate, .diagnose-cases")).to_have_count(0)
    expect(page.locator("#diagnose-next-heading")).to_have_text("How to get a clearer answer")
    for action in unclear["summary"]["next_actions"]:
        expect(page.locator(".diagnose-next").get_by_text(action["title"] + ".", exact=True)).to_have_count(1)


def test_show_the_result_moves_focus_to_its_heading_and_announces_once(page, site_url, bundle):
    page.goto(site_url + PAGE)
    wait_until_ready(page)
    page.evaluate(
        """() => {
        window.announced = [];
        const live = document.querySelector('.diagnose-live');
        new MutationObserver(() => window.announced.push(live.textContent)).observe(live, {childList: true, characterData: true, subtree: true});
    }"""
    )
    page.locator("#dq-leaders-demand-change-5").check()
    page.get_by_role("button", name="Show the result").focus()
    page.keyboard.press("Enter")
    heading = page.locator("#diagnose-result-heading")
    expect(heading).to_be_focused(timeout=RESULT_TIMEOUT)
    assert heading.get_attribute("tabindex") == "-1"
    expected = diagnose(bundle, {"leaders-demand-change": 5}, RECORD)
    announced = page.evaluate("() => window.announced")
    assert len(announced) == 1 and announced[0].startswith(f"Result: {expected['verdict']['headline']}.")

    # Answering on: the result is redrawn quietly.
    page.locator("#dq-isolated-frontline-ideas-1").check()
    page.locator("#dq-problem-without-decision-2").check()
    expect_result_matches(page, diagnose(bundle, {"leaders-demand-change": 5, "isolated-frontline-ideas": 1, "problem-without-decision": 2}, RECORD))
    assert page.evaluate("() => window.announced.length") == 1

    # Next / Back move focus to the group they show; hidden groups never hold focus.
    page.get_by_role("button", name="Next group").click()
    focused = page.evaluate("() => document.activeElement.closest('.diagnose-section')?.dataset.section")
    assert focused == bundle["questionnaire"]["sections"][1]["id"]
    page.get_by_role("button", name="Back", exact=True).click()
    assert page.evaluate("() => document.activeElement.dataset.section") == bundle["questionnaire"]["sections"][0]["id"]
    assert page.evaluate("() => !document.activeElement.closest('[hidden]')")
