import { compile } from "json-schema-to-typescript";
import type { EventKind, Model } from "../../model.js";
import { eventBanner } from "../banner.js";
import { withoutAnnotations } from "../without-annotations.js";
import { jsDoc } from "../wrap-prose.js";

type Json = Record<string, unknown>;

/**
 * The declarations of the trigger events: per kind a module (events/<kind>.d.ts) with the event's
 * type and every named part of it, compiled by json-schema-to-typescript from the kind's
 * self-contained schema; and events/index with EventMap, EventKind and EventOf. Objects stay open
 * (`[k: string]: unknown`): FC may add members, and a type that said otherwise would be wrong.
 */
export async function eventTypeFiles(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const { kinds } = model.events;
  if (kinds.length === 0) return files;
  for (const event of kinds) {
    files.set(`events/${event.kind}.d.ts`, await kindDeclarations(model, event));
    files.set(`events/${event.kind}.js`, `${eventBanner(model, event, "//")}${constants(model, event, "js")}`);
  }
  files.set("events/index.d.ts", indexDeclarations(model));
  files.set("events/index.js", indexModule(model));
  return files;
}

async function kindDeclarations(model: Model, event: EventKind): Promise<string> {
  const schema = withoutAnnotations(event.schema, { descriptions: true }) as Json;
  const options = { bannerComment: "", format: true, declareExternallyReferenced: true } as const;
  let code = await compile(schema, event.title, options);
  // a named part nothing in the event references (the HTTP trigger's response) is declared too
  const defs = (schema.$defs ?? {}) as Json;
  for (const name of Object.keys(defs).sort()) {
    if (new RegExp(`^export (interface|type) ${name}\\b`, "m").test(code)) continue;
    const part = await compile({ ...(defs[name] as Json), $defs: defs }, name, options);
    code += `\n${part}`;
  }
  return `${eventBanner(model, event, "//")}\n${code.trimEnd()}\n\n${constants(model, event, "d.ts")}`;
}

function constants(model: Model, event: EventKind, kind: "js" | "d.ts"): string {
  const values: Array<[string, string, string]> = [
    ["kind", event.kind, "The trigger event kind these types describe."],
    ["arrives", event.arrives, "What the handler's bytes hold: json, json-or-text (one form is plain text) or cbor."],
    ["specVersion", model.specVersion, "The version of the spec these types were generated from."],
    ["schemaId", event.schemaId, "The $id of the kind's spec file."],
  ];
  return values
    .map(([name, value, doc]) =>
      kind === "js"
        ? `export const ${name} = ${JSON.stringify(value)};\n`
        : `${jsDoc(doc)}\nexport declare const ${name}: ${JSON.stringify(value)};\n`,
    )
    .join("");
}

function indexDeclarations(model: Model): string {
  const { kinds } = model.events;
  const imports = kinds.map((e) => `import type { ${e.title} } from "./${e.kind}.js";`);
  const entries = kinds.map((e) => `  ${JSON.stringify(e.kind)}: ${e.title};`);
  return `${eventBanner(model, undefined, "//")}
${imports.join("\n")}

${kinds.map((e) => `export type { ${e.title} };`).join("\n")}

${jsDoc("Each trigger event kind's event type, by kind id.")}
export interface EventMap {
${entries.join("\n")}
}

${jsDoc("A trigger event kind's id.")}
export type EventKind = keyof EventMap;

${jsDoc('The event type of a kind: EventOf<"oss"> is OssEvent.')}
export type EventOf<K extends EventKind> = EventMap[K];

${jsDoc("Every trigger event kind, by id.")}
export declare const eventKinds: readonly EventKind[];
`;
}

function indexModule(model: Model): string {
  const ids = model.events.kinds.map((e) => JSON.stringify(e.kind));
  return `${eventBanner(model, undefined, "//")}export const eventKinds = Object.freeze([${ids.join(", ")}]);\n`;
}
