import path from "node:path";
import { joinPointer } from "../load/json-pointer.js";
import type { EventTree } from "../load/load-events.js";
import type { SpecFile } from "../load/load-spec.js";
import {
  definitionSchema,
  type EventEncoding,
  type EventFamily,
  type EventKind,
  type EventSample,
  type SourceKey,
  type WsgiSpec,
} from "../model.js";
import { issueAt, SpecError, type SpecIssue } from "../spec-error.js";
import { checkGoStruct } from "./go-struct.js";
import { ID_BASE } from "./id-base.js";
import { normalizeSources } from "./normalize-sources.js";

type Json = Record<string, unknown>;

/**
 * The events' family from a tree that passed its meta-schema: each kind's id is its file's name,
 * every file has the spec's version and a versioned $id, the sources are tied to the registry both
 * ways, and each kind's schema is made self-contained: a $ref into spec/events/shared/ becomes a
 * $ref to a copy of that definition in the kind's own $defs. Collects every issue first.
 */
export function normalizeEvents(tree: EventTree | undefined, specVersion: string): EventFamily {
  if (tree === undefined) return { sources: [], kinds: [] };
  const issues: SpecIssue[] = [];
  const sources = normalizeSources(tree, issues);
  for (const file of tree.files) {
    const value = file.value as Json;
    if (value["x-spec-version"] !== specVersion)
      issues.push(
        issueAt(file, "/x-spec-version", `the spec version of every file (${specVersion})`, value["x-spec-version"]),
      );
    const id = `${ID_BASE}/${specVersion}/events/${path.posix.relative(tree.dir, file.path)}`;
    if (value.$id !== id) issues.push(issueAt(file, "/$id", `the $id ${id}`, value.$id));
  }
  const kinds: EventKind[] = [];
  for (const file of tree.files.filter((file) => Object.hasOwn(file.value as Json, "x-event"))) {
    const value = file.value as Json;
    const event = value["x-event"] as Json;
    const name = path.posix.basename(file.path, ".schema.json");
    if (event.kind !== name) issues.push(issueAt(file, "/x-event/kind", `the file's name, ${name}`, event.kind));
    const schema = bundle(file, tree, issues);
    const example = sampleExample(tree, name) ?? {
      value: built(schema, schema),
      from: `${file.path} (built from the schema)`,
    };
    const response = responseOf(file, schema, event.response, issues);
    const goStruct =
      event.goStruct === undefined
        ? undefined
        : checkGoStruct(
            file,
            event.goStruct as Json,
            schema,
            response === undefined ? undefined : definitionSchema(schema, response),
            issues,
          );
    kinds.push({
      kind: event.kind as string,
      title: value.title as string,
      description: value.description as string,
      arrives: event.arrives as EventEncoding,
      generations: event.generations as Array<"fc2" | "fc3">,
      delivery: event.description as string,
      sources: event["x-source"] as SourceKey[],
      file: file.path,
      schemaId: value.$id as string,
      schema,
      example,
      samples: samplesOf(tree, name, issues),
      ...(response !== undefined && { response }),
      ...(goStruct !== undefined && { goStruct }),
    });
  }
  const wsgi = wsgiOf(tree, issues);
  if (issues.length > 0) throw new SpecError(issues);
  return { sources, kinds: kinds.sort((a, b) => (a.kind < b.kind ? -1 : 1)), ...(wsgi !== undefined && { wsgi }) };
}

