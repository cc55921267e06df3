import {
  type Entry,
  entries,
  type Field,
  formatPythonType,
  type Model,
  type PyClass,
  type Runtime,
} from "@fc-context/codegen";

/**
 * What a spec change means for the two kinds of users: readers (handler code reading the
 * context) and writers (fakes, emulators, stored payloads that must validate). A change that
 * breaks either is major; one that only adds what nobody must handle is minor; wording is patch.
 */
export type Bump = "major" | "minor" | "patch" | "none";
export type Effect = "breaks" | "gains" | "unaffected";

export interface Change {
  readonly runtime: string;
  /** Dotted path from the context ("service.qualifier"), a class name, or "" for the runtime. */
  readonly path: string;
  readonly kind:
    | "runtime removed"
    | "runtime added"
    | "field removed"
    | "field added"
    | "made nullable"
    | "made non-nullable"
    | "type widened"
    | "type narrowed"
    | "type changed"
    | "constraint tightened"
    | "constraint loosened"
    | "alias or method removed"
    | "alias or method added"
    | "constructor changed"
    | "wire name changed"
    | "description only";
  readonly detail: string;
  readonly readers: Effect;
  readonly writers: Effect;
  readonly bump: Bump;
}

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
export const maxBump = (bumps: Iterable<Bump>): Bump =>
  [...bumps].reduce<Bump>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), "none");
export const bumpRank = (bump: Bump): number => ORDER.indexOf(bump);

function bumpOf(readers: Effect, writers: Effect): Bump {
  if (readers === "breaks" || writers === "breaks") return "major";
  if (readers === "gains" || writers === "gains") return "minor";
  return "patch";
}

function change(
  runtime: string,
  path: string,
  kind: Change["kind"],
  detail: string,
  readers: Effect,
  writers: Effect,
): Change {
  return { runtime, path, kind, detail, readers, writers, bump: bumpOf(readers, writers) };
}

export function diffModels(before: Model, after: Model): Change[] {
  const changes: Change[] = [];
  const ids = [...new Set([...before.runtimes, ...after.runtimes].map((r) => r.id))];
  for (const id of ids) {
    const old = before.runtimes.find((r) => r.id === id);
    const now = after.runtimes.find((r) => r.id === id);
    if (old === undefined) changes.push(change(id, "", "runtime added", `runtime ${id} is new`, "gains", "gains"));
    else if (now === undefined)
      changes.push(change(id, "", "runtime removed", `runtime ${id} is gone`, "breaks", "breaks"));
    else changes.push(...diffRuntime(old, now));
  }
  return changes;
}

/** Every path of the runtime; aliases and methods as a signature (with a method's behaviour). */
function items(runtime: Runtime): Map<string, Entry & { member?: string }> {
  return new Map(
    entries(runtime).map((entry) => {
      const behavior =
        entry.kind === "method"
          ? entry.owner.methods.find((m) => `${m.name}()` === entry.path.split(".").at(-1))?.behavior
          : undefined;
      return [
        entry.path,
        entry.field === undefined
          ? { ...entry, member: behavior === undefined ? entry.type : `${entry.type} [${behavior}]` }
          : entry,
      ];
    }),
  );
}

function diffRuntime(old: Runtime, now: Runtime): Change[] {
  const changes: Change[] = [];
  const id = now.id;
  const before = items(old);
  const after = items(now);
  for (const [path, item] of before) {
    if (after.has(path)) continue;
    if (item.field === undefined)
      changes.push(change(id, path, "alias or method removed", `${path} is gone`, "breaks", "unaffected"));
    else
      changes.push(
        change(
          id,
          path,
          "field removed",
          `${path} is gone`,
          "breaks",
          item.field.json === undefined ? "unaffected" : "breaks",
        ),
      );
  }
  for (const [path, item] of after) {
    if (before.has(path)) continue;
    if (item.field === undefined)
      changes.push(change(id, path, "alias or method added", `${path} is new`, "gains", "unaffected"));
    // every attribute is required in the attribute view: payloads without it stop validating
    else
      changes.push(
        change(
          id,
          path,
          "field added",
          `${path} is new and required`,
          "gains",
          item.field.json === undefined ? "unaffected" : "breaks",
        ),
      );
  }
  for (const [path, item] of after) {
    const was = before.get(path);
    if (was === undefined) continue;
    if (item.field && was.field) changes.push(...diffField(id, path, was.field, item.field));
    else if (item.member !== was.member)
      changes.push(
        change(
          id,
          path,
          "alias or method removed",
          `${path}: ${was.member} became ${item.member}`,
          "breaks",
          "unaffected",
        ),
      );
  }
  const signature = (cls: PyClass) =>
    cls.constructorParams
      .map((p) => `${p.name}${p.default === undefined ? "" : `=${JSON.stringify(p.default)}`}->${p.fills}`)
      .join(", ");
  for (const cls of now.classes) {
    const was = old.classes.find((c) => c.name === cls.name);
    if (was !== undefined && signature(was) !== signature(cls)) {
      changes.push(
        change(
          id,
          cls.name,
          "constructor changed",
          `${cls.name}(${signature(was)}) became ${cls.name}(${signature(cls)})`,
          "unaffected",
          "breaks",
        ),
      );
    }
    if (was !== undefined && was.description !== cls.description)
      changes.push(change(id, cls.name, "description only", `${cls.name}: description`, "unaffected", "unaffected"));
  }
  if (old.description !== now.description)
    changes.push(change(id, "", "description only", "runtime description", "unaffected", "unaffected"));
  return changes;
}

