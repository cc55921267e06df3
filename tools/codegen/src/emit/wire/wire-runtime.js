// What every runtime's converters share: reading an invocation's headers by the rules of an
// invocation path (spec/README.md, "Invocation paths"), the runtime's own conversions (Python's
// int(), the native client's strtoul into a signed 64-bit long, base64 JSON baggage as CPython
// decodes it), and what an emulator sends. Copied into @fc-context/wire by the generator.
// Messages never show a header's value (it may be a secret): they describe it by kind and length.
import { FCContextValidationError } from "@fc-context/validators";
import { InexactIntegerError, parsePythonJson, pythonJsonText } from "./python-json.js";

export class FCHeaderError extends Error {
  /**
   * @param {string} header the header at fault ("(headers)" for the input as a whole)
   * @param {string} message what is wrong and what the runtime does about it
   * @param {"error" | "not-invoked" | "unrepresentable" | "input"} outcome what the runtime does:
   *   posts an error, never runs the handler, builds a context holding an integer no JavaScript
   *   number holds exactly (refused rather than rounded), or (input) nothing: the value is not
   *   something a header can hold
   */
  constructor(header, message, outcome) {
    super(`${header}: ${message}`);
    this.name = "FCHeaderError";
    this.header = header;
    this.outcome = outcome;
  }
}

const OUTCOMES = {
  error: "the runtime posts that error as the invocation's result and runs no handler",
  "not-invoked": "the runtime drops the invocation: no handler runs and nothing is posted",
};

// Python's ints are exact at any size; a JavaScript number only up to 2**53 - 1. Past that the
// converters refuse the header rather than return a neighbour of the runtime's value.
const UNREPRESENTABLE =
  "the runtime holds it as a Python int past 2**53 - 1, which a JavaScript number would round; " +
  "refused rather than rounded";

/** The header lines of any input a JavaScript server holds, names lower case, repeats in order. */
export function headerLines(input) {
  if (input === null || typeof input !== "object") {
    throw new FCHeaderError(
      "(headers)",
      `expected a record, a Map, a Headers or a list of [name, value] pairs, got ${kindOf(input)}`,
      "input",
    );
  }
  try {
    return linesOf(input);
  } catch (error) {
    if (error instanceof FCHeaderError) throw error;
    throw new FCHeaderError(
      "(headers)",
      "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)",
      "input",
    );
  }
}

function linesOf(input) {
  const pairs = typeof input[Symbol.iterator] === "function" ? Array.from(input, pairOf) : Object.entries(input);
  const lines = [];
  for (const [name, value] of pairs) {
    if (typeof name !== "string")
      throw new FCHeaderError("(headers)", `expected header names as text, got ${kindOf(name)}`, "input");
    const lower = name.toLowerCase();
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== "string") throw new FCHeaderError(lower, `expected text, got ${kindOf(item)}`, "input");
      lines.push([lower, item]);
    }
  }
  return lines;
}

function pairOf(entry) {
  if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string") {
    throw new FCHeaderError("(headers)", `expected [name, value] pairs, got ${kindOf(entry)}`, "input");
  }
  return entry;
}

/** The invocation path an options argument names, read without trusting the argument. */
export function pathOption(paths, options) {
  let name;
  try {
    name = options === undefined || options === null ? undefined : options.path;
  } catch {
    throw new FCHeaderError(
      "(options)",
      "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)",
      "input",
    );
  }
  const path =
    name === undefined
      ? paths.default
      : typeof name === "string" && Object.hasOwn(paths, name)
        ? paths[name]
        : undefined;
  if (path === undefined)
    throw new FCHeaderError(
      "(options)",
      `expected path "default" or "concurrent", got ${typeof name === "string" ? JSON.stringify(name) : kindOf(name)}`,
      "input",
    );
  return path;
}

/**
 * The headers as one invocation path reads them: values decoded, trimmed and combined by the
 * path's rules, then read as text or converted to ints the way the runtime does there. A value
 * the runtime builds but a JavaScript number cannot hold is noted as it is read and refused by
 * built(), once every header has been read: a failure of the runtime's own comes first.
 */
