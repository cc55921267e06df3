import { joinPointer } from "./json-pointer.js";

/**
 * A strict JSON parser that remembers where every value starts, so that later stages can name
 * the line and column of a JSON pointer, and that rejects duplicate keys, which JSON.parse
 * accepts by silently keeping the last one (a spec would lose data without a word).
 */
export interface ParsedJson {
  readonly value: unknown;
  /** The line and column of any pointer, falling back to its nearest parsed ancestor. */
  locate(pointer: string): { line: number; column: number };
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly pointer: string,
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`line ${line}, column ${column} (#${pointer}): expected ${expected}, found ${found}`);
  }
}

export function parseJson(text: string): ParsedJson {
  const starts = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };

  let at = 0;
  const fail = (pointer: string, expected: string): never => {
    const found = at >= text.length ? "the end of the file" : JSON.stringify(text.slice(at, at + 12));
    const { line, column } = position(at);
    throw new JsonSyntaxError(pointer, line, column, expected, found);
  };
  const skipSpace = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 9 || c === 10 || c === 13) at++;
      else break;
    }
  };

  const parseValue = (pointer: string): unknown => {
    skipSpace();
    starts.set(pointer, at);
    const c = text[at];
    if (c === "{") return parseObject(pointer);
    if (c === "[") return parseArray(pointer);
    if (c === '"') return parseString(pointer);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return parseNumber(pointer);
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    return fail(pointer, "a JSON value (object, array, string, number, true, false or null)");
  };

  const parseObject = (pointer: string): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    at++;
    skipSpace();
    if (text[at] === "}") {
      at++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(pointer, "a property name in double quotes");
      const key = parseString(pointer);
      const child = joinPointer(pointer, key);
      if (Object.hasOwn(result, key)) {
        at -= key.length + 2;
        fail(child, `each property name once per object ("${key}" appears twice; JSON.parse would keep only the last)`);
      }
      skipSpace();
      if (text[at] !== ":") fail(child, "':' after the property name");
      at++;
      // defineProperty keeps a "__proto__" key an ordinary property, as JSON.parse does.
      Object.defineProperty(result, key, {
        value: parseValue(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skipSpace();
      if (text[at] === ",") {
        at++;
        continue;
      }
      if (text[at] === "}") {
        at++;
        return result;
      }
      fail(child, "',' or '}' after a property value");
    }
  };

  const parseArray = (pointer: string): unknown[] => {
    const result: unknown[] = [];
    at++;
    skipSpace();
    if (text[at] === "]") {
      at++;
      return result;
    }
    for (;;) {
      result.push(parseValue(joinPointer(pointer, result.length)));
      skipSpace();
      if (text[at] === ",") {
        at++;
        continue;
      }
      if (text[at] === "]") {
        at++;
        return result;
      }
      fail(joinPointer(pointer, result.length - 1), "',' or ']' after an array item");
    }
  };

  const parseString = (pointer: string): string => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at, at + 1_000_000));
    if (match === null) return fail(pointer, "a string with valid escapes and no raw control characters");
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };

  const parseNumber = (pointer: string): number => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 400));
    if (match === null) return fail(pointer, "a number");
    at += match[0].length;
    return Number(match[0]);
  };

  if (text.charCodeAt(0) === 0xfeff) at = 1;
  const value = parseValue("");
  skipSpace();
  if (at < text.length) fail("", "the end of the file after the top-level value");

  return {
    value,
    locate(pointer) {
      let probe = pointer;
      for (;;) {
        const start = starts.get(probe);
        if (start !== undefined) return position(start);
        const cut = probe.lastIndexOf("/");
        if (cut < 0) return { line: 1, column: 1 };
        probe = probe.slice(0, cut);
      }
    },
  };
}
