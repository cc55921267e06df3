import { joinPointer } from "../load/json-pointer.js";
import type { EventTree } from "../load/load-events.js";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import type { Source } from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";

type Json = Record<string, unknown>;

// capital letters and digits, in groups joined by hyphens (the events' registry has RUN-PY, TPL-S)
const KEY = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const URL_TEXT = /^https:\/\/[^\s/]+\.[^\s]+$/;

/**
 * Reads spec/sources.json, the spec's own registry of sources, and ties it to the spec: every
 * x-source key and vendor-doc source or evidence names a registered source, and every registered
 * source is cited somewhere, so the registry holds nothing stale and the spec nothing unexplained.
 */
export function normalizeSources(
  tree: Pick<SpecTree, "sources" | "files"> | Pick<EventTree, "sources" | "files">,
  issues: SpecIssue[],
): Source[] {
  const sources = readRegistry(tree.sources, issues);
  const known = new Set(sources.map((source) => source.key));
  const cited = new Set<string>();
  const listing = [...known].join(", ");
  for (const file of tree.files) {
    for (const { pointer, key } of citations(file.value, "")) {
      cited.add(key);
      if (!known.has(key))
        issues.push(
          issueAt(file, pointer, `a key of the Sources table in ${tree.sources.path} (one of ${listing})`, key),
        );
    }
  }
  sources.forEach((source, index) => {
    if (!cited.has(source.key)) {
      issues.push(
        issueAt(
          tree.sources,
          `/sources/${index}/key`,
          `a source the spec cites (no x-source names ${source.key}; cite it or remove it)`,
          source.key,
        ),
      );
    }
  });
  return sources;
}

function readRegistry(file: SpecFile, issues: SpecIssue[]): Source[] {
  const fail = (pointer: string, expected: string, found?: unknown) =>
    issues.push(found === undefined ? issueAt(file, pointer, expected) : issueAt(file, pointer, expected, found));
  const entries = (file.value as Json | null)?.sources;
  if (!Array.isArray(entries)) {
    fail("/sources", "a list of sources, each { key, title, urls, shows }");
    return [];
  }
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const [index, entry] of (entries as unknown[]).entries()) {
    const at = (key?: string) => (key === undefined ? `/sources/${index}` : joinPointer(`/sources/${index}`, key));
    if (typeof entry !== "object" || entry === null) {
      fail(at(), "a source object { key, title, urls, shows }", entry);
      continue;
    }
    const { key, title, urls, shows, ...rest } = entry as Json;
    for (const extra of Object.keys(rest)) fail(at(extra), `no property "${extra}" (allowed: key, title, urls, shows)`);
    if (typeof key !== "string" || !KEY.test(key)) {
      fail(at("key"), "a key of capital letters and digits (groups joined by hyphens), starting with a letter", key);
      continue;
    }
    if (seen.has(key)) fail(at("key"), "a key used by one source only", key);
    seen.add(key);
    if (typeof title !== "string" || title === "") fail(at("title"), "a non-empty title");
    if (typeof shows !== "string" || shows === "") fail(at("shows"), "a non-empty sentence on what the source shows");
    if (!Array.isArray(urls) || urls.length === 0) {
      fail(at("urls"), "at least one https URL where a reader finds the source");
      continue;
    }
    urls.forEach((url, urlIndex) => {
      if (typeof url !== "string" || !URL_TEXT.test(url)) fail(joinPointer(at("urls"), urlIndex), "an https URL", url);
    });
    out.push({ key, title: String(title), urls: urls.map(String), shows: String(shows) });
  }
  return out;
}

/** Every source key a spec file cites, with its pointer: x-source items, vendor-doc source and evidence. */
function citations(node: unknown, pointer: string): Array<{ pointer: string; key: string }> {
  if (Array.isArray(node)) return node.flatMap((item, index) => citations(item, joinPointer(pointer, index)));
  if (typeof node !== "object" || node === null) return [];
  const out: Array<{ pointer: string; key: string }> = [];
  for (const [name, value] of Object.entries(node)) {
    const at = joinPointer(pointer, name);
    if (name === "x-source" && Array.isArray(value)) {
      value.forEach((key, index) => {
        if (typeof key === "string") out.push({ pointer: joinPointer(at, index), key });
      });
    } else if (name === "x-vendor-doc" && Array.isArray(value)) {
      value.forEach((claim: unknown, index) => {
        const { source, evidence } = (claim ?? {}) as Json;
        if (typeof source === "string") out.push({ pointer: joinPointer(at, index, "source"), key: source });
        if (Array.isArray(evidence)) {
          evidence.forEach((key, e) => {
            if (typeof key === "string") out.push({ pointer: joinPointer(at, index, "evidence", e), key });
          });
        }
      });
    } else out.push(...citations(value, at));
  }
  return out;
}
