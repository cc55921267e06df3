import path from "node:path";
import { eventFields } from "../../event-fields.js";
import { type EventKind, type EventSample, environPythonType, type Model, type WsgiSpec } from "../../model.js";
import { article, lowerFirst, pythonParserName, snakeOf } from "../names.js";
import { type Block, code, link, type Page, slug } from "./doc.js";

/** The page of a kind: event-oss, event-eventbridge-kafka. */
export const eventPageName = (kind: EventKind): string => `event-${kind.kind}`;

const ARRIVES: Record<EventKind["arrives"], string> = {
  json: "the bytes of a JSON document",
  "json-or-text": "the bytes of a JSON document, or of plain text in one form",
  cbor: "CBOR bytes from the trigger; JSON text from a console test or `s invoke`",
};

const GENERATIONS: Record<string, string> = { fc2: "FC 2.0", fc3: "FC 3.0", both: "FC 2.0 and 3.0" };

/** Source keys of the events' registry as links to their entries on the event sources page. */
const cite = (keys: readonly string[]): string =>
  keys.map((key) => link(key, `event-sources.md#${slug(key)}`)).join(", ");

/** The events' pages: an index with every field of every kind, a page per kind, their sources. */
export function buildEventPages(model: Model): Page[] {
  const kinds = model.events.kinds;
  if (kinds.length === 0) return [];
  const wsgi = model.events.wsgi === undefined ? [] : [wsgiPage(model.events.wsgi)];
  return [eventsIndexPage(model), ...kinds.map((kind) => eventPage(model, kind)), ...wsgi, eventSourcesPage(model)];
}

function eventsIndexPage(model: Model): Page {
  const byPath = new Map<string, string[]>();
  for (const kind of model.events.kinds)
    for (const field of eventFields(kind.schema).fields)
      if (field.path !== "(root)") byPath.set(field.path, [...(byPath.get(field.path) ?? []), kind.kind]);
  return {
    name: "events",
    title: "Trigger events · fc-context",
    blocks: [
      { kind: "heading", level: 1, text: "Trigger events" },
      {
        kind: "paragraph",
        text:
          `What each trigger hands a handler as ${code("event")}: always bytes, which the handler decodes itself. ` +
          `Each kind has a spec in ${code("spec/events/")} (spec ${model.specVersion}), TypeScript types and ` +
          `validators (${code("@fc-context/types/events/<kind>")}, ${code("@fc-context/validators/events/<kind>")}), ` +
          `Python TypedDicts and parsers (${code("fc_context.events")}), fakes in both languages, and ` +
          `${code("fc-context validate --event <kind>")}.`,
      },
      { kind: "heading", level: 2, text: "Kinds" },
      {
        kind: "table",
        head: ["Kind", "Type", "Arrives as", "Generations", "Samples checked"],
        rows: model.events.kinds.map((kind) => [
          link(kind.kind, `${eventPageName(kind)}.md`),
          code(kind.title),
          ARRIVES[kind.arrives],
          kind.generations.map((g) => GENERATIONS[g]).join(", "),
          sampleCount(kind.samples),
        ]),
      },
      ...(model.events.wsgi === undefined
        ? []
        : [
            {
              kind: "paragraph",
              text:
                `An FC 2.0 HTTP function gets no event: it is a WSGI application, and ` +
                `${link("its environ", "wsgi.md")} holds the request.`,
            } as const,
          ]),
      { kind: "heading", level: 2, text: "Find a field" },
      {
        kind: "paragraph",
        text: "Every field of every kind, by its path in the event, with the kinds that have it. Type to filter.",
      },
      {
        kind: "table",
        searchable: true,
        head: ["Field", "Kinds"],
        rows: [...byPath].map(([field, kinds]) => [
          code(field),
          kinds.map((kind) => link(kind, `event-${kind}.md#fields`)).join(", "),
        ]),
      },
    ],
  };
}

