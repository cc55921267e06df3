import { wrapProse } from "./wrap-prose.js";

type Json = Record<string, unknown>;

/**
 * A schema without the spec's own annotations (x-*), which mean nothing to a compiler. With
 * `descriptions`, each description is wrapped (json-schema-to-typescript writes its lines into the
 * JSDoc as they are; 80 columns leave room for the deepest nesting within 120); without, the
 * prose goes too (what a validator embeds needs none of it).
 */
export function withoutAnnotations(node: unknown, options: { descriptions: boolean }): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutAnnotations(item, options));
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-")) continue;
    if (key === "properties" || key === "$defs") {
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, child]) => [name, withoutAnnotations(child, options)]),
      );
    } else if (key === "description" || key === "examples" || key === "title") {
      if (!options.descriptions) continue;
      out[key] = key === "description" && typeof value === "string" ? wrapProse(value, 80) : value;
    } else out[key] = withoutAnnotations(value, options);
  }
  return out;
}
