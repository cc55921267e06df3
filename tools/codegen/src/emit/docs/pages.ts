import type { Field, Model, PyClass, Runtime, VendorClaim } from "../../model.js";
import { formatConstructor, formatPythonType } from "../../model-python.js";
import { checkRuntimePage } from "./check-runtime-page.js";
import { type Block, code, link, type Page, slug } from "./doc.js";
import { entries, type ListedRemoval, listedRemovals, type Migration, migration, notInRuntime } from "./entries.js";
import { buildEventPages } from "./event-pages.js";
import { pythonHandlerSample, typescriptSample } from "./samples.js";

const SOURCES_NOTE =
  `Each source key links to its entry on the ${link("Sources", "sources.md")} page (RUN: the ` +
  `runtime observed by running it; RT: its code; DOC3, DOC3N, DOC2: vendor pages).`;

/** Source keys as links to their entries on the Sources page. */
const cite = (keys: readonly string[]): string => keys.map((key) => link(key, `sources.md#${slug(key)}`)).join(", ");

export function buildPages(model: Model): Page[] {
  const migrations = migrationPairs(model).map(([from, to]) => migration(from, to));
  return [
    indexPage(model, migrations),
    ...model.runtimes.map((runtime) => runtimePage(model, runtime)),
    comparisonPage(model),
    ...migrations.map(migrationPage),
    checkRuntimePage(model),
    sourcesPage(model),
    ...buildEventPages(model),
  ];
}

/** Every pair of runtimes, from the older to the newer: the upgrades users make. */
function migrationPairs(model: Model): Array<[Runtime, Runtime]> {
  const r = model.runtimes;
  return r.flatMap((from, i) => r.slice(i + 1).map((to): [Runtime, Runtime] => [from, to]));
}

const migrationName = (m: Migration) => `migrate-${m.from.id}-to-${m.to.id}`;
const runtimeLabel = (runtime: Runtime) => [runtime.id, ...runtime.aliases].join(" / ");

function indexPage(model: Model, migrations: Migration[]): Page {
  return {
    name: "index",
    title: "fc-context: the Function Compute Python context",
    blocks: [
      { kind: "heading", level: 1, text: "The Function Compute Python context" },
      {
        kind: "paragraph",
        text:
          `What the ${code("context")} object of each Alibaba Cloud Function Compute Python runtime really ` +
          `holds, generated from the fc-context spec ${model.specVersion}, which follows the runtime's own code. ` +
          `Where the vendor's documentation says otherwise, each page says so and why.`,
      },
      { kind: "heading", level: 2, text: "Runtimes" },
      {
        kind: "list",
        items: model.runtimes.map(
          (runtime) =>
            `${link(runtimeLabel(runtime), `${runtime.id}.md`)}: Python ${runtime.pythonVersion}, ` +
            `${code(`fc_context.${runtime.pythonModule}`)}, ${code(`@fc-context/types/${runtime.id}`)}`,
        ),
      },
      { kind: "heading", level: 2, text: "Find an attribute" },
      {
        kind: "paragraph",
        text:
          "Every attribute, alias and method of the context in any runtime, by its path, with the runtimes that " +
          "have it. Type in the search box to filter.",
      },
      { kind: "table", searchable: true, head: ["Path", "Runtimes"], rows: attributeIndex(model) },
      { kind: "heading", level: 2, text: "Comparing and migrating" },
      {
        kind: "list",
        items: [
          link("Every attribute in every runtime", "comparison.md"),
          ...migrations.map((m) => link(`Migrating from ${m.from.id} to ${m.to.id}`, `${migrationName(m)}.md`)),
        ],
      },
      ...(model.events.kinds.length > 0
        ? [
            { kind: "heading", level: 2, text: "Trigger events" } as const,
            {
              kind: "paragraph",
              text:
                `What each trigger hands a handler as ${code("event")}, kind by kind: ` +
                `${model.events.kinds.map((kind) => link(kind.kind, `event-${kind.kind}.md`)).join(", ")}. ` +
                `${link("Every field of every kind", "events.md")}.`,
            } as const,
          ]
        : []),
      { kind: "heading", level: 2, text: "Checking the spec against a live runtime" },
      {
        kind: "paragraph",
        text:
          `${link("Check your runtime", "check-your-runtime.md")}: deploy ${code("fc_context.probe")} on FC, ` +
          `compare its report with the spec (${code("fc-context conformance")}), and give it back as a conformance ` +
          `case or the draft of a new runtime's spec.`,
      },
      { kind: "heading", level: 2, text: "APIs" },
      {
        kind: "list",
        items: [
          `Python: ${code("pip install fc-context")}; ${code("fc_context.for_runtime(id)")}, ` +
            `${code("<module>.from_dict(data)")}, ${code("fc_context.testing.fake_context(runtime, **overrides)")}.`,
          `TypeScript types: ${code("@fc-context/types/<runtime>")} (${code("FCContext")}, ${code("ContextOf<R>")}).`,
          `Validators: ${code("@fc-context/validators/<runtime>")} (${code("isFCContext")}, ` +
            `${code("validateFCContext")}, ${code("assertFCContext")}).`,
        ],
      },
    ],
  };
}

