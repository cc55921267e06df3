export interface Vector {
  /** "valid/<file>" or "invalid/<file>". */
  readonly name: string;
  readonly valid: boolean;
  readonly description: string;
  /** The JSON pointer of an invalid vector's one fault. */
  readonly fault?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a vector is any JSON, read by tests that know its shape
  readonly value: any;
}

export declare function readVectors(runtime: string, kinds?: ReadonlyArray<"valid" | "invalid">): Vector[];
/** The context every vector of a runtime's model patches. */
// biome-ignore lint/suspicious/noExplicitAny: a context of the runtime's model, read by tests that know its shape
export declare function readBase(runtime: string): any;
/** A copy of a value with an RFC 6902 patch (add, remove, replace) applied; `vector` names it in errors. */
export declare function applyPatch(value: unknown, patch: readonly unknown[], vector: string): unknown;
export declare function stringsIn(value: unknown): string[];

export interface Finding {
  readonly name: string;
  readonly description: string;
  readonly runtime: string;
  readonly form: "attributes" | "json" | "headers-default" | "headers-concurrent";
  readonly input: unknown;
  readonly expected: unknown;
}

export declare function readFindings(): Finding[];
/** The folder holding a runtime's vectors: its model's, the folder of the model's first runtime. */
export declare function vectorFolder(runtime: string): string;