function diffField(id: string, path: string, was: Field, now: Field): Change[] {
  const out = [
    ...typeChanges(id, path, was, now),
    ...nullabilityChanges(id, path, was, now),
    ...constraintChanges(id, path, was, now),
  ];
  if (was.toJsonKey !== now.toJsonKey || was.header !== now.header) {
    const detail = `${path}: header ${was.header} / to_json ${was.toJsonKey} became ${now.header} / ${now.toJsonKey}`;
    out.push(change(id, path, "wire name changed", detail, "breaks", "breaks"));
  }
  const documented = (f: Field) => JSON.stringify([f.description, f.nullWhen, f.unit, f.examples]);
  if (out.length === 0 && documented(was) !== documented(now))
    out.push(change(id, path, "description only", `${path}: documentation`, "unaffected", "unaffected"));
  return out;
}

/** JSON kinds (or the Python type of a Python-only field): gained ones break readers, lost ones writers. */
function typeChanges(id: string, path: string, was: Field, now: Field): Change[] {
  const kinds = (f: Field) =>
    new Set(
      f.json === undefined
        ? [formatPythonType(f.python)]
        : [...f.json.kinds, ...(f.json.classRef ? [`class:${f.json.classRef}`] : [])],
    );
  const before = kinds(was);
  const after = kinds(now);
  const gained = [...after].filter((k) => !before.has(k));
  const lost = [...before].filter((k) => !after.has(k));
  if (gained.length > 0 && lost.length === 0)
    return [change(id, path, "type widened", `${path} now also takes ${gained.join(", ")}`, "breaks", "unaffected")];
  if (lost.length > 0 && gained.length === 0)
    return [change(id, path, "type narrowed", `${path} no longer takes ${lost.join(", ")}`, "unaffected", "breaks")];
  if (lost.length === 0) return [];
  const detail = `${path}: ${[...before].join(" | ")} became ${[...after].join(" | ")}`;
  return [change(id, path, "type changed", detail, "breaks", "breaks")];
}

function nullabilityChanges(id: string, path: string, was: Field, now: Field): Change[] {
  if (!was.nullable && now.nullable)
    return [change(id, path, "made nullable", `${path} may now be None`, "breaks", "unaffected")];
  if (was.nullable && !now.nullable)
    return [change(id, path, "made non-nullable", `${path} is never None now`, "unaffected", "breaks")];
  return [];
}

/** A constraint that admits fewer values breaks writers; one that admits more breaks readers. */
function constraintChanges(id: string, path: string, was: Field, now: Field): Change[] {
  const c0 = was.json?.constraints ?? {};
  const c1 = now.json?.constraints ?? {};
  const tighter =
    (c1.minLength ?? 0) > (c0.minLength ?? 0) ||
    (c1.minimum ?? -Infinity) > (c0.minimum ?? -Infinity) ||
    (c1.maxLength ?? Infinity) < (c0.maxLength ?? Infinity) ||
    (c1.maximum ?? Infinity) < (c0.maximum ?? Infinity) ||
    (c1.pattern !== undefined && c1.pattern !== c0.pattern);
  const looser =
    (c1.minLength ?? 0) < (c0.minLength ?? 0) ||
    (c1.minimum ?? -Infinity) < (c0.minimum ?? -Infinity) ||
    (c1.maxLength ?? Infinity) > (c0.maxLength ?? Infinity) ||
    (c1.maximum ?? Infinity) > (c0.maximum ?? Infinity) ||
    (c0.pattern !== undefined && c1.pattern === undefined);
  const detail = `${path}: ${JSON.stringify(c0)} became ${JSON.stringify(c1)}`;
  // a pattern swapped for another is counted as tighter: writers may stop validating
  if (tighter) return [change(id, path, "constraint tightened", detail, "unaffected", "breaks")];
  if (looser) return [change(id, path, "constraint loosened", detail, "breaks", "unaffected")];
  return [];
}

export function formatChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return "No change to the spec.\nMinimum bump: none";
  const lines = changes.map(
    (c) =>
      `  ${c.bump.padEnd(5)} ${c.runtime}${c.path ? ` ${c.path}` : ""}: ${c.kind} (readers: ${c.readers}, writers: ` +
      `${c.writers}) - ${c.detail}`,
  );
  return `${lines.join("\n")}\nMinimum bump: ${maxBump(changes.map((c) => c.bump))}`;
}
