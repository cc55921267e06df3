import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findPython } from "../../python/tools/find-python.mjs";
import { readVectors } from "../../../spec/vectors/read-vectors.mjs";

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const runtimes = [
  ["python3", "python3", "3.6"],
  ["python3.6", "python3", "3.6"],
  ["python3.9", "python3.9", "3.9"],
  ["python3.10", "python3.10", "3.10"],
  ["python3.12", "python3.12", "3.12"],
] as const;

type Json = Record<string, any>;
const validVectors = (folder: string): Array<[string, Json]> => readVectors(folder, ["valid"]).map((v) => [v.name, v.value]);

/** What comes back through headers: everything the runtime leaves as sent is a string again. */
function asSent(value: unknown, at = ""): unknown {
  if (value !== null && typeof value === "object" && at !== "/tracing/span_baggages") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSent(v, `${at}/${k}`)]));
  return typeof value === "number" && at !== "/function/memory" ? String(value) : value;
}

describe.each(runtimes)("@fc-context/wire/%s", (subpath, folder, version) => {
  const vectors = validVectors(folder);

  it("round-trips every valid vector through headers as the runtime allows, and the result validates", async () => {
    const wire = await import(`@fc-context/wire/${subpath}`);
    const { isFCContext } = await import(`@fc-context/validators/${subpath}`);
    for (const [name, value] of vectors) {
      const headers = wire.toHeaders(value);
      expect(Object.values(headers).every((v) => typeof v === "string"), name).toBe(true);
      const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
      const back = wire.fromHeaders(shouted);
      expect(back, name).toEqual(asSent(value));
      expect(isFCContext(back), name).toBe(true);
    }
  });

  it.skipIf(folder === "python3.12")("round-trips every valid vector through the to_json() view, which validates", async () => {
    const wire = await import(`@fc-context/wire/${subpath}`);
    const { isFCContextJSON } = await import(`@fc-context/validators/${subpath}/json`);
    for (const [name, value] of vectors) {
      const view = wire.toJsonView(value);
      expect(Object.keys(view)).toEqual(["requestId", "credentials", "function", "service", "region", "accountId", "retryCount", "tracing"]);
      expect(isFCContextJSON(view), name).toBe(true);
      expect(wire.fromJsonView(view), name).toEqual(value);
    }
  });

  it.skipIf(findPython(version) === undefined)("agrees with Python's converters, each reading the other's headers", async () => {
    const wire = await import(`@fc-context/wire/${subpath}`);
    const ours = vectors.map(([, value]) => wire.toHeaders(value));
    const script = `
import json, sys
import fc_context
m = fc_context.for_runtime(sys.argv[1])
vectors, ts_headers = json.load(sys.stdin)
out = []
for value, theirs in zip(vectors, ts_headers):
    headers = m.to_headers(m.from_dict(value))
    out.append({"headers": headers, "back": m.to_attributes(m.from_headers(headers)), "from_ts": m.to_attributes(m.from_headers(theirs))})
print(json.dumps(out))
`;
    const child = execFile(findPython(version)!, ["-c", script, subpath], { env: { ...process.env, PYTHONPATH: path.join(repoRoot, "packages/python/src"), PYTHONDONTWRITEBYTECODE: "1" } });
    child.stdin!.end(JSON.stringify([vectors.map(([, v]) => v), ours]));
    const stdout = await new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout!.on("data", (chunk) => (text += chunk));
      child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`python exited ${code}`))));
    });
    const python = JSON.parse(stdout) as Array<{ headers: Json; back: Json; from_ts: Json }>;
    python.forEach((result, index) => {
      expect(wire.fromHeaders(result.headers)).toEqual(result.back);
      expect(result.from_ts).toEqual(wire.fromHeaders(ours[index]));
    });
  }, 30_000);
});

describe("the runtime's header rules", () => {
  it("gives null for a missing header, converts memory with Python's int(), keeps the rest as sent", async () => {
    const { fromHeaders, FCHeaderError } = await import("@fc-context/wire/python3.9");
    const base = { "x-fc-function-memory": " +512 ", "x-fc-function-timeout": "60", "X-FC-Region": ["cn-hangzhou"] };
    const context = fromHeaders(base);
    expect(context.function.memory).toBe(512);
    expect(context.function.timeout).toBe("60");
    expect(context.region).toBe("cn-hangzhou");
    expect(context.request_id).toBeNull();
    expect(context.credentials.security_token).toBeNull();
    expect(context.tracing.span_baggages).toEqual({});
    expect(fromHeaders({ "x-fc-function-memory": "1_024" }).function.memory).toBe(1024);
    for (const memory of [undefined, "", "lots", "12.5", "0x10"]) {
      const headers = memory === undefined ? {} : { "x-fc-function-memory": memory };
      expect(() => fromHeaders(headers)).toThrow(FCHeaderError);
      expect(() => fromHeaders(headers)).toThrow(/^x-fc-function-memory: (missing|expected an integer)/);
    }
  });

  it("decodes base64 JSON baggage, and falls back to {} as the runtime does", async () => {
    const { fromHeaders, toHeaders } = await import("@fc-context/wire/python3");
    const baggage = (value: string) => fromHeaders({ "x-fc-function-memory": "1", "x-fc-tracing-opentracing-span-baggages": value }).tracing.span_baggages;
    expect(baggage(Buffer.from('{"k": "v", "note": "caf\\u00e9"}').toString("base64"))).toEqual({ k: "v", note: "café" });
    expect(baggage("bm90IGpzb24=")).toEqual({});
    expect(baggage("abc")).toEqual({});
    expect(baggage("")).toEqual({});
    const headers = toHeaders(readVectors("python3", ["valid"]).find((v) => v.name === "valid/no-role-tracing-off.json")!.value);
    expect(headers).not.toHaveProperty("x-fc-tracing-opentracing-span-baggages");
    expect(headers).not.toHaveProperty("x-fc-version-id");
    expect(headers["x-fc-access-key-secret"]).toBe("");
  });
});
