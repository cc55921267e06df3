import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Vector {
  readonly name: string;
  readonly valid: boolean;
  readonly description: string;
  readonly fault?: string;
  readonly value: unknown;
}

/** The shared vectors of a runtime folder under spec/vectors/. */
export function loadVectors(runtime: string): Vector[] {
  const dir = path.join(repoRoot, "spec/vectors", runtime);
  return (["valid", "invalid"] as const).flatMap((kind) =>
    readdirSync(path.join(dir, kind))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => {
        const data = JSON.parse(readFileSync(path.join(dir, kind, file), "utf8")) as Omit<Vector, "name" | "valid">;
        return { ...data, name: `${kind}/${file}`, valid: kind === "valid" };
      }),
  );
}

/** Every string in a value, for checking that no message repeats one. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value !== null && typeof value === "object") for (const child of Object.values(value)) stringsIn(child, out);
  return out;
}
