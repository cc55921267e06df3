type Json = Record<string, unknown>;

/** One place in an event, as the docs' field table lists it. */
export interface EventField {
  /** `events[].oss.bucket.name`; `[]` an array's element, `{*}` a map's value, "(root)" the event. */
  readonly path: string;
  /** JSON types, merged over every branch that reaches the path: "string", "integer", "object"... */
  readonly types: readonly string[];
  /** Required wherever its parent object holds it. */
  readonly required: boolean;
  readonly description: string;
  readonly sources: readonly string[];
  readonly unit?: string;
  /** The values it may take, where the schema fixes them. */
  readonly values?: readonly unknown[];
}

/** A place where a source says otherwise than the spec, as the docs' disagreement table lists it. */
export interface EventClaim {
  readonly path: string;
  readonly claim: string;
  readonly truth: string;
  readonly source: string;
  readonly evidence: readonly string[];
}

interface Place {
  types: Set<string>;
  required: boolean;
  description: string;
  sources: Set<string>;
  unit?: string;
  values?: unknown[];
}

/**
 * Every place of a kind's schema by path, in the order the schema first reaches it: what a reader
 * of the event meets, whichever branch (single or batch, JSON or text form) it arrives in.
 */
export function eventFields(schema: Json): { fields: EventField[]; claims: EventClaim[] } {
  const places = new Map<string, Place>();
  const claims: EventClaim[] = [];
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const seenClaims = new Set<unknown>();

  const visit = (node: unknown, path: string, required: boolean, through: readonly string[]): void => {
    if (typeof node !== "object" || node === null) return;
    const n = node as Json;
    if (typeof n.$ref === "string") {
      const name = n.$ref.replace(/^#\/\$defs\//, "");
      if (through.includes(name)) return; // a definition that holds itself is listed once
      note(path, required, n);
      visit(defs[name], path, required, [...through, name]);
      return;
    }
    note(path, required, n);
    for (const key of ["anyOf", "oneOf", "allOf"] as const)
      if (Array.isArray(n[key])) for (const branch of n[key] as unknown[]) visit(branch, path, required, through);
    for (const key of ["then", "else"] as const) visit(n[key], path, required, through);
    const props = (n.properties ?? {}) as Json;
    const requiredNames = Array.isArray(n.required) ? (n.required as string[]) : [];
    for (const [name, child] of Object.entries(props))
      visit(child, join(path, name), requiredNames.includes(name), through);
    if (typeof n.additionalProperties === "object") visit(n.additionalProperties, join(path, "{*}"), true, through);
    if (typeof n.items === "object") visit(n.items, `${path === "(root)" ? "" : path}[]`, true, through);
  };

  const note = (path: string, required: boolean, n: Json): void => {
    let place = places.get(path);
    if (place === undefined) {
      place = { types: new Set(), required, description: "", sources: new Set() };
      places.set(path, place);
    }
    place.required &&= required;
    for (const type of typesOf(n)) place.types.add(type);
    if (place.description === "" && typeof n.description === "string") place.description = n.description;
    for (const key of (n["x-source"] ?? []) as string[]) place.sources.add(key);
    if (typeof n["x-unit"] === "string") place.unit = n["x-unit"];
    const fixed = Object.hasOwn(n, "const") ? [n.const] : Array.isArray(n.enum) ? n.enum : undefined;
    if (fixed !== undefined) place.values = [...new Set([...(place.values ?? []), ...fixed])];
    for (const claim of (n["x-vendor-doc"] ?? []) as Json[]) {
      if (seenClaims.has(claim)) continue;
      seenClaims.add(claim);
      claims.push({
        path,
        claim: claim.claim as string,
        truth: claim.truth as string,
        source: claim.source as string,
        evidence: claim.evidence as string[],
      });
    }
  };

  visit(schema, "(root)", true, []);
  const fields = [...places].map(([path, place]) => ({
    path,
    types: [...place.types],
    required: place.required,
    description: place.description,
    sources: [...place.sources],
    ...(place.unit !== undefined && { unit: place.unit }),
    ...(place.values !== undefined && { values: place.values }),
  }));
  return { fields, claims };
}

const join = (path: string, name: string): string => (path === "(root)" ? name : `${path}.${name}`);

function typesOf(n: Json): string[] {
  if (Object.hasOwn(n, "const")) return [jsonType(n.const)];
  if (Array.isArray(n.enum)) return [...new Set(n.enum.map(jsonType))];
  if (n.type === undefined) return [];
  return Array.isArray(n.type) ? (n.type as string[]) : [n.type as string];
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
