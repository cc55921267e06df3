// Hand-written checks of exactly the rules the spec gives python3.9 and python3.12: the
// baseline the generated validators are measured against. Same semantics as the JSON Schema:
// every attribute present, no other key (for...in, as ajv), integers finite and whole.
const TIMEOUT = /^[1-9][0-9]*$/u;
const RETRY = /^[0-9]+$/u;
const SPAN = /^[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+$/u;

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isInteger = (v) => typeof v === "number" && Number.isInteger(v);
const nonEmpty = (v) => typeof v === "string" && v.length >= 1;
const stringOrNull = (v) => v === null || typeof v === "string";
const timeoutOk = (v) => (isInteger(v) ? v >= 1 : typeof v === "string" && TIMEOUT.test(v));

// One switch per class: what a careful hand-written check does instead of a Set lookup.
function keysIn(o, count, allowed) {
  let n = 0;
  for (const key in o) {
    if (!allowed(key)) return false;
    n++;
  }
  return n === count;
}
const contextKey = (k) => {
  switch (k) {
    case "request_id":
    case "credentials":
    case "function":
    case "service":
    case "region":
    case "account_id":
    case "retry_count":
    case "tracing":
      return true;
    default:
      return false;
  }
};
const credentialsKey = (k) => k === "access_key_id" || k === "access_key_secret" || k === "security_token";
const functionKey = (k) => k === "name" || k === "handler" || k === "memory" || k === "timeout";
const serviceKey = (k) =>
  k === "name" || k === "log_project" || k === "log_store" || k === "qualifier" || k === "version_id";
const tracingKey = (k) => k === "span_context" || k === "span_baggages" || k === "jaeger_endpoint";
const context312Key = (k) => {
  switch (k) {
    case "account_id":
    case "request_id":
    case "function":
    case "log_project":
    case "log_store":
    case "region":
      return true;
    default:
      return false;
  }
};
const function312Key = (k) => functionKey(k) || k === "version_id" || k === "qualifier";

export function isClassicContext(v) {
  if (!isObject(v) || !keysIn(v, 8, contextKey)) return false;
  if (!nonEmpty(v.request_id) || !nonEmpty(v.region) || !nonEmpty(v.account_id)) return false;
  const r = v.retry_count;
  if (!(r === null || (isInteger(r) ? r >= 0 : typeof r === "string" && RETRY.test(r)))) return false;
  const c = v.credentials;
  if (
    !isObject(c) ||
    !keysIn(c, 3, credentialsKey) ||
    typeof c.access_key_id !== "string" ||
    typeof c.access_key_secret !== "string" ||
    typeof c.security_token !== "string"
  )
    return false;
  const f = v.function;
  if (
    !isObject(f) ||
    !keysIn(f, 4, functionKey) ||
    !nonEmpty(f.name) ||
    !nonEmpty(f.handler) ||
    !isInteger(f.memory) ||
    f.memory < 1 ||
    !timeoutOk(f.timeout)
  )
    return false;
  const s = v.service;
  if (
    !isObject(s) ||
    !keysIn(s, 5, serviceKey) ||
    !stringOrNull(s.name) ||
    !stringOrNull(s.log_project) ||
    !stringOrNull(s.log_store) ||
    !stringOrNull(s.qualifier) ||
    !stringOrNull(s.version_id)
  )
    return false;
  const t = v.tracing;
  if (!isObject(t) || !keysIn(t, 3, tracingKey) || !stringOrNull(t.jaeger_endpoint) || !isObject(t.span_baggages))
    return false;
  return t.span_context === null || (typeof t.span_context === "string" && SPAN.test(t.span_context));
}

export function isPython312Context(v) {
  if (!isObject(v) || !keysIn(v, 6, context312Key)) return false;
  if (
    !nonEmpty(v.account_id) ||
    !nonEmpty(v.request_id) ||
    !nonEmpty(v.region) ||
    !stringOrNull(v.log_project) ||
    !stringOrNull(v.log_store)
  )
    return false;
  const f = v.function;
  return (
    isObject(f) &&
    keysIn(f, 6, function312Key) &&
    nonEmpty(f.name) &&
    nonEmpty(f.handler) &&
    isInteger(f.memory) &&
    f.memory >= 1 &&
    timeoutOk(f.timeout) &&
    stringOrNull(f.version_id) &&
    stringOrNull(f.qualifier)
  );
}
