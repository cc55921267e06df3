import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { markdownDir, pages, siteDir } from "./docs.js";

// GitHub's anchor for a Markdown heading (the generator uses the same rule for HTML ids)
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");

describe("links in the docs", () => {
  it.each(pages(markdownDir, ".md").map((p) => [p.name, p.text] as const))(
    "markdown/%s has no dead link",
    (name, text) => {
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
      for (const target of links) {
        expect(target, `${name} links outside the docs`).not.toMatch(/^[a-z]+:/);
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = path.join(markdownDir, file || name);
        expect(existsSync(resolved), `${name} -> ${target}`).toBe(true);
        if (anchor !== undefined) {
          const headings = [...readFileSync(resolved, "utf8").matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
            slug(match[1]!),
          );
          expect(headings, `${name} -> ${target}`).toContain(anchor);
        }
      }
    },
  );

  it.each(pages(siteDir, ".html").map((p) => [p.name, p.text] as const))(
    "site/%s has no dead link and fetches nothing",
    (name, text) => {
      expect(text).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
      expect(text).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/);
      const targets = [...text.matchAll(/(?:href|value)="([^"]+\.html(?:#[^"]*)?)"/g)].map((match) => match[1]!);
      expect(targets.length).toBeGreaterThan(2);
      for (const target of targets) {
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = path.join(siteDir, file);
        expect(existsSync(resolved), `${name} -> ${target}`).toBe(true);
        if (anchor !== undefined)
          expect(readFileSync(resolved, "utf8"), `${name} -> ${target}`).toContain(`id="${anchor}"`);
      }
    },
  );
});
