import type { ContextOf, Runtime } from "@fc-context/types";
import type { ValidationResult } from "../gen/errors.js";

export { FCContextValidationError, type ValidationIssue, type ValidationResult } from "../gen/errors.js";

/** What every runtime's subpath exports. */
export interface RuntimeValidators<R extends Runtime> {
  readonly runtime: string;
  readonly specVersion: string;
  readonly schemaId: string;
  isFCContext(value: unknown): value is ContextOf<R>;
  validateFCContext(value: unknown): ValidationResult<ContextOf<R>>;
  assertFCContext(value: unknown): asserts value is ContextOf<R>;
}

/**
 * Loads the validators of a runtime given its id (python3.6 loads python3's); rejects an unknown id
 * with a TypeError.
 */
export declare function loadValidators<R extends Runtime>(runtime: R): Promise<RuntimeValidators<R>>;
