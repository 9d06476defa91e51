// Unit tests (node --test) for the pure helpers of "Diagnose your phase".
import assert from "node:assert/strict";
import { test } from "node:test";

import { countsText, linksToSources, optionsFor, progressText, safeDecode, signed } from "../../docs/assets/js/widgets/diagnose.js";
import { isoDate, longDate, namesList } from "../../docs/assets/js/widgets/dom.js";
import { announcement, candidatesOf, confidenceWords, verdictOf } from "../../docs/assets/js/widgets/diagnose-result.js";
import { asDocument } from "../../docs/assets/js/widgets/diagnose-session.js";
import { statusText } from "../../docs/assets/js/widgets/status.js";

test("signed: two decimals with a sign, a true minus sign, and no signed zero", () => {
  assert.equal(signed(0.25), "+0.25");
  assert.equal(signed(-0.5), "−0.50");
  assert.equal(signed(0), "0.00");
  assert.equal(signed(-0.004), "0.00");
  assert.equal(signed(0.005), "+0.01");
});

test("safeDecode: percent-decoding that never throws", () => {
  assert.equal(safeDecode("a%20b"), "a b");
  assert.equal(safeDecode("100%"), "100%");
  assert.equal(safeDecode("%E0%A4%A"), "%E0%A4%A");
});

test("optionsFor: the scale's points as strings, then don't know as x", () => {
  const bundle = {
    questionnaire: {
      scales: { agreement: { points: [{ value: 1, label: "Disagree" }, { value: 2, label: "Agree" }], dont_know: "Don't know" } },
    },
  };
  assert.deepEqual(optionsFor(bundle, { scale: "agreement" }), [
    { value: "1", label: "Disagree" },
    { value: "2", label: "Agree" },
    { value: "x", label: "Don't know" },
  ]);
});

test("progressText: the group and the count, or the count alone on one page", () => {
  assert.equal(progressText({ group: 1, groups: 6, answered: 9, total: 24, paged: true }), "Group 2 of 6 · 9 of 24 answered");
  assert.equal(progressText({ group: 1, groups: 6, answered: 9, total: 24, paged: false }), "9 of 24 answered");
});

test("countsText: counts in scale order, in words, zeros left out", () => {
  const labels = { 1: "Strongly disagree", 2: "Disagree", 4: "Agree", "dont-know": "Don't know" };
  assert.equal(countsText({ 1: 0, 2: 1, 3: 0, 4: 3, 5: 0, "dont-know": 1 }, labels), "1 disagree, 3 agree, 1 don't know");
  assert.equal(countsText({ 1: 0, "dont-know": 0 }, labels), "no answers");
});

test("linksToSources: whole links or bare fragments, one per line; blank lines skipped", () => {
  const { sources, errors } = linksToSources("https://example.org/calculators/diagnose/#v2:n=Ann;a=pilots=4\n\n  v1:pilots=2  \nnot a link\n");
  assert.deepEqual(sources, [
    { label: "link on line 1", fragment: "#v2:n=Ann;a=pilots=4" },
    { label: "link on line 3", fragment: "#v1:pilots=2" },
  ]);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^link on line 4: no answers in it/);
});

test("asDocument: a read answers file back as a document, record and names kept", () => {
  const single = { mode: "single", answers: { pilots: 4, spread: null }, name: "Ann", role: null, record: { service: "Youth", date: null } };
  assert.deepEqual(asDocument(single), { answers: { pilots: 4, spread: null }, service: "Youth", name: "Ann" });
  const team = { mode: "team", respondents: [{ name: "Bo", role: "lead", answers: {} }], record: { service: null, date: "2026-12-01" } };
  assert.deepEqual(asDocument(team), { respondents: [{ name: "Bo", role: "lead", answers: {} }], date: "2026-12-01" });
});

test("isoDate and longDate: the date input's format and the printed one", () => {
  assert.equal(isoDate(new Date(2026, 2, 5)), "2026-03-05");
  assert.equal(longDate("2026-03-05"), "5 March 2026");
  assert.equal(longDate(null), "");
  assert.equal(namesList(["Ann", "Bob", "Cy"]), "Ann, Bob and Cy");
});

test("verdictOf and candidatesOf: the verdict as given, or an older result's phase as a clear one", () => {
  const verdict = { kind: "unclear", phases: [], headline: "No clear phase", reason: "Too few answers." };
  assert.equal(verdictOf({ verdict }), verdict);
  assert.deepEqual(candidatesOf({ verdict, phase: "latent", candidates: [] }), []);
  const old = { phase: "mobilisation", phase_number: 2, phase_name: "Mobilisation", confidence: { level: "low", value: 0.2, explanation: "Why." }, pitfalls: [] };
  assert.equal(verdictOf(old).kind, "clear");
  assert.equal(candidatesOf(old)[0].phase, "mobilisation");
  assert.equal(confidenceWords({ level: "low", value: 0.2 }), "low (0.20 on a scale from 0 to 1)");
  assert.equal(announcement({ verdict, summary: { confidence: { level: "low", value: 0.1 } } }), "Result: No clear phase. Confidence low (0.10 on a scale from 0 to 1).");
});

test("statusText: one sentence per runtime state", () => {
  assert.equal(statusText({ state: "ready" }), "Calculator ready.");
  assert.equal(statusText({ state: "loading", message: "Fetching", step: 1, steps: 3 }), "Loading the calculator (step 1 of 3): Fetching…");
});