export function readInvocation(input, path) {
  const values = new Map();
  for (const [name, raw] of headerLines(input)) {
    const value = trim(path.encoding === "latin-1" ? latin1(raw) : raw, path.whitespace);
    if (!values.has(name)) values.set(name, value);
    else if (path.repeatedHeader === "joined") values.set(name, `${values.get(name)}, ${value}`);
  }
  const absentText = path.absentText === "empty-string" ? "" : null;
  const text = (name) => (values.has(name) ? values.get(name) : absentText);
  const exact = (name, conversion) => {
    if (!values.has(name) && conversion.absent !== undefined)
      return BigInt(conversion.absent === "arbitrary" ? path.arbitraryInt : conversion.absent);
    return convert(name, text(name), conversion, path.pythonUnicode);
  };
  const inexact = [];
  const reader = {
    text,
    number(name, conversion) {
      const number = Number(exact(name, conversion));
      if (!Number.isSafeInteger(number)) inexact.push([name, "an integer from -(2**53 - 1) to 2**53 - 1"]);
      return number;
    },
    baggage(name) {
      try {
        return decodeBaggage(text(name));
      } catch (error) {
        if (!(error instanceof InexactIntegerError)) throw error;
        inexact.push([name, "JSON whose integers a JavaScript number holds exactly"]);
        return {};
      }
    },
    built(context) {
      if (inexact.length === 0) return context;
      const [name, expected] = inexact[0];
      const got = describeText(text(name));
      throw new FCHeaderError(name, `expected ${expected}, got ${got}: ${UNREPRESENTABLE}`, "unrepresentable");
    },
  };
  const required = path.requiredHeader;
  if (required.absent === "not-invoked") requireHeader(text, required);
  // the conversions the path makes while reading the invocation fail before anything else
  for (const checked of path.checkedHeaders) exact(checked.header, checked.conversion);
  for (const header of Object.keys(path.convert).sort()) {
    if (path.convert[header].invalid === "not-invoked") exact(header, path.convert[header]);
  }
  if (required.absent === "error") requireHeader(text, required);
  return reader;
}

function requireHeader(text, required) {
  const id = text(required.header);
  if (id === null || id === "") {
    const what = required.absent === "error" ? "the runtime fails with TypeError; " : "";
    throw new FCHeaderError(required.header, `missing: ${what}${OUTCOMES[required.absent]}`, required.absent);
  }
}

/** A header's int as the runtime converts it, exact (a BigInt). */
function convert(name, value, conversion, unicode) {
  if (conversion.convert === "c-long") return cLong(value ?? "");
  const outcome = conversion.invalid ?? "error";
  if (value === null)
    throw new FCHeaderError(name, `missing: the runtime's int(None) raises TypeError; ${OUTCOMES[outcome]}`, outcome);
  const parsed = pythonInt(value, unicode);
  if (parsed === undefined) {
    throw new FCHeaderError(
      name,
      `expected an integer, got ${describeText(value)}: the runtime's int() raises ValueError; ${OUTCOMES[outcome]}`,
      outcome,
    );
  }
  return parsed;
}

function trim(value, whitespace) {
  return whitespace === "trim" ? value.replace(/^[ \t]+|[ \t]+$/g, "") : value.replace(/^[ \t]+/, "");
}

/** The text a Latin-1 reader sees in a value sent as UTF-8: one character per byte. */
function latin1(value) {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) out += String.fromCharCode(byte);
  return out;
}

// Python's str.isspace() characters, which int() strips (JavaScript's \s differs in a few).
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const PY_INT = new RegExp(`^${PY_SPACE}*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${PY_SPACE}*$`, "u");
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Python's int() of a str, exact (a BigInt), or undefined where it raises ValueError. */
export function pythonInt(text, unicode = Number.POSITIVE_INFINITY) {
  const match = PY_INT.exec(text);
  if (match === null) return undefined;
  let digits = "";
  for (const char of match[2]) {
    if (char === "_") continue;
    const digit = digitValue(char, unicode);
    if (digit === undefined) return undefined;
    digits += digit;
  }
  const value = BigInt(digits);
  return match[1] === "-" ? -value : value;
}

// Unicode encodes every decimal digit in a run of ten from zero, runs sometimes back to back,
// so a digit's value is the count of digits just before it, modulo 10. JavaScript knows today's
// digits; int() on a runtime's Python only those of its Unicode version: these are the runs
// Unicode added after 9.0 (CPython 3.6's database), by their zero and the version that added them
// (16 stands for any version after 15.1).
const NEWER_DIGIT_RUNS = new Map([
  [0x10d30, 11.0],
  [0x10d40, 16.0],
  [0x116d0, 16.0],
  [0x116da, 16.0],
  [0x11950, 13.0],
  [0x11bf0, 16.0],
  [0x11d50, 11.0],
  [0x11da0, 11.0],
  [0x11de0, 16.0],
  [0x11f50, 15.0],
  [0x16130, 16.0],
  [0x16ac0, 14.0],
  [0x16d70, 16.0],
  [0x1ccf0, 16.0],
  [0x1e140, 12.1],
  [0x1e2f0, 12.1],
  [0x1e4f0, 15.0],
  [0x1e5f1, 16.0],
  [0x1fbf0, 13.0],
]);

function digitValue(char, unicode) {
  if (char >= "0" && char <= "9") return char;
  const code = char.codePointAt(0);
  let before = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(code - before - 1))) before++;
  const added = NEWER_DIGIT_RUNS.get(code - (before % 10));
  if (added !== undefined && added > unicode) return undefined;
  return String(before % 10);
}

const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;

