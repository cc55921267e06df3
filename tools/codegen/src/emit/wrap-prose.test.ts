import { describe, expect, it } from "vitest";
import { jsDoc, jsDocText, wrapProse } from "./wrap-prose.js";

describe("wrapProse", () => {
  it("moves words to the next line at the width, and keeps short and blank lines", () => {
    expect(wrapProse("one two three four\n\nfive", 9)).toBe("one two\nthree\nfour\n\nfive");
    expect(wrapProse("exactly nine", 12)).toBe("exactly nine");
  });

  it("never splits a code span, and leaves one long word whole", () => {
    expect(wrapProse("see `f(a, b, c)` now", 8)).toBe("see\n`f(a, b, c)`\nnow");
    expect(wrapProse("a https://example.com/a/long/url b", 10)).toBe("a\nhttps://example.com/a/long/url\nb");
  });

  it("keeps every word in order, each line within the width unless one word is longer", () => {
    const text = "The ID of the region the function runs in, such as `cn-shanghai`. Handlers build endpoints.";
    const wrapped = wrapProse(text, 30);
    expect(wrapped.split(/\s+/).join(" ")).toBe(text);
    for (const line of wrapped.split("\n")) expect(line.length).toBeLessThanOrEqual(30);
  });
});

describe("jsDoc", () => {
  it("keeps a comment that fits on one line", () => {
    expect(jsDoc("Short.", "  ")).toBe("  /** Short. */");
  });

  it("wraps a longer one in a block within 100 columns, at its indent", () => {
    const text = "word ".repeat(40).trim();
    const block = jsDoc(text, "  ").split("\n");
    expect(block[0]).toBe("  /**");
    expect(block.at(-1)).toBe("   */");
    for (const line of block) expect(line.length).toBeLessThanOrEqual(100);
    expect(block.slice(1, -1).every((line) => line.startsWith("   * "))).toBe(true);
  });
});

describe("jsDocText", () => {
  it("never lets the text end the comment", () => {
    expect(jsDocText("a */ b", 80)).toBe("a *\\/ b");
    expect(jsDoc("ends */ here")).toBe("/** ends *\\/ here */");
  });
});
