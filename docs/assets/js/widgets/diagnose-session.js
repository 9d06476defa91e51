// Reading participants' answers for "Diagnose your phase": answers files (strictly, as the
// command line reads them: duplicate keys, aliases and deep nesting are errors) and pasted
// links, and adding them to a team. Reading and merging are Python's
// (innovation_toolkit.diagnostic.reading / .merge); this module gathers the sources.

const DIAGNOSTIC = "innovation_toolkit.diagnostic";
const READ_TEXT = `${DIAGNOSTIC}.reading:read_answers_text`;
const MERGE = `${DIAGNOSTIC}.merge:merge_respondents`;
export const DECODE_LINK = `${DIAGNOSTIC}.fragments:decode_link`;
export const MAX_FILE_BYTES = 1_000_000;

export function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Pasted links, one per line, as merge sources: `{label: "link 2", fragment: "#v1:…"}`.
 * A line may be a whole address or just its fragment; blank lines are skipped. Lines with no
 * answers in them are returned in `errors`.
 */
export function linksToSources(text) {
  const sources = [];
  const errors = [];
  const lines = String(text ?? "").split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const label = `link on line ${index + 1}`;
    const hash = trimmed.indexOf("#");
    const fragment = hash >= 0 ? trimmed.slice(hash) : /^[a-z]\d+:/.test(trimmed) ? `#${trimmed}` : "";
    if (fragment.length < 2) errors.push(`${label}: no answers in it (a link to your answers has a # followed by them)`);
    else sources.push({ label, fragment });
  });
  return { sources, errors };
}

/** A read (read_answers_document's output) as a document merge_respondents accepts. */
export function asDocument(read) {
  const record = {};
  if (read.record?.service) record.service = read.record.service;
  if (read.record?.date) record.date = read.record.date;
  if (read.mode === "team") {
    return { respondents: read.respondents.map(({ name, role, answers }) => ({ name, ...(role ? { role } : {}), answers: answers ?? {} })), ...record };
  }
  const document_ = { answers: read.answers ?? {}, ...record };
  if (read.name) document_.name = read.name;
  if (read.role) document_.role = read.role;
  return document_;
}

/**
 * Read an answers file's text strictly, as the command line does. Returns `{result: read}`
 * (read_answers_document's output: `{mode, answers | respondents, name, role, record}`) or
 * `{error}`, one line starting with the file's name.
 */
export async function readAnswersFile(call, data, text, name) {
  const outcome = await call(READ_TEXT, { data, text, name });
  if (outcome.internal && !/\.json$/i.test(name)) {
    // PyYAML is not part of the browser runtime.
    return { error: `${name}: this page can read JSON answers files only; save the file as JSON (the format "Download answers" gives) or use the command line for YAML.` };
  }
  return outcome;
}

/** Add sources to the team so far (Python's merge_respondents: duplicates reported, never added twice). */
export function mergeSources(call, data, sources, respondents) {
  return call(MERGE, { data, sources, respondents });
}
