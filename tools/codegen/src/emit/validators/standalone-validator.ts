import AjvModule from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import { transformSync } from "esbuild";
import type { Constraints, Runtime } from "../../model.js";
import type { JsonSchema } from "../derive-json-schema.js";

// ajv and its standalone entry are CommonJS whose module.exports is the export itself.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ??
  AjvModule) as unknown as typeof AjvModule.default;
type Standalone = (ajv: InstanceType<typeof Ajv>, validate: unknown) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: Standalone }).default ??
  standaloneModule) as unknown as Standalone;

/**
 * Compiles a schema with ajv and returns standalone code as one JavaScript expression that
 * evaluates to the validate function: wrapped in its own scope so two validators of one schema
 * can share a module, with no require() (Node refuses require in an ES module: ajv #2209).
 *
 * `fast`: stop at the first fault, build no error objects, and return false rather than throw.
 * Otherwise every fault is collected (allErrors), with what our issues need and no schemaPath.
 * `bigint`: a BigInt is an integer and a number too (an event's integer past 2**53 - 1, read exactly).
 */
export function standaloneValidator(
  schema: JsonSchema,
  options: { fast: boolean; countCodePoints: boolean; bigint?: boolean },
): string {
  const ajv = new Ajv({
    allErrors: !options.fast,
    messages: false,
    allowUnionTypes: true,
    strict: true,
    // Counting code points needs ajv's ucs2length helper, which we inline below; lengths that
    // need no counting (see needsCodePoints) keep the plain .length check, as fast as hand-written.
    unicode: options.countCodePoints,
    code: { source: true, esm: true, lines: false, optimize: true },
    // ajv marks `unicode` deprecated but honours it; any other warning is a real problem.
    logger: {
      log() {},
      warn: (message: unknown) => {
        if (!String(message).includes("option unicode")) throw new Error(`ajv: ${String(message)}`);
      },
      error: (message: unknown) => {
        throw new Error(`ajv: ${String(message)}`);
      },
    },
  });
  const { $schema: _draft, ...draft7 } = schema;
  let code = standaloneCode(ajv, ajv.compile(draft7));
  const exported = /^"use strict";export const validate = (validate\d+);export default \1;/.exec(code);
  if (exported === null) throw new Error("unexpected ajv standalone output: no validate export");
  code = code.slice(exported[0].length);
  code = code.replace(
    /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/g,
    "const $1 = ucs2length;",
  );
  code = options.fast ? dropErrorObjects(code) : code.replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, "");
  code = dropSchemaCopies(code);
  code = dropOptionsParameter(code);
  if (options.fast) code = catchInside(code, exported[1]!);
  if (options.bigint) code = acceptBigInt(code);
  if (options.fast && /\.errors\b/.test(code))
    throw new Error("ajv standalone code reads .errors of a referenced validator; the fast validator cannot drop them");
  if (/\brequire\(/.test(code))
    throw new Error(`ajv standalone code still requires a helper: ${/require\([^)]*\)/.exec(code)![0]}`);
  // Minified because ajv's code is not for reading anyway, and it keeps a runtime's module
  // within 4 KB gzipped; the wrapper around it stays readable.
  const expression = `(() => {${code}return ${exported[1]};})()`;
  const minified = transformSync(`export const validator = ${expression};`, {
    minify: true,
    format: "esm",
    target: "es2022",
    legalComments: "none",
  }).code;
  const body = /^(?:const|var|let) (\w+)=([\s\S]*);export\{\1 as validator\};\n?$/.exec(minified);
  if (body === null) throw new Error(`unexpected esbuild output for a validator: ${minified.slice(-80)}`);
  return body[2]!;
}

/**
 * ajv's integer and number checks with a BigInt let through first: ajv knows no BigInt, and its
 * checks (x % 1, isFinite(x)) would throw on one. Every check ajv writes must be rewritten.
 */
function acceptBigInt(code: string): string {
  const out = code
    .replace(
      /\(\(typeof (\w+) == "number"\) && \(!\(\1 % 1\) && !isNaN\(\1\)\)\) && \(isFinite\(\1\)\)/g,
      '(typeof $1 == "bigint" || ((typeof $1 == "number") && (!($1 % 1) && !isNaN($1))) && (isFinite($1)))',
    )
    .replace(
      /\(typeof (\w+) == "number"\) && \(isFinite\(\1\)\)/g,
      '(typeof $1 == "bigint" || (typeof $1 == "number") && (isFinite($1)))',
    );
  const numbers = out.match(/typeof \w+ == "number"/g)?.length ?? 0;
  const bigints = out.match(/typeof \w+ == "bigint"/g)?.length ?? 0;
  if (numbers !== bigints) throw new Error("ajv standalone code checks a number in a form acceptBigInt does not know");
  return out;
}

