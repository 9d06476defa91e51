// Roles as CSV for "Map your connectors": one row per person, spreadsheet-safe.

const MEASURES = ["degree", "out_degree", "strength", "betweenness", "closeness", "reach_within_two", "cut_point", "bridges", "cut_off_if_leaves"];

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value, isText = false) {
  let text = value === null || value === undefined ? "" : String(value);
  if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function rolesCsv(result) {
  const attributes = [];
  for (const person of result.people) for (const key of Object.keys(person.attributes)) if (!attributes.includes(key)) attributes.push(key);
  // Bridging (the gatekeeper measure) when the engine gives it.
  const bridging = result.people.some((person) => person.measures.bridging !== undefined);
  const measures = bridging ? [...MEASURES.slice(0, 4), "bridging", ...MEASURES.slice(4)] : MEASURES;
  const ranks = bridging ? ["degree", "betweenness", "bridging", "closeness"] : ["degree", "betweenness", "closeness"];
  const header = ["name", "roles", "key_connector", ...measures, ...ranks.map((rank) => `rank_${rank}`), "key_in_networks", ...attributes];
  const lines = [header.map((cell) => csvField(cell, true)).join(",")];
  for (const person of result.people) {
    lines.push([
      csvField(person.name, true),
      csvField(person.roles.join("; ")),
      person.key_connector ? "yes" : "no",
      ...measures.map((measure) => {
        const value = person.measures[measure];
        return typeof value === "boolean" ? (value ? "yes" : "no") : csvField(value);
      }),
      ...ranks.map((rank) => person.ranks[rank] ?? ""),
      csvField(person.key_in_networks.join("; "), true),
      ...attributes.map((key) => csvField(person.attributes[key], true)),
    ].join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
