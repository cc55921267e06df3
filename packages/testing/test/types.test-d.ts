// Type tests, compiled by `tsc -p packages/testing`.

import { fakeContext } from "@fc-context/testing";
import type { FCContext as Context36 } from "@fc-context/types/python3";
import type { FCContext as Context312 } from "@fc-context/types/python3.12";
import { expectTypeOf } from "expect-type";

expectTypeOf(fakeContext("python3.12")).toEqualTypeOf<Context312>();
expectTypeOf(fakeContext("python3.6", { function: { memory: 1024 } })).toEqualTypeOf<Context36>();
// @ts-expect-error python3.12 has no credentials to override
fakeContext("python3.12", { credentials: { access_key_id: "x" } });
// @ts-expect-error memory is a number
fakeContext("python3.9", { function: { memory: "1024" } });
