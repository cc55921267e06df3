import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * A throwaway repository root holding the given spec files (plus the real meta-schema) and an
 * existing generated folder, so a test can prove a failed run leaves that folder untouched.
 */
export async function makeSpecRoot(specFiles: string, options: { withMeta?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "fc-context-spec-"));
  await cp(specFiles, path.join(root, "spec"), {
    recursive: true,
    filter: (source) => path.basename(source) !== "expected.json",
  });
  if (options.withMeta ?? true)
    await cp(path.join(repoRoot, "spec/meta.schema.json"), path.join(root, "spec/meta.schema.json"));
  // a fixture may bring its own registry of sources; otherwise it cites the real one
  await cp(path.join(repoRoot, "spec/sources.json"), path.join(root, "spec/sources.json"), { force: false });
  await mkdir(path.join(root, "packages/types/gen"), { recursive: true });
  await writeFile(path.join(root, "packages/types/gen/previous.d.ts"), "// output of an earlier run\n");
  return root;
}

/** Every file under a folder with its contents, to compare a tree before and after. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const snapshot: Record<string, string> = {};
  for (const file of files.sort()) snapshot[path.relative(dir, file)] = await readFile(file, "utf8");
  return snapshot;
}
