import {
  definitionSchema,
  type EventKind,
  environPythonType,
  type Model,
  responseSchema,
  type WsgiSpec,
} from "../../model.js";
import { eventBanner } from "../banner.js";
import { article, lowerFirst, pythonParserName, snakeOf } from "../names.js";
import { withoutAnnotations } from "../without-annotations.js";
import { importLines } from "./python-imports.js";
import { docstring } from "./python-source.js";

type Json = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class"]);
for (const word of ["continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if"])
  KEYWORDS.add(word);
for (const word of ["import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try"])
  KEYWORDS.add(word);
for (const word of ["while", "with", "yield"]) KEYWORDS.add(word);

/**
 * fc_context/events.py: the trigger events for Python. A TypedDict per object of every kind's
 * schema (plain dict subclasses at run time, so they import on Python 3.6 too), a type per kind,
 * parse(kind, data) with an overload per kind and parse_<kind>(data) typed, the kinds' schemas as
 * JSON text; the decoding and the walk for issues are _events.py (events_support.py).
 */
export function eventsModule(model: Model): string | undefined {
  const { kinds } = model.events;
  if (kinds.length === 0) return undefined;
  const types = new TypeNames();
  const declarations: string[] = [];
  const roots = new Map<string, string>();
  for (const event of kinds) roots.set(event.kind, types.declare(event, declarations));
  const { wsgi } = model.events;
  if (wsgi !== undefined) types.declareDefs(wsgi.schema as Json, [wsgi.request, wsgi.response], declarations);
  const functionName = (event: EventKind) => pythonParserName(event.kind);
  const responders = kinds.filter((e) => e.response !== undefined);
  const lines = [
    eventBanner(model, undefined, "#"),
    docstring(
      "The events of Function Compute's triggers, typed and checked. A handler's event arrives as bytes; " +
        "parse(kind, data) decodes them as the kind is encoded (JSON; JSON or plain text for MNS topics; CBOR " +
        "for Tablestore) and checks the value against the kind's spec, raising EventValidationError with " +
        "every fault by JSON pointer. parse_<kind>(data) does the same, typed. The types are TypedDicts " +
        "for type checkers (plain dicts at run time); objects may hold members the spec does not name.",
      "",
    ),
    "",
    STDLIB_IMPORTS,
    "",
    SUPPORT_IMPORTS,
    "",
    "if TYPE_CHECKING:",
    "    # only for type checkers: Literal and TypedDict are not in Python 3.6's typing",
    "    from typing_extensions import Literal, TypedDict",
    "else:",
    "",
    "    class TypedDict(dict):",
    '        """At run time a TypedDict of this module is a dict, as parse() returns."""',
    "",
    "        def __init_subclass__(cls, total: bool = True, **kwargs: Any) -> None:",
    "            super().__init_subclass__(**kwargs)",
    "",
    "",
    "__all__ = [",
    ...[
      "EventIssue",
      "EventValidationError",
      "KINDS",
      "parse",
      "fake_event",
      ...kinds.map(functionName),
      ...responders.flatMap((e) => [snakeOf(e.response!), `${snakeOf(e.title)}_body`, `${snakeOf(e.response!)}_body`]),
      ...types.names(),
      ...(wsgi === undefined ? [] : [wsgi.title, ...WSGI_FUNCTIONS]),
    ].map((name) => `    ${JSON.stringify(name)},`),
    "]",
    "",
    `KINDS: Tuple[str, ...] = (${kinds.map((e) => JSON.stringify(e.kind)).join(", ")})`,
    "",
    "EventBytes = Union[bytes, bytearray, memoryview, str]",
    "",
    "",
    ...declarations,
    ...(wsgi === undefined ? [] : environType(wsgi)),
    "# What each kind's bytes hold, and its schema (spec/events, without prose) for the issues.",
    `_ARRIVES: Dict[str, str] = {${kinds.map((e) => `${JSON.stringify(e.kind)}: ${JSON.stringify(e.arrives)}`).join(", ")}}`,
    "_SCHEMAS: Dict[str, Any] = {",
    ...kinds.map((e) => loadsEntry(e.kind, schemaText(e))),
    "}",
    ...(responders.length > 0
      ? [
          "# What a handler returns to answer the kinds whose trigger reads it.",
          "_RESPONSES: Dict[str, Any] = {",
          ...responders.map((e) =>
            loadsEntry(e.kind, jsonLines(withoutAnnotations(responseSchema(e)!, { descriptions: false }))),
          ),
          "}",
        ]
      : []),
    "",
    "",
    ...kinds.flatMap((e) => [
      "@overload",
      `def parse(kind: "Literal['${e.kind}']", data: EventBytes) -> "${roots.get(e.kind)}":`,
      "    ...",
      "",
      "",
    ]),
    "def parse(kind: str, data: EventBytes) -> Any:",
    docstring(
      "Decodes an event's bytes (a str is taken as their UTF-8) as the kind says they are encoded and " +
        "checks the value against the kind's spec. Returns the value: dicts, lists, str, int, float, bool, " +
        "None (and bytes for a CBOR byte string). Raises EventValidationError listing every fault by JSON " +
        "pointer (bytes that do not decode at the pointer ''), and ValueError for a kind there is not.",
      "    ",
    ),
    "    _known(kind)",
    "    return _checked(kind, decode(kind, _ARRIVES[kind], data))",
    "",
    "",
    "def _known(kind: object) -> None:",
    "    if kind not in _ARRIVES:",
    '        named = repr(kind) if isinstance(kind, str) else "({})".format(type(kind).__name__)',
    '        raise ValueError("unknown event kind {}: expected one of {}".format(named, ", ".join(KINDS)))',
    "",
    "",
    "def _checked(kind: str, value: Any) -> Any:",
    "    found = issues(_SCHEMAS[kind], value)",
    "    if found:",
    "        raise EventValidationError(kind, found)",
    "    return value",
    "",
    "",
    "# Each kind's example for fake_event(): its first valid vendor sample, else built from its schema.",
    "_EXAMPLES: Dict[str, Any] = {",
    ...kinds.map((e) => loadsEntry(e.kind, jsonLines(e.example.value))),
    "}",
    "",
    "",
    ...kinds.flatMap((e) => [
      "@overload",
      ...signature(
        "fake_event",
        [`kind: "Literal['${e.kind}']"`, `event: "Optional[${roots.get(e.kind)}]" = None`, "**overrides: Any"],
        `"${roots.get(e.kind)}"`,
      ),
      "    ...",
      "",
      "",
    ]),
    "def fake_event(kind: str, event: Any = None, **overrides: Any) -> Any:",
    docstring(
      "A realistic event of a trigger kind for tests: the kind's first valid vendor sample (built from its " +
        "schema for a kind without one), or event when given, with overrides merged in by member (a dict " +
        "into a dict; anything else replaces), checked like parse(). Raises EventValidationError when the " +
        "result is not an event of the kind or holds what JSON cannot, and ValueError for a kind there is not.",
      "    ",
    ),
    "    _known(kind)",
    "    value = _as_json(kind, _EXAMPLES[kind] if event is None else event)",
    "    if overrides:",
    "        if not isinstance(value, dict):",
    '            issue = EventIssue("", "keyword overrides need an event that is an object", "type")',
    "            raise EventValidationError(kind, [issue])",
    "        _merge(value, _as_json(kind, overrides))",
    "    return _checked(kind, value)",
    "",
    "",
    "def _as_json(kind: str, value: Any) -> Any:",
    '    """A copy of value as JSON holds it (keys as strings), or the error of one JSON cannot hold."""',
    "    try:",
    "        copied = json.loads(json.dumps(value, allow_nan=False))",
    "    except (TypeError, ValueError, RecursionError):",
    '        message = "expected JSON data: no cycle, NaN, infinity, or key that is not a string"',
    '        raise EventValidationError(kind, [EventIssue("", message, "type")])',
    "    if too_deep(copied):",
    '        message = "nested deeper than 256 levels, which parse does not read"',
    '        raise EventValidationError(kind, [EventIssue("", message, "maxDepth")])',
    "    return copied",
    "",
    "",
    "def _merge(base: Dict[str, Any], overrides: Dict[str, Any]) -> None:",
    "    for name, value in overrides.items():",
    "        if isinstance(value, dict) and isinstance(base.get(name), dict):",
    "            _merge(base[name], value)",
    "        else:",
    "            base[name] = value",
    "",
    "",
    ...kinds.flatMap((e) => [
      `def ${functionName(e)}(data: EventBytes) -> "${roots.get(e.kind)}":`,
      docstring(`parse("${e.kind}", data): ${firstSentence(e.description)}`, "    "),
      `    return cast("${roots.get(e.kind)}", parse("${e.kind}", data))`,
      "",
      "",
    ]),
    ...responders.flatMap((e) => responseFunctions(e, roots.get(e.kind)!)),
    ...(wsgi === undefined ? [] : wsgiFunctions(wsgi)),
  ];
  const text = `${lines.join("\n").trimEnd()}\n`;
  // the imports of what the code uses, laid out as black and isort do: the standard library's,
  // then what the module takes from _events
  const body = text.replace(STDLIB_IMPORTS, "").replace(SUPPORT_IMPORTS, "");
  const typing = ["TYPE_CHECKING", "Any", "BinaryIO", "Dict", "List", "Optional", "TextIO", "Tuple", "Union"];
  const stdlib = importLines(body, {
    modules: ["base64", "binascii", "json"],
    from: [{ module: "typing", names: [...typing, "cast", "overload"] }],
  });
  const names = ["EventIssue", "EventValidationError", "body_bytes", "decode", "issues", "response_of", "too_deep"];
  const support = importLines(body, { modules: [], from: [{ module: "._events", names }] });
  return text.replace(STDLIB_IMPORTS, stdlib.join("\n")).replace(SUPPORT_IMPORTS, support.join("\n"));
}

