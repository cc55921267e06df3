import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as p3 from "@fc-context/wire/python3";
import * as p310 from "@fc-context/wire/python3.10";
import { describe, expect, it } from "vitest";
import { layoutRuntimes, sharedModels } from "../../../spec/read-layout.mjs";
import { readVectors } from "../../../spec/vectors/read-vectors.mjs";
import { findPython } from "../../python/tools/find-python.mjs";

const _run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
// every id the spec has: the subpath, the runtime whose vectors it reads, and its Python version
const runtimes = layoutRuntimes().flatMap((r) => r.ids.map((id) => [id, r.id, r.pythonVersion, r.toJson] as const));

// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;
const validVectors = (folder: string): Array<[string, Json]> =>
  readVectors(folder, ["valid"]).map((v) => [v.name, v.value]);

/** What comes back through headers on the default path: None is not sent, so it returns as "" ({} for the baggage). */
function asSent(value: unknown, at = ""): unknown {
  if (at === "/tracing/span_baggages") return value ?? {};
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSent(v, `${at}/${k}`)]));
  return value ?? "";
}

describe.each(runtimes)("@fc-context/wire/%s", (subpath, folder, version, toJson) => {
  const vectors = validVectors(folder);

  it("round-trips every valid vector through headers as the runtime allows, and the result validates", async () => {
    const wire = await import(/* @vite-ignore */ `@fc-context/wire/${subpath}`);
    const { isFCContext } = await import(/* @vite-ignore */ `@fc-context/validators/${subpath}`);
    for (const [name, value] of vectors) {
      const headers = wire.toHeaders(value);
      expect(
        Object.values(headers).every((v) => typeof v === "string"),
        name,
      ).toBe(true);
      const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
      const back = wire.fromHeaders(shouted);
      expect(back, name).toEqual(asSent(value));
      expect(isFCContext(back), name).toBe(true);
    }
  });

  it.skipIf(!toJson)("round-trips every valid vector through the to_json() view, which validates", async () => {
    const wire = await import(/* @vite-ignore */ `@fc-context/wire/${subpath}`);
    const { isFCContextJSON } = await import(/* @vite-ignore */ `@fc-context/validators/${subpath}/json`);
    for (const [name, value] of vectors) {
      const view = wire.toJsonView(value);
      expect(Object.keys(view)).toEqual([
        "requestId",
        "credentials",
        "function",
        "service",
        "region",
        "accountId",
        "retryCount",
        "tracing",
      ]);
      expect(isFCContextJSON(view), name).toBe(true);
      expect(wire.fromJsonView(view), name).toEqual(value);
    }
  });

  it.skipIf(findPython(version) === undefined)(
    "agrees with Python's converters, each reading the other's headers",
    async () => {
      const wire = await import(/* @vite-ignore */ `@fc-context/wire/${subpath}`);
      const ours = vectors.map(([, value]) => wire.toHeaders(value));
      const script = `
import json, sys
import fc_context
m = fc_context.for_runtime(sys.argv[1])
vectors, ts_headers = json.load(sys.stdin)
out = []
for value, theirs in zip(vectors, ts_headers):
    headers = m.to_headers(m.from_dict(value))
    back = m.to_attributes(m.from_headers(headers))
    out.append({"headers": headers, "back": back, "from_ts": m.to_attributes(m.from_headers(theirs))})
print(json.dumps(out))
`;
      const child = execFile(findPython(version)!, ["-c", script, subpath], {
        env: { ...process.env, PYTHONPATH: path.join(repoRoot, "packages/python/src"), PYTHONDONTWRITEBYTECODE: "1" },
      });
      child.stdin!.end(JSON.stringify([vectors.map(([, v]) => v), ours]));
      const stdout = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout!.on("data", (chunk) => (text += chunk));
        child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`python exited ${code}`))));
      });
      const python = JSON.parse(stdout) as Array<{ headers: Json; back: Json; from_ts: Json }>;
      python.forEach((result, index) => {
        // the same header lines, byte for byte: numbers in all their digits, the baggage as json.dumps writes it
        expect(ours[index]).toEqual(result.headers);
        expect(wire.fromHeaders(result.headers)).toEqual(result.back);
        expect(result.from_ts).toEqual(wire.fromHeaders(ours[index]));
      });
    },
  );
});