function sampleCount(samples: readonly EventSample[]): string {
  const errors = samples.filter((sample) => sample.vendorError !== undefined).length;
  const valid = `${samples.length - errors} valid`;
  return errors === 0 ? valid : `${valid}, ${errors} vendor error${errors === 1 ? "" : "s"}`;
}

function eventPage(model: Model, kind: EventKind): Page {
  const { fields, claims } = eventFields(kind.schema);
  const others = model.events.kinds.filter((other) => other !== kind);
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `The ${kind.kind} event` },
    { kind: "paragraph", text: `${kind.description} Sources: ${cite(kind.sources)}.` },
    {
      kind: "paragraph",
      text:
        `Other kinds: ${others.map((other) => link(other.kind, `${eventPageName(other)}.md`)).join(", ")}. ` +
        `${link("Every kind", "events.md")}.`,
    },
    { kind: "heading", level: 2, text: "How it arrives" },
    {
      kind: "paragraph",
      text:
        `${kind.delivery} On the wire: ${ARRIVES[kind.arrives]}. ` +
        `Seen on ${kind.generations.map((g) => GENERATIONS[g]).join(" and ")}.`,
    },
    { kind: "heading", level: 2, text: "Use it" },
    {
      kind: "list",
      items: [
        `Python: ${code(`fc_context.events.${pythonParserName(kind.kind)}(event)`)} returns a ${code(kind.title)} ` +
          `(a TypedDict) or raises ${code("EventValidationError")} listing every fault by JSON pointer; ` +
          `${code(`fake_event(${JSON.stringify(kind.kind)}, **overrides)`)} builds a valid one.`,
        `TypeScript: ${code(`import type { ${kind.title} } from "@fc-context/types/events/${kind.kind}"`)}; ` +
          `${code(`parse${kind.title}(bytes)`)}, ${code(`validate${kind.title}(value)`)}, ` +
          `${code(`is${kind.title}(value)`)} from ${code(`@fc-context/validators/events/${kind.kind}`)}; ` +
          `${code(`fakeEvent(${JSON.stringify(kind.kind)}, overrides)`)} from ${code("@fc-context/testing")}.`,
        `Shell: ${code(`fc-context validate --event ${kind.kind} event.bin`)} (exit 0 valid, 1 invalid, ` +
          `2 unreadable); ${code(`fc-context fake --event ${kind.kind}`)}.`,
        ...(kind.response === undefined ? [] : [responseItem(kind, kind.response)]),
      ],
    },
    { kind: "code", lang: "python", text: pythonEventSample(kind) },
    { kind: "heading", level: 2, text: "Fields" },
    {
      kind: "paragraph",
      text:
        `Every place in the event by its path: ${code("[]")} an array's element, ${code("{*}")} the value ` +
        `of a map whose keys are data. Where the event comes in more than one form (one event or a batch, ` +
        `JSON or text), the table merges them, and "required" means required in the form that holds the field. ` +
        `Objects may hold members the spec does not list.`,
    },
    {
      kind: "table",
      searchable: true,
      head: ["Field", "JSON type", "Required", "Description"],
      rows: fields.map((field) => [
        code(field.path),
        field.types.map(code).join(", ") || "any",
        field.required ? "yes" : "no",
        [
          field.path === "(root)" ? "The event as the handler decodes it." : field.description,
          field.values !== undefined ? `One of ${field.values.map((v) => code(JSON.stringify(v))).join(", ")}.` : "",
          field.unit !== undefined ? `Unit: ${field.unit}.` : "",
          field.sources.length > 0 ? `(${cite(field.sources)})` : "",
        ]
          .filter(Boolean)
          .join(" "),
      ]),
    },
    { kind: "heading", level: 2, text: "Where the sources disagree" },
  ];
  if (claims.length === 0)
    blocks.push({ kind: "paragraph", text: "The sources agree on every field the spec lists for this kind." });
  else
    blocks.push({
      kind: "table",
      head: ["Field", "A source says", "The spec holds", "Sources"],
      rows: claims.map((claim) => [
        code(claim.path),
        claim.claim,
        claim.truth,
        `${cite([claim.source])} says; ${cite(claim.evidence)} show`,
      ]),
    });
  blocks.push(...goStructBlocks(kind));
  blocks.push(
    { kind: "heading", level: 2, text: "Sample" },
    {
      kind: "paragraph",
      text:
        `What ${code(`fake_event(${JSON.stringify(kind.kind)})`)} and ${code(`fakeEvent(${JSON.stringify(kind.kind)})`)} ` +
        `start from, as the handler decodes it (from ${code(path.posix.basename(kind.example.from))}):`,
    },
    { kind: "code", lang: "json", text: JSON.stringify(kind.example.value, null, 2) },
    { kind: "heading", level: 2, text: "Samples checked" },
    {
      kind: "paragraph",
      text:
        "Every sample the vendor published or that was seen in public code, kept in the repository with its " +
        "origin; the test suite checks each in TypeScript and Python.",
    },
    {
      kind: "table",
      head: ["Sample", "Source", "Generation", "Verdict"],
      rows: kind.samples.map((sample) => [
        code(path.posix.basename(sample.file, ".json")),
        sample.source,
        GENERATIONS[sample.generation] ?? sample.generation,
        sample.vendorError === undefined ? "valid" : `vendor error: ${sample.vendorError}`,
      ]),
    },
  );
  return { name: eventPageName(kind), title: `${kind.kind} event · fc-context`, event: kind.kind, blocks };
}

