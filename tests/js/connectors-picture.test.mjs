// Unit tests (node --test) for the pure parts of the network picture (no canvas, no cytoscape).
import assert from "node:assert/strict";
import { test } from "node:test";

import { GROUP_COLOURS, MARKERS, colouring, labelOf, labelPolicy, markerOf, shapePoints, sizeOf } from "../../docs/assets/js/widgets/connectors-picture.js";

test("markerOf: one role its own marker, several roles the star, none the circle", () => {
  assert.equal(markerOf([]), "none");
  assert.equal(markerOf(["gatekeeper"]), "gatekeeper");
  assert.equal(markerOf(["hub", "pulsetaker"]), "several");
});

test("colouring by role: every marker in the legend, colour from the roles", () => {
  const scheme = colouring();
  assert.equal(scheme.attribute, null);
  assert.deepEqual(scheme.entries.map((entry) => entry.kind), Object.keys(MARKERS));
  assert.equal(scheme.colourOf({ roles: ["hub"] }), MARKERS.hub.colour);
  assert.equal(scheme.colourOf({ roles: [] }), MARKERS.none.colour);
  assert.equal(scheme.entries.at(-1).text, "No key role: grey circle");
});

test("colouring by group: the largest groups first, the rest grey, not given white", () => {
  const rows = Array.from({ length: GROUP_COLOURS.length + 2 }, (_, i) => ({ group: `g${i}`, people: 10 - i }));
  const grouping = { attribute: "team", groups: [...rows, { group: null, people: 4 }], missing: 4 };
  const groupOf = (node) => node.team ?? null;
  const scheme = colouring(grouping, groupOf);
  assert.equal(scheme.attribute, "team");
  assert.equal(scheme.colourOf({ team: "g0" }), GROUP_COLOURS[0][0]);
  assert.equal(scheme.colourOf({ team: `g${GROUP_COLOURS.length}` }), "#8a8a8a");
  assert.equal(scheme.colourOf({}), "#ffffff");
  assert.equal(scheme.entries.length, GROUP_COLOURS.length + 2);
  assert.equal(scheme.entries.at(-2).text, `2 other groups (grey): g${GROUP_COLOURS.length}, g${GROUP_COLOURS.length + 1}; 5 people`);
  assert.equal(scheme.entries.at(-1).text, "team not given (white): 4 people");
  assert.match(scheme.says, /^Shape shows each person's roles; colour shows their team \(/);
});

test("sizeOf: grows with ties, smaller markers when many people are drawn", () => {
  assert.equal(sizeOf(0, 10), 16);
  assert.equal(sizeOf(10, 10), 50);
  assert.equal(sizeOf(10, 10, 50), 42);
  assert.equal(sizeOf(10, 10, 200), 34);
  assert.equal(sizeOf(3, 0), 16 + 34 * Math.sqrt(3));
});

test("labelPolicy: everyone's names when there is room, else the key connectors'", () => {
  assert.equal(labelPolicy(12, 10, 10), "all");
  assert.equal(labelPolicy(90, 900, 900), "all");
  assert.equal(labelPolicy(91, 900, 900), "key");
});

test("labelOf: the name, and the roles on a second line", () => {
  assert.equal(labelOf({ name: "Ann", roles: [] }), "Ann");
  assert.equal(labelOf({ name: "Ann", roles: ["hub", "gatekeeper"] }), "Ann\nhub, gatekeeper");
});

test("shapePoints: polygons centred on the point, null for a circle", () => {
  assert.equal(shapePoints("circle", 0, 0, 10), null);
  assert.equal(shapePoints("diamond", 10, 20, 10), "10.0,15.0 15.0,20.0 10.0,25.0 5.0,20.0");
  assert.equal(shapePoints("square", 0, 0, 20).split(" ").length, 4);
  assert.equal(shapePoints("triangle", 0, 0, 20).split(" ").length, 3);
  const star = shapePoints("star", 0, 0, 20).split(" ").map((point) => point.split(",").map(Number));
  assert.equal(star.length, 10);
  assert.deepEqual(star[0], [0, -10]);
  for (const [x, y] of star) assert.ok(Math.hypot(x, y) <= 10.05);
});
