import type { Block, Page } from "./doc.js";

export function renderMarkdown(page: Page, banner: string): string {
  return `<!-- ${banner} -->\n\n${page.blocks.map(block).join("\n\n")}\n`;
}

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${b.text}`;
    case "paragraph":
      return b.text;
    case "list":
      return b.items.map((item) => `- ${item}`).join("\n");
    case "code":
      return `\`\`\`${b.lang}\n${b.text.trimEnd()}\n\`\`\``;
    case "table": {
      const row = (cells: readonly string[]) =>
        `| ${cells.map((cell) => cell.replaceAll("|", "\\|").replaceAll("\n", " ")).join(" | ")} |`;
      return [row(b.head), `|${b.head.map(() => "---").join("|")}|`, ...b.rows.map(row)].join("\n");
    }
  }
}
