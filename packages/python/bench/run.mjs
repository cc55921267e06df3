// Benchmark (not a test): `npm run bench:run`. fc-context run and serve on each runtime's own
// interpreter (bench/run_bench.py): cold start to the first handler call (the whole command, and
// the Python API), warm overhead beyond the handler's own time (an Instance, and serve over HTTP
// with keep-alive), and serve's requests per second for a hello handler. Prints a Markdown table.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { findPython } from "../tools/find-python.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const env = { ...process.env, PYTHONPATH: path.resolve(here, "../src") };
const ms = (q) => `${q.median_ms.toFixed(1)} (p90 ${q.p90_ms.toFixed(1)})`;
const fine = (q) => `${q.median_ms.toFixed(2)} (p90 ${q.p90_ms.toFixed(2)})`;

console.log(
  "| runtime | interpreter | cold start, command (ms) | cold start, API (ms) | warm overhead, Instance (ms) " +
    "| warm overhead, serve HTTP (ms) | serve req/s, 1 client | 4 clients |\n|---|---|---|---|---|---|---|---|",
);
for (const runtime of layoutRuntimes()) {
  const python = findPython(runtime.pythonVersion);
  if (python === undefined) {
    console.log(`| ${runtime.id} | missing | | | | | | |`);
    continue;
  }
  const report = JSON.parse(execFileSync(python, [path.join(here, "run_bench.py")], { env, encoding: "utf8" }));
  console.log(
    `| ${runtime.id} | ${report.python} | ${ms(report.cold_start_command.to_first_handler_call)} ` +
      `| ${ms(report.cold_start_api.to_first_handler_call)} | ${fine(report.warm_overhead_instance)} ` +
      `| ${fine(report.warm_overhead_serve_http)} | ${report.serve_requests_per_s_1_client} ` +
      `| ${report.serve_requests_per_s_4_clients} |`,
  );
}
