import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pages, repoRoot, siteDir } from "./docs.js";

// Debian's chromium, installed by .ci/run; the flags keep it from reaching for the network.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(executablePath);
const artifacts = path.join(repoRoot, "test-artifacts");
let browser: Browser | undefined;

beforeAll(async () => {
  if (!available) return;
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(() => browser?.close());

describe("the docs site in headless Chromium", () => {
  it("is testable here (CI fails loudly without chromium)", () => {
    if (process.env.CI === "true") expect(available, `no chromium at ${executablePath}`).toBe(true);
  });

  it.skipIf(!available)("switches runtime, searches for security_token and shows what each runtime has", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    await page.goto(pathToFileURL(path.join(siteDir, "python3.12.html")).href);
    expect(await page.title()).toContain("python3.12");

    await page.fill("#search", "security_token");
    await expect
      .poll(() => page.textContent("#matches"))
      .toBe("No attribute matches \u201csecurity_token\u201d in this runtime");
    expect(await page.locator("table.attributes tbody tr:not(.hidden)").count()).toBe(0);

    await page.selectOption("#runtime", "python3.9.html");
    await page.waitForURL(/python3\.9\.html\?q=security_token$/);
    expect(await page.inputValue("#search")).toBe("security_token");
    await expect.poll(() => page.textContent("#matches")).toBe("1 attribute matches \u201csecurity_token\u201d");
    const visible = page.locator("table.attributes tbody tr:not(.hidden)");
    expect(await visible.count()).toBe(1);
    const row = (await visible.first().textContent()).replace(/\s+/g, " ");
    expect(row).toContain("security_token");
    expect(row).toContain("x-fc-security-token");
    expect(row).toContain("Secret");
    expect(await page.locator("h3#credentials").isVisible()).toBe(true);

    await visible.first().scrollIntoViewIfNeeded();
    expect(await visible.first().locator("strong").textContent()).toBe("Secret");
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "docs-search-security_token.png"), fullPage: false });
    await page.fill("#search", "");
    expect(await page.locator("table.attributes tbody tr.hidden").count()).toBe(0);
    expect(requests).toEqual([]);
    await page.close();
  });

  it.skipIf(!available)("searches every runtime's attributes from the index", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(path.join(siteDir, "index.html")).href);
    await page.fill("#search", "qualifier");
    await expect.poll(() => page.textContent("#matches")).toBe("2 attributes match \u201cqualifier\u201d");
    const rows = await page.locator("table.attributes tbody tr:not(.hidden)").allInnerTexts();
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(["service.qualifier", "function.qualifier"]);
    expect(rows[1]).toContain("python3.12");
    await page.fill("#search", "no_such_attribute");
    await expect
      .poll(() => page.textContent("#matches"))
      .toBe("No attribute matches \u201cno_such_attribute\u201d in any runtime");
    await page.close();
  });

  it.skipIf(!available)("switches event kind keeping the search, and finds a field in every kind", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(path.join(siteDir, "events.html")).href);
    await page.fill("#search", "bucket.name");
    await expect.poll(() => page.textContent("#matches")).toBe("1 field matches \u201cbucket.name\u201d");
    const row = await page.locator("table.attributes tbody tr:not(.hidden)").first().textContent();
    expect(row).toContain("events[].oss.bucket.name");
    expect(row).toContain("oss");

    await page.selectOption("#event", "event-oss.html");
    await page.waitForURL(/event-oss\.html\?q=bucket\.name$/);
    await expect.poll(() => page.textContent("#matches")).toBe("1 field matches \u201cbucket.name\u201d");
    await page.selectOption("#event", "event-timer.html");
    await page.waitForURL(/event-timer\.html\?q=bucket\.name$/);
    await expect.poll(() => page.textContent("#matches")).toBe("No field matches \u201cbucket.name\u201d in this kind");
    await page.close();
  });

  it.skipIf(!available).each([360, 768, 1280, 1920])(
    "shows every table and code block whole at %i px: nothing wider than the page, no page scrolls sideways",
    async (width) => {
      const page = await browser!.newPage({ viewport: { width, height: 900 } });
      const faults: string[] = [];
      for (const { name } of pages(siteDir, ".html")) {
        await page.goto(pathToFileURL(path.join(siteDir, name)).href);
        const found = await page.evaluate(() => {
          const out: string[] = [];
          const limit = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > limit)
            out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
          document.querySelectorAll("table").forEach((table, index) => {
            const box = table.getBoundingClientRect();
            if (box.right > limit + 0.5 || table.scrollWidth > table.clientWidth + 1)
              out.push(`table ${index} reaches ${Math.round(box.right)} px`);
          });
          document.querySelectorAll("pre").forEach((pre, index) => {
            // a code block may scroll inside itself, but its box stays on the page
            if (pre.getBoundingClientRect().right > limit + 0.5) out.push(`code block ${index} is cut off`);
          });
          return out;
        });
        faults.push(...found.map((fault) => `${name}: ${fault}`));
      }
      expect(faults).toEqual([]);
      await page.close();
    },
  );
});
