// Unit tests (node --test) for the roles CSV of "Map your connectors".
import assert from "node:assert/strict";
import { test } from "node:test";

import { csvField, rolesCsv } from "../../docs/assets/js/widgets/connectors-export.js";

test("csvField: plain values as they are, missing values empty", () => {
  assert.equal(csvField("Ann"), "Ann");
  assert.equal(csvField(3), "3");
  assert.equal(csvField(0), "0");
  assert.equal(csvField(null), "");
  assert.equal(csvField(undefined), "");
});

test("csvField: quotes fields holding separators, quotes, line breaks or edge spaces", () => {
  assert.equal(csvField("Smith, Ann"), '"Smith, Ann"');
  assert.equal(csvField("hub; gatekeeper"), '"hub; gatekeeper"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField(" Ann"), '" Ann"');
});

test("csvField: text a spreadsheet would run as a formula is defused, numbers are not", () => {
  for (const risky of ["=SUM(A1)", "+44 20", "-1", "@cmd", "\tx"]) {
    assert.equal(csvField(risky, true).replace(/^"/, "").startsWith("'"), true, risky);
  }
  assert.equal(csvField("=1+1", true), "'=1+1");
  assert.equal(csvField(-1), "-1");
  assert.equal(csvField("-1"), "-1");
});

function person(name, overrides = {}) {
  return {
    name,
    roles: [],
    key_connector: false,
    measures: { degree: 1, out_degree: null, strength: 1, betweenness: 0, closeness: 0.5, reach_within_two: 1, cut_point: false, bridges: 0, cut_off_if_leaves: 0 },
    ranks: { degree: 2, betweenness: 2, closeness: 2 },
    key_in_networks: [],
    attributes: {},
    ...overrides,
  };
}

test("rolesCsv: one header and one CRLF-terminated row per person, attributes last", () => {
  const result = {
    people: [
      person("=Ann", { roles: ["hub", "gatekeeper"], key_connector: true, attributes: { team: "Sales, North" }, key_in_networks: ["advice", "trust"] }),
      person("Bob", { attributes: { site: "Leeds" } }),
    ],
  };
  const csv = rolesCsv(result);
  assert.equal(csv.endsWith("\r\n"), true);
  const lines = csv.split("\r\n").slice(0, -1);
  assert.equal(lines.length, 3);
  const header = lines[0].split(",");
  assert.deepEqual(header.slice(0, 3), ["name", "roles", "key_connector"]);
  assert.deepEqual(header.slice(-3), ["key_in_networks", "team", "site"]);
  assert.equal(header.includes("bridging"), false);
  assert.equal(header.includes("rank_bridging"), false);
  assert.equal(lines[1].startsWith(`'=Ann,"hub; gatekeeper",yes,1,,1,0,0.5,1,no,0,0,2,2,2,"advice; trust","Sales, North",`), true, lines[1]);
  assert.equal(lines[2].endsWith(",no,0,0,2,2,2,,,Leeds"), true, lines[2]);
});

test("rolesCsv: the bridging measure and its rank when the engine gives them", () => {
  const bridged = person("Cy", { measures: { ...person("x").measures, bridging: 0.25 }, ranks: { degree: 1, betweenness: 1, bridging: 1, closeness: 1 } });
  const [header, row] = rolesCsv({ people: [bridged] }).split("\r\n");
  const columns = header.split(",");
  assert.equal(columns.indexOf("bridging"), columns.indexOf("betweenness") + 1);
  assert.deepEqual(columns.filter((column) => column.startsWith("rank_")), ["rank_degree", "rank_betweenness", "rank_bridging", "rank_closeness"]);
  assert.equal(row.split(",")[columns.indexOf("bridging")], "0.25");
});
