/**
 * The one typed model between spec/ and every emitter. Emitters read only this: a runtime is a
 * set of Python classes, a class a list of fields plus its constructor, aliases and methods.
 * Everything a target needs is stated here, already checked; no emitter looks at spec/ itself.
 */

/** A key of spec/sources.json; normalize checks each one is registered. */
export type SourceKey = string;

/** An entry of the spec's registry of sources (spec/sources.json). */
export interface Source {
  readonly key: SourceKey;
  readonly title: string;
  readonly urls: readonly string[];
  /** What the source shows. */
  readonly shows: string;
}

/** Where a model element was defined: for messages and for telling shared classes apart. */
export interface Location {
  readonly file: string;
  readonly pointer: string;
}

/** A Python type, as an annotation would spell it. */
export type PyType =
  | { readonly kind: "builtin"; readonly name: "str" | "int" | "float" | "bool" | "None" | "Any" }
  | { readonly kind: "logger" }
  | { readonly kind: "class"; readonly name: string }
  | { readonly kind: "optional"; readonly of: PyType }
  | { readonly kind: "union"; readonly of: readonly PyType[] }
  | { readonly kind: "dict"; readonly key: PyType; readonly value: PyType }
  | { readonly kind: "list"; readonly of: PyType };

export type JsonKind = "string" | "integer" | "number" | "boolean" | "object" | "array";

export interface Constraints {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
}

/** The JSON side of a field in the attribute view. */
export interface JsonShape {
  /** The non-null JSON types, in spec order. */
  readonly kinds: readonly JsonKind[];
  /** Set when the value is an instance of another class of the runtime. */
  readonly classRef?: string;
  readonly constraints: Constraints;
}

/** A claim of the vendor's documentation that the real runtime contradicts. */
export interface VendorClaim {
  readonly claim: string;
  readonly truth: string;
  readonly source: SourceKey;
  readonly evidence: readonly SourceKey[];
}

export interface Field {
  readonly name: string;
  readonly description: string;
  /** Absent for attributes that exist only in Python (loggers): they are not in the attribute view. */
  readonly json?: JsonShape;
  readonly python: PyType;
  readonly nullable: boolean;
  readonly nullWhen?: string;
  readonly unit?: "MB" | "seconds";
  readonly header?: string;
  /** How each invocation path converts the header to an int; absent for text, read by the path's rules. */
  readonly fromHeader?: PerPath<HeaderConversion>;
  /** The key under which to_dict()/to_json() writes this field, when the class has those. */
  readonly toJsonKey?: string;
  readonly secret: boolean;
  readonly examples: readonly unknown[];
  readonly sources: readonly SourceKey[];
  readonly vendorDoc: readonly VendorClaim[];
  readonly location: Location;
}

export type PathName = "default" | "concurrent";
export type PerPath<T> = { readonly [P in PathName]: T };

/** A named rule turning a header's text into an int (spec/README.md, "Invocation paths"). */
export interface HeaderConversion {
  /** "int": Python's int(); "c-long": the native client's strtoul(text, NULL, 10) in a signed 64-bit long. */
  readonly convert: "int" | "c-long";
  /** The value without the header: an int, or "arbitrary" (never initialised); unset: convert what the path reads. */
  readonly absent?: number | "arbitrary";
  /** When the conversion fails: "error" (posted as the invocation's error) or "not-invoked" (dropped). */
  readonly invalid?: "error" | "not-invoked";
}

/** How one invocation path reads the headers (spec/README.md, "Invocation paths"). */
export interface InvocationPath {
  readonly name: PathName;
  readonly description: string;
  readonly instanceConcurrency: "1" | "above 1";
  readonly repeatedHeader: "first" | "joined";
  readonly whitespace: "trim" | "trim-leading";
  readonly encoding: "utf-8" | "latin-1";
  readonly absentText: "empty-string" | "none";
  readonly requiredHeader: {
    readonly header: string;
    readonly absent: "not-invoked" | "error";
    readonly sources: readonly SourceKey[];
  };
  readonly checkedHeaders: readonly {
    readonly header: string;
    readonly conversion: HeaderConversion;
    readonly sources: readonly SourceKey[];
  }[];
  readonly logger: "none" | "per-request";
  readonly sources: readonly SourceKey[];
}

/** What fc-context's converters give where the runtime's value is arbitrary (an uninitialised int). */
export const ARBITRARY_INT_STANDIN = 0;

