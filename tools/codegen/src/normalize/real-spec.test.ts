import { describe, expect, it } from "vitest";
import { attributeFields, type Field, findClass, type Model, type PyClass, type Runtime } from "../model.js";
import { formatPythonType } from "../model-python.js";
import { loadRealSpec } from "../testing/load-real-model.js";

// The facts below are the ones the spec's sources (spec/sources.json) state about the real
// runtime; each assertion pins one so a spec edit that contradicts the runtime fails here.
const { model } = await loadRealSpec();
const runtime = (id: string): Runtime => model.runtimes.find((r) => r.id === id || r.aliases.includes(id))!;
const cls = (id: string, name: string): PyClass => findClass(runtime(id), name);
const field = (id: string, className: string, name: string): Field =>
  cls(id, className).fields.find((f) => f.name === name)!;
const py = (id: string, className: string, name: string) => formatPythonType(field(id, className, name).python);
// names these runtimes on purpose: the real spec's facts, the runtimes of the classic model
const classic = ["python3", "python3.9", "python3.10"];

describe("the real spec", () => {
  it("has FC's Python runtimes in Python order, python3.6 an alias of python3", () => {
    // names these on purpose: the runtimes the sources describe; one added later joins them in its place
    const known = [
      ["python3", "3.6", "py36"],
      ["python3.9", "3.9", "py39"],
      ["python3.10", "3.10", "py310"],
      ["python3.12", "3.12", "py312"],
    ];
    const all = model.runtimes.map((r) => [r.id, r.pythonVersion, r.pythonModule]);
    expect(all.filter(([id]) => known.some(([knownId]) => knownId === id))).toEqual(known);
    const minor = (r: Runtime) => Number(r.pythonVersion.split(".")[1]);
    expect(model.runtimes.map(minor)).toEqual(model.runtimes.map(minor).sort((a, b) => a - b));
    expect(runtime("python3.6").id).toBe("python3");
  });

  it("versions every $id with the spec version", () => {
    expect(model.specVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const r of model.runtimes)
      expect(r.schemaId).toBe(`https://fc-context.dev/schemas/${model.specVersion}/${r.id}.schema.json`);
  });

  it("shares one classic model between python3, python3.9 and python3.10, not copies", () => {
    const [p36, p39, p310] = classic.map((id) => runtime(id));
    expect(p39!.classes).toEqual(p36!.classes);
    expect(p310!.classes.map((c) => c.location)).toEqual(p36!.classes.map((c) => c.location));
    expect(p36!.classes.map((c) => c.name)).toEqual([
      "FCContext",
      "Credentials",
      "FunctionMeta",
      "ServiceMeta",
      "Tracing",
    ]);
  });

  it.each(classic)("%s: FCContext has the runtime's constructor, attributes and to_json keys", (id) => {
    const context = cls(id, "FCContext");
    expect(context.constructorParams.map((p) => p.name)).toEqual([
      "account_id",
      "request_id",
      "credentials",
      "function_meta",
      "service_meta",
      "region",
      "tracing",
      "logger",
      "retry_count",
    ]);
    expect(context.constructorParams.at(-1)).toMatchObject({ name: "retry_count", default: 0 });
    expect(context.constructorParams.find((p) => p.name === "function_meta")!.fills).toBe("function");
    expect(attributeFields(context).map((f) => f.toJsonKey)).toEqual([
      "requestId",
      "credentials",
      "function",
      "service",
      "region",
      "accountId",
      "retryCount",
      "tracing",
    ]);
    expect(context.aliases).toMatchObject([{ name: "requestId", of: "request_id", kind: "attribute" }]);
    expect(context.methods.map((m) => [m.name, m.behavior])).toEqual([
      ["getLogger", "logger-or-root"],
      ["to_json", "to-json"],
    ]);
    expect(field(id, "FCContext", "logger").json).toBeUndefined();
    expect(field(id, "FCContext", "logger").nullable).toBe(true);
    expect(py(id, "FCContext", "logger")).toBe("Optional[logging.Logger]");
  });

  it("stores ServiceMeta's service_name as name, and Tracing's baggage decoded", () => {
    expect(cls("python3.9", "ServiceMeta").constructorParams[0]).toEqual({ name: "service_name", fills: "name" });
    expect(cls("python3.9", "Tracing").constructorParams[1]).toEqual({
      name: "base64_baggages",
      fills: "span_baggages",
      via: "parseOpenTracingBaggages",
    });
    // whatever JSON the header decodes to: a list survives (observed by running the runtime)
    expect(py("python3.9", "Tracing", "span_baggages")).toBe("Any");
    expect(cls("python3.9", "Credentials").aliases.map((a) => [a.name, a.kind])).toEqual([
      ["accessKeyId", "property"],
      ["accessKeySecret", "property"],
      ["securityToken", "property"],
    ]);
  });

  it("types values as the running runtime builds them on the default path", () => {
    for (const [className, name] of [
      ["FCContext", "request_id"],
      ["FCContext", "account_id"],
      ["FCContext", "region"],
      ["FunctionMeta", "name"],
      ["FunctionMeta", "handler"],
      ["Credentials", "access_key_id"],
      ["Credentials", "access_key_secret"],
      ["Credentials", "security_token"],
    ] as const) {
      expect(py("python3", className, name), `${className}.${name}`).toBe("str");
    }
    expect(py("python3", "FunctionMeta", "memory")).toBe("int");
    expect(field("python3", "FunctionMeta", "memory").unit).toBe("MB");
    expect(py("python3", "FunctionMeta", "timeout")).toBe("int");
    expect(field("python3", "FunctionMeta", "timeout").unit).toBe("seconds");
    expect(py("python3", "FCContext", "retry_count")).toBe("int");
    expect(field("python3", "FCContext", "retry_count").json?.constraints).toEqual({});
    expect(field("python3", "FunctionMeta", "timeout").fromHeader).toEqual({
      default: { convert: "c-long", absent: "arbitrary" },
      concurrent: { convert: "int", absent: 3, invalid: "not-invoked" },
    });
    expect(model.runtimes.find((r) => r.id === "python3")!.paths.default).toMatchObject({
      repeatedHeader: "first",
      absentText: "empty-string",
      logger: "none",
    });
    expect(model.runtimes.find((r) => r.id === "python3")!.paths.concurrent).toMatchObject({
      repeatedHeader: "joined",
      absentText: "none",
      logger: "per-request",
    });
    for (const [className, name] of [
      ["Tracing", "span_context"],
      ["Tracing", "jaeger_endpoint"],
      ["ServiceMeta", "name"],
      ["ServiceMeta", "qualifier"],
      ["ServiceMeta", "version_id"],
      ["ServiceMeta", "log_project"],
      ["ServiceMeta", "log_store"],
    ] as const) {
      expect(py("python3.9", className, name), `${className}.${name}`).toBe("Optional[str]");
    }
  });

  it("marks exactly the secret key and the token as secret", () => {
    const secrets = model.runtimes.flatMap((r) =>
      r.classes.flatMap((c) => c.fields.filter((f) => f.secret).map((f) => `${r.id}:${c.name}.${f.name}`)),
    );
    expect(secrets).toEqual(
      classic.flatMap((id) => [`${id}:Credentials.access_key_secret`, `${id}:Credentials.security_token`]),
    );
  });

  it("reads each value from the FC header the facts name", () => {
    const headers = Object.fromEntries(
      runtime("python3").classes.flatMap((c) =>
        c.fields.filter((f) => f.header).map((f) => [`${c.name}.${f.name}`, f.header]),
      ),
    );
    expect(headers).toEqual({
      "FCContext.request_id": "x-fc-request-id",
      "FCContext.region": "x-fc-region",
      "FCContext.account_id": "x-fc-account-id",
      "FCContext.retry_count": "x-fc-retry-count",
      "Credentials.access_key_id": "x-fc-access-key-id",
      "Credentials.access_key_secret": "x-fc-access-key-secret",
      "Credentials.security_token": "x-fc-security-token",
      "FunctionMeta.name": "x-fc-function-name",
      "FunctionMeta.handler": "x-fc-function-handler",
      "FunctionMeta.memory": "x-fc-function-memory",
      "FunctionMeta.timeout": "x-fc-function-timeout",
      "ServiceMeta.name": "x-fc-service-name",
      "ServiceMeta.log_project": "x-fc-service-logproject",
      "ServiceMeta.log_store": "x-fc-service-logstore",
      "ServiceMeta.qualifier": "x-fc-qualifier",
      "ServiceMeta.version_id": "x-fc-version-id",
      "Tracing.span_context": "x-fc-tracing-opentracing-span-context",
      "Tracing.span_baggages": "x-fc-tracing-opentracing-span-baggages",
      "Tracing.jaeger_endpoint": "x-fc-tracing-jaeger-endpoint",
    });
  });

  it("gives python3.12 the reduced context: no credentials, service, tracing, retry_count or requestId", () => {
    const context = cls("python3.12", "FCContext");
    expect(context.fields.map((f) => f.name)).toEqual([
      "account_id",
      "request_id",
      "function",
      "log_project",
      "log_store",
      "region",
      "logger",
    ]);
    expect(context.constructorParams.map((p) => p.name)).toEqual([
      "account_id",
      "request_id",
      "function_meta",
      "logger",
      "log_project",
      "log_store",
      "region",
    ]);
    expect(context.aliases).toEqual([]);
    expect(runtime("python3.12").classes.map((c) => c.name)).toEqual(["FCContext", "FunctionMeta"]);
    expect(cls("python3.12", "FunctionMeta").constructorParams.map((p) => p.name)).toEqual([
      "name",
      "handler",
      "memory",
      "timeout",
      "version_id",
      "qualifier",
    ]);
    expect(attributeFields(context).every((f) => f.toJsonKey === undefined)).toBe(true);
  });

  it("types the python3.12 logger as a logging.Logger and records that the vendor page says String", () => {
    const logger = field("python3.12", "FCContext", "logger");
    expect(formatPythonType(logger.python)).toBe("Optional[logging.Logger]");
    expect(logger.vendorDoc[0]).toMatchObject({ source: "DOC3" });
    expect(logger.vendorDoc[0]!.claim).toContain("String");
    expect(cls("python3.12", "FCContext").methods.find((m) => m.name === "getLogger")!.returns).toEqual({
      kind: "logger",
    });
  });

  it("records that the vendor page hides tracing, which the runtime sets", () => {
    expect(
      cls("python3", "FCContext")
        .vendorDoc.map((claim) => claim.claim)
        .join(" "),
    ).toContain("self.tracing = tracing");
  });

  it("cites a source for every class, field and method", () => {
    const everything = (m: Model) =>
      m.runtimes.flatMap((r) => r.classes.flatMap((c) => [c, ...c.fields, ...c.methods]));
    for (const item of everything(model)) expect(item.sources.length, item.name).toBeGreaterThan(0);
  });
});
