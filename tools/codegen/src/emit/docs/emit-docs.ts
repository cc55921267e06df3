import type { Model } from "../../model.js";
import { bannerComment } from "../banner.js";
import { buildPages } from "./pages.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

/** @fc-context/docs: the same pages as Markdown (markdown/) and as a self-contained site (site/). */
export async function emitDocs(model: Model): Promise<Map<string, string>> {
  const pages = buildPages(model);
  const banner = bannerComment(model, undefined);
  const files = new Map<string, string>();
  for (const page of pages) {
    files.set(`markdown/${page.name === "index" ? "README" : page.name}.md`, renderMarkdown(page, banner).replaceAll("(index.md)", "(README.md)"));
    files.set(`site/${page.name}.html`, renderHtml(page, pages, banner));
  }
  return files;
}
