/**
 * Benchmark (not a test): wall time of a full `npm run generate` as a user runs it, of the
 * generate command without npm, and of the generator alone inside one process (first run,
 * which pays for importing json-schema-to-typescript and prettier, then warm runs).
 * Usage: npm run bench:generate [-- --runs N]
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function timeCommand(command: string, args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(command, args, { cwd: root, stdio: "ignore" });
    times.push(performance.now() - started);
  }
  return times;
}

const importStarted = performance.now();
const { generate } = await import("../src/generate.js");
const importTime = performance.now() - importStarted;
const inProcess: number[] = [];
for (let i = 0; i < runs + 1; i++) {
  const started = performance.now();
  await generate({ root });
  inProcess.push(performance.now() - started);
}

const rows: Array<[string, number[]]> = [
  ["`npm run generate` (npm + tsx + generator), fresh process", timeCommand("npm", ["run", "--silent", "generate"])],
  [
    "`tsx tools/codegen/src/cli.ts`, fresh process",
    timeCommand(path.join(root, "node_modules/.bin/tsx"), ["tools/codegen/src/cli.ts"]),
  ],
  [`generator alone, in process, first run (+ import ${Math.round(importTime)} ms)`, inProcess.slice(0, 1)],
  ["generator alone, in process, warm", inProcess.slice(1)],
];
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`| what | runs | median | min | max |\n|---|---|---|---|---|`);
for (const [name, times] of rows) {
  console.log(
    `| ${name} | ${times.length} | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} |`,
  );
}
