// The issues of a trigger event that is not valid, by JSON pointer. Copied by the generator into
// @fc-context/validators as gen/events/runtime.js, which every kind's module imports: the kind's
// precompiled ajv guard says whether an event is valid, fast; only an invalid one is walked here,
// against the kind's schema, to say every fault in words a person can act on.
//
// The walk knows the keywords the event specs use: type, enum, const, required, properties,
// additionalProperties, items, minItems, anyOf, allOf and $ref to #/$defs. Of an anyOf it reports
// the closest form (fewest faults, a form of the wrong type last) after saying none matched.
// Messages say what was expected and what kind of value was found, never a string's content.

export class EventValidationError extends Error {
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === "EventValidationError" && Array.isArray(value.issues);
  }

  constructor(kind, issues) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    const lines = issues.map((issue) => `  ${issue.path === "" ? "(the event)" : issue.path}: ${issue.message}`);
    super(`Not a valid ${kind} event (${count}):\n${lines.join("\n")}`);
    this.name = "EventValidationError";
    this.kind = kind;
    this.issues = issues;
  }
}

/** Every fault of value against schema (the kind's, whose $defs its $refs name). */
export function eventIssues(schema, value) {
  try {
    return walk(schema, schema, value, "");
  } catch {
    return [
      { path: "", keyword: "read", message: "unreadable: reading it raised an error (a getter or a proxy trap)" },
    ];
  }
}

function walk(root, node, value, path) {
  if (node === true || node === undefined) return [];
  if (node === false) return [{ path, keyword: "false", message: "expected nothing here" }];
  if (typeof node.$ref === "string") {
    const rest = { ...node };
    delete rest.$ref;
    return [...walk(root, resolve(root, node.$ref), value, path), ...walk(root, rest, value, path)];
  }
  const issues = [];
  if (node.type !== undefined && !typeMatches(node.type, value))
    return [{ path, keyword: "type", message: `expected ${typeNames(node.type)}, got ${describe(value)}` }];
  if (node.enum !== undefined && !node.enum.some((item) => item === value))
    issues.push({
      path,
      keyword: "enum",
      message: `expected one of ${node.enum.map(show).join(", ")}, got ${describe(value)}`,
    });
  if (Object.hasOwn(node, "const") && node.const !== value)
    issues.push({ path, keyword: "const", message: `expected ${show(node.const)}, got ${describe(value)}` });
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems)
      issues.push({
        path,
        keyword: "minItems",
        message: `expected at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}, got an empty array`,
      });
    if (node.items !== undefined)
      for (const [index, item] of value.entries()) issues.push(...walk(root, node.items, item, `${path}/${index}`));
  } else if (value !== null && typeof value === "object") {
    for (const name of node.required ?? [])
      if (!Object.hasOwn(value, name))
        issues.push({
          path: `${path}/${pointerToken(name)}`,
          keyword: "required",
          message: `missing: the event has "${name}" here`,
        });
    const properties = node.properties ?? {};
    for (const name of Object.keys(value)) {
      const at = `${path}/${pointerToken(name)}`;
      if (Object.hasOwn(properties, name)) issues.push(...walk(root, properties[name], value[name], at));
      else if (node.additionalProperties !== undefined)
        issues.push(...walk(root, node.additionalProperties, value[name], at));
    }
  }
  for (const part of node.allOf ?? []) issues.push(...walk(root, part, value, path));
  if (node.anyOf !== undefined) issues.push(...anyOf(root, node.anyOf, value, path));
  return issues;
}

function anyOf(root, forms, value, path) {
  let best;
  for (const form of forms) {
    const issues = walk(root, form, value, path);
    if (issues.length === 0) return [];
    // a form of another type is the farthest; then the form that knows the most of the object's
    // members is the closest; then the one with the fewest faults
    const wrongType = issues.some((issue) => issue.path === path && issue.keyword === "type");
    const score = (wrongType ? 1e6 : 0) - 1e3 * known(root, form, value) + issues.length;
    if (best === undefined || score < best.score) best = { form, issues, score };
  }
  const names = forms.map((form) => formName(form)).join(", ");
  return [
    { path, keyword: "anyOf", message: `matches none of its forms (${names}); the closest is ${formName(best.form)}` },
    ...best.issues,
  ];
}

