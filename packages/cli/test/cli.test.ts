import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeContext } from "@fc-context/testing";
import { toHeaders } from "@fc-context/wire/python3.9";
import { afterAll, describe, expect, it } from "vitest";
import { fromClient, observed, readCases, type Tree } from "../../../spec/conformance/read-conformance.mjs";
import { everyId, layoutRuntimes, readLayout } from "../../../spec/read-layout.mjs";
import { readVectors, stringsIn } from "../../../spec/vectors/read-vectors.mjs";
import { colours, type Io } from "../src/io.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const _repoRoot = path.resolve(packageDir, "../..");
const bin = path.join(packageDir, "bin/fc-context.js");
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin as a real process, optionally feeding standard input. */
function cli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin!.end(stdin ?? "");
  });
}

/** The headers an emulator sends for a realistic python3.9 context: every attribute has its header. */
const fullHeaders = () => toHeaders(fakeContext("python3.9"));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The context from-headers prints before its verdict line. */
const contextOf = (stdout: string): Json => JSON.parse(stdout.slice(0, stdout.lastIndexOf("\n}") + 2)) as Json;

let files = 0;
function file(value: unknown): string {
  const target = path.join(scratch, `input-${files++}.json`);
  writeFileSync(target, JSON.stringify(value));
  return target;
}

// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;
const vectors = (runtime: string, kind: "valid" | "invalid") =>
  readVectors(runtime, [kind]).map((v) => ({ ...v, name: v.name.slice(kind.length + 1) }));
const strings = stringsIn;
const secret = "9NG2XAmpbuVaokUuPm1MUwvRzE5sCdPnXnL4wLu8wAkW";