/** How the vendor's Go SDK struct of the kind compares with the spec, field by field. */
function goStructBlocks(kind: EventKind): Block[] {
  const go = kind.goStruct;
  if (go === undefined)
    return [
      { kind: "heading", level: 2, text: "The vendor's Go SDK" },
      { kind: "paragraph", text: `The vendor's Go SDK (${cite(["GO"])}) has no struct of this kind.` },
    ];
  const state = go.state === "live" ? "" : ", commented out in the file,";
  const blocks: Block[] = [
    { kind: "heading", level: 2, text: "The vendor's Go SDK" },
    {
      kind: "paragraph",
      text:
        `The struct in ${code(go.file)} at commit ${code(go.commit.slice(0, 10))} (${cite(["GO"])})${state} has the spec's name and JSON types for ` +
        `${go.agreeing} field${go.agreeing === 1 ? "" : "s"}` +
        (go.differences.length === 0
          ? "; it differs nowhere. Go decodes a missing member as nil, so its structs say nothing of what is required."
          : `. Where it differs, the generator holds the spec to a reason:`),
    },
  ];
  if (go.differences.length > 0)
    blocks.push({
      kind: "table",
      head: ["Field", "Go", "Spec", "Why the spec holds what it holds"],
      rows: go.differences.map((d) => [code(d.path), d.go === "absent" ? "absent" : code(d.go), d.spec, d.why]),
    });
  return blocks;
}

/** How to answer a kind whose trigger reads the handler's return value. */
function responseItem(kind: EventKind, response: string): string {
  const lower = lowerFirst(response);
  return (
    `Answering: the handler returns ${article(response)} ${code(response)}; build it with ` +
    `${code(`fc_context.events.${snakeOf(response)}(body, status_code=200, headers=None)`)} or ` +
    `${code(`${lower}(body, { statusCode, headers })`)} (TypeScript): text as it is, bytes as base64, any ` +
    `other value as JSON. ${code(`${snakeOf(kind.title)}_body(event)`)} and ` +
    `${code(`${lowerFirst(kind.title)}Body(event)`)} give the request's body bytes.`
  );
}

/**
 * A handler that parses the kind's event and its test with a fake one; the docs' tests type-check
 * it with pyright and run it.
 */
