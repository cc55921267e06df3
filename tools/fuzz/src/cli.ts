// The differential fuzzer's command (usage below). Exit codes: 0 when both languages agree on
// every case, 1 on a disagreement (or, in CI, a missing interpreter), 2 on a usage error.
import { parseArgs } from "node:util";
import { FORMS, type FormName } from "./forms.js";
import { fuzz, RUNTIMES } from "./fuzz.js";

const usage = "usage: npm run fuzz -- [--runs N] [--seed S] [--runtime id]... [--form name]... [--batch N]";

/** The options, or a usage error (exit 2, as the fc-context CLI does) naming what is wrong. */
function options() {
  try {
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
    return values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}

function usageError(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

function wholeNumber(name: string, text: string, least?: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value) || (least !== undefined && value < least)) {
    const what = least === undefined ? "a whole number" : `a whole number of at least ${least}`;
    usageError(`--${name} takes ${what}, not ${JSON.stringify(text)}`);
  }
  return value;
}

const values = options();
const runs = wholeNumber("runs", values.runs, 1);
const seed = wholeNumber("seed", values.seed);
const batch = wholeNumber("batch", values.batch, 1);
const forms = values.form as FormName[] | undefined;
for (const form of forms ?? [])
  if (!FORMS.includes(form)) usageError(`--form must be one of ${FORMS.join(", ")}, not ${JSON.stringify(form)}`);
for (const id of values.runtime ?? [])
  if (!RUNTIMES.some((r) => r.id === id))
    usageError(`--runtime must be one of ${RUNTIMES.map((r) => r.id).join(", ")}, not ${JSON.stringify(id)}`);

const started = performance.now();
const result = await fuzz({
  runs,
  seed,
  batch,
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
