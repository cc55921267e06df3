import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");

/** Where worker.py runs, and the environment it runs in: fc_context from this checkout, UTF-8 pipes. */
export const workerDirectory = here;
export function workerEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PYTHONPATH: path.join(repoRoot, "packages/python/src"),
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONIOENCODING: "utf-8",
  };
}

export interface WorkerRequest {
  readonly runtime: string;
  readonly form: "attributes" | "json" | "headers" | "event";
  readonly path?: "default" | "concurrent";
  /** The trigger event kind of form "event". */
  readonly kind?: string;
  readonly cases: readonly unknown[];
}

/**
 * One long-lived Python process (src/worker.py) on one interpreter, fed batches of cases as JSON
 * lines: a process per case would spend the run starting interpreters.
 */
export class PythonWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<
    number,
    { resolve: (results: unknown[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private stderr = "";

  constructor(readonly interpreter: string) {
    this.child = spawn(interpreter, [path.join(here, "worker.py")], {
      env: workerEnvironment(),
    });
    // the runtime's baggage parser logs what it cannot parse, as the real one does: not a finding
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      const response = JSON.parse(line) as { id: number; results: unknown[] };
      this.pending.get(response.id)?.resolve(response.results);
      this.pending.delete(response.id);
    });
    this.child.on("exit", (code) => {
      for (const { reject } of this.pending.values())
        reject(new Error(`the Python worker (${interpreter}) exited with ${code}: ${this.stderr.slice(-1000)}`));
      this.pending.clear();
    });
  }

  private written: Promise<void> = Promise.resolve();

  run(request: WorkerRequest): Promise<unknown[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.written = new Promise((done) =>
        this.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`, () => done()),
      );
    });
  }

  /**
   * Resolves once the last request has gone down the pipe. Until then it waits in this process:
   * await it before a long synchronous task, or Python idles while that task runs.
   */
  sent(): Promise<void> {
    return this.written;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.stdin.end();
    });
  }
}