const SUPPORT_IMPORTS = "# (the imports from _events)";
const STDLIB_IMPORTS = "# (the imports from the standard library)";

const WSGI_FUNCTIONS = [
  "decode_http_params",
  "encode_http_params",
  "decode_http_response_params",
  "encode_http_response_params",
];

/**
 * The environ's type: a TypedDict in the functional form, as its keys (fc.context, wsgi.input) are
 * no identifiers; for type checkers only, a dict at run time. Python types where JSON has no word.
 */
function environType(wsgi: WsgiSpec): string[] {
  const schema = wsgi.schema as Json;
  const required = new Set((schema.required ?? []) as string[]);
  const members = Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, node]) => {
    const type = environPythonType(node);
    if (!required.has(key)) throw new Error(`events: the environ's ${key} is not always set`);
    return `            ${JSON.stringify(key)}: ${type},`;
  });
  return [
    `# ${wsgi.title}: what an FC 2.0 HTTP function (a WSGI application) gets as environ. Besides`,
    "# these keys, the process environment's variables and an HTTP_<NAME> key per request header.",
    "if TYPE_CHECKING:",
    `    ${wsgi.title} = TypedDict(`,
    `        ${JSON.stringify(wsgi.title)},`,
    "        {",
    ...members,
    "        },",
    "    )",
    "else:",
    `    ${wsgi.title} = dict`,
    "",
    "",
  ];
}

