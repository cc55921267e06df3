// Type tests, compiled by `tsc -p packages/validators` (build step and compile.test.ts).

import type { FCContext as Context39 } from "@fc-context/types/python3.9";
import type { FCContext as Context312 } from "@fc-context/types/python3.12";
import { loadValidators, type RuntimeValidators } from "@fc-context/validators";
import * as v36 from "@fc-context/validators/python3.6";
import {
  assertFCContext,
  isFCContext,
  type ValidationIssue,
  validateFCContext,
} from "@fc-context/validators/python3.9";
import * as v312 from "@fc-context/validators/python3.12";
import { expectTypeOf } from "expect-type";

declare const input: unknown;

if (isFCContext(input)) {
  expectTypeOf(input).toEqualTypeOf<Context39>();
  expectTypeOf(input.credentials.security_token).toEqualTypeOf<string>();
}
if (v312.isFCContext(input)) {
  expectTypeOf(input).toEqualTypeOf<Context312>();
  // @ts-expect-error a python3.12 context has no credentials
  input.credentials;
}

const result = validateFCContext(input);
if (result.ok) expectTypeOf(result.value).toEqualTypeOf<Context39>();
else expectTypeOf(result.issues).toEqualTypeOf<readonly ValidationIssue[]>();

export function afterAssert(value: unknown): string {
  assertFCContext(value);
  expectTypeOf(value).toEqualTypeOf<Context39>();
  return value.region;
}

export function afterAssert36(value: unknown): string {
  v36.assertFCContext(value);
  return value.service.qualifier ?? "LATEST";
}

export async function byId(): Promise<void> {
  const validators = await loadValidators("python3.12");
  expectTypeOf(validators).toEqualTypeOf<RuntimeValidators<"python3.12">>();
  if (validators.isFCContext(input)) expectTypeOf(input).toEqualTypeOf<Context312>();
}
