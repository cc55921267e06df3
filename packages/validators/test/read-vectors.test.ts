import { describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { applyPatch, readBase } from "../../../spec/vectors/read-vectors.mjs";

// The shared vectors are patches of a base context per model (spec/vectors/README.md); every
// package's tests read them through this one reader, so its patching is tested here.
describe("the vectors' reader", () => {
  const base = { a: { b: 1, "c/d": 2, "e~f": 3 }, list: [1, 2] };

  it("adds, replaces and removes members, on a copy", () => {
    const patched = applyPatch(
      base,
      [
        { op: "replace", path: "/a/b", value: "one" },
        { op: "remove", path: "/a/c~1d" },
        { op: "add", path: "/a/e~0f", value: null },
        { op: "add", path: "/list/-", value: 3 },
        { op: "add", path: "/list/0", value: 0 },
        { op: "remove", path: "/list/1" },
        { op: "add", path: "/new", value: { x: [] } },
      ],
      "m/valid/x.json",
    );
    expect(patched).toEqual({ a: { b: "one", "e~f": null }, list: [0, 2, 3], new: { x: [] } });
    expect(base).toEqual({ a: { b: 1, "c/d": 2, "e~f": 3 }, list: [1, 2] });
  });

  it("replaces the whole value at the empty path", () => {
    expect(applyPatch(base, [{ op: "replace", path: "", value: [1] }], "m/invalid/x.json")).toEqual([1]);
  });

  it("adds a __proto__ key as data, never as a prototype", () => {
    const patched = applyPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }], "v") as object;
    expect(Object.keys(patched)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    [{ op: "replace", path: "/missing", value: 1 }, "/patch/0 (replace /missing): no such member"],
    [{ op: "remove", path: "/a/missing" }, "/patch/0 (remove /a/missing): no such member"],
    [{ op: "add", path: "/x/y", value: 1 }, "/patch/0 (add /x/y): no such member"],
    [{ op: "add", path: "/a/b/c", value: 1 }, "/patch/0 (add /a/b/c): its parent is not an object or array"],
    [{ op: "move", path: "/a", from: "/list" }, "/patch/0 (move /a): expected add, remove or replace"],
    [{ op: "remove", path: "" }, "/patch/0 (remove ): cannot remove the whole value"],
  ])("names the vector and the operation of a patch that does not fit: %j", (operation, message) => {
    expect(() => applyPatch(base, [operation], "python3/valid/x.json")).toThrow(
      `spec/vectors/python3/valid/x.json: ${message}`,
    );
  });

  it.each(layoutRuntimes().map((runtime) => runtime.id))("reads the base context of %s's model", (id) => {
    expect(typeof readBase(id).request_id).toBe("string");
  });
});
