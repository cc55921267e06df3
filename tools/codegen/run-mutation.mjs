// `npm run mutation`: StrykerJS on the stages that judge a spec (load/, check/, normalize/) and on
// the release diff, one folder at a time, so each folder has its own score, its own report and its
// own incremental file: a run cut short keeps what it finished, and the next run retests only
// mutants whose code or covering tests changed (`--force` retests everything).
//
//   node tools/codegen/run-mutation.mjs [folder ...] [--force]
//   node tools/codegen/run-mutation.mjs --summary   (the scores of the reports there are, no run)
//
// Reports: <package>/reports/mutation/<folder>.json (mutation-testing-report-schema), a summary in
// tools/codegen/reports/mutation/summary.json. Exits 1 when a folder scores under the threshold.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const THRESHOLD = 85;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const stryker = path.join(repoRoot, "node_modules/@stryker-mutator/core/bin/stryker.js");

// Each folder is judged by its own tests and the bad-spec corpus, which runs the whole generator
// on a broken spec (a mutant the folder's tests miss but a whole-pipeline test kills still counts).
const CORPUS = "src/check/bad-specs.test.ts";
const FOLDERS = [
  { name: "load", pkg: "tools/codegen", mutate: "src/load/**/*.ts", tests: ["src/load/*.test.ts", CORPUS] },
  { name: "check", pkg: "tools/codegen", mutate: "src/check/**/*.ts", tests: ["src/check/*.test.ts"] },
  {
    name: "normalize",
    pkg: "tools/codegen",
    mutate: "src/normalize/**/*.ts",
    tests: ["src/normalize/*.test.ts", CORPUS],
  },
  { name: "release-diff", pkg: "tools/release", mutate: "src/spec-diff.ts", tests: ["src/spec-diff.test.ts"] },
];

const args = process.argv.slice(2);
const force = args.includes("--force");
const summaryOnly = args.includes("--summary");
const asked = args.filter((arg) => arg !== "--force" && arg !== "--summary");
const unknown = asked.filter((name) => !FOLDERS.some((folder) => folder.name === name));
if (unknown.length > 0) {
  console.error(
    `run-mutation: no folder ${unknown.join(", ")}; the folders are ${FOLDERS.map((f) => f.name).join(", ")}`,
  );
  process.exit(2);
}
const chosen = summaryOnly ? [] : asked.length === 0 ? FOLDERS : FOLDERS.filter((f) => asked.includes(f.name));

for (const folder of chosen) {
  const cwd = path.join(repoRoot, folder.pkg);
  const reports = path.join(cwd, "reports/mutation");
  mkdirSync(reports, { recursive: true });
  const strykerArgs = [stryker, "run", "stryker.config.json", "--mutate", `${folder.mutate},!src/**/*.test.ts`];
  strykerArgs.push("--incremental", "--incrementalFile", `reports/mutation/${folder.name}.incremental.json`);
  strykerArgs.push("--testFiles", folder.tests.join(","));
  if (force) strykerArgs.push("--force");
  console.log(`\n== ${folder.name}: ${folder.pkg}/${folder.mutate}`);
  const result = spawnSync(process.execPath, strykerArgs, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`run-mutation: Stryker failed on ${folder.name} (exit ${result.status})`);
    process.exit(2);
  }
  // the config names one report file; each folder keeps its own
  renameSync(path.join(reports, "mutation.json"), path.join(reports, `${folder.name}.json`));
}

const rows = FOLDERS.map((folder) => {
  const file = path.join(repoRoot, folder.pkg, "reports/mutation", `${folder.name}.json`);
  return existsSync(file) ? { folder, ...score(JSON.parse(readFileSync(file, "utf8"))) } : undefined;
}).filter((row) => row !== undefined);

console.log("\nfolder         mutants  killed  timeout  survived  no-cover  score");
for (const row of rows) {
  const cells = [row.mutants, row.killed, row.timeout, row.survived, row.noCoverage].map((n, i) =>
    String(n).padStart([7, 7, 8, 9, 9][i]),
  );
  console.log(`${row.folder.name.padEnd(13)} ${cells.join(" ")}  ${row.score.toFixed(2)}%`);
}
const summary = Object.fromEntries(rows.map(({ folder, ...counts }) => [folder.name, counts]));
mkdirSync(path.join(here, "reports/mutation"), { recursive: true });
writeFileSync(path.join(here, "reports/mutation/summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
const below = rows.filter((row) => row.score < THRESHOLD);
if (below.length > 0) {
  console.error(`\nunder ${THRESHOLD}%: ${below.map((row) => row.folder.name).join(", ")}`);
  process.exit(1);
}

/** Stryker's mutation score: detected (killed or timed out) over every valid mutant. */
function score(report) {
  const counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      const key = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage" }[
        mutant.status
      ];
      if (key === undefined) continue; // compile and runtime errors, ignored mutants: not valid
      counts[key] += 1;
      counts.mutants += 1;
    }
  }
  const detected = counts.killed + counts.timeout;
  const score = counts.mutants === 0 ? 100 : (100 * detected) / counts.mutants;
  return { ...counts, score: Math.round(score * 100) / 100 };
}
