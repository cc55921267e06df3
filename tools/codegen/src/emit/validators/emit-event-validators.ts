import { readFileSync } from "node:fs";
import { type EventKind, type Model, responseSchema } from "../../model.js";
import { eventBanner, eventBannerComment } from "../banner.js";
import { article, lowerFirst } from "../names.js";
import { withoutAnnotations } from "../without-annotations.js";
import { jsDoc } from "../wrap-prose.js";
import { standaloneValidator } from "./standalone-validator.js";

// The events' issue walker is part of the generator, like a template: copied in as it is.
const RUNTIME_SOURCE = readFileSync(new URL("./event-runtime.js", import.meta.url), "utf8");
const RUNTIME_DECLARATIONS = readFileSync(new URL("./event-runtime.d.ts", import.meta.url), "utf8");

/**
 * The validators of the trigger events: per kind an ES module (events/<kind>.js) with a precompiled
 * ajv guard (is<Event>) and validate<Event> and assert<Event>, which list every fault of an invalid
 * event by JSON pointer (events/runtime.js walks the kind's schema for them); the kind's schema
 * (events/<kind>.schema.json); events/index.js with every kind's validators by id.
 */
export function eventValidatorFiles(model: Model): Map<string, string> {
  const files = new Map<string, string>();
  const { kinds } = model.events;
  if (kinds.length === 0) return files;
  files.set("events/runtime.js", `${eventBanner(model, undefined, "//")}\n${RUNTIME_SOURCE}`);
  files.set("events/runtime.d.ts", `${eventBanner(model, undefined, "//")}\n${RUNTIME_DECLARATIONS}`);
  for (const event of kinds) {
    files.set(`events/${event.kind}.js`, kindModule(model, event));
    files.set(`events/${event.kind}.d.ts`, kindDeclarations(model, event));
    const comment = eventBannerComment(model, event);
    files.set(
      `events/${event.kind}.schema.json`,
      `${JSON.stringify({ $comment: comment, ...event.schema }, null, 2)}\n`,
    );
  }
  files.set("events/index.js", indexModule(model));
  files.set("events/index.d.ts", indexDeclarations(model));
  return files;
}

function kindModule(model: Model, event: EventKind): string {
  const schema = withoutAnnotations(event.schema, { descriptions: false }) as Record<string, unknown>;
  // every $ref replaced by its definition: ajv then writes one function, which the guard needs
  const guard = standaloneValidator(inlined(schema), { fast: true, countCodePoints: false, bigint: true });
  const { title } = event;
  return `${eventBanner(model, event, "//")}
import {${event.response === undefined ? "" : " bodyBytes,"}
  decodeEvent,
  EventValidationError,
  eventIssues,${event.response === undefined ? "" : "\n  responseOf,"}
} from "./runtime.js";

export { EventValidationError };
export const kind = ${JSON.stringify(event.kind)};
export const specVersion = ${JSON.stringify(model.specVersion)};
export const schemaId = ${JSON.stringify(event.schemaId)};

// the kind's schema, walked for the issues of an invalid event
const schema = ${JSON.stringify(schema)};

// ajv standalone code, compiled at generation time: stops at the first fault, builds no errors,
// and returns false where reading the value throws
export const is${title} = ${guard};

export function validate${title}(value) {
  if (is${title}(value)) return { ok: true, value };
  const issues = eventIssues(schema, value);
  return { ok: false, issues: issues.length > 0 ? issues : [{ path: "", keyword: "schema", message: "not valid" }] };
}

export function assert${title}(value) {
  const result = validate${title}(value);
  if (!result.ok) throw new EventValidationError(kind, result.issues);
}

export function parse${title}(bytes) {
  const decoded = decodeEvent(${JSON.stringify(event.arrives)}, bytes);
  return decoded.ok ? validate${title}(decoded.value) : { ok: false, issues: [decoded.issue] };
}

export {
  assert${title} as assertEvent,
  is${title} as isEvent,
  parse${title} as parseEvent,
  validate${title} as validateEvent,
};
${responseModule(event)}`;
}

