/**
 * Realistic attribute-view contexts as each runtime builds them, for tests that need one.
 * (The shared test vectors under spec/vectors/ are the project-wide set; these stay small.)
 */
export const classicContext = {
  request_id: "1-6566d4a0-15b9c5e0-8a4d5b7e3c2f",
  credentials: { access_key_id: "", access_key_secret: "", security_token: "" },
  function: { name: "resize-image", handler: "index.handler", memory: 512, timeout: "60" },
  service: { name: "media", log_project: null, log_store: null, qualifier: "LATEST", version_id: null },
  region: "cn-shanghai",
  account_id: "1234567890123456",
  retry_count: "0",
  tracing: { span_context: null, span_baggages: {}, jaeger_endpoint: null },
};

export const python312Context = {
  account_id: "1234567890123456",
  request_id: "1-6566d4a0-15b9c5e0-8a4d5b7e3c2f",
  function: { name: "resize-image", handler: "index.handler", memory: 512, timeout: 60, version_id: null, qualifier: "LATEST" },
  log_project: "my-log-project",
  log_store: "my-log-store",
  region: "cn-hangzhou",
};

type Json = Record<string, unknown>;

/** A copy of value with the object at path changed by edit. */
export function edited<T extends Json>(value: T, edit: (copy: Json) => void): Json {
  const copy = structuredClone(value) as Json;
  edit(copy);
  return copy;
}
