import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./spec-fixture.js";

type Json = Record<string, unknown>;

/** A shared vector's value (spec/vectors/<runtime>/<kind>/<name>.json). */
function vector(runtime: string, name: string): Json {
  return (JSON.parse(readFileSync(path.join(repoRoot, "spec/vectors", runtime, `${name}.json`), "utf8")) as { value: Json }).value;
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
