import { readVectors } from "../../../../spec/vectors/read-vectors.mjs";

type Json = Record<string, unknown>;

/** A shared vector's value, by runtime and "<kind>/<name>". */
function vector(runtime: string, name: string): Json {
  return readVectors(runtime).find((v) => v.name === `${name}.json`)!.value as Json;
}

/** Realistic attribute-view contexts as the runtime builds them. */
export const classicContext = vector("python3.9", "valid/no-role-tracing-off");
export const python312Context = vector("python3.12", "valid/logging-and-alias");

/** A copy of value changed by edit. */
export function edited(value: Json, edit: (copy: Json) => void): Json {
  const copy = structuredClone(value);
  edit(copy);
  return copy;
}
