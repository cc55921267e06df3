// The differential fuzzer: for each runtime and form, generate cases (fast-check, seeded), run
// them through TypeScript here and through Python on the runtime's own interpreter (one
// long-lived process), and compare the two results case by case.
import fc from "fast-check";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { canonical, type Form, type FormName, formsOf, reconcile } from "./forms.js";
import { PythonWorker } from "./python-worker.js";
import { shrink } from "./shrink.js";

/** Every runtime of the spec (the layout's), with the Python version whose interpreter runs it. */
export const RUNTIMES = layoutRuntimes().map((r) => ({ id: r.id, version: r.pythonVersion }));

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  readonly runtimes?: readonly string[];
  readonly forms?: readonly FormName[];
  readonly batch?: number;
  /** The forms of a runtime: the real ones (formsOf) unless a test brings a form that is wrong on purpose. */
  readonly formsOf?: (runtime: string) => Promise<Form[]>;
  /** Called with each summary line and each reproduction as they come. */
  readonly report?: (line: string) => void;
}

export interface Disagreement {
  readonly runtime: string;
  readonly form: FormName;
  readonly input: unknown;
  readonly typescript: string;
  readonly python: string;
}

export interface Summary {
  readonly runtime: string;
  readonly form: FormName;
  readonly cases: number;
  readonly disagreements: number;
  readonly seconds: number;
}

export interface FuzzResult {
  readonly summaries: readonly Summary[];
  readonly disagreements: readonly Disagreement[];
  /** Runtimes skipped because their interpreter is not on this machine. */
  readonly missing: readonly string[];
}

/** Reproductions printed per runtime and form at most: the first ones say enough. */
const MAX_REPRODUCTIONS = 3;

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const report = options.report ?? (() => {});
  const batch = options.batch ?? 1000;
  const summaries: Summary[] = [];
  const disagreements: Disagreement[] = [];
  const missing: string[] = [];
  for (const runtime of RUNTIMES.filter((r) => options.runtimes === undefined || options.runtimes.includes(r.id))) {
    const ran = await withWorker(runtime, async (worker) => {
      for (const form of (await (options.formsOf ?? formsOf)(runtime.id)).filter(
        (f) => options.forms === undefined || options.forms.includes(f.name),
      )) {
        const found = await fuzzForm(worker, runtime.id, form, options.runs, options.seed, batch);
        const summary: Summary = {
          runtime: runtime.id,
          form: form.name,
          cases: options.runs,
          disagreements: found.length,
          seconds: found.seconds,
        };
        summaries.push(summary);
        for (const d of found.slice(0, MAX_REPRODUCTIONS)) report(reproduction(await minimal(worker, form, d)));
        disagreements.push(...found);
        report(summaryLine(summary));
      }
    });
    if (!ran) missing.push(runtime.id);
  }
  return { summaries, disagreements, missing };
}

/** Runs work with a Python worker on the runtime's interpreter; false when it is not on this machine. */
async function withWorker(
  runtime: (typeof RUNTIMES)[number],
  work: (worker: PythonWorker) => Promise<void>,
): Promise<boolean> {
  const interpreter = findPython(runtime.version);
  if (interpreter === undefined) return false;
  const worker = new PythonWorker(interpreter);
  try {
    await work(worker);
  } finally {
    await worker.close();
  }
  return true;
}

/** One input through both languages, each result as comparable text. */
async function both(
  worker: PythonWorker,
  runtime: string,
  form: Form,
  input: unknown,
): Promise<{ typescript: string; python: string }> {
  const [python] = await worker.run({ runtime, ...form.worker, cases: [input] });
  const typescript = form.run(input);
  return { typescript: canonical(typescript), python: canonical(reconcile(typescript, python)) };
}

async function fuzzForm(
  worker: PythonWorker,
  runtime: string,
  form: Form,
  runs: number,
  seed: number,
  batch: number,
): Promise<Disagreement[] & { seconds: number }> {
  const found: Disagreement[] = [];
  const started = performance.now();
  // each batch from its own seed: any batch of any run can be replayed alone
  const sample = (round: number) =>
    fc.sample(form.cases, { numRuns: Math.min(batch, runs - round * batch), seed: seed + round }) as unknown[];
  let next: unknown[] | undefined = sample(0);
  for (let round = 0; next !== undefined; round++) {
    const cases = next;
    // Python works on this batch while TypeScript checks it and draws the next: both cores busy
    const pending = worker.run({ runtime, ...form.worker, cases });
    await worker.sent();
    const typescript = cases.map((input) => form.run(input));
    next = (round + 1) * batch < runs ? sample(round + 1) : undefined;
    const python = await pending;
    cases.forEach((input, index) => {
      const ts = canonical(typescript[index]);
      const py = canonical(reconcile(typescript[index]!, python[index]));
      if (ts !== py) found.push({ runtime, form: form.name, input, typescript: ts, python: py });
    });
  }
  return Object.assign(found, { seconds: (performance.now() - started) / 1000 });
}

/** The disagreement with its input made as small as it stays a disagreement. */
async function minimal(worker: PythonWorker, form: Form, d: Disagreement): Promise<Disagreement> {
  const disagrees = async (input: unknown) => {
    const { typescript, python } = await both(worker, d.runtime, form, input);
    return typescript !== python;
  };
  const input = await shrink(d.input, disagrees);
  return { ...d, input, ...(await both(worker, d.runtime, form, input)) };
}

export function summaryLine(s: Summary): string {
  const rate = s.seconds > 0 ? Math.round(s.cases / s.seconds) : s.cases;
  return (
    `${s.runtime} ${s.form}: ${s.cases} cases, ${s.disagreements} ` +
    `disagreement${s.disagreements === 1 ? "" : "s"}, ${rate} cases/s`
  );
}

function reproduction(d: Disagreement): string {
  return [
    `disagreement on ${d.runtime} ${d.form}:`,
    `  input:      ${JSON.stringify(d.input)}`,
    `  TypeScript: ${d.typescript}`,
    `  Python:     ${d.python}`,
  ].join("\n");
}

/** Replays the findings of earlier runs (spec/vectors/findings/) through both languages. */
export async function replayFindings(
  findings: ReadonlyArray<{ name: string; runtime: string; form: FormName; input: unknown }>,
): Promise<Array<{ name: string; typescript: string; python: string }>> {
  const out: Array<{ name: string; typescript: string; python: string }> = [];
  for (const runtime of RUNTIMES) {
    const mine = findings.filter((f) => f.runtime === runtime.id);
    if (mine.length === 0) continue;
    await withWorker(runtime, async (worker) => {
      const forms = await formsOf(runtime.id);
      for (const finding of mine) {
        const form = forms.find((f) => f.name === finding.form)!;
        out.push({ name: finding.name, ...(await both(worker, runtime.id, form, finding.input)) });
      }
    });
  }
  return out;
}
