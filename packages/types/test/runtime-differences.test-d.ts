// Type tests: compiled (never run) by `tsc -p packages/types`, which the build step and
// compile.test.ts both do. Each line proves one difference between runtimes.

import {
  type CanonicalOf,
  type ContextOf,
  canonicalRuntime,
  type Python312,
  type Runtime,
  type runtimeIds,
  type runtimes,
} from "@fc-context/types";
import type * as P3 from "@fc-context/types/python3";
import type * as P36 from "@fc-context/types/python3.6";
import type * as P39 from "@fc-context/types/python3.9";
import type * as P310 from "@fc-context/types/python3.10";
import type * as P312 from "@fc-context/types/python3.12";
import type { specVersion as p312Version } from "@fc-context/types/python3.12";
import { expectTypeOf } from "expect-type";

// python3.12 dropped credentials, service, tracing and retry_count.
expectTypeOf<P312.FCContext>().not.toHaveProperty("credentials");
expectTypeOf<P312.FCContext>().not.toHaveProperty("service");
expectTypeOf<P312.FCContext>().not.toHaveProperty("tracing");
expectTypeOf<P312.FCContext>().not.toHaveProperty("retry_count");
expectTypeOf<P312.FCContext["log_project"]>().toEqualTypeOf<string | null>();
expectTypeOf<P312.FunctionMeta["qualifier"]>().toEqualTypeOf<string | null>();
expectTypeOf<P312.FunctionMeta["version_id"]>().toEqualTypeOf<string | null>();

// python3.9 keeps them, and has neither the top-level log settings nor function.qualifier.
expectTypeOf<P39.FCContext>().not.toHaveProperty("log_project");
expectTypeOf<P39.FCContext>().not.toHaveProperty("log_store");
expectTypeOf<P39.FunctionMeta>().not.toHaveProperty("qualifier");
expectTypeOf<P39.FCContext["credentials"]>().toEqualTypeOf<P39.Credentials>();
expectTypeOf<P39.ServiceMeta["qualifier"]>().toEqualTypeOf<string | null>();

// Values typed as production passes them.
expectTypeOf<P39.Tracing["span_context"]>().toEqualTypeOf<string | null>();
// the baggage is whatever JSON the header decodes to (a list survives), so it must be narrowed
expectTypeOf<P39.Tracing["span_baggages"]>().toEqualTypeOf<
  { [k: string]: unknown } | unknown[] | string | number | boolean | null
>();
expectTypeOf<P39.FunctionMeta["memory"]>().toEqualTypeOf<number>();
// ints on both invocation paths, as the running runtime builds them
expectTypeOf<P39.FunctionMeta["timeout"]>().toEqualTypeOf<number>();
expectTypeOf<P39.FCContext["retry_count"]>().toEqualTypeOf<number>();
// the default path gives "" for an absent text header, so its result is an attribute-view context;
// the concurrent path gives null even where the attribute view says string
expectTypeOf<P39.FCContextFromHeaders>().toMatchTypeOf<P39.FCContext>();
expectTypeOf<P39.FCContextFromHeaders["region"]>().toEqualTypeOf<string>();
expectTypeOf<P39.FCContextFromConcurrentHeaders["region"]>().toEqualTypeOf<string | null>();
expectTypeOf<P39.CredentialsFromConcurrentHeaders["security_token"]>().toEqualTypeOf<string | null>();
expectTypeOf<P39.Credentials["security_token"]>().toEqualTypeOf<string>();
expectTypeOf<P39.ServiceMeta["name"]>().toEqualTypeOf<string | null>();

// The attribute view has no Python-only members: loggers, camelCase aliases, methods.
expectTypeOf<P39.FCContext>().not.toHaveProperty("logger");
expectTypeOf<P39.FCContext>().not.toHaveProperty("requestId");
expectTypeOf<P39.FCContext>().not.toHaveProperty("getLogger");
expectTypeOf<P39.Credentials>().not.toHaveProperty("accessKeyId");
expectTypeOf<P312.FCContext>().not.toHaveProperty("logger");

// python3.6 is python3; 3.9 and 3.10 share one model; ContextOf picks by id.
expectTypeOf<P36.FCContext>().toEqualTypeOf<P3.FCContext>();
expectTypeOf<P310.FCContext>().toEqualTypeOf<P39.FCContext>();
expectTypeOf<ContextOf<"python3.6">>().toEqualTypeOf<P3.FCContext>();
expectTypeOf<ContextOf<"python3.12">>().toEqualTypeOf<P312.FCContext>();
expectTypeOf<ContextOf<"python3.12">>().toEqualTypeOf<Python312.FCContext>();
// the union of ids is the list of ids the package exports (the spec's, whatever runtimes it has)
expectTypeOf<Runtime>().toEqualTypeOf<(typeof runtimeIds)[number]>();
expectTypeOf<"python3.6">().toMatchTypeOf<Runtime>();
expectTypeOf<CanonicalOf<"python3.6">>().toEqualTypeOf<"python3">();
expectTypeOf(canonicalRuntime("python3.6")).toEqualTypeOf<"python3">();
expectTypeOf(canonicalRuntime("nodejs20")).toEqualTypeOf<(typeof runtimes)[number] | undefined>();
expectTypeOf<"python3.6">().not.toMatchTypeOf<(typeof runtimes)[number]>();
expectTypeOf<typeof p312Version>().toMatchTypeOf<string>();

export function onPython312(context: P312.FCContext): string {
  // @ts-expect-error python3.12 has no credentials: read ALIBABA_CLOUD_* from the environment
  context.credentials;
  // @ts-expect-error python3.12 has no service: the qualifier moved to function
  context.service.qualifier;
  return `${context.function.qualifier ?? "LATEST"}:${context.log_project ?? ""}`;
}

export function onPython39(context: P39.FCContext): string {
  // @ts-expect-error span_context is null when tracing is off
  context.tracing.span_context.split(":");
  // @ts-expect-error python3.9 has no top-level log_project
  context.log_project;
  const parts = context.tracing.span_context === null ? [] : context.tracing.span_context.split(":");
  return `${context.credentials.access_key_id}${parts.join("")}${context.service.log_project ?? ""}`;
}

export const noExtraKeys: P39.Credentials = {
  access_key_id: "",
  access_key_secret: "",
  security_token: "",
  // @ts-expect-error the attribute view has no camelCase keys
  accessKeyId: "",
};

// python3.9 and python3.10 share python3's model and so its declarations: the same interfaces,
// each module with its own ids.
expectTypeOf<P39.FCContext>().toEqualTypeOf<P3.FCContext>();
expectTypeOf<P310.FCContextFromConcurrentHeaders>().toEqualTypeOf<P3.FCContextFromConcurrentHeaders>();
expectTypeOf<P310.FCContextJSON>().toEqualTypeOf<P39.FCContextJSON>();
expectTypeOf<typeof P39.runtime>().toEqualTypeOf<"python3.9">();
expectTypeOf<typeof P310.runtime>().toEqualTypeOf<"python3.10">();
expectTypeOf<typeof P310.pythonVersion>().toEqualTypeOf<"3.10">();
expectTypeOf<typeof P3.runtime>().toEqualTypeOf<"python3">();
