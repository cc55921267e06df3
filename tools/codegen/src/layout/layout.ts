// The layout stage: what the spec's runtimes become, decided once from the model, so that no
// target, package.json or test decides it for itself. Each runtime's ids and Python module, which
// runtime's model it shares, and the subpaths each package exports for it. Emitted as
// @fc-context/types/layout.json (read by tests and tools) and written into the packages'
// "exports" by `npm run generate`.
import { type Model, modelOwner, type Runtime, serializes } from "../model.js";

export interface RuntimeLayout {
  readonly id: string;
  readonly aliases: readonly string[];
  /** The id, then its aliases: every id FC accepts for this runtime. */
  readonly ids: readonly string[];
  readonly pythonVersion: string;
  readonly pythonModule: string;
  /** The runtime whose model this one shares (its own id when no earlier runtime has the same). */
  readonly model: string;
  /** Whether the context has to_json(), so a to_json() view. */
  readonly toJson: boolean;
  readonly specFile: string;
}

/** A package's "exports": subpath to a file, or to its declarations and module. */
export type Exports = Readonly<Record<string, string | { readonly types: string; readonly default: string }>>;

/** A trigger event kind: its id, type name, encoding and spec file. */
export interface EventLayout {
  readonly kind: string;
  readonly title: string;
  readonly arrives: string;
  readonly specFile: string;
  /** The type a handler returns to answer the trigger, for a kind whose trigger reads it. */
  readonly response?: string;
}

export interface Layout {
  readonly specVersion: string;
  readonly runtimes: readonly RuntimeLayout[];
  /** The trigger event kinds, by id: each has a subpath events/<kind> in the types and validators. */
  readonly events: readonly EventLayout[];
  /** The "exports" of each package that has a subpath per runtime, by its folder. */
  readonly exports: Readonly<Record<string, Exports>>;
}

export function layoutOf(model: Model): Layout {
  const runtimes = model.runtimes.map((runtime) => runtimeLayout(model, runtime));
  const events = model.events.kinds.map(({ kind, title, arrives, file, response }) => ({
    kind,
    title,
    arrives,
    specFile: file,
    ...(response !== undefined && { response }),
  }));
  return {
    specVersion: model.specVersion,
    runtimes,
    events,
    exports: {
      "packages/types": typesExports(runtimes, events),
      "packages/validators": validatorsExports(runtimes, events),
      "packages/wire": wireExports(runtimes),
    },
  };
}

function runtimeLayout(model: Model, runtime: Runtime): RuntimeLayout {
  return {
    id: runtime.id,
    aliases: runtime.aliases,
    ids: [runtime.id, ...runtime.aliases],
    pythonVersion: runtime.pythonVersion,
    pythonModule: runtime.pythonModule,
    model: modelOwner(model, runtime).id,
    toJson: serializes(runtime),
    specFile: runtime.specFile,
  };
}

const moduleAt = (file: string) => ({ types: `./gen/${file}.d.ts`, default: `./gen/${file}.js` });

/** The subpaths of the events: an index of the kinds, then one per kind. */
function eventExports(events: readonly EventLayout[]): Exports {
  if (events.length === 0) return {};
  return {
    "./events": moduleAt("events/index"),
    ...Object.fromEntries(events.map((e) => [`./events/${e.kind}`, moduleAt(`events/${e.kind}`)])),
  };
}

function typesExports(runtimes: readonly RuntimeLayout[], events: readonly EventLayout[]): Exports {
  return {
    ".": moduleAt("index"),
    ...Object.fromEntries(runtimes.flatMap((r) => r.ids.map((id) => [`./${id}`, moduleAt(id)]))),
    ...eventExports(events),
    "./layout.json": "./gen/layout.json",
    "./package.json": "./package.json",
  };
}

function validatorsExports(runtimes: readonly RuntimeLayout[], events: readonly EventLayout[]): Exports {
  return {
    ".": { types: "./lib/index.d.ts", default: "./lib/index.js" },
    ...Object.fromEntries(
      runtimes.flatMap((r) =>
        r.ids.flatMap((id) => [
          [`./${id}`, moduleAt(id)],
          ...(r.toJson ? [[`./${id}/json`, moduleAt(`${id}.json`)]] : []),
        ]),
      ),
    ),
    // an alias's schema is its runtime's: one file
    ...Object.fromEntries(
      runtimes.flatMap((r) => r.ids.map((id) => [`./${id}/schema.json`, `./gen/${r.id}.schema.json`])),
    ),
    ...eventExports(events),
    ...Object.fromEntries(events.map((e) => [`./events/${e.kind}/schema.json`, `./gen/events/${e.kind}.schema.json`])),
    "./package.json": "./package.json",
  };
}

function wireExports(runtimes: readonly RuntimeLayout[]): Exports {
  return {
    ...Object.fromEntries(runtimes.flatMap((r) => r.ids.map((id) => [`./${id}`, moduleAt(id)]))),
    "./package.json": "./package.json",
  };
}
