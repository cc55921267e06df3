/** One fault of an event, as validate<Event> reports it. */
export interface EventIssue {
  /** RFC 6901 JSON pointer to the fault: "" for the event itself, "/events/0/oss" for a member. */
  readonly path: string;
  /** What was expected and what kind of value was found; never a string's content. */
  readonly message: string;
  /** The rule that failed: "required", "type", "enum", "minItems", "anyOf", "read", ... */
  readonly keyword: string;
}

/** What validate<Event> returns: the event, typed, when it is valid; every issue when it is not. */
export type EventValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly EventIssue[] };

/**
 * Thrown by assert<Event>; the message lists every issue. `instanceof` recognizes it whichever
 * kind's module threw it.
 */
export declare class EventValidationError extends Error {
  constructor(kind: string, issues: readonly EventIssue[]);
  readonly name: "EventValidationError";
  /** The trigger event kind the value was checked against. */
  readonly kind: string;
  readonly issues: readonly EventIssue[];
}

/** @internal */
export declare function eventIssues(schema: object, value: unknown): EventIssue[];

/** @internal */
export declare function decodeEvent(
  arrives: string,
  bytes: unknown,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: EventIssue };
/** @internal */
export declare function decodeCbor(bytes: Uint8Array): unknown;

/** What a response builder takes besides the body. */
export interface ResponseInit {
  /** The HTTP status: 200 unless given. */
  readonly statusCode?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a response builder takes as the body: text as it is, bytes as base64, anything else as JSON. */
export type ResponseBody = string | Uint8Array | number | boolean | null | object;

/** @internal */
export declare function responseOf(
  body: ResponseBody,
  init: ResponseInit | undefined,
): { statusCode: number; headers: Record<string, string>; isBase64Encoded: boolean; body: string };
/** @internal */
export declare function bodyBytes(kind: string, holder: unknown): Uint8Array;
/** @internal */
export declare function parseJsonExact(text: string): unknown;
