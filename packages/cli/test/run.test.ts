import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { findInterpreter, pythonPackageRoot } from "../src/commands/run.js";

// fc-context run and serve hand the command to the Python runner on an interpreter of the runtime:
// what a JavaScript tool sees through the bin (the runner itself is tested in packages/python).
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(packageDir, "bin/fc-context.js");
const code = mkdtempSync(path.join(os.tmpdir(), "fc-context-run-"));
afterAll(() => rmSync(code, { recursive: true, force: true }));
writeFileSync(
  path.join(code, "index.py"),
  [
    "import sys",
    "def handler(event, context):",
    "    print('python', '%d.%d' % sys.version_info[:2])",
    "    return {'event': event.decode('utf-8'), 'request_id': context.request_id}",
    "def fails(event, context):",
    "    raise KeyError('missing')",
    "",
  ].join("\n"),
);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin = ""): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

const runtimes = layoutRuntimes().map((runtime) => ({
  id: runtime.id,
  version: runtime.pythonVersion,
  python: findInterpreter(runtime.pythonVersion, process.env),
}));

describe("fc-context run", () => {
  it("runs the package's own fc_context", () => {
    expect(pythonPackageRoot()).toMatch(/python/);
  });

  it.each(runtimes)("runs a handler on $id's interpreter (Python $version)", async ({ id, version, python }) => {
    if (python === undefined) return void expect(process.env.CI).not.toBe("true");
    const {
      code: status,
      stdout,
      stderr,
    } = await cli(["run", "index.handler", "--runtime", id, "--code-dir", code, "--event", "-"], '{"k": 1}');
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain(`python ${version}\n`);
    const response = JSON.parse(stdout.slice(stdout.lastIndexOf("{\n"))) as { event: string; request_id: string };
    expect(response.event).toBe('{"k": 1}');
    expect(stdout).toContain(`FC Invoke End RequestId: ${response.request_id}\n`);
  });

  it("exits 1 with the error document, 2 for usage, 3 when the runtime drops the invocation", async () => {
    const failing = await cli(["run", "index.fails", "--runtime", "python3.9", "--code-dir", code]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('"errorMessage": "\'missing\'"');
    expect((await cli(["run", "index.handler", "--code-dir", code])).code).toBe(2);
    expect((await cli(["run", "index.handler", "--runtime", "python2.7"])).code).toBe(2);
    expect((await cli(["run", "index.handler", "--python", "/nonexistent/python3"])).code).toBe(2);
    const headers = path.join(code, "headers.json");
    writeFileSync(headers, JSON.stringify([["x-fc-function-handler", "index.handler"]]));
    const dropped = await cli([
      "run",
      "index.handler",
      "--runtime",
      "python3.9",
      "--code-dir",
      code,
      "--headers",
      headers,
    ]);
    expect(dropped.code).toBe(3);
    expect(dropped.stderr).toContain("did not invoke the handler");
  });
});

describe("fc-context serve", () => {
  it("serves events from a warm instance and stops cleanly on SIGTERM", async () => {
    const child: ChildProcess = spawn(process.execPath, [
      bin,
      ...["serve", "index.handler", "--runtime", "python3.9", "--code-dir", code, "--mode", "event", "--port", "0"],
    ]);
    let stderr = "";
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
        if (match) resolve(Number(match[1]));
      });
      child.on("exit", () => reject(new Error(`serve ended: ${stderr}`)));
    });
    const answers = [];
    for (const body of ["one", "two"]) {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body });
      answers.push((await response.json()) as { event: string });
    }
    expect(answers.map((answer) => answer.event)).toEqual(["one", "two"]);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (status) => resolve(status)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