// how many of an object's members a form names (through its $ref and allOf)
function known(root, form, value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return 0;
  const names = new Set();
  const pending = [form];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== "object") continue;
    if (typeof node.$ref === "string") pending.push(resolve(root, node.$ref));
    for (const name of Object.keys(node.properties ?? {})) names.add(name);
    pending.push(...(node.allOf ?? []));
  }
  return Object.keys(value).filter((name) => names.has(name)).length;
}

function formName(form) {
  if (typeof form.$ref === "string") return form.$ref.split("/").at(-1);
  if (form.type !== undefined) return typeNames(form.type);
  return "a form";
}

function resolve(root, ref) {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = match === null ? undefined : root.$defs?.[match[1]];
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

function typeMatches(type, value) {
  return (Array.isArray(type) ? type : [type]).some((name) => {
    switch (name) {
      case "null":
        return value === null;
      case "array":
        return Array.isArray(value);
      case "object":
        return value !== null && typeof value === "object" && !Array.isArray(value);
      case "integer":
        return Number.isInteger(value) || typeof value === "bigint";
      case "number":
        return (typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint";
      default:
        return typeof value === name;
    }
  });
}

function typeNames(type) {
  const names = (Array.isArray(type) ? type : [type]).map((name) =>
    name === "null" ? "null" : `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`,
  );
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

// a string is described by its length, never its content
function describe(value) {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length === 0
        ? "an empty string"
        : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    case "number":
      return `${Number.isInteger(value) ? "the integer" : "the number"} ${value}`;
    case "boolean":
      return `the boolean ${value}`;
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

// the spec's own values (enum members, consts) may be shown: they are not the input's
function show(value) {
  return JSON.stringify(value);
}

function pointerToken(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

// Decoding: what a handler's event bytes hold, as the kind's `arrives` says (json; json-or-text,
// where bytes that are no JSON object are the message text; cbor). The same rules as Python's
// fc_context.events: a byte order mark is skipped, bytes that are not UTF-8 are refused, and so is
// CBOR that is truncated, hostile or followed by more bytes. A fault names where, never what.

const MAX_DEPTH = 256;

/** The value of an event's bytes, or the fault that keeps them from being one ({ issue }). */
export function decodeEvent(arrives, bytes) {
  if (!(bytes instanceof Uint8Array)) return failed(`expected bytes (a Uint8Array), got ${describe(bytes)}`);
  // a CBOR kind takes JSON text too, as a console test or `s invoke` sends it: a CBOR event is a
  // map, and no CBOR map starts with the byte of "{" or of white space
  if (arrives === "cbor" && !jsonText(bytes)) {
    try {
      return { ok: true, value: decodeCbor(bytes) };
    } catch (error) {
      if (!(error instanceof CborError)) throw error;
      return failed(`not CBOR: ${error.message}`);
    }
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return failed("not UTF-8");
  }
  let value;
  try {
    // an integer JSON.parse would round needs 16 digits or more: only then the exact, slower parse
    value = /\d{16}/.test(text) ? parseJsonExact(text) : JSON.parse(text);
    if (depthOf(value, 0) > MAX_DEPTH) throw new SyntaxError("deep");
  } catch {
    // JSON.parse's messages quote the input: ours does not
    if (arrives === "json-or-text") return { ok: true, value: text };
    return failed("not JSON");
  }
  if (arrives === "json-or-text" && (value === null || typeof value !== "object" || Array.isArray(value)))
    return { ok: true, value: text };
  return { ok: true, value };
}

/**
 * JSON.parse's value, except that an integer it would round (past 2**53 - 1) is a BigInt of its
 * exact digits, as Python's json reads it. Throws SyntaxError (quoting nothing) on text that is no
 * JSON or nests deeper than MAX_DEPTH.
 */
export function parseJsonExact(text) {
  let at = 0;
  const fail = () => {
    throw new SyntaxError(`not JSON at offset ${at}`);
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at])) at++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = (depth) => {
    if (depth > MAX_DEPTH) fail();
    space();
    const c = text[at];
    if (c === "{") {
      at++;
      const out = {};
      space();
      if (text[at] === "}") {
        at++;
        return out;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        const key = string();
        space();
        if (text[at++] !== ":") fail();
        // defineProperty: a "__proto__" member is an own property, as JSON.parse makes it
        Object.defineProperty(out, key, {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        space();
        if (text[at] === ",") at++;
        else if (text[at++] === "}") return out;
        else fail();
      }
    }
    if (c === "[") {
      at++;
      const out = [];
      space();
      if (text[at] === "]") {
        at++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[at] === ",") at++;
        else if (text[at++] === "]") return out;
        else fail();
      }
    }
    if (c === '"') return string();
    for (const [word, literal] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ])
      if (text.startsWith(word, at)) {
        at += word.length;
        return literal;
      }
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match === null) fail();
    at += match[0].length;
    const number = Number(match[0]);
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(number)) return BigInt(match[0]);
    return number;
  };
  const string = () => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail();
      at += text[at] === "\\" ? 2 : 1;
    }
    if (at >= text.length) fail();
    at++;
    return JSON.parse(text.slice(start, at)); // the escapes, as JSON.parse reads them
  };
  const out = value(0);
  space();
  if (at !== text.length) fail();
  return out;
}