/** The native client's parse: C strtoul(text, NULL, 10) held in a signed 64-bit long (a BigInt). */
export function cLong(text) {
  const match = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(text);
  if (match[2] === "") return 0n;
  const magnitude = BigInt(match[2]);
  if (magnitude >= TWO_64) return -1n; // strtoul saturates at ULONG_MAX, either sign
  const unsigned = match[1] === "-" ? (TWO_64 - magnitude) % TWO_64 : magnitude;
  return unsigned >= TWO_63 ? unsigned - TWO_64 : unsigned;
}

/**
 * The runtime's parseOpenTracingBaggages: json.loads(base64.b64decode(value)) as CPython does
 * it, whatever JSON value that gives; {} for null or "", and {} when decoding or parsing fails.
 * Throws InexactIntegerError where the runtime's value holds an int a JavaScript number would round.
 */
export function decodeBaggage(value) {
  if (!value) return {};
  // b64decode refuses a str with non-ASCII characters
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included
  if (/[^\x00-\x7f]/.test(value)) return {};
  const bytes = a2bBase64(value);
  if (bytes === undefined) return {};
  let text;
  try {
    text = decodeJsonBytes(bytes);
  } catch {
    return {};
  }
  try {
    return parsePythonJson(text);
  } catch (error) {
    if (error instanceof InexactIntegerError) throw error;
    return {};
  }
}

const BASE64 = new Map([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

// binascii.a2b_base64, not strict: characters outside the alphabet are skipped, a complete
// padding ends the input, and an incomplete last quad is an error.
function a2bBase64(text) {
  const out = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const char of text) {
    if (char === "=") {
      if (quad >= 2 && quad + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const sextet = BASE64.get(char);
    if (sextet === undefined) continue;
    pads = 0;
    if (quad === 0) left = sextet;
    else if (quad === 1) {
      out.push(((left << 2) | (sextet >> 4)) & 0xff);
      left = sextet & 0x0f;
    } else if (quad === 2) {
      out.push(((left << 4) | (sextet >> 2)) & 0xff);
      left = sextet & 0x03;
    } else out.push(((left << 6) | sextet) & 0xff);
    quad = (quad + 1) % 4;
  }
  return quad === 0 ? Uint8Array.from(out) : undefined;
}

// json.loads of bytes: the encoding is told by a byte order mark or by where the zero bytes sit.
function decodeJsonBytes(bytes) {
  const starts = (...prefix) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x00, 0x00, 0xfe, 0xff)) return utf32(bytes.subarray(4), false);
  if (starts(0xff, 0xfe, 0x00, 0x00)) return utf32(bytes.subarray(4), true);
  if (starts(0xfe, 0xff)) return utf16(bytes.subarray(2), "utf-16be");
  if (starts(0xff, 0xfe)) return utf16(bytes.subarray(2), "utf-16le");
  if (starts(0xef, 0xbb, 0xbf))
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
  if (bytes.length >= 4) {
    if (bytes[0] === 0) return bytes[1] ? utf16(bytes, "utf-16be") : utf32(bytes, false);
    if (bytes[1] === 0) return bytes[2] || bytes[3] ? utf16(bytes, "utf-16le") : utf32(bytes, true);
  } else if (bytes.length === 2) {
    if (bytes[0] === 0) return utf16(bytes, "utf-16be");
    if (bytes[1] === 0) return utf16(bytes, "utf-16le");
  }
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

function utf16(bytes, encoding) {
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
}

function utf32(bytes, little) {
  if (bytes.length % 4 !== 0) throw new Error("truncated UTF-32");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) out += String.fromCodePoint(view.getUint32(i, little));
  return out;
}

/**
 * A text or int attribute as the header an emulator sends, as Python's str() writes the int: from
 * 1e21 on, String() writes an exponent ("1e+21"), which int() refuses, so every digit is written;
 * null is not sent.
 */
export function headerText(value) {
  if (value === null || value === undefined) return undefined;
  const large = typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e21;
  return large ? BigInt(value).toString() : String(value);
}

export function sent(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined));
}

function describeText(value) {
  return value.length === 0
    ? "an empty string"
    : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
}

function kindOf(value) {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "bigint") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return `a ${typeof value}`;
}

/**
 * The baggage as its header: base64 of the JSON text Python's json.dumps writes, as to_headers does;
 * {} and null (what an absent header gives back) are not sent.
 */
export function baggageHeader(value, runtime, pointer) {
  if (value === null || value === undefined) return undefined;
  let json;
  try {
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
    json = pythonJsonText(value);
  } catch {
    // valid in the attribute view (any object), but no JSON: a cycle, a BigInt, a throwing getter
    const issue = {
      path: pointer,
      message: "expected a JSON value, got an object that cannot be written as JSON",
      keyword: "type",
    };
    throw new FCContextValidationError(runtime, [issue]);
  }
  // json.dumps escapes every character past ASCII, so the text is its own UTF-8
  return btoa(json);
}
