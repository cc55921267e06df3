import { describe, expect, it } from "vitest";
import { escapeToken, joinPointer, resolvePointer, splitPointer, unescapeToken } from "./json-pointer.js";

describe("JSON pointers (RFC 6901)", () => {
  it("escape ~ before /, and unescape ~1 before ~0, so ~01 means ~1", () => {
    expect(escapeToken("a/b~c")).toBe("a~1b~0c");
    expect(escapeToken("~1")).toBe("~01");
    expect(unescapeToken("~01")).toBe("~1");
    expect(unescapeToken("a~1b~0c")).toBe("a/b~c");
  });

  it("join tokens, numbers as array indices, each escaped", () => {
    expect(joinPointer("")).toBe("");
    expect(joinPointer("", "a")).toBe("/a");
    expect(joinPointer("/$defs", "x/y", 0, "~")).toBe("/$defs/x~1y/0/~0");
  });

  it("split the document pointer into no tokens, and refuse a pointer without a leading slash", () => {
    expect(splitPointer("")).toEqual([]);
    expect(splitPointer("/")).toEqual([""]);
    expect(splitPointer("/a~1b/0/~0")).toEqual(["a/b", "0", "~"]);
    expect(splitPointer("a/b")).toBeUndefined();
  });

  it("resolve own properties and array items, and lead nowhere otherwise", () => {
    const document = { a: { "b/c": [10, { d: null }] }, "": 1 };
    expect(resolvePointer(document, "")).toBe(document);
    expect(resolvePointer(document, "/a/b~1c/0")).toBe(10);
    expect(resolvePointer(document, "/a/b~1c/1/d")).toBeNull();
    expect(resolvePointer(document, "/")).toBe(1);
    expect(resolvePointer(document, "/a/b~1c/2")).toBeUndefined();
    expect(resolvePointer(document, "/a/b~1c/1/d/e")).toBeUndefined();
    expect(resolvePointer(document, "/a/b~1c/0/toFixed")).toBeUndefined();
    expect(resolvePointer(document, "/a/constructor")).toBeUndefined();
    expect(resolvePointer(document, "a")).toBeUndefined();
  });
});
