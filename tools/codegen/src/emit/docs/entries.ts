import type { PyClass, Runtime } from "../../model.js";
import { entries, type Entry } from "../../model-paths.js";

export { entries, type Entry };

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
  const movedTo = (entry: Entry) => (entry.header === undefined ? undefined : addedEntries.find((added) => added.header === entry.header));
  const replacementOf = (path: string) => to.removed.find((removal) => path === removal.attribute || path.startsWith(`${removal.attribute}.`))?.replacement;
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
    return old !== undefined && signature(old) !== signature(cls) ? [{ cls: cls.name, before: signature(old), after: signature(cls) }] : [];
  });
  return { from, to, removed, added, changed, constructors };
}
