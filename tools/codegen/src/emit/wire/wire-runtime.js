// What every runtime's converters share: header lookup, the runtime's own conversions (Python's
// int(), base64 JSON baggage), and what an emulator sends. Copied into @fc-context/wire by the
// generator. Error messages never show a header's value (it may be a secret).

export class FCHeaderError extends Error {
  constructor(header, message) {
    super(`${header}: ${message}`);
    this.name = "FCHeaderError";
    this.header = header;
  }
}

/** Header names lower case (HTTP names are case-insensitive); repeated values joined as HTTP does. */
export function lowered(headers) {
  const out = new Map();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : String(value));
  }
  return out;
}

/** headers.get(name): None (null) when the header is absent. */
export function get(headers, name) {
  return headers.has(name) ? headers.get(name) : null;
}

/** Python's int() of a header string: surrounding space, a sign, digits with single underscores. */
export function headerInt(headers, name) {
  const value = headers.get(name);
  if (value === undefined) throw new FCHeaderError(name, "missing: the runtime converts it with int(), which fails without it");
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(value);
  if (match === null) throw new FCHeaderError(name, `expected an integer, got ${value.length === 0 ? "an empty string" : `a string of ${value.length} characters`}: the runtime's int() fails on it`);
  return Number(`${match[1]}${match[2].replaceAll("_", "")}`);
}

/** The runtime's parseOpenTracingBaggages: {} for None or "", {} when the base64 or JSON is bad. */
export function decodeBaggage(value) {
  if (!value) return {};
  // Python's b64decode drops characters outside the alphabet, then insists on padding
  const clean = value.replace(/[^A-Za-z0-9+/=]/g, "");
  if (clean.length % 4 !== 0 || /=[^=]/.test(clean)) return {};
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(clean), (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

/** A value as the header an emulator sends: null and {} are not sent, objects as base64 JSON. */
export function headerText(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "object") {
    if (Object.keys(value).length === 0) return undefined;
    const bytes = new TextEncoder().encode(JSON.stringify(value));
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }
  return String(value);
}

export function sent(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined));
}