describe("fc-context", () => {
  it("prints its usage with --help (exit 0) and on no command (exit 2, stderr)", async () => {
    const help = await cli(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("validate <file|->");
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("Usage: fc-context <command>");
    expect((await cli(["vaildate"])).stderr).toContain('unknown command "vaildate"');
  });

  it.each(["validate", "fake", "diff", "from-headers"])(
    "%s --help explains the command and exits 0",
    async (command) => {
      const result = await cli([command, "--help"]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(new RegExp(`^Usage: fc-context ${command}`));
    },
  );

  it.each([
    [["validate", "x.json"], "--runtime <id> is required"],
    [["validate", "x.json", "--runtime", "python2.7"], 'unknown runtime "python2.7"'],
    [["validate", "--runtime", "python3.9"], "expected one or more files"],
    [["validate", "/nonexistent.json", "--runtime", "python3.9"], "cannot read /nonexistent.json"],
    [["validate", "x.json", "--runtime", "python3.9", "--form", "yaml"], "--form must be attributes, json or headers"],
    [
      ["validate", "x.json", "--runtime", "python3.9", "--colour"],
      "fc-context validate: unknown option --colour (fc-context validate --help lists the options)\n",
    ],
    [["validate", "x.json", "--runtime"], "option --runtime needs a value"],
    [["fake", "--runtime", "python3.9", "extra.json"], "takes no file"],
    [["fake"], "--runtime <id> is required"],
    [["diff", "python3.9"], "expected two runtimes"],
  ])("exits 2 with the reason on stderr for %j", async (args, message) => {
    const result = await cli(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });
});

describe("fc-context validate", () => {
  for (const [runtime, folder] of [
    ["python3.6", "python3"],
    ["python3.9", "python3.9"],
    ["python3.12", "python3.12"],
  ] as const) {
    it(
      `${runtime}: exits 0 for every valid vector and 1 for every invalid one, at its fault, never echoing ` +
        `strings`,
      async () => {
        for (const vector of vectors(folder, "valid")) {
          const input = file(vector.value);
          const result = await cli(["validate", input, "--runtime", runtime]);
          expect(result, vector.name).toMatchObject({ code: 0, stderr: "" });
          expect(result.stdout).toBe(`${input}: valid: a ${folder} context (attributes)\n`);
        }
        for (const vector of vectors(folder, "invalid")) {
          const result = await cli(["validate", file(vector.value), "--runtime", runtime, "--json"]);
          expect(result.code, vector.name).toBe(1);
          const report = JSON.parse(result.stdout) as { valid: boolean; issues: Array<{ path: string }> };
          expect(report.valid).toBe(false);
          expect(report.issues.map((issue) => issue.path)).toEqual(report.issues.map(() => vector.fault));
          for (const text of strings(vector.value).filter((s) => s.length >= 8))
            expect(result.stdout).not.toContain(text);
        }
      },
    );
  }

  it("reads standard input; input that is not JSON is a usage-class error naming line and column", async () => {
    const valid = vectors("python3.9", "valid")[0]!.value;
    const read = await cli(["validate", "-", "--runtime", "python3.9"], JSON.stringify(valid));
    expect(read).toMatchObject({
      code: 0,
      stdout: "standard input: valid: a python3.9 context (attributes)\n",
      stderr: "",
    });
    const broken = await cli(["validate", "-", "--runtime", "python3.9"], '{\n  "request_id": "r",\n  oops\n}');
    expect(broken).toMatchObject({ code: 2, stdout: "" });
    expect(broken.stderr).toMatch(/^fc-context validate: standard input:3:3: not JSON: .+\n$/);
    const empty = await cli(["validate", "-", "--runtime", "python3.9"], "  \n");
    expect(empty).toMatchObject({
      code: 2,
      stderr: "fc-context validate: standard input: empty: expected a JSON value\n",
    });
  });

  it("checks several files in one run, a verdict line each, and checks the rest after an unreadable one", async () => {
    const [good, bad] = [vectors("python3.9", "valid")[0]!, vectors("python3.9", "invalid")[0]!];
    const files = [file(good.value), file(bad.value)];
    const result = await cli(["validate", ...files, "/nonexistent.json", "--runtime", "python3.9"]);
    expect(result.code).toBe(2);
    const verdicts = result.stdout.split("\n").filter((line) => !line.startsWith("  ") && line !== "");
    expect(verdicts).toEqual([
      `${files[0]}: valid: a python3.9 context (attributes)`,
      expect.stringMatching(
        new RegExp(`^${escapeRegExp(files[1]!)}: invalid: not a python3.9 context \\(attributes\\), 1 issue:$`),
      ),
    ]);
    expect(result.stderr).toBe("fc-context validate: cannot read /nonexistent.json: no such file\n");
    const json = JSON.parse((await cli(["validate", ...files, "--runtime", "python3.9", "--json"])).stdout) as Json[];
    expect(json.map((v) => [v.file, v.valid])).toEqual([
      [files[0], true],
      [files[1], false],
    ]);
  });

  it("hints at the form a failing input looks like", async () => {
    const wire = (await import("@fc-context/wire/python3.9")) as Json;
    const value = vectors("python3.9", "valid").find((v) => v.name === "role-tracing-concurrency.json")!.value;
    const logged = file(wire.toJsonView(value));
    const asAttributes = await cli(["validate", logged, "--runtime", "python3.9"]);
    expect(asAttributes.code).toBe(1);
    expect(asAttributes.stderr).toBe(
      `hint: ${logged} looks like a to_json() view (camelCase keys such as requestId): try --form json\n`,
    );
    const headers = await cli(["validate", file(wire.toHeaders(value)), "--runtime", "python3.9"]);
    expect(headers.stderr).toContain("looks like x-fc-* request headers: try --form headers");
    expect((await cli(["validate", file(value), "--runtime", "python3.9", "--form", "json"])).stderr).toContain(
      "try --form attributes",
    );
  });

  it("prints its version", async () => {
    const result = await cli(["--version"]);
    const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
    const spec = readLayout().specVersion;
    expect(result).toMatchObject({ code: 0, stdout: `fc-context ${version} (spec ${spec})\n`, stderr: "" });
  });

  it("names an unreadable file without printing the usage", async () => {
    const result = await cli(["validate", "/nonexistent.json", "--runtime", "python3.9"]);
    expect(result.stderr).toBe("fc-context validate: cannot read /nonexistent.json: no such file\n");
  });

  it("checks the to_json() view and the headers forms", async () => {
    const wire = (await import("@fc-context/wire/python3.9")) as Json;
    const value = vectors("python3.9", "valid").find((v) => v.name === "role-tracing-concurrency.json")!.value;
    expect(
      (await cli(["validate", file(wire.toJsonView(value)), "--runtime", "python3.9", "--form", "json"])).code,
    ).toBe(0);
    expect((await cli(["validate", file(value), "--runtime", "python3.9", "--form", "json"])).code).toBe(1);
    expect((await cli(["validate", file(value), "--runtime", "python3.12", "--form", "json"])).stderr).toContain(
      "python3.12 has no to_json() view",
    );
    const headers = wire.toHeaders(value);
    expect((await cli(["validate", file(headers), "--runtime", "python3.9", "--form", "headers"])).code).toBe(0);
    const { "x-fc-function-memory": _memory, ...noMemory } = headers;
    const result = await cli(["validate", file(noMemory), "--runtime", "python3.9", "--form", "headers"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "x-fc-function-memory: expected an integer, got an empty string: the runtime's int() raises ValueError",
    );
    expect(result.stdout).not.toContain(secret);
  });
});

describe("fc-context fake", () => {
  it.each(everyId())("%s: prints a context the validators accept, with no colour codes", async (runtime) => {
    const result = await cli(["fake", "--runtime", runtime]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).not.toContain("\u001b[");
    const { isFCContext } = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`);
    expect(isFCContext(JSON.parse(result.stdout))).toBe(true);
  });
});

describe("what one command prints, another reads", () => {
  const headers = { "x-fc-request-id": "r-1", "x-fc-function-memory": "512", "x-fc-access-key-secret": "s3cr3t" };

  it("validate reads what from-headers --json writes: its context, or the absence of one", async () => {
    const built = await cli(["from-headers", file(headers), "--runtime", "python3.9", "--json"]);
    expect(built.code).toBe(1); // region, account id and the like are "" without their headers
    const checked = await cli(["validate", "-", "--runtime", "python3.9", "--json"], built.stdout);
    expect(checked.code).toBe(1);
    const verdict = JSON.parse(checked.stdout) as { issues: Array<{ path: string }> };
    expect(verdict.issues.map((issue) => issue.path)).toEqual(
      (JSON.parse(built.stdout) as { issues: Array<{ path: string }> }).issues.map((issue) => `/context${issue.path}`),
    );
    const full = await cli(["from-headers", file(fullHeaders()), "--runtime", "python3.9", "--json"]);
    expect(full.code).toBe(0);
    expect(await cli(["validate", "-", "--runtime", "python3.9"], full.stdout)).toMatchObject({ code: 0 });
    const refused = await cli([
      "from-headers",
      file({ "x-fc-function-memory": "1" }),
      "--runtime",
      "python3.9",
      "--json",
    ]);
    const none = await cli(["validate", "-", "--runtime", "python3.9"], refused.stdout);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("/context: missing: the headers built no context");
    const asHeaders = await cli(["validate", "-", "--runtime", "python3.9", "--form", "headers"], full.stdout);
    expect(asHeaders.stderr).toContain("looks like fc-context from-headers --json output: try --form attributes");
  });

  it("fake takes --json, and validate reads what it prints", async () => {
    const fake = await cli(["fake", "--runtime", "python3.10", "--json"]);
    expect(fake.code).toBe(0);
    expect(await cli(["validate", "-", "--runtime", "python3.10"], fake.stdout)).toMatchObject({ code: 0 });
  });
});

describe("colour", () => {
  const io = (env: Record<string, string>, isTTY: boolean): Io => ({
    stdin: (async function* () {})(),
    stdout: { write: () => true, isTTY },
    stderr: { write: () => true },
    env,
  });

  it("follows FORCE_COLOR, then NO_COLOR, then whether standard output is a terminal", async () => {
    const rows: Array<[Record<string, string>, boolean, boolean]> = [
      [{}, false, false],
      [{}, true, true],
      [{ FORCE_COLOR: "1" }, false, true],
      [{ FORCE_COLOR: "3", NO_COLOR: "1" }, false, true],
      [{ FORCE_COLOR: "0" }, true, false],
      [{ FORCE_COLOR: "FALSE" }, true, false],
      [{ FORCE_COLOR: "" }, false, false],
      [{ NO_COLOR: "1" }, true, false],
      [{ NO_COLOR: "" }, true, true],
    ];
    for (const [env, isTTY, want] of rows) expect(colours(io(env, isTTY)), JSON.stringify([env, isTTY])).toBe(want);
    // and through the real command, whose output here is a pipe
    const forced = await cli(["validate", file({}), "--runtime", "python3.9"], "", { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[31minvalid\u001b[0m");
  });
});

describe("fc-context diff", () => {
  it("prints the migration from python3.10 to python3.12 as text, and as JSON with --json", async () => {
    const text = await cli(["diff", "python3.10", "python3.12"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("context.credentials, with everything on it: Read the ALIBABA_CLOUD_ACCESS_KEY_ID");
    expect(text.stdout).toContain(
      "context.service.qualifier: now context.function.qualifier (the same x-fc-qualifier value)",
    );
    expect(text.stdout).toContain("context.service.log_project: now context.log_project");
    const json = JSON.parse((await cli(["diff", "python3.6", "python3.12", "--json"])).stdout) as Json;
    expect(json).toMatchObject({ from: "python3", to: "python3.12" });
    expect(json.removed).toContainEqual({
      path: "service.qualifier",
      movedTo: "function.qualifier",
      header: "x-fc-qualifier",
    });
    expect((await cli(["diff", "python3.9", "python3.10"])).stdout).toContain("Nothing in the context changes.");
  });
});

describe("fc-context from-headers", () => {
  it("never prints a value at a secret path, whatever its type", async () => {
    const base = vectors("python3.9", "valid").find((v) => v.name === "role-tracing-concurrency.json")!.value as Json;
    for (const canary of [987654321, true, ["CANARY-list-7f3e"], { k: "CANARY-object-7f3e" }]) {
      const input = file({ ...base, credentials: { ...base.credentials, security_token: canary } });
      for (const args of [
        ["validate", input, "--runtime", "python3.9"],
        ["validate", input, "--runtime", "python3.9", "--json"],
      ]) {
        const result = await cli(args);
        expect(result.code).toBe(1);
        for (const leak of ["987654321", "true", "CANARY"]) expect(result.stdout + result.stderr).not.toContain(leak);
      }
    }
  });

  it("prints the context the runtime builds, secrets masked", async () => {
    const wire = (await import("@fc-context/wire/python3")) as Json;
    const value = vectors("python3", "valid").find((v) => v.name === "role-tracing-concurrency.json")!.value as Json;
    const headers = wire.toHeaders(value);
    expect(headers["x-fc-access-key-secret"]).toBe(secret);
    const input = file(headers);
    const result = await cli(["from-headers", input, "--runtime", "python3.6"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toContain(value.credentials.security_token);
    expect(result.stdout).toMatch(
      new RegExp(`\\nvalid: a python3 context, built from ${escapeRegExp(input)} on the default path\\n$`),
    );
    const context = contextOf(result.stdout);
    expect(context.credentials).toEqual({
      access_key_id: value.credentials.access_key_id,
      access_key_secret: "********",
      security_token: "********",
    });
    expect(context.function.timeout).toBe(60);
    expect(context.tracing.span_baggages).toEqual(value.tracing.span_baggages);
  });

  it("exits 1 naming the header the runtime would fail on, and reports a context with nulls as invalid", async () => {
    const failing = await cli(
      ["from-headers", "-", "--runtime", "python3.12", "--json"],
      JSON.stringify({ "x-fc-request-id": "r-1", "x-fc-function-memory": "lots" }),
    );
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({
      valid: false,
      context: null,
      issues: [{ path: "x-fc-function-memory" }],
    });
    const never = await cli(
      ["from-headers", "-", "--runtime", "python3.9", "--json"],
      JSON.stringify({ "x-fc-function-memory": "512" }),
    );
    expect(JSON.parse(never.stdout)).toMatchObject({
      valid: false,
      issues: [{ path: "x-fc-request-id", message: expect.stringContaining("no handler runs") }],
    });
    const partial = await cli(
      ["from-headers", "-", "--runtime", "python3.12"],
      JSON.stringify([
        ["x-fc-request-id", "r-1"],
        ["X-FC-Function-Memory", "512"],
      ]),
    );
    expect(partial.code).toBe(1);
    expect(contextOf(partial.stdout)).toMatchObject({ request_id: "r-1", region: "", function: { memory: 512 } });
    expect(partial.stdout).toContain(
      "\ninvalid: not a python3.12 context, built from standard input on the default path:\n",
    );
    expect(partial.stdout).toContain("  /region: expected a non-empty string");
    expect(partial.stderr).toBe("");
    const concurrent = await cli(
      ["from-headers", "-", "--runtime", "python3.9", "--path", "concurrent"],
      JSON.stringify({ "x-fc-request-id": "r-1", "x-fc-function-memory": "512" }),
    );
    expect(contextOf(concurrent.stdout)).toMatchObject({ region: null, function: { timeout: 3 }, retry_count: 1 });
  });

  it(
    "rebuilds, and validate accepts, every default-path context the runtime built from a real client's " + "headers",
    async () => {
      // the attribute view of what the runtime built: no logger, no alias, an arbitrary int as 0
      const view = (tree: Tree): Json =>
        Object.fromEntries(
          Object.entries(tree.attributes)
            .filter(([name]) => name !== "logger" && name !== "requestId")
            .map(([name, node]) => [
              name,
              "class" in node ? view(node as Tree) : (node as Json).arbitrary ? 0 : (node as Json).value,
            ]),
        );
      for (const testCase of readCases().filter(fromClient)) {
        for (const { id: runtime } of layoutRuntimes()) {
          const outcome = observed(testCase, runtime, "default") as { context: Tree } | undefined;
          if (outcome === undefined) continue;
          const validated = await cli(["validate", file(view(outcome.context)), "--runtime", runtime]);
          expect(validated.code, `${testCase.name} on ${runtime}: ${validated.stdout}`).toBe(0);
          expect(
            await cli(["from-headers", file(testCase.headers), "--runtime", runtime]),
            testCase.name,
          ).toMatchObject({
            code: 0,
            stderr: "",
          });
        }
      }
    },
  );
});