describe("the runtime's header rules", () => {
  const base = { "x-fc-request-id": "r-1", "x-fc-function-memory": " +512 " };

  it("reads text as each path does: '' or null when absent, first or joined repeats, trimmed or not", async () => {
    const { fromHeaders } = await import("@fc-context/wire/python3.9");
    const headers: Array<[string, string]> = [
      ...Object.entries(base),
      ["X-FC-Region", " cn-hangzhou "],
      ["x-fc-region", "cn-beijing"],
    ];
    const onDefault = fromHeaders(headers);
    expect(onDefault.region).toBe("cn-hangzhou");
    expect(onDefault.credentials.security_token).toBe("");
    expect(onDefault.tracing.span_context).toBe("");
    const concurrent = fromHeaders(headers, { path: "concurrent" });
    expect(concurrent.region).toBe("cn-hangzhou , cn-beijing");
    expect(concurrent.credentials.security_token).toBeNull();
    expect(
      fromHeaders(
        new Map([
          ["x-fc-request-id", "r-2"],
          ["x-fc-function-memory", "1"],
        ]),
      ).request_id,
    ).toBe("r-2");
    expect(fromHeaders({ ...base, "x-fc-service-name": ["a", "b"] }, { path: "concurrent" }).service.name).toBe("a, b");
  });

  it("takes what JavaScript servers hold: a Web Headers, Node's IncomingHttpHeaders and headersDistinct", async () => {
    const { fromHeaders } = await import("@fc-context/wire/python3.9");
    const web = new Headers({
      "X-FC-Request-Id": "r-web",
      "x-fc-function-memory": "512",
      "x-fc-region": "cn-hangzhou",
    });
    expect(fromHeaders(web)).toMatchObject({ request_id: "r-web", region: "cn-hangzhou", function: { memory: 512 } });
    // Node gives an array for a repeated header in headersDistinct (and for set-cookie in headers)
    const incoming: import("node:http").IncomingHttpHeaders = {
      "x-fc-request-id": "r-node",
      "x-fc-function-memory": "256",
      host: "localhost:9000",
    };
    expect(fromHeaders(incoming).function.memory).toBe(256);
    const distinct: NodeJS.Dict<string[]> = {
      "x-fc-request-id": ["r-d"],
      "x-fc-function-memory": ["128"],
      "x-fc-region": ["cn-a", "cn-b"],
    };
    expect(fromHeaders(distinct).region).toBe("cn-a");
    expect(fromHeaders(distinct, { path: "concurrent" }).region).toBe("cn-a, cn-b");
    // a Web Headers joins repeats itself (Fetch), so the default path's first-value rule sees them joined
    const repeated = new Headers([
      ["x-fc-request-id", "r"],
      ["x-fc-function-memory", "1"],
      ["x-fc-region", "cn-a"],
      ["x-fc-region", "cn-b"],
    ]);
    expect(fromHeaders(repeated).region).toBe("cn-a, cn-b");
  });

  it("knows each runtime's decimal digits: int() on CPython 3.6 (Unicode 9.0) refuses newer ones", async () => {
    const gondi = "\u{11d55}\u{11d51}\u{11d52}"; // 512 in Masaram Gondi digits, Unicode 11.0
    const headers = { "x-fc-request-id": "r", "x-fc-function-memory": gondi };
    expect((await import("@fc-context/wire/python3.9")).fromHeaders(headers).function.memory).toBe(512);
    expect(() => fromHeadersOf("python3", headers)).toThrow(
      expect.objectContaining({ header: "x-fc-function-memory" }),
    );
    const newest = { "x-fc-request-id": "r", "x-fc-function-memory": "\u{116e0}" }; // after Unicode 15.0
    expect(() => fromHeadersOf("python3.12", newest)).toThrow(expect.objectContaining({ outcome: "error" }));
  });

  it(
    "converts ints as the runtime does on each path: memory by int(), timeout and retry count by the native parse " +
      "or int()",
    async () => {
      const { fromHeaders, FCHeaderError } = await import("@fc-context/wire/python3.9");
      const timeout = (value: string | undefined, path: "default" | "concurrent" = "default") =>
        fromHeaders(value === undefined ? base : { ...base, "x-fc-function-timeout": value }, { path }).function
          .timeout;
      expect([
        timeout("60s"),
        timeout("sixty"),
        timeout(""),
        timeout("-5"),
        timeout("1e3"),
        timeout(undefined),
      ]).toEqual([60, 0, 0, -5, 1, 0]);
      expect([timeout("9007199254740991"), timeout("99999999999999999999"), timeout("-99999999999999999999")]).toEqual([
        2 ** 53 - 1,
        -1,
        -1,
      ]);
      expect([timeout(" 60 ", "concurrent"), timeout(undefined, "concurrent")]).toEqual([60, 3]);
      expect(() => timeout("60s", "concurrent")).toThrow(
        expect.objectContaining({ outcome: "not-invoked", header: "x-fc-function-timeout" }),
      );
      expect(fromHeaders({ ...base, "x-fc-function-memory": "1_024" }).function.memory).toBe(1024);
      expect(fromHeaders({ ...base, "x-fc-function-memory": "\uff15\uff11\uff12" }).function.memory).toBe(512);
      expect(() =>
        fromHeaders({ ...base, "x-fc-function-memory": "\uff15\uff11\uff12" }, { path: "concurrent" }),
      ).toThrow(FCHeaderError);
      for (const memory of [undefined, "", "lots", "12.5", "0x10", "1__0"]) {
        const headers =
          memory === undefined
            ? { "x-fc-request-id": "r" }
            : { "x-fc-request-id": "r", "x-fc-function-memory": memory };
        expect(() => fromHeaders(headers)).toThrow(
          expect.objectContaining({ name: "FCHeaderError", outcome: "error" }),
        );
        expect(() => fromHeaders(headers)).toThrow(/^x-fc-function-memory: (missing|expected an integer)/);
      }
    },
  );

  it("refuses what the runtime never runs and values that are not text, naming the header, not the value", async () => {
    const { fromHeaders } = await import("@fc-context/wire/python3.9");
    expect(() => fromHeaders({ "x-fc-function-memory": "1" })).toThrow(
      expect.objectContaining({ header: "x-fc-request-id", outcome: "not-invoked" }),
    );
    expect(() => fromHeaders({ "x-fc-function-memory": "1" }, { path: "concurrent" })).toThrow(
      expect.objectContaining({ outcome: "error" }),
    );
    expect(() => fromHeaders({ ...base, "x-fc-function-type": "x" }, { path: "concurrent" })).toThrow(
      expect.objectContaining({ header: "x-fc-function-type", outcome: "not-invoked" }),
    );
    expect(() => fromHeaders({ ...base, "x-fc-access-key-secret": 12345 as unknown as string })).toThrow(
      /^x-fc-access-key-secret: expected text, got a number$/,
    );
    expect(() => fromHeaders(base, { path: "bogus" } as never)).toThrow(expect.objectContaining({ outcome: "input" }));
  });

  it("refuses, naming the header, an int the runtime holds past 2**53 - 1, rather than round it", async () => {
    const { fromHeaders } = await import("@fc-context/wire/python3.9");
    const refused = (headers: Record<string, string>, path: "default" | "concurrent" = "default") => {
      try {
        fromHeaders({ ...base, ...headers }, { path });
      } catch (error) {
        return { header: (error as { header: string }).header, outcome: (error as { outcome: string }).outcome };
      }
      return undefined;
    };
    const unrepresentable = (header: string) => ({ header, outcome: "unrepresentable" });
    // what the runtime builds: 2**63 - 1 on the concurrent path, -2**63 (strtoul into a long) on the default one
    expect(refused({ "x-fc-function-timeout": "9223372036854775807" }, "concurrent")).toEqual(
      unrepresentable("x-fc-function-timeout"),
    );
    expect(refused({ "x-fc-function-timeout": "9223372036854775808" })).toEqual(
      unrepresentable("x-fc-function-timeout"),
    );
    expect(refused({ "x-fc-retry-count": "9007199254740992" })).toEqual(unrepresentable("x-fc-retry-count"));
    expect(refused({ "x-fc-function-memory": "9007199254740992" })).toEqual(unrepresentable("x-fc-function-memory"));
    const big = Buffer.from('{"trace": 12345678901234567890}').toString("base64");
    expect(refused({ "x-fc-tracing-opentracing-span-baggages": big })).toEqual(
      unrepresentable("x-fc-tracing-opentracing-span-baggages"),
    );
    // the edge of what a number holds exactly is still built
    expect(fromHeaders({ ...base, "x-fc-retry-count": "-9007199254740991" }).retry_count).toBe(-(2 ** 53 - 1));
    // the runtime's own failures come first: it builds nothing to round
    expect(refused({ "x-fc-function-memory": "x", "x-fc-retry-count": "9007199254740992" })).toEqual({
      header: "x-fc-function-memory",
      outcome: "error",
    });
    expect(
      refused({ "x-fc-function-type": "x", "x-fc-function-timeout": "9007199254740992" }, "concurrent"),
    ).toMatchObject({ outcome: "not-invoked" });
    // a header the context does not hold is converted but never refused for its size
    expect(refused({ "x-fc-function-type": "9007199254740992" }, "concurrent")).toBeUndefined();
    // the message names the kind and the reason, never the digits
    expect(() => fromHeaders({ ...base, "x-fc-retry-count": "9007199254740992" })).toThrow(
      /^x-fc-retry-count: expected an integer from -\(2\*\*53 - 1\) to 2\*\*53 - 1, got a string of 16 characters: /,
    );
  });

  it("decodes base64 JSON baggage as CPython does, keeping any JSON value, and falls back to {}", async () => {
    const { fromHeaders, toHeaders } = await import("@fc-context/wire/python3");
    const baggage = (value: string) =>
      fromHeaders({ ...base, "x-fc-tracing-opentracing-span-baggages": value }).tracing.span_baggages;
    expect(baggage(Buffer.from('{"k": "v", "note": "caf\\u00e9"}').toString("base64"))).toEqual({
      k: "v",
      note: "café",
    });
    expect(baggage(Buffer.from("[1, 2]").toString("base64"))).toEqual([1, 2]);
    expect(baggage(Buffer.from("null").toString("base64"))).toBeNull();
    expect(baggage(Buffer.from('{"a": NaN, "b": -Infinity}').toString("base64"))).toEqual({ a: NaN, b: -Infinity });
    expect(baggage(`${Buffer.from('{"a": 1}').toString("base64")}=`)).toEqual({ a: 1 });
    expect(baggage(Buffer.from('\ufeff{"a": 1}', "utf16le").toString("base64"))).toEqual({ a: 1 });
    expect(baggage("bm90IGpzb24=")).toEqual({});
    expect(baggage("abc")).toEqual({});
    expect(baggage("")).toEqual({});
    const headers = toHeaders(
      readVectors("python3", ["valid"]).find((v) => v.name === "valid/no-role-tracing-off.json")!.value,
    );
    expect(headers).not.toHaveProperty("x-fc-tracing-opentracing-span-baggages");
    expect(headers["x-fc-access-key-secret"]).toBe("");
  });
});

