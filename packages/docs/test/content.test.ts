import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runtimes } from "@fc-context/types";
import { describe, expect, it } from "vitest";
import { codeBlocks, markdownDir, repoRoot } from "./docs.js";

const page = (name: string) => readFileSync(path.join(markdownDir, name), "utf8");

describe("what the docs tell a reader", () => {
  it("python3.12: logger is a logging.Logger from context.getLogger(), not the String the vendor page claims", () => {
    const text = page("python3.12.md");
    expect(text).toMatch(/\| `logger` \| `Optional\[logging\.Logger\]` \|/);
    expect(text).toMatch(/The parameter table gives `logger` the type String\. \| logger is a logging\.Logger/);
    expect(text).toMatch(/\| `getLogger\(\)` \| `logging\.Logger` \|/);
  });

  it("python3.9: the vendor page hides tracing, which the runtime sets; secrets are marked", () => {
    const text = page("python3.9.md");
    expect(text).toContain("`# self.tracing = tracing` commented out");
    expect(text).toMatch(/\| `security_token` \|[^\n]*\*\*Secret\*\*/);
  });

  it("migrating 3.10 to 3.12 says what replaces credentials, service.qualifier and service.log_project", () => {
    const text = page("migrate-python3.10-to-python3.12.md");
    expect(text).toContain(
      "| `context.credentials`, with everything on it | Read the ALIBABA_CLOUD_ACCESS_KEY_ID, " +
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN environment variables. |",
    );
    expect(text).toContain(
      "| `context.service.qualifier` | `context.function.qualifier` (the same `x-fc-qualifier` value) |",
    );
    expect(text).toContain(
      "| `context.service.log_project` | `context.log_project` (the same `x-fc-service-logproject` value) |",
    );
  });

  it("migrating 3.9 to 3.10 changes nothing; the comparison marks what 3.12 lacks", () => {
    expect(page("migrate-python3.9-to-python3.10.md")).toContain("Nothing in the context changes");
    // a column per runtime: str on the three of the classic model, a dash where python3.12 (or a later
    // runtime of its model) has none
    expect(page("comparison.md")).toMatch(
      /\| `credentials\.security_token` \| `str` \| `str` \| `str` \| — \|( — \|)* not in python3\.12\b[^|]* \|/,
    );
  });

  it("check your runtime: the handlers it deploys exist in the probe, the commands it runs exist in the CLI", () => {
    const text = page("check-your-runtime.md");
    const probe = readFileSync(path.join(repoRoot, "packages/python/src/fc_context/probe.py"), "utf8");
    const yaml = codeBlocks(text, "yaml").join("\n");
    for (const [, name] of yaml.matchAll(/handler: fc_context\.probe\.(\w+)/g))
      expect(probe).toMatch(new RegExp(`^def ${name}\\(`, "m"));
    expect(yaml).toMatch(/^ {6}runtime: python3\.\d+$/m);
    const cli = readFileSync(path.join(repoRoot, "packages/cli/src/main.ts"), "utf8");
    for (const command of ["conformance", "spec draft"]) {
      expect(text).toContain(`fc-context ${command} report.json`);
      expect(cli).toContain(`  ${command} <report.json|->`);
    }
    expect(text).toContain("`access_key_secret`, `security_token`");
  });

  it("python3.12 lists everything the other runtimes have that it lacks, with what to use instead", () => {
    const text = page("python3.12.md");
    const section = text.slice(text.indexOf("## Not in this runtime"), text.indexOf("## Quick start"));
    for (const path of ["credentials", "service", "tracing", "retry_count", "requestId", "to_json()"])
      expect(section).toContain(`\`context.${path}\``);
    expect(section).toContain(
      "| `context.service.qualifier` | python3, python3.9, python3.10 | `context.function.qualifier`",
    );
  });

  it("has a migration guide for every pair of runtimes, older to newer, and uses an before FCContext", () => {
    const ids = runtimes;
    for (const [i, from] of ids.entries())
      for (const to of ids.slice(i + 1)) expect(() => page(`migrate-${from}-to-${to}.md`)).not.toThrow();
    const all = readdirSync(markdownDir)
      .map((file) => page(file))
      .join("\n");
    expect(all).not.toMatch(/\ba FC/);
  });
});
