import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Output } from "./write-atomic.js";

export interface Drift {
  /** Repository-relative path. */
  readonly file: string;
  readonly kind: "missing" | "changed" | "unexpected";
}

/** What differs between the outputs and the folders on disk (--check writes nothing). */
export async function compareOutputs(root: string, outputs: readonly Output[]): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const output of outputs) {
    const dir = path.resolve(root, output.dir);
    const existing = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      },
    );
    // Python writes bytecode caches beside imported sources: they are not outputs
    const onDisk = new Set(
      existing
        .filter((entry) => entry.isFile() && !entry.parentPath.split(path.sep).includes("__pycache__"))
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")),
    );
    for (const [file, contents] of output.files) {
      if (!onDisk.has(file)) drift.push({ file: `${output.dir}/${file}`, kind: "missing" });
      else if ((await readFile(path.join(dir, file), "utf8")) !== contents)
        drift.push({ file: `${output.dir}/${file}`, kind: "changed" });
      onDisk.delete(file);
    }
    // a "files" output shares its folder with hand-written files
    if (output.scope !== "files")
      for (const file of onDisk) drift.push({ file: `${output.dir}/${file}`, kind: "unexpected" });
  }
  return drift.sort((a, b) => (a.file < b.file ? -1 : 1));
}