/** decode_/encode_ the request's and the response's x-fc-http-params header, checked. */
function wsgiFunctions(wsgi: WsgiSpec): string[] {
  const own = (name: string) => withoutAnnotations(definitionSchema(wsgi.schema, name), { descriptions: false });
  const pair = (name: string, noun: string, who: string) => [
    ...signature(`decode_${noun}`, ["header: Union[str, bytes]"], `"${name}"`),
    docstring(
      `The ${who} x-fc-http-params header: base64 of JSON, decoded and checked. Raises EventValidationError ` +
        "(kind 'wsgi') for text that is not base64 or not JSON, or JSON that is not the params.",
      "    ",
    ),
    `    return cast("${name}", _read_params(${JSON.stringify(name)}, header))`,
    "",
    "",
    `def encode_${noun}(params: "${name}") -> str:`,
    docstring(`The ${who} x-fc-http-params header's value: base64 of the params as JSON, checked first.`, "    "),
    `    return _write_params(${JSON.stringify(name)}, params)`,
    "",
    "",
  ];
  return [
    "# The params headers' schemas, for their checks.",
    "_WSGI: Dict[str, Any] = {",
    ...[wsgi.request, wsgi.response].map((name) => loadsEntry(name, jsonLines(own(name)))),
    "}",
    "",
    "",
    ...pair(wsgi.request, "http_params", "request's"),
    ...pair(wsgi.response, "http_response_params", "response's"),
    "def _read_params(name: str, header: Union[str, bytes]) -> Any:",
    "    try:",
    "        raw = base64.b64decode(header, validate=True)",
    "    except (binascii.Error, ValueError, TypeError):",
    '        raise EventValidationError("wsgi", [EventIssue("", "not base64", "read")])',
    '    return _checked_params(name, decode("wsgi", "json", raw))',
    "",
    "",
    "def _write_params(name: str, params: Any) -> str:",
    "    text = json.dumps(_checked_params(name, params))  # the separators the runtime writes",
    '    return base64.b64encode(text.encode("utf-8")).decode("ascii")',
    "",
    "",
    "def _checked_params(name: str, value: Any) -> Any:",
    "    found = issues(_WSGI[name], value)",
    "    if found:",
    '        raise EventValidationError("wsgi", found)',
    "    return value",
    "",
    "",
  ];
}

