export interface EventSample {
  readonly name: string;
  readonly kind: string;
  readonly generation: "fc2" | "fc3" | "both";
  readonly source: "doc" | "go-sdk" | "template" | "observed";
  readonly origin: string;
  readonly notes: string;
  /** "valid", or the vendor's error that makes the published sample no event. */
  readonly verdict: "valid" | { readonly vendorError: string };
  /** What the handler would receive, where a source published it (no CBOR bytes are published). */
  readonly bytes: Buffer | null;
  /** The event as decoded; undefined where the published text is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: a sample is any JSON, read by tests that know its kind
  readonly value: any;
  /** For a text that is not JSON only because of trailing commas: the value without them. */
  readonly event_lenient?: unknown;
}
export declare function readSamples(kind: string): EventSample[];
/** Copies of an event each broken in one place (a member taken away, or set to null), with its pointer. */
export declare function nearMisses(value: unknown): Array<[string, unknown]>;
