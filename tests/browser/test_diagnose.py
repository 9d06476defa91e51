"""End to end in headless Chromium: "Diagnose your phase" (the lifecycle diagnostic's widget).

Every expected value comes from running innovation_toolkit.diagnostic in this process on the same
bundle the page fetches, so the page must show what the command line computes.
"""

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
from innovation_toolkit.errors import InputError

pytestmark = pytest.mark.browser

CALIBRATION = Path(__file__).resolve().parents[1] / "calibration"
PAGE = "/calculators/diagnose/"
RESULT_TIMEOUT = 60_000


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
    expect(report.locator(".diagnose-headline")).to_have_text(
        f"Most likely phase: Phase {expected['phase_number']}: {expected['phase_name']}", timeout=RESULT_TIMEOUT
    )
    confidence = expected["confidence"]
    expect(report.locator(".diagnose-confidence-value")).to_have_text(f"{confidence['level']} ({confidence['value']:.2f} on a scale from 0 to 1)")
    scores = shown_scores(page)
    assert scores.keys() == expected["scores"].keys()
    for phase, score in expected["scores"].items():
        assert scores[phase] == pytest.approx(score["score"], abs=0.0051), phase


def answer_by_keyboard(page, bundle, answers):
    """Tab into each statement's radio group, Space to pick the first option, arrows to move on."""
    questions = bundle["questionnaire"]["questions"]
    active = "() => document.activeElement && document.activeElement.name"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(active) == f"dq-{questions[0]['id']}":
            break
    else:
        pytest.fail("Tab never reached the first statement")
    for question in questions:
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

    expect_result_matches(page, expected)
    assert expected["phase"] == "mobilisation"
    expect(page.locator(".diagnose-progress")).to_have_text(f"{len(answers)} of {len(bundle['questionnaire']['questions'])} statements answered.")
    assert urlparse(page.url).fragment == encode_fragment(validate_answers(bundle, answers))

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
    expect(cases).to_have_count(len(expected["similar_cases"]))
    for link, case in zip(cases.all(), expected["similar_cases"], strict=True):
        assert link.inner_text() == case["title"]
        assert link.get_attribute("href") == f"{site_url}/case-studies/{case['id']}/"
    expect(report.locator(".diagnose-plan > li")).to_have_count(len(expected["action_plan"]))

    # Changing an answer updates the link and, since a result is showing, the result too.
    page.locator("#dq-spread-to-other-services-5").check()
    changed = dict(answers, **{"spread-to-other-services": 5})
    expect(page).to_have_url(re.compile(re.escape(encode_fragment(validate_answers(bundle, changed))) + "$"))
    expect_result_matches(page, diagnose(bundle, changed))


def test_shared_link_restores_answers_and_result_without_sending_them(page, site_url, bundle):
    answers = calibration_answers("south-tyneside")
    fragment = encode_fragment(validate_answers(bundle, answers))
    expected = diagnose(bundle, answers)
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
    fetched = [urlparse(url).path for url, _ in requests]
    assert "/data/diagnostic.json" in fetched and any(path.startswith("/vendor/wheels/") for path in fetched), fetched
    for url, body in requests:
        assert urlparse(url).netloc == local, url
        for text in (url, body):
            assert "v1:" not in text and not any(pair in text for pair in pairs), url


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
    expected = diagnose_team(bundle, respondents)
    expect_result_matches(page, expected)
    rows = page.locator(".diagnose-team-table tbody tr")
    expect(rows).to_have_count(2)
    for row, member in zip(rows.all(), expected["team"]["respondents"], strict=True):
        assert row.inner_text().split("\t")[:3] == [member["name"], member["role"], member["phase_name"]]
    assert {m["phase"] for m in expected["team"]["respondents"]} == {"mobilisation", "embedding"}
    items = page.locator(".diagnose-disagreements > li")
    expect(items).to_have_count(len(expected["team"]["disagreements"]))
    for item, disagreement in zip(items.all(), expected["team"]["disagreements"], strict=True):
        expect(item.locator("strong")).to_have_text(disagreement["text"])
    assert expected["team"]["disagreements"][0]["spread"] == 4
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
    expected = diagnose(bundle, answers)
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
    page.goto(site_url + PAGE + fragment)
    wait_until_ready(page)
    message = page.locator(".diagnose-fragment-error")
    expect(message).to_have_text(
        f"The answers in this link could not be read: {error.value}. The form below is usable; answering will replace the link.",
        timeout=RESULT_TIMEOUT,
    )
    assert "character" in str(error.value) or "URL fragment" in str(error.value)
    page.locator("#dq-leaders-demand-change-5").check()
    expect(page).to_have_url(re.compile(r"#v1:leaders-demand-change=5$"))
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
    page.locator("#dq-approach-chosen-and-piloted-5").check()
    page.locator("#dq-capacity-strength-2").check()
    page.get_by_role("button", name="Show the result").click()
    expect(page.locator(".diagnose-report")).to_be_visible(timeout=RESULT_TIMEOUT)
    page.locator(".diagnose-details summary").click()
    assert axe(page) == []