/** A kind's schema with every definition it reaches in a shared file copied into its $defs. */
function bundle(file: SpecFile, tree: EventTree, issues: SpecIssue[]): Json {
  const own = ((file.value as Json).$defs ?? {}) as Json;
  const copied: Json = {};
  const copiedFrom = new Map<string, string>();
  const rewrite = (node: unknown, from: SpecFile, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => rewrite(item, from, joinPointer(pointer, index)));
    if (typeof node !== "object" || node === null) return node;
    const out: Json = {};
    for (const [key, child] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      out[key] = key === "$ref" && typeof child === "string" ? target(child, from, at) : rewrite(child, from, at);
    }
    return out;
  };
  const target = (ref: string, from: SpecFile, pointer: string): string => {
    const match = /^([^#]*)#\/\$defs\/([A-Za-z][A-Za-z0-9]*)$/.exec(ref);
    if (match === null) {
      issues.push(issueAt(from, pointer, "a $ref to a definition: #/$defs/<Name> or <file>#/$defs/<Name>", ref));
      return ref;
    }
    const [, relative, name] = match as unknown as [string, string, string];
    const holder =
      relative === ""
        ? from
        : tree.files.find((other) => other.path === path.posix.join(path.posix.dirname(from.path), relative));
    const definition = ((holder?.value as Json | undefined)?.$defs as Json | undefined)?.[name];
    if (holder === undefined || definition === undefined) {
      issues.push(issueAt(from, pointer, "a $ref to a definition that exists", ref));
      return ref;
    }
    if (holder === file) return `#/$defs/${name}`;
    // a copied definition keeps its name: it must not meet another of the same name
    const earlier = copiedFrom.get(name) ?? (Object.hasOwn(own, name) ? file.path : undefined);
    if (earlier !== undefined && earlier !== holder.path) {
      issues.push(issueAt(from, pointer, `a definition whose name ${earlier} does not define too (${name})`, ref));
      return ref;
    }
    if (!copiedFrom.has(name)) {
      copiedFrom.set(name, holder.path); // before the walk, so a definition that refers to itself ends
      copied[name] = rewrite(definition, holder, `/$defs/${name}`);
    }
    return `#/$defs/${name}`;
  };
  const schema = rewrite(file.value, file, "") as Json;
  const { $defs, ...rest } = schema;
  const defs = { ...(($defs as Json | undefined) ?? {}), ...copied };
  return Object.keys(defs).length > 0 ? { ...rest, $defs: defs } : rest;
}

/** The WSGI spec (the one file with x-wsgi), its request and response params definitions its own. */
function wsgiOf(tree: EventTree, issues: SpecIssue[]): WsgiSpec | undefined {
  const files = tree.files.filter((file) => Object.hasOwn(file.value as Json, "x-wsgi"));
  for (const extra of files.slice(1))
    issues.push(issueAt(extra, "/x-wsgi", `the only x-wsgi file (${files[0]!.path} is)`));
  const file = files[0];
  if (file === undefined) return undefined;
  const value = file.value as Json;
  const wsgi = value["x-wsgi"] as Json;
  const schema = bundle(file, tree, issues);
  const def = (key: "request" | "response") => {
    const name = String(wsgi[key]).replace(/^#\/\$defs\//, "");
    if (!Object.hasOwn((schema.$defs ?? {}) as Json, name))
      issues.push(issueAt(file, `/x-wsgi/${key}`, "a definition of the file's own $defs", wsgi[key]));
    return name;
  };
  return {
    file: file.path,
    schemaId: value.$id as string,
    title: value.title as string,
    description: value.description as string,
    delivery: wsgi.description as string,
    sources: wsgi["x-source"] as SourceKey[],
    schema,
    request: def("request"),
    response: def("response"),
  };
}

/** The name of the definition x-event.response points at, which must be one of the kind's own. */
function responseOf(file: SpecFile, schema: Json, pointer: unknown, issues: SpecIssue[]): string | undefined {
  if (pointer === undefined) return undefined;
  const name = String(pointer).replace(/^#\/\$defs\//, "");
  if (!Object.hasOwn((schema.$defs ?? {}) as Json, name)) {
    issues.push(issueAt(file, "/x-event/response", "a definition of the file's own $defs", pointer));
    return undefined;
  }
  return name;
}

/** A kind's samples as the docs list them; a sample file out of shape is an issue, not a crash. */
function samplesOf(tree: EventTree, kind: string, issues: SpecIssue[]): EventSample[] {
  const samples: EventSample[] = [];
  for (const file of tree.samples.filter((file) => file.path.startsWith(`${tree.dir}/samples/${kind}/`))) {
    const sample = file.value as Json;
    const verdict = sample.verdict as unknown;
    const vendorError = (verdict as Json | null)?.vendorError;
    const before = issues.length;
    if (!SOURCE_ORDER.includes(sample.source as string))
      issues.push(issueAt(file, "/source", `one of ${SOURCE_ORDER.join(", ")}`, sample.source));
    if (!["fc2", "fc3", "both"].includes(sample.generation as string))
      issues.push(issueAt(file, "/generation", "fc2, fc3 or both", sample.generation));
    if (typeof sample.origin !== "string" || sample.origin === "")
      issues.push(issueAt(file, "/origin", "where the sample was published, a non-empty string", sample.origin));
    if (verdict !== "valid" && (typeof vendorError !== "string" || vendorError === ""))
      issues.push(issueAt(file, "/verdict", '"valid" or {"vendorError": "why the sample is not an event"}', verdict));
    if (issues.length > before) continue;
    samples.push({
      file: file.path,
      source: sample.source as EventSample["source"],
      generation: sample.generation as EventSample["generation"],
      origin: sample.origin as string,
      ...(verdict !== "valid" && { vendorError: vendorError as string }),
    });
  }
  return samples;
}

const SOURCE_ORDER = ["doc", "go-sdk", "template", "observed"];

/**
 * The first valid sample of a kind a fake may start from: by source (a doc's first) and generation
 * (FC 3.0 first), then name.
 * A sample holding an integer JSON numbers cannot carry exactly (Tablestore's int64) is passed over.
 */
function sampleExample(tree: EventTree, kind: string): EventKind["example"] | undefined {
  const candidates = tree.samples
    .filter((file) => file.path.startsWith(`${tree.dir}/samples/${kind}/`))
    .map((file) => ({ file, sample: file.value as Json }))
    .filter(({ sample }) => sample.verdict === "valid")
    .map(({ file, sample }) => ({
      file,
      // a doc's first, then the Go SDK's, a template's, an observed one; today's FC 3.0 before FC 2.0
      rank: 2 * SOURCE_ORDER.indexOf(String(sample.source)) + (sample.generation === "fc2" ? 1 : 0),
      value: Object.hasOwn(sample, "event") ? sample.event : sample.event_decoded,
    }))
    .filter(({ value }) => value !== undefined && exact(value))
    .sort((a, b) => a.rank - b.rank || (a.file.path < b.file.path ? -1 : 1));
  const first = candidates[0];
  return first === undefined ? undefined : { value: first.value, from: first.file.path };
}

function exact(value: unknown): boolean {
  if (typeof value === "number") return !Number.isInteger(value) || Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(exact);
  return value === null || typeof value !== "object" || Object.values(value).every(exact);
}

/** A value of a schema built from its examples, or else the least its types allow: the required members only. */
function built(root: Json, node: unknown): unknown {
  if (typeof node !== "object" || node === null) return null;
  const schema = node as Json;
  if (typeof schema.$ref === "string")
    return built(root, ((root.$defs ?? {}) as Json)[schema.$ref.replace(/^#\/\$defs\//, "")]);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Object.hasOwn(schema, "const")) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return built(root, schema.anyOf[0]);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type =
    types.find((t) => t !== "null") ?? (Array.isArray(schema.allOf) || schema.properties ? "object" : types[0]);
  switch (type) {
    case "string":
      return "";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? Math.max(0, schema.minimum) : 0;
    case "boolean":
      return false;
    case "array":
      return typeof schema.minItems === "number" && schema.minItems > 0
        ? Array.from({ length: schema.minItems }, () => built(root, schema.items))
        : [];
    case "object": {
      const out: Json = {};
      for (const part of (schema.allOf ?? []) as unknown[]) Object.assign(out, built(root, part) as Json);
      const properties = (schema.properties ?? {}) as Json;
      for (const name of (schema.required ?? []) as string[]) out[name] = built(root, properties[name]);
      return out;
    }
    default:
      return type === "null" ? null : "";
  }
}
