// The network picture for "Map your connectors": cytoscape (vendored, pinned) drawing the
// engine's own layout, an HTML legend, and an SVG serialiser of the same data. Roles are
// shown by shape, and by colour unless the reader colours by group; names and group values
// are only ever set as text (canvas labels, SVG text nodes, textContent).
const SVG_NS = "http://www.w3.org/2000/svg";

// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
/** "1 person", "2,000 people": a count in figures with the noun in agreement. */
const FIGURES = new Intl.NumberFormat("en-GB"); // one formatter: toLocaleString makes one per call
export const plural = (count, one, many = `${one}s`) => `${FIGURES.format(count)} ${count === 1 ? one : many}`;

export const MARKERS = {
  hub: { label: "Hub", shape: "square", colour: "#0072B2", cy: "rectangle" },
  gatekeeper: { label: "Gatekeeper", shape: "diamond", colour: "#D55E00", cy: "diamond" },
  pulsetaker: { label: "Pulsetaker", shape: "triangle", colour: "#009E73", cy: "triangle" },
  several: { label: "Several roles", shape: "star", colour: "#CC79A7", cy: "star" },
  none: { label: "No key role", shape: "circle", colour: "#8a8a8a", cy: "ellipse" },
};

export function markerOf(roles) {
  if (roles.length > 1) return "several";
  return roles[0] ?? "none";
}

// Group colours: Okabe–Ito without black (markers have black borders). Groups beyond these
// share OTHER_GROUPS; people whose group is not given are white.
export const GROUP_COLOURS = [
  ["#E69F00", "orange"], ["#56B4E9", "sky blue"], ["#009E73", "green"], ["#F0E442", "yellow"],
  ["#0072B2", "blue"], ["#D55E00", "vermilion"], ["#CC79A7", "pink"],
];
const OTHER_GROUPS = ["#8a8a8a", "grey"];
const NOT_GIVEN = ["#ffffff", "white"];

/**
 * How markers are coloured. `grouping` is one entry of the result's `groups` (rows largest
 * first, the "not given" row last) and `groupOf(node)` a person's value from the result, or
 * null; without them, by role. Returns {attribute, colourOf(node), entries: [{colour, text}], says}.
 */
export function colouring(grouping = null, groupOf = () => null) {
  if (!grouping) {
    return {
      attribute: null,
      colourOf: (node) => MARKERS[markerOf(node.roles)].colour,
      entries: Object.entries(MARKERS).map(([kind, marker]) => ({
        kind, colour: marker.colour, text: `${marker.label}: ${marker.shape === "circle" ? "grey circle" : `${colourName(kind)} ${marker.shape}`}`,
      })),
      says: "Shape and colour show each person's roles",
    };
  }
  const { attribute } = grouping;
  const people = (count) => plural(count, "person", "people");
  const rows = grouping.missing ? grouping.groups.slice(0, -1) : grouping.groups;
  const shown = rows.slice(0, GROUP_COLOURS.length);
  const others = rows.slice(GROUP_COLOURS.length);
  const colourOfGroup = new Map(shown.map((row, index) => [row.group, GROUP_COLOURS[index][0]]));
  const entries = shown.map((row, index) => ({
    colour: GROUP_COLOURS[index][0], text: `${row.group} (${GROUP_COLOURS[index][1]}): ${people(row.people)}`,
  }));
  if (others.length) {
    const names = others.slice(0, 10).map((row) => row.group).join(", ") + (others.length > 10 ? ` and ${others.length - 10} more` : "");
    const count = others.reduce((total, row) => total + row.people, 0);
    const groups = plural(others.length, "other group");
    entries.push({ colour: OTHER_GROUPS[0], text: `${groups} (${OTHER_GROUPS[1]}): ${names}; ${people(count)}` });
  }
  if (grouping.missing) entries.push({ colour: NOT_GIVEN[0], text: `${attribute} not given (${NOT_GIVEN[1]}): ${people(grouping.missing)}` });
  return {
    attribute,
    colourOf: (node) => {
      const group = groupOf(node);
      return group === null || group === undefined ? NOT_GIVEN[0] : colourOfGroup.get(group) ?? OTHER_GROUPS[0];
    },
    groupOf,
    entries,
    says: `Shape shows each person's roles; colour shows their ${attribute} (${entries.map((entry) => entry.text).join("; ")})`,
  };
}

