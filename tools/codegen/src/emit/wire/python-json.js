// Python's json module, both ways, as the runtime and the Python package use it: the reader the
// runtime's baggage decoder calls (json.loads) and the writer Python's to_headers calls
// (json.dumps), so that a header TypeScript writes is the one Python writes, byte for byte.
// Copied into @fc-context/wire by the generator.

/** JSON that parses, holding an int past 2**53 - 1 in magnitude: Python holds it, a number would round it. */
export class InexactIntegerError extends RangeError {
  constructor() {
    super("an integer past 2**53 - 1 in magnitude, which a JavaScript number does not hold exactly");
    this.name = "InexactIntegerError";
  }
}

// Python's json.loads of a str: NaN and Infinity allowed, the last of duplicate keys kept,
// control characters refused inside strings. Python holds every int exactly; a double does only up
// to 2**53, so a text whose JSON holds a larger int throws InexactIntegerError once it has parsed whole
// (text that is not JSON throws the SyntaxError json.loads raises, wherever the int stands).
export function parsePythonJson(text) {
  let at = 0;
  let inexact = false;
  const fail = () => {
    throw new SyntaxError(`invalid JSON at ${at}`);
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at])) at++;
  };
  const literal = (word, value) => {
    if (!text.startsWith(word, at)) fail();
    at += word.length;
    return value;
  };
  const string = () => {
    at++;
    let out = "";
    for (;;) {
      if (at >= text.length) fail();
      const char = text[at++];
      if (char === '"') return out;
      if (char < " ") fail();
      if (char !== "\\") {
        out += char;
        continue;
      }
      const escaped = text[at++];
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" }[escaped];
      if (simple !== undefined) out += simple;
      else if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4))) {
        out += String.fromCharCode(parseInt(text.slice(at, at + 4), 16));
        at += 4;
      } else fail();
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(at));
    if (match === null) fail();
    at += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return Number(match[0]);
    const integer = Number(BigInt(match[0]));
    if (!Number.isSafeInteger(integer)) inexact = true;
    return integer;
  };
  const value = () => {
    space();
    const char = text[at];
    if (char === "{") return object();
    if (char === "[") return array();
    if (char === '"') return string();
    if (char === "n") return literal("null", null);
    if (char === "t") return literal("true", true);
    if (char === "f") return literal("false", false);
    if (char === "N") return literal("NaN", NaN);
    if (char === "I") return literal("Infinity", Infinity);
    if (text.startsWith("-Infinity", at)) return literal("-Infinity", -Infinity);
    return number();
  };
  const object = () => {
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
      // an own property even for "__proto__", as Python's dict keeps any key
      Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
      space();
      const next = text[at++];
      if (next === "}") return out;
      if (next !== ",") fail();
    }
  };
  const array = () => {
    at++;
    const out = [];
    space();
    if (text[at] === "]") {
      at++;
      return out;
    }
    for (;;) {
      out.push(value());
      space();
      const next = text[at++];
      if (next === "]") return out;
      if (next !== ",") fail();
    }
  };
  const result = value();
  space();
  if (at !== text.length) fail();
  if (inexact) throw new InexactIntegerError();
  return result;
}

/**
 * The text CPython's json.dumps(value) writes with its defaults: ", " and ": " between items,
 * every character past ASCII escaped, NaN and the infinities as words, a float as its repr.
 * The value is read as JSON.stringify reads it (toJSON, boxed primitives; undefined and functions
 * left out of objects and null in arrays), and what it refuses (a BigInt, a cycle) throws a
 * TypeError. JavaScript has one number type: an integral number below 1e21 is written as the int
 * json.loads reads from JSON.stringify's text of it, any other number as the float.
 */
export function pythonJsonText(value) {
  const text = write(value, "", new Set());
  if (text === undefined) throw new TypeError(`${typeof value} cannot be written as JSON`);
  return text;
}

function write(raw, key, open) {
  const value = jsonView(raw, key);
  switch (typeof value) {
    case "string":
      return pythonString(value);
    case "number":
      return pythonNumber(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      throw new TypeError("a BigInt cannot be written as JSON");
    case "object":
      return value === null ? "null" : container(value, open);
    default:
      return undefined;
  }
}

// what JSON.stringify makes of a value before writing it
function jsonView(value, key) {
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = value.toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  }
  if (value instanceof Number) return Number(value);
  if (value instanceof String) return String(value);
  if (value instanceof Boolean || value instanceof BigInt) return value.valueOf();
  return value;
}

function container(value, open) {
  if (open.has(value)) throw new TypeError("a cycle cannot be written as JSON");
  open.add(value);
  try {
    const items = [];
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) items.push(write(value[index], String(index), open) ?? "null");
      return `[${items.join(", ")}]`;
    }
    for (const key of Object.keys(value)) {
      const item = write(value[key], key, open);
      if (item !== undefined) items.push(`${pythonString(key)}: ${item}`);
    }
    return `{${items.join(", ")}}`;
  } finally {
    open.delete(value);
  }
}

const SHORT_ESCAPES = new Map([
  ['"', '\\"'],
  ["\\", "\\\\"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
  ["\b", "\\b"],
  ["\f", "\\f"],
]);

// json.dumps with ensure_ascii: anything outside printable ASCII as \uXXXX of each UTF-16 unit,
// which is how CPython writes an astral character (a surrogate pair) and a lone surrogate alike
function pythonString(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: every character outside printable ASCII is escaped
  const escaped = text.replace(/["\\\x00-\x1f\x7f-\uffff]/g, (char) => {
    return SHORT_ESCAPES.get(char) ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

function pythonNumber(number) {
  if (Number.isNaN(number)) return "NaN";
  if (number === Number.POSITIVE_INFINITY) return "Infinity";
  if (number === Number.NEGATIVE_INFINITY) return "-Infinity";
  // JavaScript writes an integral number below 1e21 in all its digits, which json.loads reads as an int
  if (Number.isInteger(number) && Math.abs(number) < 1e21) return String(number);
  return floatRepr(number);
}

// Python's repr of a float: the shortest digits that read back as the same double (the digits
// JavaScript picks too), written plainly for a decimal exponent from -4 to 15 and with an
// exponent of at least two digits otherwise.
function floatRepr(number) {
  const [mantissa, power] = number.toExponential().split("e");
  const exponent = Number(power);
  const sign = number < 0 ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const written = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${written}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  return `${sign}${whole}.${digits.slice(exponent + 1) || "0"}`;
}