export interface ConstructorParam {
  readonly name: string;
  /** The field the parameter fills. */
  readonly fills: string;
  readonly default?: string | number | boolean | null;
  /** A method of the class the value passes through before it is stored. */
  readonly via?: string;
}

export interface Alias {
  readonly name: string;
  readonly of: string;
  /** "attribute": a second plain attribute with the same value; "property": a read-only property. */
  readonly kind: "attribute" | "property";
  readonly description: string;
}

export type MethodBehavior = "logger-or-root" | "to-dict" | "to-json" | "decode-base64-json-baggage";

export interface Method {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly python: PyType }[];
  readonly returns: PyType;
  readonly behavior: MethodBehavior;
  readonly description: string;
  readonly sources: readonly SourceKey[];
}

export interface PyClass {
  readonly name: string;
  readonly description: string;
  /** Attribute-view fields in spec order, then Python-only fields. */
  readonly fields: readonly Field[];
  readonly constructorParams: readonly ConstructorParam[];
  readonly aliases: readonly Alias[];
  readonly methods: readonly Method[];
  readonly sources: readonly SourceKey[];
  readonly vendorDoc: readonly VendorClaim[];
  readonly location: Location;
}

/** Something the runtime dropped, and what replaces it (only where the spec cannot derive it). */
export interface Removal {
  /** Dotted path from the context, such as "credentials" or "service.name". */
  readonly attribute: string;
  readonly replacement: string;
  readonly sources: readonly SourceKey[];
}

export interface Runtime {
  /** The FC runtime id users configure, such as "python3.9". */
  readonly id: string;
  /** Other ids that mean this runtime ("python3.6" for "python3"). */
  readonly aliases: readonly string[];
  readonly pythonVersion: string;
  readonly pythonModule: string;
  readonly description: string;
  readonly sources: readonly SourceKey[];
  readonly removed: readonly Removal[];
  readonly schemaId: string;
  readonly specFile: string;
  /** The context class's name; classes[0] is that class. */
  readonly root: string;
  /** The context class first, then every class it reaches, in order of first reach. */
  readonly classes: readonly PyClass[];
  /** How the runtime reads an invocation's headers, per path. */
  readonly paths: PerPath<InvocationPath>;
}

export interface Model {
  readonly specVersion: string;
  /** Sorted by Python version. */
  readonly runtimes: readonly Runtime[];
  /** The registry every source key names, in registry order. */
  readonly sources: readonly Source[];
  /** The trigger events' family (spec/events/); no kinds when the spec has none. */
  readonly events: EventFamily;
}

/** The trigger events: their own registry of sources, and a kind per spec file. */
export interface EventFamily {
  readonly sources: readonly Source[];
  /** Sorted by kind id. */
  readonly kinds: readonly EventKind[];
  /** What an FC 2.0 HTTP function gets instead of an event (spec/events/wsgi.schema.json), where the spec says. */
  readonly wsgi?: WsgiSpec;
}

/** An FC 2.0 HTTP function's WSGI environ, and the params headers of its request and response. */
export interface WsgiSpec {
  /** Repository-relative path of its spec file. */
  readonly file: string;
  readonly schemaId: string;
  /** The environ's type name: "WsgiEnviron". */
  readonly title: string;
  readonly description: string;
  /** How the runtime builds the environ and where the params come from. */
  readonly delivery: string;
  readonly sources: readonly SourceKey[];
  /** The environ's JSON Schema with its $defs; a value JSON has no word for carries x-python, its Python type. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The $defs names of the request's and the response's params (the x-fc-http-params header's JSON). */
  readonly request: string;
  readonly response: string;
}

/** What a handler's event bytes hold: JSON; JSON or (in one form) plain text; CBOR. */
export type EventEncoding = "json" | "json-or-text" | "cbor";

