// Benchmark (not a test): `npm run bench:python`. Per runtime, on its own interpreter: the time
// an import of its fc_context module adds to a bare interpreter (measured inside fresh processes,
// median of 15), and fake_context() calls per second; then, per interpreter, what
// fc_context.events.parse_oss costs on a typical OSS event against json.loads alone. Prints
// Markdown tables.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readSamples } from "../../../spec/events/read-samples.mjs";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { findPython } from "../tools/find-python.mjs";

const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");
const runtimes = layoutRuntimes().map((r) => [r.id, r.pythonVersion, r.pythonModule]);
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];

console.log(
  "| runtime | interpreter | import adds | of which json, logging, re, typing | fake_context calls/s " +
    "|\n|---|---|---|---|---|",
);
for (const [id, version, module] of runtimes) {
  const python = findPython(version);
  if (python === undefined) {
    console.log(`| ${id} | missing | | | |`);
    continue;
  }
  // bytecode cached, as in an installed package: the first import below compiles it
  const env = { ...process.env, PYTHONPATH: source };
  execFileSync(python, ["-c", `import fc_context.${module}, fc_context.testing`], { env });
  const bare = [];
  const imports = [];
  for (let i = 0; i < 15; i++) {
    const took = execFileSync(
      python,
      ["-c", `import time\nt = time.perf_counter()\nimport fc_context.${module}\nprint(time.perf_counter() - t)`],
      { env, encoding: "utf8" },
    );
    imports.push(Number(took) * 1000);
    const stdlib = execFileSync(
      python,
      ["-c", "import time\nt = time.perf_counter()\nimport json, logging, re, typing\nprint(time.perf_counter() - t)"],
      { env, encoding: "utf8" },
    );
    bare.push(Number(stdlib) * 1000);
  }
  const rate = execFileSync(
    python,
    [
      "-c",
      `import timeit\nfrom fc_context.testing import fake_context\nn = 2000\nprint(n / min(timeit.repeat(lambda: ` +
        `fake_context("${id}"), number=n, repeat=5)))`,
    ],
    { env, encoding: "utf8" },
  );
  console.log(
    `| ${id} | ${path.basename(path.dirname(path.dirname(python)))} | ${median(imports).toFixed(1)} ms | ` +
      `${median(bare).toFixed(1)} ms | ${Math.round(Number(rate)).toLocaleString("en")} |`,
  );
}

// A typical OSS event: the FC 3.0 doc's sample, one record with user metadata, as the handler gets it.
const oss = readSamples("oss").find((sample) => sample.verdict === "valid" && sample.generation === "fc3");
const event = JSON.stringify(oss.value);
console.log(
  `\n**Parsing an OSS event** (${Buffer.byteLength(event)} bytes, ${oss.name}; best of 5 rounds)\n\n` +
    "| interpreter | json.loads calls/s | parse_oss calls/s | parse_oss vs json.loads |\n|---|---|---|---|",
);
for (const version of [...new Set(runtimes.map(([, v]) => v))]) {
  const python = findPython(version);
  if (python === undefined) continue;
  const script = [
    "import json, sys, timeit",
    "from fc_context.events import parse_oss",
    "data = sys.stdin.buffer.read()",
    "n = 5000",
    "best = lambda f: n / min(timeit.repeat(f, number=n, repeat=5))",
    "print(best(lambda: json.loads(data)), best(lambda: parse_oss(data)))",
  ].join("\n");
  const [loads, parse] = execFileSync(python, ["-c", script], {
    env: { ...process.env, PYTHONPATH: source },
    input: event,
    encoding: "utf8",
  })
    .trim()
    .split(" ")
    .map(Number);
  const name = path.basename(path.dirname(path.dirname(python)));
  const rate = (n) => Math.round(n).toLocaleString("en");
  console.log(
    `| ${name} | ${rate(loads)} | ${rate(parse)} | ${(parse / loads).toFixed(2)}x (${(loads / parse).toFixed(1)} times slower) |`,
  );
}
