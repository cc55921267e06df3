/**
 * A header set the runtime cannot build a context from, one whose context JavaScript cannot hold
 * exactly, or a value no header can hold. `outcome` says what the runtime does: posts an error
 * ("error"), never runs the handler ("not-invoked"), builds a context holding an integer past
 * 2**53 - 1 in magnitude, which a JavaScript number would round ("unrepresentable": refused, never
 * rounded; Python's from_headers builds it), or, for "input", nothing: the value given is not text.
 */
export declare class FCHeaderError extends Error {
  constructor(header: string, message: string, outcome: FCHeaderError["outcome"]);
  readonly name: "FCHeaderError";
  /** The header, lower case, or "(headers)" for the input as a whole. */
  readonly header: string;
  readonly outcome: "error" | "not-invoked" | "unrepresentable" | "input";
}

/**
 * Request headers as a JavaScript server holds them: a plain record (Node's IncomingHttpHeaders,
 * an array for a repeated header), a Map, a Web Headers, or a list of [name, value] pairs in wire
 * order. Values are text as sent (UTF-8 on the wire).
 */
export type HeaderInput =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | ReadonlyMap<string, string | readonly string[]>
  | Iterable<readonly [string, string]>;

/**
 * The invocation path whose header rules to follow: "default" (instance concurrency 1, the
 * native client) or "concurrent" (instance concurrency above 1, Python's requests).
 */
export type InvocationPath = "default" | "concurrent";

/** The options of fromHeaders: the invocation path whose rules to follow ("default" when absent). */
export interface FromHeadersOptions {
  /** Which invocation path to reproduce; "default" when left out. */
  readonly path?: InvocationPath;
}

/**
 * The runtime's baggage parser: json.loads(base64.b64decode(value)) as CPython does it; {} on failure.
 * Throws InexactIntegerError (a RangeError) where the value holds an int past 2**53 - 1 in magnitude.
 */
export declare function decodeBaggage(value: string | null): unknown;
/** Python's int() of a str, exact, or undefined where it raises ValueError. */
export declare function pythonInt(text: string, unicode?: number): bigint | undefined;
/** The native client's parse: C strtoul(text, NULL, 10) held in a signed 64-bit long. */
export declare function cLong(text: string): bigint;
