// What the command line's contract test feeds fc-context: calls of every command, well-formed
// and not, with files and standard input drawn from the differential fuzzer's generators (any form
// of any runtime's context, probe reports, any JSON, text that is not JSON, bytes that are not UTF-8).
// No drawn argument makes a command write outside the folder it runs in.
import { runtimeIds } from "@fc-context/types";
import fc from "fast-check";
import { headerSets, type Json, nearValid, validValue } from "../../../tools/fuzz/src/arbitraries.js";
import { isObject } from "../src/io.js";

/** What a runtime's context forms are drawn with. */
export interface RuntimeSource {
  readonly id: string;
  readonly schema: Record<string, unknown>;
  readonly wire: {
    readonly secretPaths: ReadonlyArray<readonly string[]>;
    toHeaders(context: unknown): Record<string, string>;
    readonly toJsonView: ((context: unknown) => Json) | undefined;
  };
}

export interface Sources {
  readonly runtimes: readonly RuntimeSource[];
  /** fc_context.probe's reports, as taken on each runtime's interpreter. */
  readonly reports: readonly Json[];
  /** Set at every secret path of the contexts drawn, so that a printed secret shows. */
  readonly canary: string;
}

/** A runtime's valid contexts with the canary as every secret, so that a printed secret shows. */
function contexts({ schema, wire }: RuntimeSource, canary: string): fc.Arbitrary<Json> {
  return validValue(schema).map((context) => {
    for (const at of wire.secretPaths) {
      const parent = holderOf(context, at);
      if (typeof parent?.[at.at(-1)!] === "string") parent[at.at(-1)!] = canary;
    }
    return context;
  });
}

/** The object that holds the value at a path (of attribute names), if every step is an object. */
export function holderOf(value: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let node = value;
  for (const key of path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : undefined;
}

/** Any form of a runtime's context: attribute view, to_json() view, header lines; valid or a little off. */
function forms(source: RuntimeSource, canary: string): fc.Arbitrary<Json> {
  const { secretPaths, toHeaders, toJsonView } = source.wire;
  const valid = contexts(source, canary);
  const pairs = headerSets(valid.map(toHeaders));
  const views =
    toJsonView === undefined
      ? []
      : [
          valid.map((c) => toJsonView(c)),
          nearValid(
            valid.map((c) => toJsonView(c)),
            [],
          ),
        ];
  return fc.oneof(
    valid,
    nearValid(valid, secretPaths),
    ...views,
    pairs as fc.Arbitrary<Json>,
    pairs.map((p) => Object.fromEntries(p) as Json),
  );
}

/** The JSON text of any form of a context, a probe report, or any JSON value; mostly what `kind` names. */
export function jsonText(sources: Sources, kind: "context" | "report"): fc.Arbitrary<string> {
  const context = fc.oneof(...sources.runtimes.map((source) => forms(source, sources.canary)));
  const reports = fc.constantFrom(...sources.reports);
  const report = fc.oneof(reports, nearValid(reports, []));
  const value = fc.oneof(
    { arbitrary: kind === "context" ? context : report, weight: 6 },
    { arbitrary: kind === "context" ? report : context, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
  );
  return fc.tuple(value, fc.constantFrom(0, 2)).map(([v, indent]) => JSON.stringify(v, null, indent));
}

/**
 * JSON text of a context broken where its secret stands, so that a parser quoting the input around
 * the fault would print the canary: unquoted, cut off inside its string, or followed by a character
 * JSON refuses there.
 */
function brokenAtSecret(sources: Sources): fc.Arbitrary<string> {
  const quoted = JSON.stringify(sources.canary);
  const withSecret = jsonText(sources, "context").filter((text) => text.includes(quoted));
  const breaks: ReadonlyArray<(text: string, at: number, cut: number) => string> = [
    (text) => text.replace(quoted, sources.canary),
    (text, at, cut) => text.slice(0, at + 1 + (cut % sources.canary.length)),
    (text, at, cut) => `${text.slice(0, at + 1 + (cut % sources.canary.length))}\u0001${text.slice(at + 1)}`,
    (text, at, cut) => `${text.slice(0, at + 1 + (cut % sources.canary.length))}\\q${text.slice(at + 1)}`,
    (text, at) => `${text.slice(0, at + quoted.length)} ${sources.canary}${text.slice(at + quoted.length)}`,
  ];
  return fc
    .tuple(withSecret, fc.nat(breaks.length - 1), fc.nat())
    .map(([text, which, cut]) => breaks[which]!(text, text.indexOf(quoted), cut));
}

/** What a file or standard input holds: mostly JSON, sometimes text that is not, or bytes that are not UTF-8. */
function content(sources: Sources, kind: "context" | "report"): fc.Arbitrary<string | Uint8Array> {
  const notJson = fc.oneof(
    fc.constantFrom("", " \n", "{", "[1,", "\ufeff{}", '{"a":1}}', "nul", "NaN", "'x'", '{\n  "a": \n}'),
    fc.string({ unit: "binary", maxLength: 40 }),
    brokenAtSecret(sources),
  );
  return fc.oneof(
    { arbitrary: jsonText(sources, kind), weight: 8 },
    { arbitrary: notJson, weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 40 }), weight: 1 },
  );
}

