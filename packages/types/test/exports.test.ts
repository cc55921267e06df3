import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as root from "@fc-context/types";
import { describe, expect, it } from "vitest";
import { everyId, layoutEvents, layoutRuntimes } from "../../../spec/read-layout.mjs";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
  exports: Record<string, { types: string; default: string } | string>;
};
const ids = root.runtimeIds;

describe("@fc-context/types", () => {
  it("exports a subpath, types first, for every runtime id and alias, event kind, the layout, and nothing else", () => {
    const kinds = layoutEvents().map((event) => `./events/${event.kind}`);
    const events = kinds.length > 0 ? ["./events", ...kinds] : [];
    const expected = [".", "./package.json", "./layout.json", ...ids.map((id) => `./${id}`), ...events];
    expect(Object.keys(manifest.exports).sort()).toEqual(expected.sort());
    for (const [key, target] of Object.entries(manifest.exports)) {
      if (typeof target === "string") continue;
      expect(Object.keys(target), key).toEqual(["types", "default"]);
    }
  });

  it("exports the layout, whose runtimes are the package's", async () => {
    const { createRequire } = await import("node:module");
    const layout = createRequire(import.meta.url)("@fc-context/types/layout.json") as { runtimes: { ids: string[] }[] };
    expect(layout.runtimes.flatMap((r) => r.ids)).toEqual([...root.runtimeIds]);
  });

  it.each(ids)("imports @fc-context/types/%s as an ES module exposing its runtime and spec version", async (id) => {
    const module = (await import(/* @vite-ignore */ `@fc-context/types/${id}`)) as Record<string, string>;
    expect(module.runtime).toBe(root.canonicalRuntime(id));
    expect(module.specVersion).toBe(root.specVersion);
    expect(module.schemaId).toBe(`https://fc-context.dev/schemas/${root.specVersion}/${module.runtime}.schema.json`);
  });

  it.each(layoutEvents())("imports @fc-context/types/events/$kind, which names its kind", async (event) => {
    const module = (await import(/* @vite-ignore */ `@fc-context/types/events/${event.kind}`)) as Record<
      string,
      string
    >;
    expect([module.kind, module.arrives, module.specVersion]).toEqual([event.kind, event.arrives, root.specVersion]);
    expect(module.schemaId).toBe(`https://fc-context.dev/schemas/${root.specVersion}/events/${event.kind}.schema.json`);
  });

  it("knows the runtime ids FC uses, python3.6 meaning python3", () => {
    expect(root.runtimes).toEqual(layoutRuntimes().map((r) => r.id));
    expect(root.runtimeIds).toEqual(everyId());
    expect(root.canonicalRuntime("python3.6")).toBe("python3");
    expect(root.canonicalRuntime("python3.12")).toBe("python3.12");
    const strangers = ["python2.7", "python3.11", "nodejs20", "__proto__", "toString", "", 3.9, null, undefined];
    for (const stranger of strangers.filter((id) => !everyId().includes(id as string))) {
      expect(root.canonicalRuntime(stranger as string), String(stranger)).toBeUndefined();
      expect(root.isRuntime(stranger), String(stranger)).toBe(false);
    }
    expect(Object.isFrozen(root.runtimes) && Object.isFrozen(root.runtimeAliases)).toBe(true);
  });

  it("matches the version in package.json to the spec version", async () => {
    const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
      version: string;
    };
    expect(root.specVersion).toBe(version);
  });
});

describe("the generated declarations", () => {
  it("give every exported interface, type, function and constant its own JSDoc", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(import.meta.dirname, "../..");
    const missing: string[] = [];
    for (const pkg of ["types", "wire", "validators", "testing"]) {
      const dir = path.join(root, pkg, "gen");
      for (const file of readdirSync(dir).filter((name) => name.endsWith(".d.ts"))) {
        const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
        lines.forEach((line, index) => {
          if (
            !/^export (declare )?(interface|type \w+|function|const) /.test(line) ||
            /^export type (\{|\*)/.test(line)
          )
            return;
          const previous =
            lines
              .slice(0, index)
              .reverse()
              .find((l) => l.trim() !== "") ?? "";
          if (!previous.trimEnd().endsWith("*/")) missing.push(`${pkg}/gen/${file}: ${line.slice(0, 80)}`);
        });
      }
    }
    expect(missing).toEqual([]);
  });
});
