// npm run fuzz -- [--runs N] [--seed S] [--runtime id]... [--form name]...
import { parseArgs } from "node:util";
import { FORMS, type FormName } from "./forms.js";
import { fuzz, RUNTIMES } from "./fuzz.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10000" },
    seed: { type: "string", default: "20261124" },
    runtime: { type: "string", multiple: true },
    form: { type: "string", multiple: true },
    batch: { type: "string", default: "1000" },
  },
  strict: true,
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const forms = values.form as FormName[] | undefined;
for (const form of forms ?? [])
  if (!FORMS.includes(form)) throw new Error(`--form must be one of ${FORMS.join(", ")}, not ${form}`);
for (const id of values.runtime ?? [])
  if (!RUNTIMES.some((r) => r.id === id))
    throw new Error(`--runtime must be one of ${RUNTIMES.map((r) => r.id).join(", ")}, not ${id}`);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed))
  throw new Error("--runs and --seed take whole numbers");

const started = performance.now();
const result = await fuzz({
  runs,
  seed,
  batch: Number(values.batch),
  ...(values.runtime && { runtimes: values.runtime }),
  ...(forms && { forms }),
  report: (line) => console.log(line),
});
for (const id of result.missing) console.error(`skipped ${id}: its interpreter is not under pyenv on this machine`);
const total = result.summaries.reduce((sum, s) => sum + s.cases, 0);
console.log(
  `${total} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed}), ` +
    `${result.disagreements.length} disagreements`,
);
process.exitCode = result.disagreements.length > 0 || (process.env.CI === "true" && result.missing.length > 0) ? 1 : 0;