export const knownId = fc.constantFrom(...runtimeIds);
const runtimeId = fc.oneof(
  { arbitrary: knownId, weight: 6 },
  { arbitrary: fc.constantFrom("python3.13", "python3.7", "python2.7", "PYTHON3.9", "", "python3.9 "), weight: 1 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
// never starting with "-", so that no stray token can be an option that writes (--out=, --case=)
const word = fc.oneof(
  fc.constantFrom("toString", "__proto__", "constructor", "hasOwnProperty"),
  fc.string({ maxLength: 8 }).filter((text) => !text.startsWith("-")),
);
const stray = fc.oneof(fc.constantFrom("--nope", "-x", "--json=1", "--runtime=", "--", "-", "--help", "-h"), word);
const input = fc.constantFrom("-", "a.json", "b.json");
const file = fc.oneof({ arbitrary: input, weight: 4 }, fc.constantFrom("missing.json", "empty"), word);

const pair = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<readonly string[]> =>
  value.map((v) => [name, v]);
const maybe = (tokens: fc.Arbitrary<readonly string[]>): fc.Arbitrary<readonly string[]> =>
  fc.oneof(tokens, fc.constant([]));
/** An option and its value, sometimes joined by "=", sometimes absent. */
const option = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<readonly string[]> =>
  fc.oneof(
    { arbitrary: pair(name, value), weight: 4 },
    { arbitrary: value.map((v) => [`${name}=${v}`]), weight: 1 },
    { arbitrary: fc.constant([]), weight: 1 },
  );
const flag = (name: string): fc.Arbitrary<readonly string[]> => fc.constantFrom([name], []);
const several = (tokens: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<readonly string[]> =>
  fc.array(tokens, { minLength: min, maxLength: max });

/** A command's groups of tokens in any order, after its name (and subcommand). */
function command(
  name: string | string[],
  ...groups: fc.Arbitrary<readonly string[]>[]
): fc.Arbitrary<readonly string[]> {
  return fc
    .tuple(fc.tuple(...groups), fc.array(fc.nat(), { minLength: groups.length, maxLength: groups.length }))
    .map(([parts, keys]) => {
      const ordered = parts.map((part, i) => ({ part, key: keys[i]! })).sort((x, y) => x.key - y.key);
      return [name, ...ordered.flatMap(({ part }) => part)].flat();
    });
}

/** A call as its README shows it, with its options in any order. */
const wellFormed: Record<string, fc.Arbitrary<readonly string[]>> = {
  validate: command(
    "validate",
    several(input, 1, 3),
    pair("--runtime", knownId),
    maybe(pair("--form", fc.constantFrom("attributes", "json", "headers"))),
    flag("--json"),
  ),
  fake: command("fake", pair("--runtime", knownId), flag("--json")),
  diff: command("diff", several(knownId, 2, 2), flag("--json")),
  "from-headers": command(
    "from-headers",
    several(input, 1, 1),
    pair("--runtime", knownId),
    maybe(pair("--path", fc.constantFrom("default", "concurrent"))),
    flag("--json"),
  ),
  conformance: command(
    "conformance",
    several(input, 1, 1),
    maybe(pair("--runtime", knownId)),
    flag("--json"),
    maybe(pair("--case", fc.constantFrom("case.json", "cases/case.json"))),
  ),
  spec: command(
    ["spec", "draft"],
    several(input, 1, 1),
    // mostly a runtime the spec lacks: the reports are of runtimes it has
    pair("--runtime", fc.constantFrom("python3.13", "python3.11", "python3.13", "python3.14", "python3")),
    maybe(pair("--spec", fc.constant("spec"))),
    maybe(pair("--out", fc.constantFrom("draft.json", "drafts/python3.13.schema.json"))),
    flag("--force"),
  ),
};

/** Any call: a command, its tokens in any number, odd values and options, and a stray token. */
const messy: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.constantFrom([], ["--help"], ["-h"], ["--version"], ["-v"]),
  word.map((w) => [w]),
  command(
    "validate",
    several(file, 0, 3),
    option("--runtime", runtimeId),
    option("--form", fc.oneof(fc.constantFrom("attributes", "json", "headers"), word)),
    flag("--json"),
    several(stray, 0, 1),
  ),
  command("fake", option("--runtime", runtimeId), several(stray, 0, 1)),
  command("diff", several(runtimeId, 0, 3), flag("--json"), several(stray, 0, 1)),
  command(
    "from-headers",
    several(file, 0, 2),
    option("--runtime", runtimeId),
    option("--path", fc.oneof(fc.constantFrom("default", "concurrent"), word)),
    flag("--json"),
    several(stray, 0, 1),
  ),
  command(
    "conformance",
    several(file, 0, 2),
    option("--runtime", runtimeId),
    flag("--json"),
    option("--case", fc.constantFrom("case.json", "empty", "missing-dir/case.json")),
    several(stray, 0, 1),
  ),
  command(
    "spec",
    fc.oneof(fc.constant(["draft"]), several(word, 0, 1)),
    several(file, 0, 2),
    option("--runtime", runtimeId),
    option("--spec", fc.constantFrom("spec", "empty", "missing-dir")),
    option("--out", fc.constantFrom("draft.json", "empty", "missing-dir/draft.json")),
    flag("--force"),
    several(stray, 0, 1),
  ),
);

export interface Call {
  readonly args: readonly string[];
  readonly stdin: string | Uint8Array;
  readonly files: Record<string, string | Uint8Array>;
}

/** A call and what its files and standard input hold: reports for the commands that read them. */
export function calls(sources: Sources): fc.Arbitrary<Call> {
  const contents = { context: content(sources, "context"), report: content(sources, "report") };
  const withInput = (args: fc.Arbitrary<readonly string[]>) =>
    args.chain((tokens) => {
      const kind = contents[tokens[0] === "conformance" || tokens[0] === "spec" ? "report" : "context"];
      return fc
        .tuple(kind, kind, kind)
        .map(([stdin, a, b]) => ({ args: tokens, stdin, files: { "a.json": a, "b.json": b } }));
    });
  return fc.oneof(
    { arbitrary: withInput(fc.oneof(...Object.values(wellFormed))), weight: 3 },
    { arbitrary: withInput(messy), weight: 1 },
  );
}
