// Benchmark (not a test): `npm run bench:python`. Per runtime, on its own interpreter: the time
// an import of its fc_context module adds to a bare interpreter (measured inside fresh processes,
// median of 15), and fake_context() calls per second. Prints a Markdown table.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findPython } from "../tools/find-python.mjs";

const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");
const runtimes = [
  ["python3", "3.6", "py36"],
  ["python3.9", "3.9", "py39"],
  ["python3.10", "3.10", "py310"],
  ["python3.12", "3.12", "py312"],
];
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