const wires = {
  python3: await import("@fc-context/wire/python3"),
  "python3.12": await import("@fc-context/wire/python3.12"),
};
function fromHeadersOf(runtime: keyof typeof wires, headers: Record<string, string>): unknown {
  return wires[runtime].fromHeaders(headers);
}

describe("runtimes that share a model share converters", () => {
  it("bind them to their own id and validators, for every group of runtimes the layout says share one", async () => {
    const shared = sharedModels();
    expect(shared.length).toBeGreaterThan(0);
    for (const group of shared) {
      const wires = await Promise.all(group.map((r) => import(/* @vite-ignore */ `@fc-context/wire/${r.id}`)));
      wires.forEach((wire, index) => {
        const id = group[index]!.id;
        expect(wire.runtime).toBe(id);
        expect(wire.secretHeaders).toBe(wires[0].secretHeaders); // one model, one table
        expect(() => wire.toHeaders({} as never)).toThrow(expect.objectContaining({ runtime: id }));
        if (group[index]!.toJson)
          expect(() => wire.fromJsonView({} as never)).toThrow(expect.objectContaining({ runtime: id }));
      });
    }
  });

  it("bind them to their own Python's Unicode digits", () => {
    // U+1E141 NYIAKENG PUACHUE HMONG DIGIT ONE came in Unicode 12.0: the int() of CPython 3.10
    // (Unicode 13.0) reads it, that of 3.6 (Unicode 9.0) does not
    const headers = { "x-fc-request-id": "r", "x-fc-function-memory": "\u{1E141}\u{1E140}" };
    expect(p310.fromHeaders(headers).function.memory).toBe(10);
    expect(() => p3.fromHeaders(headers)).toThrow(expect.objectContaining({ outcome: "error" }));
  });
});