function runtimeIntro(runtime: Runtime): string {
  const aliases = runtime.aliases.length ? `; FC also accepts ${runtime.aliases.map(code).join(", ")}` : "";
  return (
    `${runtime.description} Python ${runtime.pythonVersion}${aliases}. ` +
    `Python module ${code(`fc_context.${runtime.pythonModule}`)}, ` +
    `TypeScript ${code(`@fc-context/types/${runtime.id}`)}, ` +
    `validators ${code(`@fc-context/validators/${runtime.id}`)}. Sources: ${cite(runtime.sources)}.`
  );
}

function runtimePage(model: Model, runtime: Runtime): Page {
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `The ${runtime.id} context` },
    {
      kind: "paragraph",
      text: runtimeIntro(runtime),
    },
    {
      kind: "paragraph",
      text: `Other runtimes: ${model.runtimes
        .filter((r) => r !== runtime)
        .map((r) => link(r.id, `${r.id}.md`))
        .join(", ")}. ${link("Compare them all", "comparison.md")}.`,
    },
    { kind: "heading", level: 2, text: "Where the vendor docs differ" },
  ];
  const claims = vendorClaims(runtime);
  if (claims.length === 0)
    blocks.push({
      kind: "paragraph",
      text: "Nothing the vendor page says about this runtime's context contradicts the runtime.",
    });
  else {
    blocks.push({
      kind: "table",
      head: ["About", "The vendor page says", "The runtime does", "Sources"],
      rows: claims.map(({ where, claim }) => [
        where,
        claim.claim,
        claim.truth,
        `${cite([claim.source])} says; ${cite(claim.evidence)} show`,
      ]),
    });
  }
  const missing = notInRuntime(model.runtimes, runtime);
  if (missing.length > 0) {
    const sourcesOf = (path: string) =>
      runtime.removed.find((r) => path === r.attribute || path.startsWith(`${r.attribute}.`))?.sources ?? [];
    blocks.push(
      { kind: "heading", level: 2, text: "Not in this runtime" },
      {
        kind: "paragraph",
        text: `What other runtimes' contexts have and ${runtime.id}'s does not, and what to use instead.`,
      },
      {
        kind: "table",
        head: ["Attribute", "In", "Instead", "Sources"],
        rows: missing.map((removal) => [
          `${code(`context.${removal.entry.path}`)}${removal.withChildren ? ", with everything on it" : ""}`,
          removal.in.join(", "),
          instead(removal),
          cite(sourcesOf(removal.entry.path)),
        ]),
      },
    );
  }
  blocks.push(
    { kind: "heading", level: 2, text: "Quick start" },
    {
      kind: "paragraph",
      text: `A handler typed with ${code("fc_context")}, and its unit test with a fake context (no hand-written mock):`,
    },
    { kind: "code", lang: "python", text: pythonHandlerSample(runtime) },
    { kind: "paragraph", text: `In TypeScript, with the types and the validators:` },
    { kind: "code", lang: "ts", text: typescriptSample(runtime) },
    { kind: "heading", level: 2, text: "Classes" },
    {
      kind: "paragraph",
      text:
        `Every attribute always exists; "None when" says when its value is None (${code("null")} in JSON). ` +
        `${SOURCES_NOTE}`,
    },
  );
  for (const cls of runtime.classes) blocks.push(...classBlocks(cls));
  return { name: runtime.id, title: `${runtime.id} context · fc-context`, runtime: runtime.id, blocks };
}