/** For a kind whose trigger reads the handler's return value: the response's builder and checks, the bodies' bytes. */
function responseModule(event: EventKind): string {
  const response = responseSchema(event);
  if (response === undefined) return "";
  const name = event.response!;
  const schema = withoutAnnotations(response, { descriptions: false }) as Record<string, unknown>;
  const guard = standaloneValidator(inlined(schema), { fast: true, countCodePoints: false });
  return `
// what a handler returns to answer the trigger
const responseSchema = ${JSON.stringify(schema)};

export const is${name} = ${guard};

export function validate${name}(value) {
  if (is${name}(value)) return { ok: true, value };
  const issues = eventIssues(responseSchema, value);
  return { ok: false, issues: issues.length > 0 ? issues : [{ path: "", keyword: "schema", message: "not valid" }] };
}

export function ${lowerFirst(name)}(body, init) {
  const value = responseOf(body, init);
  const result = validate${name}(value);
  if (!result.ok) throw new EventValidationError(kind, result.issues);
  return value;
}

export function ${lowerFirst(event.title)}Body(event) {
  return bodyBytes(kind, event);
}

export function ${lowerFirst(name)}Body(response) {
  return bodyBytes(kind, response);
}
`;
}

function responseDeclarations(event: EventKind): string {
  if (event.response === undefined) return "";
  const name = event.response;
  return `
${jsDoc(`True when value is what a handler returns to answer ${article(event.kind)} ${event.kind} trigger (${name}).`)}
export declare function is${name}(value: unknown): value is ${name};

${jsDoc(`Checks value as ${article(name)} ${name}, every fault by JSON pointer, as validate${event.title} does.`)}
export declare function validate${name}(value: unknown): EventValidationResult<${name}>;

${jsDoc(
  `The ${name} a handler returns: a string body as it is, bytes as base64 (isBase64Encoded true), any other ` +
    "value as JSON text with a Content-Type of application/json unless the headers name one. statusCode is " +
    "200 unless init gives it. Throws EventValidationError when the result is no valid response.",
)}
export declare function ${lowerFirst(name)}(body: ResponseBody, init?: ResponseInit): ${name};

${jsDoc(`The request's body bytes: decoded from base64 when isBase64Encoded says so, else the text's UTF-8.`)}
export declare function ${lowerFirst(event.title)}Body(event: Pick<${event.title}, "body" | "isBase64Encoded">): Uint8Array;

${jsDoc(`The response's body bytes, as the trigger sends them to the client.`)}
export declare function ${lowerFirst(name)}Body(response: ${name}): Uint8Array;
`;
}

function kindDeclarations(model: Model, event: EventKind): string {
  const { title } = event;
  const what = `${article(event.kind)} ${event.kind} event (${title}), as the handler decodes it`;
  return `${eventBanner(model, event, "//")}
import type { ${[title, ...(event.response === undefined ? [] : [event.response])].join(", ")} } from "@fc-context/types/events/${event.kind}";
import type { EventValidationResult${event.response === undefined ? "" : ", ResponseBody, ResponseInit"} } from "./runtime.js";

export type { ${[title, ...(event.response === undefined ? [] : [event.response])].join(", ")} };
${
  event.response === undefined
    ? 'export { EventValidationError, type EventIssue, type EventValidationResult } from "./runtime.js";'
    : `export {
  EventValidationError,
  type EventIssue,
  type EventValidationResult,
  type ResponseBody,
  type ResponseInit,
} from "./runtime.js";`
}

/** The trigger event kind these validators check. */
export declare const kind: ${JSON.stringify(event.kind)};
/** The version of the spec these validators were generated from. */
export declare const specVersion: ${JSON.stringify(model.specVersion)};
/** The $id of the kind's spec file. */
export declare const schemaId: ${JSON.stringify(event.schemaId)};

${jsDoc(`True when value is ${what}. Stops at the first fault and never throws, whatever value is.`)}
export declare function is${title}(value: unknown): value is ${title};

${jsDoc(
  `Checks value as ${what} and lists every fault: each issue has a JSON pointer \`path\`, a \`message\` ` +
    "saying what was expected, and the failed `keyword`. Messages never show a string's content.",
)}
export declare function validate${title}(value: unknown): EventValidationResult<${title}>;

${jsDoc(`Throws EventValidationError, whose message lists every issue, unless value is ${what}.`)}
export declare function assert${title}(value: unknown): asserts value is ${title};

${jsDoc(
  `Decodes the bytes a handler receives (${encodingWords(event)}) and checks the value as validate${title} ` +
    'does. Bytes that do not decode are one issue at the pointer "" with the keyword "read".',
)}
export declare function parse${title}(bytes: Uint8Array): EventValidationResult<${title}>;

export {
  assert${title} as assertEvent,
  is${title} as isEvent,
  parse${title} as parseEvent,
  validate${title} as validateEvent,
};
${responseDeclarations(event)}`;
}

function encodingWords(event: EventKind): string {
  if (event.arrives === "cbor") return "CBOR: byte strings become Uint8Array, integers past 2**53 - 1 BigInt";
  if (event.arrives === "json-or-text") return "a JSON object, or else the message text itself";
  return "UTF-8 JSON";
}

function indexModule(model: Model): string {
  const ids = model.events.kinds.map((e) => JSON.stringify(e.kind));
  return `${eventBanner(model, undefined, "//")}export { EventValidationError } from "./runtime.js";

export const eventKinds = Object.freeze([${ids.join(", ")}]);

export async function loadEventValidators(kind) {
  if (!eventKinds.includes(kind)) {
    const name = typeof kind === "string" ? JSON.stringify(kind) : \`(\${typeof kind})\`;
    throw new TypeError(\`unknown event kind \${name}: expected one of \${eventKinds.join(", ")}\`);
  }
  return import(\`./\${kind}.js\`);
}
`;
}

function indexDeclarations(model: Model): string {
  return `${eventBanner(model, undefined, "//")}
import type { EventKind, EventOf } from "@fc-context/types/events";
import type { EventValidationResult } from "./runtime.js";

export type { EventKind, EventOf };
export { EventValidationError, type EventIssue, type EventValidationResult } from "./runtime.js";

/** Every trigger event kind, by id. */
export declare const eventKinds: readonly EventKind[];

/** A kind's validators under their generic names, whichever the kind. */
export interface EventValidators<K extends EventKind> {
  readonly kind: K;
  isEvent(value: unknown): value is EventOf<K>;
  validateEvent(value: unknown): EventValidationResult<EventOf<K>>;
  assertEvent(value: unknown): asserts value is EventOf<K>;
  parseEvent(bytes: Uint8Array): EventValidationResult<EventOf<K>>;
}

${jsDoc("Loads a kind's validators by its id; an unknown id is a TypeError naming the kinds there are.")}
export declare function loadEventValidators<K extends EventKind>(kind: K): Promise<EventValidators<K>>;
`;
}

/** A schema with each $ref to #/$defs replaced by a copy of the definition (the event specs have no cycles). */
function inlined(schema: Record<string, unknown>): Record<string, unknown> {
  const defs = (schema.$defs ?? {}) as Record<string, unknown>;
  const expand = (node: unknown, seen: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => expand(item, seen));
    if (typeof node !== "object" || node === null) return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, expand(value, seen)]));
    if (typeof $ref !== "string") return out;
    const name = /^#\/\$defs\/(.+)$/.exec($ref)?.[1];
    if (name === undefined || !Object.hasOwn(defs, name)) throw new Error(`event schema: unresolvable $ref ${$ref}`);
    if (seen.includes(name)) throw new Error(`event schema: $ref cycle through ${name}`);
    const target = expand(defs[name], [...seen, name]) as Record<string, unknown>;
    // a $ref beside other keywords means both: allOf keeps them apart
    return Object.keys(out).length === 0 ? target : { allOf: [target, out] };
  };
  const { $defs: _defs, ...root } = schema;
  return expand(root, []) as Record<string, unknown>;
}
