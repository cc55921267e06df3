// The runtime-independent part of @fc-context/validators. Import a runtime's validators from
// its subpath (@fc-context/validators/python3.9), or load one by id with loadValidators.
import { canonicalRuntime, runtimeIds } from "@fc-context/types";

export { FCContextValidationError } from "../gen/errors.js";

export async function loadValidators(runtime) {
  const id = canonicalRuntime(runtime);
  if (id === undefined) {
    const named =
      typeof runtime === "string" ? JSON.stringify(runtime) : `(${runtime === null ? "null" : typeof runtime})`;
    throw new TypeError(`unknown FC runtime id ${named}: expected one of ${runtimeIds.join(", ")}`);
  }
  return import(`../gen/${id}.js`);
}
