import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { Runtime } from "@fc-context/types";
import { runtimes } from "@fc-context/types";
import { FCContextValidationError, loadValidators } from "@fc-context/validators";
import * as v3 from "@fc-context/validators/python3";
import * as v36 from "@fc-context/validators/python3.6";
import * as v312 from "@fc-context/validators/python3.12";
import { describe, expect, it } from "vitest";
import { layoutRuntimes, sharedModels } from "../../../spec/read-layout.mjs";
import { withLocalImports } from "../bench/local-imports.js";
import { loadVectors, repoRoot } from "./vectors.js";

const run = promisify(execFile);
// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const compilers = [
  ["TypeScript 7", path.join(repoRoot, "node_modules/typescript/bin/tsc")],
  ["TypeScript 5.9", path.join(repoRoot, "node_modules/typescript5/bin/tsc")],
] as const;

describe("@fc-context/validators", () => {
  it("imports every subpath from a plain node ES module script", async () => {
    const { stdout } = await run(process.execPath, [path.join(packageDir, "test/import-every-subpath.mjs")], {
      cwd: packageDir,
    });
    // every subpath the layout gives the package but its package.json: the validators and the schemas
    const { exports } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
    const subpaths = Object.keys(exports).filter((key) => key !== "./package.json");
    expect(stdout).toBe(`imported ${subpaths.length} subpaths of @fc-context/validators\n`);
  });

  it.each(compilers)(
    "declarations and narrowing type tests compile under %s with zero diagnostics",
    async (_name, compiler) => {
      const result = await run(process.execPath, [
        compiler,
        "-p",
        path.join(packageDir, "tsconfig.json"),
        "--pretty",
        "false",
      ]).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(result.stdout).toBe("");
      expect(result.code).toBe(0);
    },
  );

  it.each([...runtimes])(
    // with the shared module of its model: python3.9's binding is 280 bytes gzipped on top of it
    "keeps %s's module self-contained and within 4.5 KB gzipped, with the local modules it imports",
    async (runtime) => {
      const source = withLocalImports(path.join(packageDir, "gen", `${runtime}.js`));
      expect(source).not.toMatch(/\brequire\(/);
      expect(source).not.toMatch(/from "ajv/);
      expect(gzipSync(source).length).toBeLessThanOrEqual(4608);
    },
  );

  it("throws one error class from every runtime, listing every issue", () => {
    const value = { ...(loadVectors("python3.12")[0]!.value as object), credentials: {}, region: 5 };
    let caught: unknown;
    try {
      v312.assertFCContext(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FCContextValidationError);
    expect(caught).toBeInstanceOf(v3.FCContextValidationError);
    const error = caught as FCContextValidationError;
    expect(error.runtime).toBe("python3.12");
    expect(error.issues.map((issue) => issue.path)).toEqual(["/credentials", "/region"]);
    expect(error.message).toBe(
      "Not a valid python3.12 context (2 issues):\n  /credentials: unexpected: FCContext on python3.12 has no " +
        'attribute "credentials"\n  /region: expected a string, got the integer 5',
    );
  });

  it("never echoes a secret, whatever the fault around it", () => {
    const secret = "9NG2XAmpbuVaokUuPm1MUwvRzE5sCdPnXnL4wLu8wAkW";
    const base = loadVectors("python3.9").find((v) => v.name === "valid/role-tracing-concurrency.json")!.value as Json;
    const faults = [
      { ...base, credentials: secret },
      { ...base, credentials: { ...base.credentials, security_token: [secret] } },
      { ...base, credentials: { ...base.credentials, access_key_secret: `${secret}\u0000`, extra: secret } },
      { ...base, credentials: { ...base.credentials, access_key_id: 7 } },
      { ...base, function: secret, tracing: { span_context: secret } },
    ];
    for (const value of faults) {
      const result = v3.validateFCContext(value);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const issue of result.issues) expect(issue.message).not.toContain(secret.slice(0, 12));
    }
  });

  it("describes a value at a secret path by kind only, whatever its type, in both views", async () => {
    const canaries: Array<[unknown, string]> = [
      [987654321, "a number"],
      [-0.000123456789, "a number"],
      [true, "a boolean"],
      [["CANARY-list-7f3e"], "an array"],
      [{ k: "CANARY-object-7f3e" }, "an object"],
    ];
    const base = loadVectors("python3.9").find((v) => v.name === "valid/role-tracing-concurrency.json")!.value as Json;
    const json = await import("@fc-context/validators/python3.9/json");
    for (const [canary, kind] of canaries) {
      for (const [name, key] of [
        ["access_key_secret", "accessKeySecret"],
        ["security_token", "securityToken"],
      ] as const) {
        const attributes = v3.validateFCContext({ ...base, credentials: { ...base.credentials, [name]: canary } });
        const view = toJsonView(base);
        const jsonView = json.validateFCContextJSON({ ...view, credentials: { ...view.credentials, [key]: canary } });
        for (const [result, path] of [
          [attributes, `/credentials/${name}`],
          [jsonView, `/credentials/${key}`],
        ] as const) {
          expect(result.ok).toBe(false);
          if (result.ok) continue;
          expect(result.issues).toEqual([{ path, keyword: "type", message: `expected a string, got ${kind}` }]);
          const text = JSON.stringify(result.issues);
          for (const part of ["987654321", "123456789", "true", "CANARY"]) expect(text).not.toContain(part);
        }
      }
    }
  });

  it("shares one model's validators, each runtime's bound to its own id (every group the layout has)", async () => {
    const groups = sharedModels();
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const loaded = await Promise.all(group.map((r) => loadValidators(r.id as Runtime)));
      loaded.forEach((validators, index) => {
        expect(validators.isFCContext).toBe(loaded[0]!.isFCContext);
        expect(validators.runtime).toBe(group[index]!.id);
        expect(() => validators.assertFCContext({})).toThrow(expect.objectContaining({ runtime: group[index]!.id }));
      });
    }
  });

  it("treats python3.6 as python3 and loads validators by runtime id", async () => {
    expect(v36.runtime).toBe("python3");
    expect(v36.isFCContext).toBe(v3.isFCContext);
    expect((await loadValidators("python3.6")).isFCContext).toBe(v3.isFCContext);
    expect((await loadValidators("python3.12")).runtime).toBe("python3.12");
    await expect(loadValidators("python2.7" as "python3")).rejects.toThrow(
      /unknown FC runtime id "python2.7": expected one of python3, python3.6/,
    );
    await expect(loadValidators("__proto__" as "python3")).rejects.toThrow(TypeError);
  });

  it("exports a subpath per runtime id, types first, and the JSON Schema per runtime", async () => {
    const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.exports).filter((key) => /^\.\/python[\d.]+$/.test(key))).toEqual(
      layoutRuntimes().flatMap((r) => r.ids.map((id) => `./${id}`)),
    );
    for (const target of Object.values(manifest.exports))
      if (typeof target === "object") expect(Object.keys(target as object)[0]).toBe("types");
    expect(manifest.dependencies["@fc-context/types"]).toBeDefined();
  });
});

/** The to_json() view of a python3.9 attribute view (the runtime's camelCase keys). */
function toJsonView(context: Json): Json {
  const { credentials: c, service: s, tracing: t } = context;
  return {
    requestId: context.request_id,
    credentials: {
      accessKeyId: c.access_key_id,
      accessKeySecret: c.access_key_secret,
      securityToken: c.security_token,
    },
    function: context.function,
    service: {
      name: s.name,
      logProject: s.log_project,
      logStore: s.log_store,
      qualifier: s.qualifier,
      versionId: s.version_id,
    },
    region: context.region,
    accountId: context.account_id,
    retryCount: context.retry_count,
    tracing: {
      openTracingSpanContext: t.span_context,
      openTracingSpanBaggages: t.span_baggages,
      jaegerEndpoint: t.jaeger_endpoint,
    },
  };
}
