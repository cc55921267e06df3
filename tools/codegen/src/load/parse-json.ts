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
  const reader = new JsonReader(text);
  const value = reader.document();
  return { value, locate: (pointer) => reader.locate(pointer) };
}

/** One pass over the text: `at` is the offset read up to, `starts` where each pointer's value began. */
class JsonReader {
  private at = 0;
  private readonly starts = new Map<string, number>();
  private readonly lineStarts = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  document(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.at = 1;
    const value = this.value("");
    this.skipSpace();
    if (this.at < this.text.length) this.fail("", "the end of the file after the top-level value");
    return value;
  }

  /** The line and column of a pointer's value, or of its nearest parsed ancestor. */
  locate(pointer: string): { line: number; column: number } {
    let probe = pointer;
    for (;;) {
      const start = this.starts.get(probe);
      if (start !== undefined) return this.position(start);
      const cut = probe.lastIndexOf("/");
      if (cut < 0) return { line: 1, column: 1 };
      probe = probe.slice(0, cut);
    }
  }

  private position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  private fail(pointer: string, expected: string): never {
    const { text, at } = this;
    const found = at >= text.length ? "the end of the file" : JSON.stringify(text.slice(at, at + 12));
    const { line, column } = this.position(at);
    throw new JsonSyntaxError(pointer, line, column, expected, found);
  }

  private skipSpace(): void {
    while (this.at < this.text.length) {
      const c = this.text.charCodeAt(this.at);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.at++;
      else break;
    }
  }

  private value(pointer: string): unknown {
    this.skipSpace();
    this.starts.set(pointer, this.at);
    const c = this.text[this.at];
    if (c === "{") return this.object(pointer);
    if (c === "[") return this.array(pointer);
    if (c === '"') return this.string(pointer);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number(pointer);
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return this.fail(pointer, "a JSON value (object, array, string, number, true, false or null)");
  }

  private object(pointer: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return result;
    }
    for (;;) {
      const child = this.member(pointer, result);
      this.skipSpace();
      if (this.text[this.at] === ",") {
        this.at++;
        continue;
      }
      if (this.text[this.at] === "}") {
        this.at++;
        return result;
      }
      this.fail(child, "',' or '}' after a property value");
    }
  }

  /** One `"key": value` of an object into result; returns the member's pointer. */
  private member(pointer: string, result: Record<string, unknown>): string {
    this.skipSpace();
    if (this.text[this.at] !== '"') this.fail(pointer, "a property name in double quotes");
    const key = this.string(pointer);
    const child = joinPointer(pointer, key);
    if (Object.hasOwn(result, key)) {
      this.at -= key.length + 2;
      this.fail(
        child,
        `each property name once per object ("${key}" appears twice; JSON.parse would keep only the last)`,
      );
    }
    this.skipSpace();
    if (this.text[this.at] !== ":") this.fail(child, "':' after the property name");
    this.at++;
    // defineProperty keeps a "__proto__" key an ordinary property, as JSON.parse does.
    Object.defineProperty(result, key, {
      value: this.value(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return child;
  }

  private array(pointer: string): unknown[] {
    const result: unknown[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "]") {
      this.at++;
      return result;
    }
    for (;;) {
      result.push(this.value(joinPointer(pointer, result.length)));
      this.skipSpace();
      if (this.text[this.at] === ",") {
        this.at++;
        continue;
      }
      if (this.text[this.at] === "]") {
        this.at++;
        return result;
      }
      this.fail(joinPointer(pointer, result.length - 1), "',' or ']' after an array item");
    }
  }

  private string(pointer: string): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings
    const pattern = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;
    const match = pattern.exec(this.text.slice(this.at, this.at + 1_000_000));
    if (match === null) return this.fail(pointer, "a string with valid escapes and no raw control characters");
    this.at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private number(pointer: string): number {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (match === null) return this.fail(pointer, "a number");
    this.at += match[0].length;
    return Number(match[0]);
  }
}
