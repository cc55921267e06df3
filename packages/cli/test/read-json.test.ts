import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, readText } from "../src/io.js";
import { parseJson } from "../src/read-json.js";

const SECRET = "LTAI5tSECRETVALUExyz";

/** The message parseJson gives a text, or undefined when it reads it. */
function refusal(text: string): string | undefined {
  try {
    parseJson(text, "f.json");
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
}

// [what, text, line:column of the fault, what the message says was expected]
const FAULTS: Array<[string, string, string, RegExp]> = [
  ["an unquoted secret", `{"credentials": {"access_key_secret": ${SECRET}}}`, "1:39", /expected a value/],
  ["an unquoted secret on line 3", `{\n  "a": 1,\n  "b": ${SECRET}\n}\n\n`, "3:8", /expected a value/],
  ["CRLF line ends", `{\r\n"a": 1,\r\n"b": ${SECRET}}`, "3:6", /expected a value/],
  ["an unclosed string", `{"a": "${SECRET}`, "1:28", /close the string/],
  ["a bad escape", `{"a": "${SECRET}\\q"}`, "1:28", /escape/],
  ["a short \\u escape", `["${SECRET}\\u12x"]`, "1:23", /four hexadecimal digits/],
  ["a control character in a string", `["${SECRET}\u0001"]`, "1:23", /control characters/],
  ["a trailing comma in an array", "[1,]", "1:4", /no comma before/],
  ["a trailing comma in an object", '{"a": 1,}', "1:9", /property name/],
  ["a missing colon", '{"a" 1}', "1:6", /colon/],
  ["a missing comma", "[1 2]", "1:4", /comma/],
  ["an unclosed object", '{"a": 1', "1:8", /close the object/],
  ["an unclosed array", "[1, 2", "1:6", /close the array/],
  ["text after the value", '{"a": 1}}', "1:9", /end of the text/],
  ["a comment", "// note\n{}", "1:1", /no comments/],
  ["a number with a leading zero", "[01]", "1:3", /comma/],
  ["a number cut short", "[1.]", "1:2", /digit/],
  ["single quotes", "{'a': 1}", "1:2", /a string in double quotes/],
  ["NaN", "[NaN]", "1:2", /expected a value/],
  ["astral characters before the fault count as two columns", '["😀", x]', "1:8", /expected a value/],
];

describe("parseJson: strict JSON, every fault at its line and column, never an echo", () => {
  it.each(FAULTS)("%s", (_what, text, at, expected) => {
    const message = refusal(text)!;
    expect(message).toMatch(new RegExp(`^f\\.json:${at}: not JSON: `));
    expect(message).toMatch(expected);
    for (let start = 0; start + 4 <= SECRET.length; start++)
      expect(message).not.toContain(SECRET.slice(start, start + 4));
  });

  it("names empty input, and nesting too deep to read, without a stack", () => {
    expect(refusal(" \n")).toBe("f.json: empty: expected a JSON value");
    expect(refusal("[".repeat(200_000))).toMatch(/^f\.json(:\d+:\d+: not JSON: |: nested too deeply)/);
    expect(refusal(`${"[".repeat(200_000)}${"]".repeat(200_000)}`)).toBe("f.json: nested too deeply to read");
  });

  it("reads what JSON.parse reads, to the same value, and refuses what it refuses", () => {
    const text = fc.oneof(
      fc.tuple(fc.jsonValue(), fc.constantFrom(0, 2)).map(([value, indent]) => JSON.stringify(value, null, indent)),
      fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ \t\n01-.eE+truefalsnul\u0001ax'), maxLength: 24 }),
    );
    fc.assert(
      fc.property(text, (json) => {
        let expected: unknown;
        try {
          expected = JSON.parse(json);
        } catch {
          expect(refusal(json), json).toMatch(/: (not JSON|empty): /);
          return;
        }
        const value = parseJson(json, "f.json");
        // JSON.parse rounds an int past 2**53 - 1; parseJson keeps it exactly, as a BigInt
        expect(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v))).toBe(
          JSON.stringify(expected),
        );
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });

  it("points at an unquoted value wherever it stands, and never prints it", () => {
    const canary = "CANARY-never-printed";
    const document = fc.jsonValue({ maxDepth: 3 }).map((value) => ({ a: value, secret: canary, b: value }));
    fc.assert(
      fc.property(document, fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent).replace(`"${canary}"`, canary);
        const before = text.slice(0, text.indexOf(canary));
        const line = before.split("\n").length;
        const column = before.length - before.lastIndexOf("\n");
        const message = refusal(text)!;
        expect(message).toMatch(new RegExp(`^f\\.json:${line}:${column}: not JSON: expected a value`));
        expect(message).not.toContain("CANARY");
      }),
      { numRuns: 500, seed: 20261204 },
    );
  });

  it("keeps every int exactly: past 2**53 - 1 as a BigInt; a byte order mark is skipped", () => {
    expect(parseJson("[9007199254740991, 9223372036854775807, -9007199254740993, 1e400, 2.5]", "f.json")).toEqual([
      2 ** 53 - 1,
      9223372036854775807n,
      -9007199254740993n,
      Number.POSITIVE_INFINITY,
      2.5,
    ]);
    expect(parseJson('\ufeff{"a": 1}', "f.json")).toEqual({ a: 1 });
  });

  it("keeps the last of repeated keys, and __proto__ as an own key", () => {
    const value = parseJson('{"a": 1, "a": 2, "__proto__": {"polluted": true}}', "f.json") as Record<string, unknown>;
    expect(value.a).toBe(2);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("readText", () => {
  it("refuses bytes that are not UTF-8 rather than change them", async () => {
    const stdin = (async function* () {
      yield Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    })();
    await expect(readText("-", stdin)).rejects.toThrow(/^standard input: not UTF-8 text: expected JSON in UTF-8$/);
  });
});