/** One kind of trigger event (spec/events/<kind>.schema.json). */
export interface EventKind {
  /** The kind's id, its file's name: "oss", "eventbridge-kafka". */
  readonly kind: string;
  /** The event's type name: "OssEvent". */
  readonly title: string;
  readonly description: string;
  readonly arrives: EventEncoding;
  /** The FC generations its samples speak for. */
  readonly generations: readonly ("fc2" | "fc3")[];
  /** How the handler receives it. */
  readonly delivery: string;
  readonly sources: readonly SourceKey[];
  /** Repository-relative path of its spec file. */
  readonly file: string;
  readonly schemaId: string;
  /**
   * The event's JSON Schema, self-contained: what it references of spec/events/shared/ copied into
   * its $defs. The spec's annotations (x-source, x-vendor-doc, x-unit, x-cbor) are kept.
   */
  readonly schema: Readonly<Record<string, unknown>>;
  /**
   * What a fake of the kind starts from: the first valid sample the vendor published (a doc's
   * before the Go SDK's, a template's, an observed one), or, for a kind without one, a value built
   * from the schema. Emitters check it against the kind's validator.
   */
  readonly example: { readonly value: unknown; readonly from: string };
  /**
   * The name of the definition in schema.$defs that a handler returns to answer the trigger, for a
   * kind whose trigger reads the return value (an HTTP response); undefined for the others.
   */
  readonly response?: string;
  /** The vendor's Go SDK struct of the kind, checked against the schema, where the SDK has one. */
  readonly goStruct?: GoStruct;
  /** The vendor's samples of the kind (spec/events/samples/<kind>/), by path, with their verdicts. */
  readonly samples: readonly EventSample[];
}

/** A kind's Go struct in the vendor's SDK (aliyun/fc-runtime-go-sdk), as it compares with the spec. */
export interface GoStruct {
  readonly file: string;
  readonly commit: string;
  /** Compiled code, or a struct the file holds commented out. */
  readonly state: "live" | "commented-out";
  /** How many of its fields have the spec's name and types. */
  readonly agreeing: number;
  /** Where Go and the spec differ, and why the spec holds what it holds ("response:" before a response's path). */
  readonly differences: ReadonlyArray<{
    readonly path: string;
    readonly go: string;
    readonly spec: string;
    readonly why: string;
  }>;
}

/** One recorded vendor sample: where it was published, and whether it is a valid event. */
export interface EventSample {
  /** Repository-relative path of the sample file. */
  readonly file: string;
  readonly source: "doc" | "go-sdk" | "template" | "observed";
  readonly generation: "fc2" | "fc3" | "both";
  readonly origin: string;
  /** undefined: the sample is a valid event; else why the vendor's sample is not one. */
  readonly vendorError?: string;
}

/** One of a schema's $defs as a schema of its own: the definition with the $defs it may reference beside it. */
export function definitionSchema(schema: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> {
  const defs = schema.$defs as Record<string, Record<string, unknown>>;
  return { ...defs[name], $defs: defs };
}

/** A kind's response definition as a schema of its own. */
export function responseSchema(kind: EventKind): Readonly<Record<string, unknown>> | undefined {
  return kind.response === undefined ? undefined : definitionSchema(kind.schema, kind.response);
}

/** The Python type of a value of the WSGI environ: its x-python, else its JSON type's. */
export function environPythonType(node: Readonly<Record<string, unknown>>): string {
  if (typeof node["x-python"] === "string") return node["x-python"];
  return ({ string: "str", boolean: "bool", integer: "int" } as Record<string, string>)[node.type as string] ?? "Any";
}

/** Whether a runtime's context has to_json(), so a to_json() view. */
export function serializes(runtime: Runtime): boolean {
  return runtime.classes[0]!.methods.some((method) => method.behavior === "to-json");
}

export function attributeFields(cls: PyClass): readonly Field[] {
  return cls.fields.filter((field) => field.json !== undefined);
}

export function findClass(runtime: Runtime, name: string): PyClass {
  const found = runtime.classes.find((cls) => cls.name === name);
  if (found === undefined) throw new Error(`model invariant: runtime ${runtime.id} has no class ${name}`);
  return found;
}

/**
 * The runtime whose emitted code `runtime` can share: the first in model order with the same
 * classes and invocation paths (one model, as python3, python3.9 and python3.10 are) and the same
 * `also` key, a target's own condition (its Python features, its Unicode tables). A runtime no
 * earlier one matches owns its code.
 */
export function modelOwner(model: Model, runtime: Runtime, also: (runtime: Runtime) => string = () => ""): Runtime {
  const key = (of: Runtime) => JSON.stringify([of.classes, of.paths, also(of)]);
  const own = key(runtime);
  return model.runtimes.find((other) => key(other) === own) ?? runtime;
}

/** The runtimes that share `owner`'s emitted code under the same condition, owner first. */
export function modelSharers(model: Model, owner: Runtime, also?: (runtime: Runtime) => string): Runtime[] {
  return model.runtimes.filter((runtime) => modelOwner(model, runtime, also) === owner);
}
