// The fuzzer's event forms, one per trigger kind: the bytes a handler receives, drawn from the
// vendor's samples and the kind's schema, broken a little or a lot, then parsed by both languages
// (parseEvent here, fc_context.events.parse in the worker) to the same value or the same issues.
import { createRequire } from "node:module";
import fc from "fast-check";
import { encodeCbor } from "../../../spec/events/encode-cbor.mjs";
import { readSamples } from "../../../spec/events/read-samples.mjs";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { type Json, nearValid } from "./arbitraries.js";

type Schema = { readonly [key: string]: unknown };
type Issue = { readonly path: string; readonly keyword: string };
type Parse = (bytes: Uint8Array) => { ok: true; value: unknown } | { ok: false; issues: readonly Issue[] };

/** A case of an event form: the bytes, as base64 so that both languages read the same ones. */
export interface EventCase {
  readonly bytes: string;
}

export type EventFormName = `event-${string}`;

/** Every kind of the spec, as its form's name. */
export const EVENT_FORMS: readonly EventFormName[] = layoutEvents().map((event) => `event-${event.kind}` as const);

const require = createRequire(import.meta.url);

export interface EventForm {
  readonly name: EventFormName;
  readonly worker: { readonly form: "event"; readonly kind: string };
  readonly cases: fc.Arbitrary<unknown>;
  run(
    input: unknown,
  ):
    | { readonly value: unknown }
    | { readonly issues: ReadonlyArray<readonly [string, string]> }
    | { readonly crash: string };
}

export async function eventForms(): Promise<EventForm[]> {
  const forms: EventForm[] = [];
  for (const { kind, arrives, title } of layoutEvents()) {
    const module = (await import(/* @vite-ignore */ `@fc-context/validators/events/${kind}`)) as Record<string, Parse>;
    const parse = module[`parse${title}`]!;
    forms.push({
      name: `event-${kind}`,
      worker: { form: "event", kind },
      cases: bytesOf(eventValues(kind), arrives),
      run: (input) => parsed(parse, input as EventCase),
    });
  }
  return forms;
}

/**
 * Values of a kind as a handler may decode them: its vendor samples and values drawn from its
 * schema, valid or near it (a member taken away, one of another type, one added).
 */
export function eventValues(kind: string): fc.Arbitrary<Json> {
  const schema = require(`@fc-context/validators/events/${kind}/schema.json`) as Schema;
  const samples = readSamples(kind)
    .filter((sample) => sample.value !== undefined)
    .map((sample) => sample.value as Json);
  const valid = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...(samples.length > 0 ? samples : [null])) },
    { weight: 2, arbitrary: eventValue(schema, schema) },
  );
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: nearValid(valid, []) });
}

/** What TypeScript makes of a case, in the shape the worker writes Python's. */
function parsed(parse: Parse, input: EventCase): ReturnType<EventForm["run"]> {
  try {
    const result = parse(Uint8Array.from(Buffer.from(input.bytes, "base64")));
    if (!result.ok) return { issues: result.issues.map((issue) => [issue.path, issue.keyword] as const) };
    return { value: comparable(result.value) };
  } catch (error) {
    return { crash: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** A parsed value as the worker writes Python's: big ints and bytes marked, as canonical() compares them. */
function comparable(value: unknown): unknown {
  if (typeof value === "bigint")
    return value > -(10n ** 21n) && value < 10n ** 21n ? { __int__: String(value) } : Number(value);
  if (value instanceof Uint8Array) return { __bytes__: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]));
  return value;
}

/**
 * The bytes of a value as a trigger sends them (JSON text, spaced or after a byte order mark; CBOR
 * for a CBOR kind; plain text for a kind that takes it), and sometimes those bytes corrupted.
 */
function bytesOf(values: fc.Arbitrary<Json>, arrives: string): fc.Arbitrary<EventCase> {
  const encodings = [
    ...["json", "spaced", "bom", "floaty", "huge"],
    ...(arrives === "cbor" ? ["cbor", "cbor", "cbor", "cbor-huge"] : []),
  ];
  const encoded = fc.tuple(values, fc.constantFrom(...encodings)).map(([value, how]) => encode(value, how));
  const text = fc.string({ maxLength: 40, unit: "grapheme" }).map((t) => Buffer.from(t, "utf8"));
  const whole = arrives === "json-or-text" ? fc.oneof({ weight: 4, arbitrary: encoded }, text) : encoded;
  return fc
    .tuple(whole, fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: corruption }))
    .map(([bytes, damage]) => ({ bytes: (damage === null ? bytes : damage(bytes)).toString("base64") }));
}

// an integer literal of JSON text outside strings, more or less: after [ , or : and before , ] or }
const INTEGER = /(?<=[[,:])(-?\d+)(?=[,\]}])/g;

