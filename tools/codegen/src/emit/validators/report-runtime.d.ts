/** One fault of a value, as validateFCContext reports it. */
export interface ValidationIssue {
  /** RFC 6901 JSON pointer to the fault: "" for the value itself, "/function/memory" for a field. */
  readonly path: string;
  /** What was expected and what kind of value was found; never a string's content. */
  readonly message: string;
  /**
   * The rule that failed: "required", "additionalProperties", "type", "minLength", "minimum",
   * "pattern", "read", ...
   */
  readonly keyword: string;
}

/** What validate* returns: the value, typed, when it is valid; every issue when it is not. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Thrown by assertFCContext; the message lists every issue. `instanceof` recognizes it whichever
 * runtime's module threw it.
 */
export declare class FCContextValidationError extends Error {
  constructor(runtime: string, issues: readonly ValidationIssue[]);
  readonly name: "FCContextValidationError";
  /** The runtime id the value was checked against. */
  readonly runtime: string;
  readonly issues: readonly ValidationIssue[];
}

/** @internal */
export declare function readFailure(): ValidationIssue;
/** @internal */
export declare function toIssues(
  errors: readonly object[] | null | undefined,
  value: unknown,
  runtime: string,
  classes: Readonly<Record<string, string>>,
  secrets?: ReadonlySet<string>,
): ValidationIssue[];
