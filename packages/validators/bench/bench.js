// Benchmark (not a test): `npm run bench` at the root. Operations per second in one process,
// side by side, of the generated validators against a hand-written check of the same rules,
// ajv compiling the same schema at run time, and zod; cold start of a fresh node importing and
// validating once; and each module's gzipped size. Prints a Markdown table.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Ajv2020 } from "ajv/dist/2020.js";
import { readVectors } from "../../../spec/vectors/read-vectors.mjs";
import { isClassicContext, isPython312Context } from "./hand-written.js";
import { withLocalImports } from "./local-imports.js";
import { measureAll, sink } from "./measure.js";
import { classicContext, python312Context } from "./zod-schemas.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const vector = (runtime, name) => readVectors(runtime).find((vector) => vector.name === `${name}.json`).value;
const quick = process.argv.includes("--quick");

const cases = [
  {
    runtime: "python3.9",
    label: "a context with a role, logging and tracing on",
    hand: isClassicContext,
    zod: classicContext,
    valid: vector("python3.9", "valid/role-tracing-concurrency"),
    invalid: vector("python3.9", "invalid/memory-as-string"),
  },
  {
    runtime: "python3.12",
    label: "a context invoked through an alias, with logging",
    hand: isPython312Context,
    zod: python312Context,
    valid: vector("python3.12", "valid/logging-and-alias"),
    invalid: vector("python3.12", "invalid/memory-as-string"),
  },
];

const lines = [];
const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);
for (const { runtime, label, hand, zod, valid, invalid } of cases) {
  const generated = await import(`@fc-context/validators/${runtime}`);
  const schema = JSON.parse(readFileSync(here(`../gen/${runtime}.schema.json`), "utf8"));
  const ajvFirst = new Ajv2020({ allowUnionTypes: true }).compile(schema);
  const ajvAll = new Ajv2020({ allowUnionTypes: true, allErrors: true }).compile(schema);
  const rows = [
    ["hand-written check", (v) => hand(v), (v) => hand(v)],
    ["**isFCContext** (generated)", generated.isFCContext, generated.isFCContext],
    [
      "**validateFCContext** (generated, all errors)",
      (v) => generated.validateFCContext(v).ok,
      (v) => generated.validateFCContext(v).ok,
    ],
    ["ajv compiled at run time (first error)", ajvFirst, ajvFirst],
    ["ajv compiled at run time (all errors)", ajvAll, ajvAll],
    ["zod safeParse", (v) => zod.safeParse(v).success, (v) => zod.safeParse(v).success],
  ];
  const rates = measureAll(
    rows.flatMap(([, onValid, onInvalid]) => [
      [onValid, valid],
      [onInvalid, invalid],
    ]),
  );
  lines.push(`\n**${runtime}** (valid: ${label}; invalid: the same with memory as a string)\n`);
  lines.push(
    "| validator | valid ops/s | vs hand-written | invalid ops/s | vs hand-written |",
    "|---|---|---|---|---|",
  );
  rows.forEach(([name], index) => {
    const [v, i] = [rates[2 * index], rates[2 * index + 1]];
    lines.push(`| ${name} | ${fmt(v)} | ${(v / rates[0]).toFixed(2)}x | ${fmt(i)} | ${(i / rates[1]).toFixed(2)}x |`);
  });
}

// Cold start: a fresh node per run; each script times, from its own start, importing its
// validator and checking one context (node's own boot, ~60 ms and noisy, is left out). Scripts
// are interleaved so drift hits them alike; the median of each is reported.
const scripts = [
  ["hand-written check (a file of the app)", "hand-written.mjs"],
  ["generated, imported by package name", "standalone.mjs"],
  ["generated, imported by path", "standalone-by-path.mjs"],
  ["ajv compiling at start-up", "ajv-runtime.mjs"],
  ["zod", "zod.mjs"],
];
const times = new Map(scripts.map(([name]) => [name, []]));
for (let r = -3; r < (quick ? 9 : 41); r++) {
  for (const [name, script] of scripts) {
    const took = Number(execFileSync(process.execPath, [here(`cold/${script}`)], { encoding: "utf8" }));
    if (r >= 0) times.get(name).push(took);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const handCold = median(times.get(scripts[0][0]));
lines.push(
  `\n**Cold start** (python3.9: in a fresh \`node\`, importing the validator and checking one context; median of ` +
    `${times.get(scripts[0][0]).length} interleaved runs)\n`,
);
lines.push("| validator | import + first check | vs hand-written |", "|---|---|---|");
for (const [name] of scripts) {
  const took = median(times.get(name));
  lines.push(
    `| ${name} | ${took.toFixed(2)} ms | ${took - handCold >= 0 ? "+" : ""}${(took - handCold).toFixed(2)} ms |`,
  );
}

lines.push("\n**Size** (each runtime module as published, with the shared module of its model it imports)\n");
lines.push("| module | bytes | gzipped |", "|---|---|---|");
for (const file of ["gen/python3.js", "gen/python3.9.js", "gen/python3.10.js", "gen/python3.12.js"]) {
  const source = Buffer.from(withLocalImports(here(`../${file}`)));
  lines.push(`| ${file} | ${source.length} | ${gzipSync(source).length} |`);
}

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}${sink() < 0 ? "" : ""}`);
console.log(lines.join("\n"));