/** For a kind whose trigger reads the handler's return value: its response's builder, the bodies' bytes. */
function responseFunctions(event: EventKind, root: string): string[] {
  const name = event.response!;
  return [
    ...signature(
      snakeOf(name),
      ["body: Any", "status_code: int = 200", "headers: Optional[Dict[str, str]] = None"],
      `"${name}"`,
    ),
    docstring(
      `What a handler returns to answer ${article(event.kind)} ${event.kind} trigger: a str body as it is, bytes as base64 ` +
        "(isBase64Encoded true), any other value as JSON text with a Content-Type of application/json " +
        "unless headers name one. Raises EventValidationError when the result is no valid response.",
      "    ",
    ),
    `    value = response_of(body, status_code, headers)`,
    `    found = issues(_RESPONSES[${JSON.stringify(event.kind)}], value)`,
    "    if found:",
    `        raise EventValidationError(${JSON.stringify(event.kind)}, found)`,
    `    return cast("${name}", value)`,
    "",
    "",
    `def ${snakeOf(event.title)}_body(event: "${root}") -> bytes:`,
    docstring(
      "The request's body bytes: decoded from base64 when isBase64Encoded says so, else the text's UTF-8.",
      "    ",
    ),
    `    return body_bytes(${JSON.stringify(event.kind)}, event)`,
    "",
    "",
    `def ${snakeOf(name)}_body(response: "${name}") -> bytes:`,
    docstring("The response's body bytes, as the trigger sends them to the client.", "    "),
    `    return body_bytes(${JSON.stringify(event.kind)}, response)`,
    "",
    "",
  ];
}

/**
 * A dict entry loading JSON text, written as adjacent raw strings of at most 85 characters (Python
 * joins them), laid out as black lays it out: on one line when it fits in 100 columns.
 */
