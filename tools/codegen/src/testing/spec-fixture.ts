import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Every file under a folder with its contents, to compare a tree before and after. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const snapshot: Record<string, string> = {};
  for (const file of files.sort()) snapshot[path.relative(dir, file)] = await readFile(file, "utf8");
  return snapshot;
}
