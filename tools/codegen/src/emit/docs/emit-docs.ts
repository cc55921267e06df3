import type { Model } from "../../model.js";
import { bannerComment } from "../banner.js";
import { listedRemovals, migration } from "./entries.js";
import { buildPages } from "./pages.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

/** @fc-context/docs: the same pages as Markdown (markdown/) and as a self-contained site (site/). */
export async function emitDocs(model: Model): Promise<Map<string, string>> {
  const pages = buildPages(model);
  const banner = bannerComment(model, undefined);
  const files = new Map<string, string>();
  for (const page of pages) {
    files.set(
      `markdown/${page.name === "index" ? "README" : page.name}.md`,
      renderMarkdown(page, banner).replaceAll("(index.md)", "(README.md)"),
    );
    files.set(`site/${page.name}.html`, renderHtml(page, pages, banner));
  }
  files.set(
    "data/migrations.json",
    `${JSON.stringify({ $comment: banner, migrations: migrationData(model) }, null, 2)}\n`,
  );
  return files;
}

/** Every ordered pair of runtimes, as the CLI's diff prints it. */
function migrationData(model: Model): unknown[] {
  return model.runtimes.flatMap((from) =>
    model.runtimes
      .filter((to) => to !== from)
      .map((to) => {
        const m = migration(from, to);
        return {
          from: from.id,
          to: to.id,
          python: [from.pythonVersion, to.pythonVersion],
          // what is worth a line: a child of something removed only when it moved
          removed: listedRemovals(m).map(({ entry, movedTo, replacement, withChildren }) => ({
            path: entry.path,
            ...(withChildren && { withChildren }),
            ...(movedTo && { movedTo: movedTo.path, header: movedTo.header }),
            ...(replacement && { replacement }),
          })),
          added: m.added.map(({ entry, movedFrom }) => ({
            path: entry.path,
            type: entry.type,
            ...(movedFrom && { movedFrom: movedFrom.path }),
          })),
          changed: m.changed.map(({ before, after }) => ({ path: after.path, before: before.type, after: after.type })),
          constructors: m.constructors,
        };
      }),
  );
}
