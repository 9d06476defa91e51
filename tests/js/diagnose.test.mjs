// Unit tests (node --test) for the pure helpers of "Diagnose your phase".
import assert from "node:assert/strict";
import { test } from "node:test";

import { jsonMessage, optionsFor, safeDecode, signed } from "../../docs/assets/js/widgets/diagnose.js";

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

test("jsonMessage: a character position becomes a line and column", () => {
  const text = '{\n  "a": 1,\n}';
  assert.equal(
    jsonMessage("answers.json", text, "Expected double-quoted property name in JSON at position 12"),
    "answers.json: line 3, column 1: not valid JSON: Expected double-quoted property name",
  );
  assert.equal(
    jsonMessage("answers.json", text, "Expected double-quoted property name in JSON at position 12 (line 3 column 1)"),
    "answers.json: line 3, column 1: not valid JSON: Expected double-quoted property name",
  );
});

test("jsonMessage: Firefox's line and column, without repeating them", () => {
  assert.equal(
    jsonMessage("a.json", "{,}", "JSON.parse: expected property name or '}' at line 1 column 2 of the JSON data"),
    "a.json: line 1, column 2: not valid JSON: expected property name or '}'",
  );
});

test("jsonMessage: no position, no line", () => {
  assert.equal(jsonMessage("a.json", "[1,", "Unexpected end of JSON input"), "a.json: not valid JSON: Unexpected end of JSON input");
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