function loadsEntry(kind: string, chunks: readonly string[]): string {
  const literals = chunks.map((chunk) => `r"""${chunk}"""`);
  const one = `    ${JSON.stringify(kind)}: json.loads(${literals.join(" ")}),`;
  if (one.length <= 100) return one;
  return [`    ${JSON.stringify(kind)}: json.loads(`, ...literals.map((l) => `        ${l}`), "    ),"].join("\n");
}

/**
 * A def line as black lays it out: whole when it fits in 100 columns, else the parameters on one
 * indented line, else one a line with a trailing comma.
 */
function signature(name: string, params: readonly string[], returns: string): string[] {
  const whole = `def ${name}(${params.join(", ")}) -> ${returns}:`;
  if (whole.length <= 100) return [whole];
  const inner = `    ${params.join(", ")}`;
  if (inner.length <= 100) return [`def ${name}(`, inner, `) -> ${returns}:`];
  return [`def ${name}(`, ...params.map((param) => `    ${param},`), `) -> ${returns}:`];
}

function firstSentence(text: string): string {
  const end = text.indexOf(": ");
  const sentence = end > 0 ? `${text.slice(0, end)}.` : text;
  return lowerFirst(sentence);
}

/** The kind's schema as compact JSON text without prose, in pieces. */
function schemaText(event: EventKind): string[] {
  return jsonLines(withoutAnnotations(event.schema, { descriptions: false }));
}

/**
 * JSON text of a value in pieces of at most 85 characters: cut after a comma or a colon outside
 * strings where there is one, else anywhere but after a backslash or a quote (which would end a
 * raw string literal early).
 */
