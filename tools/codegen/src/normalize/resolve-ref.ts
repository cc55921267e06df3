import path from "node:path/posix";
import { resolvePointer } from "../load/json-pointer.js";
import type { SpecFile } from "../load/load-spec.js";
import { issueAt, type SpecIssue } from "../spec-error.js";

export interface Target {
  readonly file: SpecFile;
  readonly pointer: string;
  readonly node: unknown;
}

/**
 * Resolves a $ref the way a JSON Schema tool would: relative to the referring file (the files'
 * $ids mirror their paths, so relative paths and $id URIs agree), or by a full $id URI.
 */
export class RefResolver {
  private readonly byPath = new Map<string, SpecFile>();
  private readonly byId = new Map<string, SpecFile>();

  constructor(files: readonly SpecFile[]) {
    for (const file of files) {
      this.byPath.set(file.path, file);
      const id = (file.value as { $id?: unknown }).$id;
      if (typeof id === "string") this.byId.set(id, file);
    }
  }

  /** The target of the $ref found at `at` in `from`, or an issue saying what is wrong with it. */
  resolve(from: SpecFile, at: string, ref: string): Target | SpecIssue {
    const hash = ref.indexOf("#");
    const location = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : decodeURIComponent(ref.slice(hash + 1));
    const expected = `a $ref to an existing file under spec/ and a JSON pointer in it`;
    let file: SpecFile | undefined;
    if (location === "") file = from;
    else if (/^[a-z][a-z0-9+.-]*:/i.test(location)) file = this.byId.get(location);
    else file = this.byPath.get(path.normalize(path.join(path.dirname(from.path), location)));
    if (file === undefined) return issueAt(from, at, `${expected} (no file ${location})`, ref);
    if (pointer !== "" && !pointer.startsWith("/"))
      return issueAt(from, at, `${expected} (the part after # must start with /)`, ref);
    const node = resolvePointer(file.value, pointer);
    if (node === undefined) return issueAt(from, at, `${expected} (${file.path} has nothing at #${pointer})`, ref);
    return { file, pointer, node };
  }
}
