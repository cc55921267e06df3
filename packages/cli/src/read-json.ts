// JSON as the commands read it: strict (no comments, no trailing commas), every fault located by
// file:line:column and named by what was expected, and never a character of the input in a message,
// since a broken file may hold a secret. JSON.parse cannot do this on Node 20: its messages quote the
// input around the fault and often carry no position. jsonc-parser (Microsoft's, used by VS Code)
// reports each fault as a code and an offset, nothing else.
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { InputError, type Io, readText, setOwn, sourceName } from "./io.js";

/** The JSON value of a file or standard input ("-"), as parseJson reads it. */
export async function readJson(source: string, stdin: Io["stdin"]): Promise<unknown> {
  return parseJson(await readText(source, stdin), source);
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

// what each fault expected, by jsonc-parser's name for it
const EXPECTED: Readonly<Record<string, string>> = {
  InvalidSymbol: "expected a value: a string in double quotes, a number, an object, an array, true, false or null",
  InvalidNumberFormat: "expected a number as JSON writes it",
  PropertyNameExpected: "expected a property name in double quotes (JSON allows no comma before })",
  ValueExpected: "expected a value (JSON allows no comma before ] or })",
  ColonExpected: "expected a colon after the property name",
  CommaExpected: "expected a comma between the items",
  CloseBraceExpected: "expected a comma or a } to close the object",
  CloseBracketExpected: "expected a comma or a ] to close the array",
  EndOfFileExpected: "expected the end of the text after the value",
  InvalidCommentToken: "expected a value: JSON allows no comments",
  UnexpectedEndOfComment: "expected a value: JSON allows no comments",
  UnexpectedEndOfString: "expected a double quote to close the string",
  UnexpectedEndOfNumber: "expected a digit to end the number",
  InvalidUnicode: "expected four hexadecimal digits after \\u",
  InvalidEscapeCharacter: 'expected an escape JSON allows after a backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u',
  InvalidCharacter: "expected a string without control characters: write them as escapes (\\n, \\t, \\u0000)",
};

/**
 * The JSON value of a text. Bad JSON is an InputError naming file:line:column (lines and columns
 * from 1, columns in UTF-16 units as editors count them) and what was expected there. An integer
 * past 2**53 - 1 in magnitude is a BigInt: a number would hold a neighbour of it. A byte order
 * mark, which editors on Windows write, is skipped.
 */
export function parseJson(raw: string, source: string): unknown {
  const where = sourceName(source);
  const text = raw.startsWith("\ufeff") ? raw.slice(1) : raw;
  if (text.trim() === "") throw new InputError(`${where}: empty: expected a JSON value`);
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, STRICT);
  } catch (error) {
    // the parser recurses once per level: a text nested thousands deep exhausts the stack
    if (error instanceof RangeError) throw new InputError(`${where}: nested too deeply to read`);
    throw error;
  }
  const first = errors[0];
  if (first !== undefined) {
    const name = printParseErrorCode(first.error);
    const { line, column } = lineAndColumn(text, faultOffset(text, name, first));
    throw new InputError(`${where}:${line}:${column}: not JSON: ${EXPECTED[name] ?? "expected JSON"}`);
  }
  if (tree === undefined) throw new InputError(`${where}: empty: expected a JSON value`);
  try {
    return treeValue(tree, text);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`${where}: nested too deeply to read`);
    throw error;
  }
}

/**
 * Where the fault is. jsonc-parser places a fault inside a string at the string's opening quote;
 * the character at fault is the one a reader must change.
 */
function faultOffset(text: string, name: string, error: ParseError): number {
  const token = text.slice(error.offset, error.offset + error.length);
  const inside = (pattern: RegExp) => {
    const match = pattern.exec(token);
    return match === null ? error.offset : error.offset + match.index + (match[1]?.length ?? 0);
  };
  switch (name) {
    case "InvalidCharacter":
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control character is the point
      return inside(/^("(?:[^"\\\u0000-\u001f]|\\.)*)[\u0000-\u001f]/);
    case "InvalidEscapeCharacter":
      return inside(/^("(?:[^"\\]|\\["\\/bfnrtu])*)\\(?!["\\/bfnrtu])/);
    case "InvalidUnicode":
      return inside(/^("(?:[^"\\]|\\[^u]|\\u[0-9a-fA-F]{4})*)\\u(?![0-9a-fA-F]{4})/);
    case "UnexpectedEndOfString":
      return text.length;
    default:
      return error.offset;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (const match of text.slice(0, offset).matchAll(/\r\n|\r|\n/g)) {
    line++;
    start = match.index + match[0].length;
  }
  return { line, column: offset - start + 1 };
}

/** A parsed tree's value: the last of repeated keys, every key an own property ("__proto__" too). */
function treeValue(node: Node, text: string): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key !== undefined && value !== undefined) setOwn(out, key.value as string, treeValue(value, text));
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map((item) => treeValue(item, text));
    case "number":
      return exactNumber(text.slice(node.offset, node.offset + node.length));
    default:
      return node.value;
  }
}

function exactNumber(literal: string): number | bigint {
  const number = Number(literal);
  return /^-?[0-9]+$/.test(literal) && !Number.isSafeInteger(number) ? BigInt(literal) : number;
}
