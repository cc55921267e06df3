import { readdirSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The real spec's version (every file has it; `npm run version` changes it), for expected messages. */
export const realSpecVersion: string = (() => {
  const first = readdirSync(path.join(repoRoot, "spec"))
    .filter((name) => name.endsWith(".schema.json") && name !== "meta.schema.json")
    .sort()[0]!;
  return JSON.parse(readFileSync(path.join(repoRoot, "spec", first), "utf8"))["x-spec-version"];
})();

/** Every file under a folder with its contents, to compare a tree before and after. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const snapshot: Record<string, string> = {};
  for (const file of files.sort()) snapshot[path.relative(dir, file)] = await readFile(file, "utf8");
  return snapshot;
}