/** What to use where an attribute is gone: where it moved, the spec's replacement, or nothing. */
function instead({ movedTo, replacement }: ListedRemoval): string {
  if (movedTo !== undefined) return `${code(`context.${movedTo.path}`)} (the same ${code(movedTo.header!)} value)`;
  return replacement ?? "nothing: no replacement on the context";
}

function vendorClaims(runtime: Runtime): Array<{ where: string; claim: VendorClaim }> {
  return runtime.classes.flatMap((cls) => [
    ...cls.vendorDoc.map((claim) => ({ where: code(cls.name), claim })),
    ...cls.fields.flatMap((field) =>
      field.vendorDoc.map((claim) => ({ where: code(`${cls.name}.${field.name}`), claim })),
    ),
  ]);
}

function fieldDescription(field: Field): string {
  const secret = field.secret ? " **Secret**: never shown by repr() or validator messages." : "";
  const toJson = field.toJsonKey ? ` to_json key ${code(field.toJsonKey)}.` : "";
  return `${field.description}${secret}${toJson} (${cite(field.sources)})`;
}

function classBlocks(cls: PyClass): Block[] {
  const signature = formatConstructor(cls);
  const fills = cls.constructorParams
    .filter((p) => p.fills !== p.name || p.via !== undefined)
    .map((p) => `${code(p.name)} fills ${code(p.fills)}${p.via ? ` through ${code(`${p.via}()`)}` : ""}`);
  const blocks: Block[] = [
    { kind: "heading", level: 3, text: cls.name },
    {
      kind: "paragraph",
      text:
        `${cls.description} Constructor: ${code(signature)}${fills.length ? `; ${fills.join(", ")}` : ""}. ` +
        `Sources: ${cite(cls.sources)}.`,
    },
    {
      kind: "table",
      searchable: true,
      head: ["Attribute", "Python type", "JSON type", "None when", "Unit", "FC header", "Description"],
      rows: cls.fields.map((field) => [
        code(field.name),
        code(formatPythonType(field.python)),
        jsonType(field),
        field.nullable ? (field.nullWhen ?? "") : "never",
        field.unit ?? "",
        field.header ? code(field.header) : "",
        fieldDescription(field),
      ]),
    },
  ];
  if (cls.aliases.length > 0) {
    blocks.push({
      kind: "table",
      searchable: true,
      head: ["Alias", "Of", "Kind", "Description"],
      rows: cls.aliases.map((a) => [
        code(a.name),
        code(a.of),
        a.kind === "property" ? "read-only property" : "attribute",
        a.description,
      ]),
    });
  }
  if (cls.methods.length > 0) {
    blocks.push({
      kind: "table",
      head: ["Method", "Returns", "Description"],
      rows: cls.methods.map((m) => [
        code(`${m.name}(${m.params.map((p) => `${p.name}: ${formatPythonType(p.python)}`).join(", ")})`),
        code(formatPythonType(m.returns)),
        `${m.description} (${cite(m.sources)})`,
      ]),
    });
  }
  return blocks;
}

function jsonType(field: Field): string {
  if (field.json === undefined) return "none: Python only";
  if (field.json.classRef !== undefined) return `object (${field.json.classRef})`;
  return [...field.json.kinds, ...(field.nullable ? ["null"] : [])].join(" or ");
}

/** Each path of any runtime's context, with links to the runtimes that have it. */
function attributeIndex(model: Model): string[][] {
  const paths = new Map<string, Runtime[]>();
  for (const runtime of model.runtimes) {
    for (const entry of entries(runtime)) paths.set(entry.path, [...(paths.get(entry.path) ?? []), runtime]);
  }
  return [...paths].map(([path, runtimes]) => [code(path), runtimes.map((r) => link(r.id, `${r.id}.md`)).join(", ")]);
}