/** Node diameter in pixels (picture units) for a number of ties; smaller markers when many people are drawn. */
export function sizeOf(degree, maxDegree, count = 0) {
  const [least, range] = count > 100 ? [8, 26] : count > 40 ? [12, 30] : [16, 34];
  return least + range * Math.sqrt(degree / Math.max(1, maxDegree));
}

/** Labels are drawn at this size in CSS pixels whatever the zoom. */
export const LABEL_PX = 13;

/**
 * Whose names may be written on the picture: everyone's when there is room (about 150 × 60 CSS
 * pixels per person), else only the key connectors' (the others' on pointing or selecting).
 * Of those, names that would overlap one already written are left out (see `placeLabels`):
 * key connectors first, people with several roles and more ties before others.
 */
export function labelPolicy(count, width, height) {
  return count <= 12 || (width * height) / Math.max(1, count) >= 9000 ? "all" : "key";
}

let measurer = null;
function textWidth(text, font) {
  measurer ??= document.createElement("canvas").getContext("2d");
  measurer.font = font;
  return measurer.measureText(text).width;
}

export function labelOf(node) {
  return node.roles.length ? `${node.name}\n${node.roles.join(", ")}` : node.name;
}

/** Points of a polygon (or null for a circle) centred on (cx, cy) fitting a box of `size`. */
export function shapePoints(shape, cx, cy, size) {
  const r = size / 2;
  const at = (points) => points.map(([x, y]) => `${(cx + x * r).toFixed(1)},${(cy + y * r).toFixed(1)}`).join(" ");
  if (shape === "square") return at([[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]);
  if (shape === "diamond") return at([[0, -1], [1, 0], [0, 1], [-1, 0]]);
  if (shape === "triangle") return at([[0, -1], [0.95, 0.8], [-0.95, 0.8]]);
  if (shape === "star") {
    const points = [];
    for (let i = 0; i < 10; i += 1) {
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      const radius = i % 2 ? 0.45 : 1;
      points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
    }
    return at(points);
  }
  return null;
}

function svgElement(name, attributes = {}) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function markerShape(kind, cx, cy, size, colour = MARKERS[kind].colour) {
  const { shape } = MARKERS[kind];
  const points = shapePoints(shape, cx, cy, size);
  const element = points
    ? svgElement("polygon", { points })
    : svgElement("circle", { cx: cx.toFixed(1), cy: cy.toFixed(1), r: (size / 2).toFixed(1) });
  element.setAttribute("fill", colour);
  element.setAttribute("stroke", "#1a1a1a");
  element.setAttribute("stroke-width", "1");
  return element;
}

function swatch(kind, colour) {
  const image = svgElement("svg", { width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true", focusable: "false" });
  image.append(markerShape(kind, 11, 11, 18, colour));
  return image;
}

function legendList(items, title, withSize = true) {
  const list = document.createElement("ul");
  list.className = "connectors-legend";
  if (title) {
    const heading = document.createElement("li");
    heading.className = "connectors-legend-title";
    heading.textContent = title;
    list.append(heading);
  }
  for (const [kind, colour, words] of items) {
    const item = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = words;
    item.append(swatch(kind, colour), text);
    list.append(item);
  }
  const size = document.createElement("li");
  size.className = "connectors-legend-size";
  size.textContent = "Bigger markers: more direct ties. Lines: ties.";
  if (withSize) list.append(size);
  return list;
}

/**
 * The legend as HTML, for a `colouring()`: by role, one list of markers; by group, a list of
 * role shapes and a list of group colours (swatch, name and number of people). Swatches are
 * hidden from screen readers; every entry says its colour in words.
 */
export function legend(scheme) {
  if (!scheme.attribute) return legendList(scheme.entries.map((entry) => [entry.kind, entry.colour, entry.text]));
  const box = document.createElement("div");
  box.className = "connectors-legends";
  box.append(
    legendList(Object.entries(MARKERS).map(([kind, marker]) => [kind, "#ffffff", `${marker.label}: ${marker.shape}`]), "Shapes show roles:"),
    legendList(scheme.entries.map((entry) => ["none", entry.colour, entry.text]), `Colours show ${scheme.attribute}:`, false),
  );
  return box;
}

function colourName(kind) {
  return { hub: "blue", gatekeeper: "orange", pulsetaker: "green", several: "pink" }[kind] ?? "grey";
}

/** A self-contained SVG document of the picture, built with DOM calls (names are text nodes). */
export function pictureSvg(graph, title, scheme = colouring()) {
  const width = 900;
  const height = 900;
  const margin = 90;
  const maxDegree = Math.max(1, ...graph.nodes.map((node) => node.degree));
  const count = graph.nodes.length;
  const everyName = labelPolicy(count, width, height) === "all";
  const band = 60 + (graph.caption ? 22 : 0) + Math.ceil(scheme.entries.length / 2) * 24;
  const svg = svgElement("svg", {
    xmlns: SVG_NS, width, height: height + band, viewBox: `0 0 ${width} ${height + band}`,
    role: "img", "font-family": "Helvetica, Arial, sans-serif",
  });
  const heading = svgElement("title");
  heading.textContent = title;
  const description = svgElement("desc");
  description.textContent = scheme.attribute
    ? `${scheme.says}. Shapes: hub square, gatekeeper diamond, pulsetaker triangle, several roles star, others circles; bigger markers have more ties.`
    : "Key connectors by shape and colour: hub square (blue), gatekeeper diamond (orange), "
      + "pulsetaker triangle (green), several roles star (pink), others grey circles; bigger markers have more ties.";
  svg.append(heading, description, svgElement("rect", { width, height: height + band, fill: "#ffffff" }));
  if (graph.directed) {
    const defs = svgElement("defs");
    const marker = svgElement("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
    marker.append(svgElement("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#9a9a9a" }));
    defs.append(marker);
    svg.append(defs);
  }
  const place = (node) => [margin + node.x * (width - 2 * margin), margin + node.y * (height - 2 * margin)];
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = svgElement("g", { stroke: "#b0b0b0", "stroke-width": 1, fill: "none" });
  for (const [source, target] of graph.edges) {
    const [x1, y1] = place(byId.get(source));
    const [x2, y2] = place(byId.get(target));
    let [ex, ey] = [x2, y2];
    if (graph.directed) {
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      const back = sizeOf(byId.get(target).degree, maxDegree, count) / 2 + 2;
      ex = x2 - ((x2 - x1) / length) * back;
      ey = y2 - ((y2 - y1) / length) * back;
    }
    const line = svgElement("line", { x1: x1.toFixed(1), y1: y1.toFixed(1), x2: ex.toFixed(1), y2: ey.toFixed(1) });
    if (graph.directed) line.setAttribute("marker-end", "url(#arrow)");
    edges.append(line);
  }
  svg.append(edges);
  const nodes = svgElement("g", { "font-size": 13, "text-anchor": "middle" });
  // Key connectors last, so their markers and names sit on top.
  for (const node of [...graph.nodes].sort((a, b) => (a.roles.length ? 1 : 0) - (b.roles.length ? 1 : 0))) {
    const [x, y] = place(node);
    const size = sizeOf(node.degree, maxDegree, count);
    const group = svgElement("g");
    const tip = svgElement("title");
    const member = scheme.attribute ? `; ${scheme.attribute}: ${scheme.groupOf(node) ?? "not given"}` : "";
    const ties = plural(node.degree, "tie");
    tip.textContent = `${node.name}: ${node.roles.length ? node.roles.join(", ") : "no key role"}; ${ties}${member}`;
    group.append(tip, markerShape(markerOf(node.roles), x, y, size, scheme.colourOf(node)));
    if (everyName || node.roles.length) {
      const label = svgElement("text", { x: x.toFixed(1), y: (y + size / 2 + 13).toFixed(1), fill: "#1a1a1a", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" });
      label.textContent = node.name;
      group.append(label);
    }
    if (node.roles.length && everyName) {
      const roles = svgElement("text", { x: x.toFixed(1), y: (y + size / 2 + 27).toFixed(1), fill: "#444444", "font-style": "italic", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" });
      roles.textContent = node.roles.join(", ");
      group.append(roles);
    }
    nodes.append(group);
  }
  svg.append(nodes);
  const caption = svgElement("text", { x: 20, y: height + 40, "font-size": 14, fill: "#1a1a1a" });
  caption.textContent = title;
  svg.append(caption);
  const shift = graph.caption ? 22 : 0;
  if (graph.caption) {
    const shows = svgElement("text", { x: 20, y: height + 62, "font-size": 13, fill: "#1a1a1a" });
    shows.textContent = graph.caption;
    svg.append(shows);
  }
  scheme.entries.forEach((entry, index) => {
    const [x, y] = [20 + (index % 2) * 440, height + 64 + shift + Math.floor(index / 2) * 24];
    const text = svgElement("text", { x: x + 22, y: y + 4, "font-size": 12, fill: "#1a1a1a" });
    text.textContent = entry.text.length > 64 ? `${entry.text.slice(0, 63)}…` : entry.text;
    svg.append(markerShape(entry.kind ?? "none", x + 8, y, 14, entry.colour), text);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

let cytoscapeModule = null;

export function loadCytoscape() {
  cytoscapeModule ??= import(new URL("../../../vendor/cytoscape/cytoscape.esm.min.mjs", import.meta.url).href)
    .then((module) => module.default)
    .catch((error) => {
      cytoscapeModule = null;
      throw error;
    });
  return cytoscapeModule;
}

function cssColour(element, name, fallback) {
  const value = getComputedStyle(element).getPropertyValue(name).trim();
  if (/^#[0-9a-f]{6}$/i.test(value)) return value;
  if (/^#[0-9a-f]{8}$/i.test(value)) return value.slice(0, 7); // cytoscape reads no alpha in hex
  return fallback;
}

const PADDING = 30; // CSS pixels around the fitted picture
// Elements are added this many at a time, a frame drawn between: cytoscape styles each element
// when it first draws it, so a picture added at once would be styled in one long task.
const PICTURE_CHUNK = 50;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 6;

/**
 * The viewport that fits `nodes` ({x, y, size} in picture units) into a `width` × `height` box
 * with `padding` around them, as cytoscape's fit would (markers included, labels not): {zoom, pan}.
 * Computed from the engine's positions, so cytoscape need not measure every element first.
 */
export function fitView(nodes, width, height, padding = PADDING) {
  if (!nodes.length) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { x, y, size } of nodes) {
    const half = size / 2 + 0.5; // the marker and half of its 1 px border
    x1 = Math.min(x1, x - half);
    x2 = Math.max(x2, x + half);
    y1 = Math.min(y1, y - half);
    y2 = Math.max(y2, y + half);
  }
  const [boxWidth, boxHeight] = [Math.max(1, x2 - x1), Math.max(1, y2 - y1)];
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min((width - 2 * padding) / boxWidth, (height - 2 * padding) / boxHeight)));
  return { zoom, pan: { x: (width - zoom * (x1 + x2)) / 2, y: (height - zoom * (y1 + y2)) / 2 } };
}

/**
 * Where each name goes, in screen (CSS pixel) terms: `candidates` best first, each
 * {x, y, half (half the marker's height plus a gap), lines: [text], bold}; `measure(text, bold)`
 * a text width. Each name goes below its marker, else above, right or left of it — the first
 * place that overlaps no name already placed — or is left out. Returns one entry per candidate:
 * null (not named), "" (below), "label-top", "label-right" or "label-left".
 */
export function placeLabels(candidates, measure) {
  const placed = [];
  const lineHeight = LABEL_PX * 1.35;
  const gap = 3;
  return candidates.map(({ x, y, half, lines, bold }) => {
    const width = Math.min(160, Math.max(...lines.map((line) => measure(line, bold)))) + 4;
    const height = lineHeight * lines.length * (width >= 160 ? 1.6 : 1) + 2;
    const places = [
      ["", { x1: x - width / 2, x2: x + width / 2, y1: y + half, y2: y + half + height }],
      ["label-top", { x1: x - width / 2, x2: x + width / 2, y1: y - half - height, y2: y - half }],
      ["label-right", { x1: x + half, x2: x + half + width, y1: y - height / 2, y2: y + height / 2 }],
      ["label-left", { x1: x - half - width, x2: x - half, y1: y - height / 2, y2: y + height / 2 }],
    ];
    const free = places.find(([, box]) => !placed.some((other) => (
      box.x1 - gap < other.x2 && other.x1 < box.x2 + gap && box.y1 - gap < other.y2 && other.y1 < box.y2 + gap)));
    if (!free) return null;
    placed.push(free[1]);
    return free[0];
  });
}

/**
 * Draw `graph` into `container` with cytoscape, coloured by `scheme` (a `colouring()`).
 * `onFocus(name | null)` is called on hover and tap.
 * Returns {cy, highlight(name), recolour(scheme), png(), zoom(factor), fit(), destroy()}.
 * The viewport, the style for it and where names go are worked out before cytoscape starts, so
 * that it styles and measures every element once (not once for the fit, again for the style at
 * the fitted zoom and again for each name's class).
 */
export async function drawPicture(container, graph, onFocus, scheme = colouring()) {
  const cytoscape = await loadCytoscape();
  const maxDegree = Math.max(1, ...graph.nodes.map((node) => node.degree));
  const count = graph.nodes.length;
  // One picture unit is about one CSS pixel at the fitted view; labels, borders and lines
  // are then kept at a fixed size on screen (see `screenSizes`), whatever the zoom.
  const width = container.clientWidth || 600;
  const height = container.clientHeight || width;
  const scale = Math.max(260, Math.min(width, height) - 60);
  const policy = labelPolicy(count, width, height);
  const shrink = Math.min(1, Math.max(0.45, scale / 640)); // smaller markers in a smaller box (a phone)
  const text = cssColour(container, "--md-default-fg-color", "#1a1a1a");
  const background = cssColour(container, "--md-default-bg-color", "#ffffff");
  const fontFamily = getComputedStyle(container).fontFamily || "sans-serif";
  const widths = new Map();
  const measure = (line, bold) => {
    const font = `${bold ? "bold " : ""}${LABEL_PX}px ${fontFamily}`;
    const key = `${font}\n${line}`;
    if (!widths.has(key)) widths.set(key, textWidth(line, font));
    return widths.get(key);
  };
  const people = graph.nodes.map((node) => ({
    node, id: `n${node.id}`, x: node.x * scale, y: node.y * scale, size: sizeOf(node.degree, maxDegree, count) * shrink, key: node.roles.length ? 1 : 0,
  }));
  // Names to write, best first; each is written only where it overlaps no name already written.
  const candidates = people.filter((person) => policy === "all" || person.key).sort((a, b) => (
    b.key - a.key || b.node.roles.length - a.node.roles.length || b.node.degree - a.node.degree
  ));
  const labelLines = (person) => (policy === "all" && person.key ? labelOf(person.node).split("\n") : [person.node.name]);
  const at = (person, zoom, pan) => ({
    x: person.x * zoom + pan.x, y: person.y * zoom + pan.y, half: (person.size * zoom) / 2 + 3, lines: labelLines(person), bold: Boolean(person.key),
  });
  const view = fitView(people, width, height);
  const classes = new Map();
  placeLabels(candidates.map((person) => at(person, view.zoom, view.pan)), measure).forEach((place, index) => {
    if (place !== null) classes.set(candidates[index].id, place ? `named ${place}` : "named");
  });
  const elements = [
    ...people.map((person) => ({
      group: "nodes",
      data: {
        id: person.id, name: person.node.name, label: labelOf(person.node), roles: person.node.roles, degree: person.node.degree,
        size: person.size, shape: MARKERS[markerOf(person.node.roles)].cy, colour: scheme.colourOf(person.node), key: person.key,
      },
      position: { x: person.x, y: person.y },
      classes: classes.get(person.id) ?? "",
    })),
    ...graph.edges.map(([source, target], index) => ({ group: "edges", data: { id: `e${index}`, source: `n${source}`, target: `n${target}` } })),
  ];
  const colours = { text, background };
  const styles = (zoom) => {
    const px = (value) => value / zoom; // CSS pixels on screen → picture units at this zoom
    return [
      {
        selector: "node",
        style: {
          width: "data(size)", height: "data(size)", shape: "data(shape)", "background-color": "data(colour)",
          "border-width": px(1), "border-color": "#1a1a1a", label: "", "font-size": px(LABEL_PX),
          color: colours.text, "font-family": fontFamily, "text-valign": "bottom", "text-margin-y": px(3), "text-wrap": "wrap", "text-max-width": px(160),
          "text-background-color": colours.background, "text-background-opacity": 0.8, "text-background-padding": px(1.5),
          "z-index": "data(key)",
        },
      },
      { selector: "node[key = 1]", style: { "font-weight": "bold" } },
      { selector: "node.named", style: { label: "data(name)", "z-index": 5 } },
      { selector: "node.label-top", style: { "text-valign": "top", "text-margin-y": px(-3) } },
      { selector: "node.label-right", style: { "text-valign": "center", "text-halign": "right", "text-margin-y": 0, "text-margin-x": px(3) } },
      { selector: "node.label-left", style: { "text-valign": "center", "text-halign": "left", "text-margin-y": 0, "text-margin-x": px(-3) } },
      { selector: "node.named[key = 1]", style: { label: policy === "all" ? "data(label)" : "data(name)" } },
      { selector: "edge", style: { width: px(1), "line-color": "#a8a8a8", "curve-style": "straight", opacity: count > 100 ? 0.55 : 0.8 } },
      ...(graph.directed ? [{ selector: "edge", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#a8a8a8", "arrow-scale": 0.8 } }] : []),
      { selector: "node.focus", style: { "border-width": px(4), "border-color": "#ffb000", label: "data(label)", "z-index": 10 } },
      { selector: "edge.focus", style: { "line-color": "#ffb000", "target-arrow-color": "#ffb000", width: px(2.5), opacity: 1 } },
      { selector: ".faded", style: { opacity: 0.25 } },
      { selector: "node.faded", style: { label: "" } },
    ];
  };
  // The elements carry the engine's positions ("preset"), and the viewport is the fitted one.
  const cy = cytoscape({
    container,
    elements: elements.slice(0, PICTURE_CHUNK),
    layout: { name: "preset", fit: false },
    zoom: view.zoom,
    pan: view.pan,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    userZoomingEnabled: false,
    boxSelectionEnabled: false,
    autoungrabify: true,
    style: styles(view.zoom),
  });
  // Nodes first (edges name them), the rest a chunk per frame; stop if the picture is no longer shown.
  for (let start = PICTURE_CHUNK; start < elements.length && container.isConnected; start += PICTURE_CHUNK) {
    await nextFrame();
    if (cy.destroyed()) break;
    cy.add(elements.slice(start, start + PICTURE_CHUNK));
  }
  const byId = new Map(people.map((person) => [person.id, person]));
  const candidateNodes = candidates.map((person) => cy.getElementById(person.id));
  // After a zoom or a resize: names placed again for the new view, changing only the classes that change.
  const relabel = () => {
    const zoom = cy.zoom();
    const pan = cy.pan();
    const places = placeLabels(candidateNodes.map((node) => at(byId.get(node.id()), zoom, pan)), measure);
    cy.batch(() => {
      candidateNodes.forEach((node, index) => {
        const place = places[index];
        const wanted = place === null ? "" : place ? `named ${place}` : "named";
        const now = ["named", "label-top", "label-right", "label-left"].filter((name) => node.hasClass(name)).join(" ");
        if (now === wanted) return;
        node.removeClass("named label-top label-right label-left");
        if (wanted) node.addClass(wanted);
      });
    });
  };
  let styledAt = view.zoom;
  const screenSizes = () => {
    const zoom = cy.zoom();
    if (styledAt !== null && Math.abs(zoom - styledAt) < 1e-6) return;
    styledAt = zoom;
    cy.style(styles(zoom));
    relabel();
  };
  screenSizes(); // a no-op unless cytoscape clamped the zoom
  cy.on("zoom", screenSizes);
  cy.on("resize", () => { styledAt = null; screenSizes(); });
  const byName = new Map(cy.nodes().map((node) => [node.data("name"), node]));
  const highlight = (name) => {
    cy.elements().removeClass("focus faded");
    const node = byName.get(name);
    if (!node) return false;
    const neighbourhood = node.closedNeighborhood();
    cy.elements().not(neighbourhood).addClass("faded");
    node.addClass("focus");
    node.connectedEdges().addClass("focus");
    return true;
  };
  cy.on("mouseover tap", "node", (event) => {
    highlight(event.target.data("name"));
    onFocus(event.target.data("name"));
  });
  cy.on("mouseout", "node", () => cy.elements().removeClass("faded"));
  cy.on("tap", (event) => {
    if (event.target === cy) {
      cy.elements().removeClass("focus faded");
      onFocus(null);
    }
  });
  return {
    cy,
    highlight,
    recolour: (next) => cy.batch(() => {
      for (const person of people) {
        const node = cy.getElementById(person.id);
        const colour = next.colourOf(person.node);
        if (node.data("colour") !== colour) node.data("colour", colour);
      }
    }),
    png: () => {
      // Dark-on-white for the file, whatever the page's colour scheme.
      Object.assign(colours, { text: "#1a1a1a", background: "#ffffff" });
      cy.style(styles(cy.zoom()));
      const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
      Object.assign(colours, { text, background });
      cy.style(styles(cy.zoom()));
      return blob;
    },
    labelPolicy: policy,
    zoom: (factor) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    fit: () => cy.fit(undefined, 30),
    destroy: () => cy.destroy(),
  };
}
