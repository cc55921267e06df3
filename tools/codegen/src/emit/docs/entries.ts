import type { PyClass, Runtime } from "../../model.js";
import { type Entry, entries } from "../../model-paths.js";

export { type Entry, entries };

export interface Migration {
  readonly from: Runtime;
  readonly to: Runtime;
  /** Gone in `to`, with what replaces it: a moved attribute (same FC header), or the spec's x-removed text. */
  readonly removed: readonly { entry: Entry; movedTo?: Entry; replacement?: string }[];
  readonly added: readonly { entry: Entry; movedFrom?: Entry }[];
  readonly changed: readonly { before: Entry; after: Entry }[];
  readonly constructors: readonly { cls: string; before: string; after: string }[];
}

/** The difference between two runtimes, computed from the model alone. */
export function migration(from: Runtime, to: Runtime): Migration {
  const before = entries(from);
  const after = entries(to);
  const byPath = (list: Entry[]) => new Map(list.map((entry) => [entry.path, entry]));
  const afterByPath = byPath(after);
  const beforeByPath = byPath(before);
  const removedEntries = before.filter((entry) => !afterByPath.has(entry.path));
  const addedEntries = after.filter((entry) => !beforeByPath.has(entry.path));
  const movedTo = (entry: Entry) =>
    entry.header === undefined ? undefined : addedEntries.find((added) => added.header === entry.header);
  const replacementOf = (path: string) =>
    to.removed.find((removal) => path === removal.attribute || path.startsWith(`${removal.attribute}.`))?.replacement;
  const removed = removedEntries.map((entry) => {
    const moved = movedTo(entry);
    const replacement = replacementOf(entry.path);
    return { entry, ...(moved && { movedTo: moved }), ...(replacement && { replacement }) };
  });
  const added = addedEntries.map((entry) => {
    const moved = entry.header === undefined ? undefined : removedEntries.find((gone) => gone.header === entry.header);
    return { entry, ...(moved && { movedFrom: moved }) };
  });
  const changed = after.flatMap((entry) => {
    const old = beforeByPath.get(entry.path);
    return old !== undefined && old.type !== entry.type ? [{ before: old, after: entry }] : [];
  });
  const signature = (cls: PyClass) => `${cls.name}(${cls.constructorParams.map((p) => p.name).join(", ")})`;
  const constructors = to.classes.flatMap((cls) => {
    const old = from.classes.find((c) => c.name === cls.name);
    return old !== undefined && signature(old) !== signature(cls)
      ? [{ cls: cls.name, before: signature(old), after: signature(cls) }]
      : [];
  });
  return { from, to, removed, added, changed, constructors };
}

export interface ListedRemoval {
  readonly entry: Entry;
  readonly movedTo?: Entry;
  readonly replacement?: string;
  /** The attribute held other attributes, which go with it. */
  readonly withChildren: boolean;
}

/** The removals worth a line: a child of something removed is listed only when it went somewhere else. */
export function listedRemovals(m: Migration): ListedRemoval[] {
  const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf(".")));
  const removedPaths = new Set(m.removed.map((r) => r.entry.path));
  return m.removed
    .filter((r) => r.movedTo !== undefined || !removedPaths.has(parentOf(r.entry.path)))
    .map((r) => ({ ...r, withChildren: m.removed.some((other) => parentOf(other.entry.path) === r.entry.path) }));
}

/** What the other runtimes have and this one lacks, each attribute once, with the runtimes that have it. */
export function notInRuntime(
  runtimes: readonly Runtime[],
  runtime: Runtime,
): Array<ListedRemoval & { readonly in: string[] }> {
  const out = new Map<string, ListedRemoval & { in: string[] }>();
  for (const other of runtimes.filter((r) => r.id !== runtime.id)) {
    for (const removal of listedRemovals(migration(other, runtime))) {
      const seen = out.get(removal.entry.path);
      if (seen === undefined) out.set(removal.entry.path, { ...removal, in: [other.id] });
      else seen.in.push(other.id);
    }
  }
  return [...out.values()];
}
