// The one reader of the shared vectors, for every package's tests (the format: README.md here).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runtimeOfId } from "../read-layout.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The vectors of a runtime, valid then invalid, sorted by name: those of its model, stored once in
 * the folder of the model's first runtime (the layout's "model": python3.9 reads python3/).
 */
export function readVectors(runtime, kinds = ["valid", "invalid"]) {
  const folder = vectorFolder(runtime);
  return kinds.flatMap((kind) =>
    readdirSync(path.join(root, folder, kind))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => ({
        ...JSON.parse(readFileSync(path.join(root, folder, kind, file), "utf8")),
        name: `${kind}/${file}`,
        valid: kind === "valid",
      })),
  );
}

/** The folder holding a runtime's vectors: its model's (an unknown id names its own folder). */
export function vectorFolder(runtime) {
  return runtimeOfId(runtime)?.model ?? runtime;
}

/** Every string inside a value: what no message may repeat. */
export function stringsIn(value) {
  if (typeof value === "string") return [value];
  return value !== null && typeof value === "object" ? Object.values(value).flatMap(stringsIn) : [];
}

/** The differential fuzzer's findings (findings/README.md): inputs both languages must agree on. */
export function readFindings() {
  const dir = path.join(root, "findings");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file, ...JSON.parse(readFileSync(path.join(dir, file), "utf8")) }));
}