function jsonLines(value: unknown): string[] {
  let rest = JSON.stringify(value);
  const pieces: string[] = [];
  while (rest.length > 85) {
    let cut = -1;
    let inString = false;
    for (let i = 0; i < 85; i++) {
      const c = rest[i];
      if (c === "\\") i++;
      else if (c === '"') inString = !inString;
      else if (!inString && (c === "," || c === ":")) cut = i + 1;
    }
    if (cut <= 0) for (cut = 85; cut > 1 && (rest[cut - 1] === "\\" || rest[cut - 1] === '"'); ) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** The Python type of every schema node, and the TypedDicts they need, named once. */
class TypeNames {
  private readonly declared = new Map<string, string>();
  private readonly order: string[] = [];

  names(): string[] {
    return [...this.order];
  }

  /** Declares the TypedDicts of some of a schema's $defs into `out`. */
  declareDefs(schema: Json, names: readonly string[], out: string[]): void {
    const typeOf = this.typer(withoutAnnotations(schema, { descriptions: true }) as Json, out);
    for (const name of names) typeOf({ $ref: `#/$defs/${name}` }, name);
  }

  /** Declares a kind's types into `out`; returns the name of its root type. */
  declare(event: EventKind, out: string[]): string {
    const schema = withoutAnnotations(event.schema, { descriptions: true }) as Json;
    const typeOf = this.typer(schema, out);
    const root = typeOf({ ...schema, $defs: undefined } as Json, event.title);
    // what a handler returns to answer the trigger, declared after the event
    if (event.response !== undefined) typeOf({ $ref: `#/$defs/${event.response}` }, event.response);
    if (root === `"${event.title}"`) return event.title;
    this.claim(event.title);
    out.push(`${event.title} = ${root}`, "", "");
    return event.title;
  }

  /** The Python type of a node of `schema` (whose $defs its $refs name), declaring what it needs into `out`. */
  private typer(schema: Json, out: string[]): (node: Json | boolean | undefined, name: string) => string {
    const defs = (schema.$defs ?? {}) as Json;
    const refName = (ref: string) => ref.replace(/^#\/\$defs\//, "");
    const typeOf = (node: Json | boolean | undefined, name: string): string => {
      if (node === undefined || node === true || typeof node !== "object") return "Any";
      if (typeof node.$ref === "string")
        return this.named(refName(node.$ref), defs[refName(node.$ref)] as Json, out, typeOf);
      if (Array.isArray(node.anyOf)) {
        const forms = (node.anyOf as Json[]).map((form, index) => typeOf(form, `${name}Form${index + 1}`));
        return `Union[${forms.join(", ")}]`;
      }
      if (Array.isArray(node.enum)) {
        const kinds = [
          ...new Set((node.enum as unknown[]).map((item) => (typeof item === "boolean" ? "bool" : "str"))),
        ];
        return kinds.length === 1 ? kinds[0]! : `Union[${kinds.join(", ")}]`;
      }
      const types =
        node.type === undefined ? [] : Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
      if (types.length > 1) return `Union[${types.map((type) => typeOf({ ...node, type }, name)).join(", ")}]`;
      switch (types[0]) {
        case "string":
          return "str";
        case "integer":
          return "int";
        case "number":
          return "float";
        case "boolean":
          return "bool";
        case "null":
          return "None";
        case "array":
          return `List[${typeOf(node.items as Json | undefined, `${name}Item`)}]`;
        case "object":
          if (node.properties !== undefined || node.allOf !== undefined) return this.named(name, node, out, typeOf);
          return `Dict[str, ${typeOf(node.additionalProperties as Json | undefined, `${name}Value`)}]`;
        default:
          return "Any";
      }
    };
    return typeOf;
  }

  private claim(name: string): void {
    if (this.order.includes(name)) throw new Error(`events: two types named ${name}`);
    this.order.push(name);
  }

  /** A TypedDict for an object schema (its quoted name), declared the first time it is met. */
  private named(
    name: string,
    node: Json,
    out: string[],
    typeOf: (node: Json | undefined, name: string) => string,
  ): string {
    const text = JSON.stringify(node);
    const earlier = this.declared.get(name);
    if (earlier !== undefined) {
      if (earlier !== text) throw new Error(`events: two different types named ${name}`);
      return `"${name}"`;
    }
    this.declared.set(name, text);
    const bases = ((node.allOf ?? []) as Json[]).map((part) => typeOf(part, `${name}Base`).replace(/^"|"$/g, ""));
    const required = new Set((node.required ?? []) as string[]);
    const members = Object.entries((node.properties ?? {}) as Record<string, Json>).map(([member, child]) => {
      if (!IDENTIFIER.test(member) || KEYWORDS.has(member))
        throw new Error(`events: ${name}.${member} is no identifier`);
      return { member, type: typeOf(child, `${name}${pascal(member)}`), required: required.has(member) };
    });
    const lines = (list: typeof members) => list.map((m) => `    ${m.member}: ${quoteNames(m.type)}`);
    const must = members.filter((m) => m.required);
    const may = members.filter((m) => !m.required);
    const described = typeof node.description === "string" ? [docstring(node.description, "    ")] : [];
    // black wants a blank line between a class docstring and what follows it
    const body = (list: typeof members) =>
      list.length === 0
        ? described.length > 0
          ? described
          : ["    pass"]
        : [...described, ...(described.length > 0 ? [""] : []), ...lines(list)];
    const base = bases.length > 0 ? bases.join(", ") : "TypedDict";
    if (must.length > 0 && may.length > 0) {
      out.push(`class _${name}Required(${base}):`, ...lines(must), "", "");
      out.push(`class ${name}(_${name}Required, total=False):`, ...body(may), "", "");
    } else {
      const total = may.length > 0 ? ", total=False" : "";
      out.push(`class ${name}(${base}${total}):`, ...body(members), "", "");
    }
    this.claim(name);
    return `"${name}"`;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Class names inside a type are quoted as a whole: the classes may be declared later. */
function quoteNames(type: string): string {
  return /"/.test(type) ? `"${type.replaceAll('"', "")}"` : type;
}
