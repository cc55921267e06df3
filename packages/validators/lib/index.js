// The runtime-independent part of @fc-context/validators. Import a runtime's validators from
// its subpath (@fc-context/validators/python3.9), or load one by id with loadValidators.
import { canonicalRuntime } from "@fc-context/types";

export { FCContextValidationError } from "../gen/errors.js";

export async function loadValidators(runtime) {
  const id = canonicalRuntime(runtime);
  if (id === undefined) throw new TypeError(`unknown FC runtime id ${JSON.stringify(String(runtime))}: expected one of python3, python3.6, python3.9, python3.10, python3.12`);
  return import(`../gen/${id}.js`);
}
