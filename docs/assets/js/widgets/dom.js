// Small DOM helpers shared by the page widgets ("Diagnose your phase", the combined report). Everything is built with
// DOM APIs and textContent, so what people type never reaches innerHTML.

export const SITE_ROOT = new URL("../../../", import.meta.url);

/** Create an element; `text` sets textContent, `class` the class name, anything else an attribute. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** Two decimals with a sign and a true minus sign; never a signed zero. */
export function signed(value) {
  if (Math.abs(value) < 0.005) return "0.00";
  return (value > 0 ? "+" : "−") + Math.abs(value).toFixed(2);
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function namesList(names) {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function phaseLink(phase, text) {
  return el("a", { href: new URL(`model/${phase}/`, SITE_ROOT).href, text });
}

export function sourceLine(text) {
  return text ? el("p", { class: "source", text: `Source: ${text}` }) : null;
}

/**
 * A table whose first column heads its rows. Each cell carries its column's heading in
 * data-label, so a `diagnose-stack` table can be shown as one card per row on a narrow screen.
 */
export function simpleTable(caption, headings, rows, className) {
  const table = el("table", { class: className });
  if (caption) table.append(el("caption", { text: caption }));
  const head = table.createTHead().insertRow();
  for (const heading of headings) head.append(el("th", { scope: "col", text: heading }));
  const body = table.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    cells.forEach((cell, index) => {
      const node = index === 0 ? el("th", { scope: "row" }) : el("td", { "data-label": headings[index] });
      node.append(cell ?? "—");
      row.append(node);
    });
  }
  return table;
}

// Wide tables scroll sideways inside a focusable, labelled region so keyboard users can scroll too.
export function scrollable(label, table) {
  return el("div", { class: "diagnose-scroll", role: "region", "aria-label": label, tabindex: "0" }, table);
}

/** Today's date in the user's time zone as YYYY-MM-DD (what <input type=date> holds). */
export function isoDate(date = new Date()) {
  const pad = (number) => String(number).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2026-03-12" as "12 March 2026"; anything else unchanged. */
export function longDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) return text ?? "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
