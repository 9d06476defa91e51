// Unit tests (node --test) for the formatting helpers of "Map your connectors": no DOM needed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { capital, fixed, namesList, number, percent, score } from "../../docs/assets/js/widgets/connectors.js";
import { plural } from "../../docs/assets/js/widgets/connectors-picture.js";

test("plural: figures with the noun in agreement", () => {
  assert.equal(plural(1, "person", "people"), "1 person");
  assert.equal(plural(0, "person", "people"), "0 people");
  assert.equal(plural(2000, "person", "people"), "2,000 people");
  assert.equal(plural(3, "tie"), "3 ties");
});

test("number: numbers get thousands separators, anything else is left as it is", () => {
  assert.equal(number(12345), "12,345");
  assert.equal(number(0.5), "0.5");
  assert.equal(number("n/a"), "n/a");
  assert.equal(number(null), null);
});

test("capital: only a lower-case first letter changes", () => {
  assert.equal(capital("three ties"), "Three ties");
  assert.equal(capital("élan"), "Élan");
  assert.equal(capital("3 ties"), "3 ties");
  assert.equal(capital(""), "");
  assert.equal(capital(42), "42");
});

test("namesList: English lists, cut after `most` names", () => {
  assert.equal(namesList([]), "");
  assert.equal(namesList(["Ann"]), "Ann");
  assert.equal(namesList(["Ann", "Bob"]), "Ann and Bob");
  assert.equal(namesList(["Ann", "Bob", "Cy"]), "Ann, Bob and Cy");
  const many = Array.from({ length: 14 }, (_, i) => `p${i}`);
  assert.equal(namesList(many, 2), "p0, p1 and 12 more");
  assert.equal(namesList(Array.from({ length: 1012 }, (_, i) => `p${i}`), 10).endsWith(" and 1,002 more"), true);
});

test("fixed, score and percent: empty for missing values", () => {
  for (const format of [fixed, score, percent]) {
    assert.equal(format(null), "");
    assert.equal(format(undefined), "");
  }
});

test("fixed: a set number of decimals", () => {
  assert.equal(fixed(0.12345), "0.123");
  assert.equal(fixed(2, 1), "2.0");
  assert.equal(fixed("0.5"), "0.500");
});

test("score: three decimals, or two significant figures for small non-zero scores", () => {
  assert.equal(score(0.5), "0.500");
  assert.equal(score(0), "0.000");
  assert.equal(score(0.0004), "0.00040");
  assert.equal(score(-0.004), "-0.0040");
  assert.equal(score(0.01), "0.010");
});

test("percent: whole per cent with a space before the sign", () => {
  assert.equal(percent(0.123), "12 %");
  assert.equal(percent(1), "100 %");
  assert.equal(percent(0), "0 %");
});