/**
 * The value's bytes: JSON text plain, spaced, after a byte order mark, with its integers written as
 * 1.0 and 1e0 (floaty), or with one past 2**64 (huge); CBOR, with its integers past 2**53 (cbor-huge).
 */
function encode(value: Json, how: string): Buffer {
  if (how === "cbor" || how === "cbor-huge") return Buffer.from(encodeCbor(how === "cbor" ? value : huge(value)));
  let text = JSON.stringify(value, null, how === "spaced" ? 1 : undefined) ?? "null";
  if (how === "floaty")
    text = text.replace(INTEGER, (digits, _all, at: number) => (at % 2 ? `${digits}.0` : `${digits}e0`));
  if (how === "huge") text = text.replace(INTEGER, (digits) => `${digits}18446744073709551617`);
  return Buffer.from(how === "bom" ? `\ufeff${text}` : text, "utf8");
}

/** A value with each integer made a BigInt past 2**53 - 1 and within 64 bits, of the same sign. */
function huge(value: Json): unknown {
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    const magnitude = (BigInt(Math.abs(value)) % 2n ** 22n) * 2n ** 40n + 2n ** 53n + 1n;
    return value < 0 ? -magnitude : magnitude;
  }
  if (Array.isArray(value)) return value.map(huge);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, huge(item)]));
  return value;
}

/** Damage as the network or a bad client does it: cut short, a byte changed, a byte put in. */
const corruption: fc.Arbitrary<(bytes: Buffer) => Buffer> = fc.oneof(
  fc.nat().map((at) => (bytes: Buffer) => bytes.subarray(0, at % (bytes.length + 1))),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => (bytes: Buffer) => {
    const out = Buffer.from(bytes);
    if (out.length > 0) out[at % out.length] = byte;
    return out;
  }),
  fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x22, 0x5c, 0x7b, 0x80, 0xc3, 0xff)).map(([at, byte]) => (bytes: Buffer) => {
    const cut = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from([byte]), bytes.subarray(cut)]);
  }),
);

/**
 * A value of an event schema as its keywords draw it: $ref, const, enum, anyOf, allOf, types,
 * properties (the required ones always, the others sometimes), maps, arrays of one to three items.
 */
export function eventValue(schema: Schema, root: Schema, depth = 0): fc.Arbitrary<Json> {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    return eventValue((root.$defs as Record<string, Schema>)[name]!, root, depth + 1);
  }
  if (Object.hasOwn(schema, "const")) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf))
    return fc.oneof(...((schema.anyOf ?? schema.oneOf) as Schema[]).map((form) => eventValue(form, root, depth + 1)));
  if (Array.isArray(schema.allOf)) {
    // the parts' members together: the envelope of a CloudEvent and the kind's own members
    const parts = (schema.allOf as Schema[]).map((part) => resolved(part, root));
    const merged: Schema = {
      type: "object",
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), schema.properties ?? {}),
      required: [...parts.flatMap((p) => (p.required ?? []) as string[]), ...((schema.required ?? []) as string[])],
    };
    return eventValue(merged, root, depth + 1);
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"]) as string[];
  return fc.oneof(...types.map((type) => single(type, schema, root, depth)));
}

function resolved(schema: Schema, root: Schema): Schema {
  if (typeof schema.$ref !== "string") return schema;
  return resolved((root.$defs as Record<string, Schema>)[schema.$ref.replace("#/$defs/", "")]!, root);
}

function single(type: string, schema: Schema, root: Schema, depth: number): fc.Arbitrary<Json> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 31 }) },
        { weight: 1, arbitrary: fc.maxSafeInteger() },
      );
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "string":
      if (schema.contentMediaType === "application/json")
        return fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value));
      return fc.string({ minLength: typeof schema.minLength === "number" ? schema.minLength : 0, maxLength: 16 });
    case "array": {
      const items = typeof schema.items === "object" ? (schema.items as Schema) : {};
      const least = typeof schema.minItems === "number" ? schema.minItems : 0;
      return fc.array(eventValue(items, root, depth + 1), { minLength: least, maxLength: Math.max(least, 3) });
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, eventValue(p, root, depth + 1)])),
        { requiredKeys: ((schema.required ?? []) as string[]).filter((key) => key in properties) },
      ) as fc.Arbitrary<Record<string, Json>>;
      if (typeof schema.additionalProperties !== "object" || Object.keys(properties).length > 0) return record;
      return fc.dictionary(
        fc.string({ maxLength: 12 }),
        eventValue(schema.additionalProperties as Schema, root, depth + 1),
        {
          maxKeys: 4,
        },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: depth > 4 ? 0 : 2 }) as fc.Arbitrary<Json>;
  }
}