export function pythonEventSample(kind: EventKind): string {
  const parser = pythonParserName(kind.kind);
  return [
    "import json",
    "",
    `from fc_context.events import ${kind.title}, fake_event, ${parser}`,
    "",
    "",
    "def handler(event: bytes, context: object) -> str:",
    `    parsed: ${kind.title} = ${parser}(event)  # EventValidationError lists every fault`,
    "    return json.dumps(parsed, sort_keys=True)",
    "",
    "",
    "def test_handler() -> None:",
    `    event = fake_event(${JSON.stringify(kind.kind)})`,
    "    assert json.loads(handler(json.dumps(event).encode(), None)) == event",
  ].join("\n");
}

/** An FC 2.0 HTTP function's environ, key by key, and the params headers of its request and response. */
function wsgiPage(wsgi: WsgiSpec): Page {
  const schema = wsgi.schema as Record<string, unknown>;
  const defs = schema.$defs as Record<string, Record<string, unknown>>;
  const typeOf = (node: Record<string, unknown>) => code(environPythonType(node));
  const row = ([key, node]: [string, Record<string, unknown>]) => [
    code(key),
    typeOf(node),
    `${node.description as string} (${cite((node["x-source"] ?? []) as string[])})`,
  ];
  const properties = Object.entries(schema.properties as Record<string, Record<string, unknown>>);
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Record<string, unknown>>);
  const params = (name: string): Block => ({
    kind: "table",
    head: ["Member", "JSON type", "Required", "Description"],
    rows: Object.entries(defs[name]!.properties as Record<string, Record<string, unknown>>).map(([key, node]) => [
      code(key),
      code(String(node.type)),
      ((defs[name]!.required ?? []) as string[]).includes(key) ? "yes" : "no",
      node.description as string,
    ]),
  });
  return {
    name: "wsgi",
    title: "FC 2.0 HTTP functions (WSGI) · fc-context",
    blocks: [
      { kind: "heading", level: 1, text: "FC 2.0 HTTP functions (WSGI)" },
      { kind: "paragraph", text: `${wsgi.description} Sources: ${cite(wsgi.sources)}.` },
      { kind: "paragraph", text: wsgi.delivery },
      { kind: "heading", level: 2, text: "The environ" },
      {
        kind: "paragraph",
        text:
          `Type it with ${code(`fc_context.events.${wsgi.title}`)} (a TypedDict for type checkers; a dict at run ` +
          "time). Every key below is always set.",
      },
      {
        kind: "table",
        searchable: true,
        head: ["Key", "Python type", "Value"],
        rows: [
          ...properties.map(row),
          ...patterns.map(([pattern, node]) => [
            code(`${pattern.replace(/^\^/, "")}<NAME>`),
            typeOf(node),
            `${node.description as string}`,
          ]),
          [
            "any other",
            code("str"),
            `${((schema.additionalProperties ?? {}) as Record<string, unknown>).description as string}`,
          ],
        ],
      },
      { kind: "heading", level: 2, text: "The request's params" },
      {
        kind: "paragraph",
        text: `${defs[wsgi.request]!.description as string} ${code("decode_http_params(header)")} reads it.`,
      },
      params(wsgi.request),
      { kind: "heading", level: 2, text: "The response's params" },
      {
        kind: "paragraph",
        text: `${defs[wsgi.response]!.description as string} ${code("encode_http_response_params(params)")} writes it byte for byte.`,
      },
      params(wsgi.response),
    ],
  };
}

function eventSourcesPage(model: Model): Page {
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: "Event sources" },
    {
      kind: "paragraph",
      text:
        "Where each fact of the events' specs comes from. What a runtime or a real payload shows outranks what " +
        "code says, which outranks the vendor's pages; where a page's table and its own sample disagree, the " +
        `sample wins. The context's sources are on ${link("their own page", "sources.md")}.`,
    },
  ];
  for (const source of model.events.sources)
    blocks.push(
      { kind: "heading", level: 2, text: source.key },
      { kind: "paragraph", text: `${source.title}. ${source.shows}` },
      { kind: "list", items: source.urls.map((url) => `<${url}>`) },
    );
  return { name: "event-sources", title: "Event sources · fc-context", blocks };
}