function comparisonPage(model: Model): Page {
  const perRuntime = model.runtimes.map((runtime) => new Map(entries(runtime).map((entry) => [entry.path, entry])));
  const paths: string[] = [];
  for (const map of perRuntime) for (const path of map.keys()) if (!paths.includes(path)) paths.push(path);
  const rows = paths.map((path) => {
    const cells = perRuntime.map((map) => map.get(path)?.type);
    const present = model.runtimes.filter((_r, i) => cells[i] !== undefined).map((r) => r.id);
    const types = new Set(cells.filter((cell) => cell !== undefined));
    const change =
      present.length === model.runtimes.length
        ? types.size === 1
          ? "same everywhere"
          : "type differs"
        : present.length === 1
          ? `only ${present[0]}`
          : `not in ${model.runtimes
              .filter((r) => !present.includes(r.id))
              .map((r) => r.id)
              .join(", ")}`;
    return [code(path), ...cells.map((cell) => (cell === undefined ? "—" : code(cell))), change];
  });
  return {
    name: "comparison",
    title: "Comparing the runtimes · fc-context",
    blocks: [
      { kind: "heading", level: 1, text: "Comparing the runtimes" },
      {
        kind: "paragraph",
        text:
          `Every attribute, alias and method of the context, by its path from ${code("context")}, with its ` +
          `Python type in each runtime ("—": absent).`,
      },
      { kind: "table", head: ["Path", ...model.runtimes.map((r) => link(r.id, `${r.id}.md`)), "Changes"], rows },
    ],
  };
}

function migrationPage(m: Migration): Page {
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `Migrating from ${m.from.id} to ${m.to.id}` },
    {
      kind: "paragraph",
      text:
        `From Python ${m.from.pythonVersion} to ${m.to.pythonVersion}: type your handlers with ` +
        `${code(`fc_context.${m.to.pythonModule}`)} instead of ${code(`fc_context.${m.from.pythonModule}`)} ` +
        `(${code(`@fc-context/types/${m.to.id}`)} in TypeScript). Computed from the two runtimes' specs; see ` +
        `${link(m.from.id, `${m.from.id}.md`)} and ${link(m.to.id, `${m.to.id}.md`)}.`,
    },
  ];
  if (m.removed.length + m.added.length + m.changed.length + m.constructors.length === 0) {
    blocks.push({
      kind: "paragraph",
      text:
        `Nothing in the context changes: code written for ${m.from.id} reads the same attributes, of the same ` +
        `types, on ${m.to.id}.`,
    });
    return { name: migrationName(m), title: `${m.from.id} to ${m.to.id} · fc-context`, blocks };
  }
  const listed = listedRemovals(m);
  if (listed.length > 0) {
    blocks.push(
      { kind: "heading", level: 2, text: "What disappears" },
      {
        kind: "table",
        head: [`In ${m.from.id}`, `Instead, in ${m.to.id}`],
        rows: listed.map((removal) => [
          `${code(`context.${removal.entry.path}`)}${removal.withChildren ? ", with everything on it" : ""}`,
          instead(removal),
        ]),
      },
    );
  }
  const fresh = m.added.filter((a) => a.movedFrom === undefined);
  if (fresh.length > 0)
    blocks.push(
      { kind: "heading", level: 2, text: "What is new" },
      { kind: "list", items: fresh.map(({ entry }) => `${code(`context.${entry.path}`)}: ${code(entry.type)}`) },
    );
  if (m.changed.length > 0) {
    blocks.push(
      { kind: "heading", level: 2, text: "What changes type" },
      {
        kind: "table",
        head: ["Attribute", m.from.id, m.to.id],
        rows: m.changed.map(({ before, after }) => [
          code(`context.${after.path}`),
          code(before.type),
          code(after.type),
        ]),
      },
    );
  }
  if (m.constructors.length > 0) {
    blocks.push(
      { kind: "heading", level: 2, text: "Constructors" },
      {
        kind: "table",
        head: ["Class", m.from.id, m.to.id],
        rows: m.constructors.map((c) => [code(c.cls), code(c.before), code(c.after)]),
      },
    );
  }
  return { name: migrationName(m), title: `${m.from.id} to ${m.to.id} · fc-context`, blocks };
}

function sourcesPage(model: Model): Page {
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: "Sources" },
    {
      kind: "paragraph",
      text:
        "Where each fact of the spec comes from. When sources disagree, what the runtime does when it runs (RUN) " +
        "outranks what its code seems to say (RT), which outranks the vendor's pages.",
    },
  ];
  for (const source of model.sources) {
    blocks.push(
      { kind: "heading", level: 2, text: source.key },
      { kind: "paragraph", text: `${source.title}. ${source.shows}` },
      { kind: "list", items: source.urls.map((url) => `<${url}>`) },
    );
  }
  return { name: "sources", title: "Sources · fc-context", blocks };
}

export { slug };