/** Whether bytes of a CBOR kind are JSON text: an object, after a byte order mark or white space. */
function jsonText(bytes) {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i++;
  return bytes[i] === 0x7b;
}

function failed(message) {
  return { ok: false, issue: { path: "", keyword: "read", message } };
}

function depthOf(value, depth) {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return depth;
  let deepest = depth;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, depth + 1));
    if (deepest > MAX_DEPTH) break;
  }
  return deepest;
}

class CborError extends Error {}

const BREAK = Symbol("break");

/**
 * One CBOR data item (RFC 8949) that fills the bytes, as Python's _events.decode_cbor reads it:
 * maps with text keys, byte strings as Uint8Array, integers past 2**53 - 1 as BigInt, tags dropped,
 * undefined as null.
 */
export function decodeCbor(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (count) => {
    if (count > bytes.length - at)
      throw new CborError(`truncated: ${count} bytes wanted at offset ${at}, ${bytes.length - at} left`);
  };
  const argument = (info, start) => {
    if (info < 24) return info;
    if (info === 24 || info === 25 || info === 26 || info === 27) {
      const size = 1 << (info - 24);
      need(size);
      let value = 0n;
      for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(bytes[at + i]);
      at += size;
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    }
    if (info === 31) return undefined;
    throw new CborError(`reserved additional information ${info} at offset ${start}`);
  };
  const definite = (value, start) => {
    if (value === undefined) throw new CborError(`an indefinite length where a number belongs, at offset ${start}`);
    return value;
  };
  const count = (value, start) => {
    const n = definite(value, start);
    if (typeof n === "bigint") throw new CborError(`a length past the end of the bytes, at offset ${start}`);
    return n;
  };
  const item = (depth, allowBreak = false) => {
    if (depth > MAX_DEPTH) throw new CborError(`nested deeper than ${MAX_DEPTH} levels at offset ${at}`);
    const start = at;
    need(1);
    const initial = bytes[at++];
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) return simple(info, start, allowBreak);
    const value = argument(info, start);
    switch (major) {
      case 0:
        return definite(value, start);
      case 1: {
        const n = definite(value, start);
        const negative = -1n - BigInt(n);
        return negative >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(negative) : negative;
      }
      case 2:
      case 3:
        return string(major, value, start, depth);
      case 4:
        return array(value, start, depth);
      case 5:
        return map(value, start, depth);
      default:
        definite(value, start);
        return item(depth + 1);
    }
  };
  const string = (major, length, start, depth) => {
    let raw;
    if (length === undefined) {
      const chunks = [];
      for (;;) {
        const chunkStart = at;
        const chunk = item(depth + 1, true);
        if (chunk === BREAK) break;
        if ((major === 3) !== (typeof chunk === "string") || (major === 2 && !(chunk instanceof Uint8Array)))
          throw new CborError(`a chunk of another type in an indefinite string, at offset ${chunkStart}`);
        chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
      }
      raw = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        raw.set(chunk, offset);
        offset += chunk.length;
      }
    } else {
      const n = count(length, start);
      need(n);
      raw = bytes.slice(at, at + n);
      at += n;
    }
    if (major === 2) return raw;
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
    } catch {
      throw new CborError(`text that is not UTF-8 at offset ${start}`);
    }
  };
  const array = (length, start, depth) => {
    const items = [];
    if (length === undefined) {
      for (;;) {
        const next = item(depth + 1, true);
        if (next === BREAK) return items;
        items.push(next);
      }
    }
    const n = count(length, start);
    if (n > bytes.length - at)
      throw new CborError(`an array of ${n} items in ${bytes.length - at} bytes, at offset ${start}`);
    for (let i = 0; i < n; i++) items.push(item(depth + 1));
    return items;
  };
  const map = (length, start, depth) => {
    const result = {};
    const n = length === undefined ? undefined : count(length, start);
    if (n !== undefined && 2 * n > bytes.length - at)
      throw new CborError(`a map of ${n} pairs in ${bytes.length - at} bytes, at offset ${start}`);
    for (let i = 0; n === undefined || i < n; i++) {
      const keyStart = at;
      const key = item(depth + 1, n === undefined);
      if (key === BREAK) break;
      if (typeof key !== "string") throw new CborError(`a map key that is not text, at offset ${keyStart}`);
      // defineProperty: a "__proto__" key is data, never a prototype
      Object.defineProperty(result, key, {
        value: item(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  };
  const simple = (info, start, allowBreak) => {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23:
        return null;
      case 25:
        need(2);
        at += 2;
        return half(view.getUint16(at - 2));
      case 26:
        need(4);
        at += 4;
        return view.getFloat32(at - 4);
      case 27:
        need(8);
        at += 8;
        return view.getFloat64(at - 8);
      case 31:
        if (allowBreak) return BREAK;
        throw new CborError(`a break outside an indefinite item, at offset ${start}`);
      default:
        throw new CborError(`an unassigned simple value at offset ${start}`);
    }
  };
  const value = item(0);
  if (at !== bytes.length) throw new CborError(`${bytes.length - at} bytes after the item, at offset ${at}`);
  return value;
}

function half(bits) {
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const value =
    exponent === 0
      ? fraction * 2 ** -24
      : exponent === 31
        ? fraction === 0
          ? Number.POSITIVE_INFINITY
          : Number.NaN
        : (fraction + 1024) * 2 ** (exponent - 25);
  return bits & 0x8000 ? -value : value;
}

/**
 * A response a handler returns to an HTTP-style trigger: a string body as it is, bytes as base64,
 * anything else as JSON text with a JSON content type unless the headers name one.
 */
export function responseOf(body, init) {
  const { statusCode = 200, headers = {} } = init ?? {};
  const out = { ...headers };
  if (typeof body === "string") return { statusCode, headers: out, isBase64Encoded: false, body };
  if (body instanceof Uint8Array) return { statusCode, headers: out, isBase64Encoded: true, body: toBase64(body) };
  const text = JSON.stringify(body === undefined ? null : body);
  if (text === undefined) throw new TypeError(`a response body must be a string, bytes or JSON, got ${describe(body)}`);
  if (!Object.keys(out).some((name) => name.toLowerCase() === "content-type")) out["Content-Type"] = "application/json";
  return { statusCode, headers: out, isBase64Encoded: false, body: text };
}

/**
 * The bytes of a body as a request event or a response carries it: base64 when isBase64Encoded is
 * true (or "true", as some API Gateway samples write it), else the text's UTF-8.
 */
export function bodyBytes(kind, holder) {
  const body = holder?.body ?? "";
  const base64 = holder?.isBase64Encoded === true || holder?.isBase64Encoded === "true";
  if (typeof body !== "string")
    throw new EventValidationError(kind, [
      { path: "/body", keyword: "type", message: `expected string, got ${describe(body)}` },
    ]);
  if (!base64) return new TextEncoder().encode(body);
  let binary;
  try {
    binary = atob(body); // forgiving base64: white space and missing padding are fine
  } catch {
    throw new EventValidationError(kind, [{ path: "/body", keyword: "contentEncoding", message: "not base64" }]);
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
