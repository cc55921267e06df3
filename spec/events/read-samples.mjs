// The one reader of the trigger events' samples (spec/events/samples/<kind>/*.json; the format:
// spec/events/README.md), for every package's tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "samples");

/**
 * A kind's samples, sorted by name, each with `bytes`: what the handler would receive, when a
 * source published it (the JSON text, the plain text; null for CBOR nobody published), and
 * `value`: the event as decoded (JSON's value, the text as a string, the published structure of a
 * CBOR event), or undefined where the published text is not JSON.
 */
export function readSamples(kind) {
  const dir = path.join(root, kind);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const sample = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      return { ...sample, name: file, ...decoded(sample) };
    });
}

function decoded(sample) {
  if (Object.hasOwn(sample, "event"))
    return { bytes: Buffer.from(JSON.stringify(sample.event), "utf8"), value: sample.event };
  if (Object.hasOwn(sample, "event_decoded"))
    return {
      bytes: sample.event_base64 === null ? null : Buffer.from(sample.event_base64, "base64"),
      value: sample.event_decoded,
    };
  return { bytes: Buffer.from(sample.event_text, "utf8"), value: undefined };
}

/**
 * Copies of an event each broken in one place, with the pointer of the fault: every member of every
 * object (arrays: their first item) taken away, and set to null. A copy the kind still accepts (an
 * optional member, a member of any type) is no near miss; a test tells by the validator's verdict.
 */
export function nearMisses(value) {
  const out = [];
  const visit = (node, path) => {
    if (Array.isArray(node)) {
      if (node.length > 0) visit(node[0], [...path, "0"]);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, key];
      const pointer = at.map((k) => `/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
      out.push([pointer, edit(value, at, undefined)], [pointer, edit(value, at, null)]);
      visit(child, at);
    }
  };
  visit(value, []);
  return out;
}

/** A copy of value with the member at path removed (to undefined) or set. */
function edit(value, path, to) {
  const copy = structuredClone(value);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  if (to === undefined) delete parent[path.at(-1)];
  else parent[path.at(-1)] = to;
  return copy;
}
