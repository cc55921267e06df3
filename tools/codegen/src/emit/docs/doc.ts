/**
 * The documents the docs target renders twice, as Markdown and as HTML. Inline text uses two
 * marks only: `code` and [text](target.md#anchor); targets name Markdown files and the HTML
 * renderer points them at the matching .html page.
 */
export type Block =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "code"; readonly lang: "python" | "ts" | "yaml" | "shell" | "json"; readonly text: string }
  | {
      readonly kind: "table";
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly searchable?: boolean;
    };

export interface Page {
  /** File name without extension: "python3.9", "comparison", "migrate-python3.10-to-python3.12". */
  readonly name: string;
  readonly title: string;
  /** The runtime a runtime page documents; the HTML switcher moves between these. */
  readonly runtime?: string;
  /** The trigger event kind a kind's page documents; the HTML switcher moves between these. */
  readonly event?: string;
  readonly blocks: readonly Block[];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

export const code = (text: string): string => `\`${text}\``;
export const link = (text: string, target: string): string => `[${text}](${target})`;
