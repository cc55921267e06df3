import { describe, expect, it } from "vitest";
import { reportShapeFault } from "../src/conformance/report-shape.js";

// The shape check of a probe report: the first fault by JSON pointer, the kind of what was found,
// and nothing refused that fc_context.probe writes.
const leaf = (type: string, more: object = {}) => ({ type, ...more });
const tree = (cls: string, attributes: object, more: object = {}) => ({ class: cls, attributes, ...more });
const report = (more: object = {}) => ({
  format: "fc-context-probe/1",
  runtime: { id: "python3.9", python: "3.9.18", found_by: "event" },
  path: { name: "default" },
  context: tree("FCContext", {
    request_id: leaf("str", { value: "r" }),
    credentials: tree("Credentials", { access_key_secret: leaf("str", { secret: true, length: 6, empty: false }) }),
    logger: leaf("Logger", { root: true }),
  }),
  classes: { FCContext: { module: "m", constructor: [{ name: "request_id", kind: "positional_or_keyword" }] } },
  to_json: { keys: ["requestId"], nested: { credentials: ["accessKeyId"] } },
  get_logger: { type: "Logger", name: "root", root: true, is_attribute: false },
  ...more,
});

describe("reportShapeFault", () => {
  it("accepts what the probe writes, a property that raised and keys it may add later included", () => {
    expect(reportShapeFault(report())).toBeUndefined();
    const raised = tree("FCContext", {}, { properties: { requestId: { error: { type: "KeyError", message: "x" } } } });
    expect(reportShapeFault(report({ context: raised, environment: { set: [] }, extra: 1 }))).toBeUndefined();
    const unreadable = tree("FCContext", { x: leaf("Weird", { error: { type: "RuntimeError", message: "repr" } }) });
    expect(reportShapeFault(report({ context: unreadable, to_json: null, get_logger: null }))).toBeUndefined();
    expect(reportShapeFault(report({ classes: { C: { constructor: { error: { type: "ValueError" } } } } }))).toBe(
      undefined,
    );
  });

  it.each([
    [{ context: tree("FCContext", { memory: "512" }) }, "/context/attributes/memory", "a string"],
    [
      { context: tree("FCContext", { "a/b~": leaf("int", { secret: true, length: -1 }) }) },
      "/context/attributes/a~1b~0/length",
      "the integer -1",
    ],
    [{ context: { class: 5, attributes: {} } }, "/context/class", "the integer 5"],
    [{ context: tree("FCContext", [] as unknown as object) }, "/context/attributes", "an array"],
    [{ classes: { constructor: { module: "m" } } }, "/classes/constructor/constructor", "nothing"],
    [{ classes: { C: { constructor: [{ kind: "x" }] } } }, "/classes/C/constructor/0/name", "nothing"],
    [{ to_json: { keys: ["a", 1] } }, "/to_json/keys/1", "the integer 1"],
    [{ get_logger: { root: "yes" } }, "/get_logger/root", "a string"],
    [{ runtime: { id: 3.9 } }, "/runtime/id", "the number 3.9"],
  ])("refuses %j at %s, naming what it found (%s)", (change, at, got) => {
    expect(reportShapeFault(report(change))).toMatchObject({ at, got });
  });

  it("stops at a tree deeper than a context can be", () => {
    let deep: object = leaf("str");
    for (let i = 0; i < 100; i++) deep = tree("Nested", { inner: deep });
    expect(reportShapeFault(report({ context: deep }))?.expected).toMatch(/at most 32 instances deep/);
  });
});
