import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { layoutEvents, layoutRuntimes } from "../../../spec/read-layout.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, "../../../node_modules/.bin/tsx");

function fuzz(...args: string[]) {
  const run = spawnSync(tsx, [path.join(here, "cli.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run fuzz", () => {
  it.each([
    [["--runs", "0"], '--runs takes a whole number of at least 1, not "0"'],
    [["--runs", "ten"], '--runs takes a whole number of at least 1, not "ten"'],
    [["--seed", "1.5"], '--seed takes a whole number, not "1.5"'],
    [["--batch", ""], '--batch takes a whole number of at least 1, not ""'],
    [
      ["--form", "yaml"],
      `--form must be one of attributes, json, headers-default, headers-concurrent, ${layoutEvents()
        .map((e) => `event-${e.kind}`)
        .join(", ")}, not "yaml"`,
    ],
    [
      ["--runtime", "python2.7"],
      `--runtime must be one of ${layoutRuntimes()
        .map((r) => r.id)
        .join(", ")}, not "python2.7"`,
    ],
    [["--verbose"], "Unknown option '--verbose'"],
  ])("refuses %j with exit 2, saying what is wrong and how to call it", (args, message) => {
    const run = fuzz(...args);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr.split("\n").slice(0, 2)).toEqual([
      expect.stringContaining(message),
      "usage: npm run fuzz -- [--runs N] [--seed S] [--runtime id]... [--form name]... [--batch N]",
    ]);
  });

  it("runs what it is asked, a summary line per runtime and form, and exits 0 when both languages agree", () => {
    if (findPython("3.12") === undefined) return;
    const run = fuzz("--runs", "50", "--batch", "20", "--runtime", "python3.12", "--form", "attributes", "--seed", "3");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^python3\.12 attributes: 50 cases, 0 disagreements, \d+ cases\/s$/),
      expect.stringMatching(/^50 cases in \d+\.\d s \(seed 3\), 0 disagreements$/),
    ]);
  });
});