/** True when some length constraint gives another answer in code points than in UTF-16 units. */
export function needsCodePoints(runtime: Runtime): boolean {
  const all: Constraints[] = runtime.classes.flatMap((cls) =>
    cls.fields.flatMap((field) => (field.json ? [field.json.constraints] : [])),
  );
  // A string is non-empty in code points exactly when it is in UTF-16 units, so minLength 0 or 1
  // is exact with .length; any other length limit is not.
  return all.some((c) => c.maxLength !== undefined || (c.minLength !== undefined && c.minLength > 1));
}

/** ajv's own runtime/ucs2length, as an ES module function: counts code points, not UTF-16 units. */
export const UCS2LENGTH_SOURCE = `function ucs2length(str) {
  const length = str.length;
  let count = 0;
  for (let i = 0; i < length; i++) {
    count++;
    const code = str.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return count;
}
`;

/**
 * ajv keeps a copy of the schema in the module, read only for error params such as a union's
 * type list (`schema11.properties.timeout.type`). Those reads become literals and the copy goes.
 */
function dropSchemaCopies(code: string): string {
  for (const match of [...code.matchAll(/const (schema\d+) = /g)]) {
    const name = match[1]!;
    const start = code.indexOf(match[0]);
    const end = endOfLiteral(code, start + match[0].length);
    const schema = JSON.parse(code.slice(start + match[0].length, end + 1)) as unknown;
    code = code.slice(0, start) + code.slice(end + (code[end + 1] === ";" ? 2 : 1));
    code = code.replace(new RegExp(`\\b${name}((?:\\.[A-Za-z_$][\\w$]*)*)`, "g"), (_whole, path: string) => {
      const value = path
        .split(".")
        .slice(1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], schema);
      if (value === undefined)
        throw new Error(`ajv standalone code reads ${name}${path}, which the schema does not have`);
      return JSON.stringify(value);
    });
  }
  return code;
}

/**
 * ajv's validate takes a destructured options object, `{instancePath="", ...}={}`, whose default
 * allocates an object on every call. Our callers never pass it: when the module has a single
 * validate function (every $ref inlined), the parameter becomes a constant.
 */
function dropOptionsParameter(code: string): string {
  const functions = [
    ...code.matchAll(
      new RegExp(
        String.raw`function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, ` +
          String.raw`rootData=data(?:, dynamicAnchors=\{\})?\}=\{\}\)\{`,
        "g",
      ),
    ),
  ];
  if (functions.length !== 1 || (code.match(/function validate\d+\(/g) ?? []).length !== 1) return code;
  if (/\b(?:parentData|parentDataProperty|rootData|dynamicAnchors)\b/.test(code.replace(functions[0]![0], "")))
    return code;
  return code.replace(functions[0]![0], `function ${functions[0]![1]}(data){const instancePath="";`);
}

/**
 * Makes the fast validator return false where reading the value throws (a getter, a proxy trap),
 * from inside: then it can be exported as the guard itself, with no wrapper call per check
 * (it is too large for V8 to inline into one).
 */
function catchInside(code: string, name: string): string {
  const start = code.indexOf(`function ${name}(data){`);
  if (start < 0 || !code.endsWith("}") || (code.match(/function validate\d+\(/g) ?? []).length !== 1) {
    throw new Error("unexpected ajv standalone output: cannot wrap the fast validator's body");
  }
  const bodyStart = start + `function ${name}(data){`.length;
  return `${code.slice(0, bodyStart)}try{${code.slice(bodyStart, -1)}}catch{return false}}`;
}

/** Removes every `validateN.errors = [...];` and `validateN.errors = vErrors;` statement. */
function dropErrorObjects(code: string): string {
  let out = "";
  let at = 0;
  for (const match of code.matchAll(/validate\d+\.errors = /g)) {
    if (match.index < at) continue;
    out += code.slice(at, match.index);
    const valueStart = match.index + match[0].length;
    const end = code.startsWith("vErrors;", valueStart)
      ? valueStart + "vErrors".length
      : endOfLiteral(code, valueStart);
    if (code[end + 1] !== ";" && code[end] !== ";")
      throw new Error("unexpected ajv standalone output around an errors assignment");
    at = code[end] === ";" ? end + 1 : end + 2;
  }
  return out + code.slice(at);
}

/** The index of the last character of the JSON-like literal starting at `start`. */
function endOfLiteral(code: string, start: number): number {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; code[i] !== '"'; i++) if (code[i] === "\\") i++;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error("unexpected ajv standalone output: unbalanced literal");
}
