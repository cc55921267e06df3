// zod schemas of the same rules, for comparison only.
import { z } from "zod";

const nonEmpty = z.string().min(1);
const nullable = z.string().nullable();
const timeout = z.union([z.number().int().min(1), z.string().regex(/^[1-9][0-9]*$/u)]);

export const classicContext = z.strictObject({
  request_id: nonEmpty,
  credentials: z.strictObject({ access_key_id: z.string(), access_key_secret: z.string(), security_token: z.string() }),
  function: z.strictObject({ name: nonEmpty, handler: nonEmpty, memory: z.number().int().min(1), timeout }),
  service: z.strictObject({
    name: nullable,
    log_project: nullable,
    log_store: nullable,
    qualifier: nullable,
    version_id: nullable,
  }),
  region: nonEmpty,
  account_id: nonEmpty,
  retry_count: z.union([z.number().int().min(0), z.string().regex(/^[0-9]+$/u)]).nullable(),
  tracing: z.strictObject({
    span_context: z
      .string()
      .regex(/^[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+$/u)
      .nullable(),
    span_baggages: z.record(z.string(), z.unknown()),
    jaeger_endpoint: nullable,
  }),
});

export const python312Context = z.strictObject({
  account_id: nonEmpty,
  request_id: nonEmpty,
  function: z.strictObject({
    name: nonEmpty,
    handler: nonEmpty,
    memory: z.number().int().min(1),
    timeout,
    version_id: nullable,
    qualifier: nullable,
  }),
  log_project: nullable,
  log_store: nullable,
  region: nonEmpty,
});
