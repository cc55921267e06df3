import { type Block, type Page, slug } from "./doc.js";

/**
 * A self-contained page: styles and script inline, links relative, nothing fetched. Runtime
 * pages carry a switcher between runtimes and a search box that filters attribute rows.
 */
export function renderHtml(page: Page, pages: readonly Page[], banner: string): string {
  const onEvents = page.event !== undefined || page.name === "events";
  const nav = [
    `<a href="index.html">fc-context</a>`,
    onEvents
      ? switcher(
          page,
          "event",
          "Event",
          pages.filter((p) => p.event !== undefined).map((p) => [p, p.event!]),
        )
      : switcher(
          page,
          "runtime",
          "Runtime",
          pages.filter((p) => p.runtime !== undefined).map((p) => [p, p.runtime!]),
        ),
    page.blocks.some((b) => b.kind === "table" && b.searchable) ? searchBox(page, onEvents) : "",
    `<a href="comparison.html">Compare runtimes</a>`,
    `<a href="events.html">Trigger events</a>`,
  ].join(" ");
  return `<!doctype html>
<!-- ${escapeHtml(banner)} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav>${nav}</nav>
<main>
${page.blocks.map(block).join("\n")}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level} id="${escapeHtml(slug(b.text))}">${inline(b.text)}</h${b.level}>`;
    case "paragraph":
      return `<p>${inline(b.text)}</p>`;
    case "list":
      return `<ul>${b.items.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`;
    case "code":
      return `<pre><code class="language-${b.lang}">${escapeHtml(b.text.trimEnd())}</code></pre>`;
    case "table":
      return table(b);
  }
}

/** A select that moves between the runtimes' pages, or between the event kinds' pages. */
function switcher(page: Page, id: string, label: string, targets: ReadonlyArray<readonly [Page, string]>): string {
  const options = targets.map(([p, text]) => {
    const selected = p.name === page.name ? " selected" : "";
    return `<option value="${p.name}.html"${selected}>${escapeHtml(text)}</option>`;
  });
  if (!targets.some(([p]) => p.name === page.name)) options.push(`<option value="" selected>choose…</option>`);
  return `<label>${label} <select id="${id}" class="switcher" aria-label="${label}">${options.join("")}</select></label>`;
}

function searchBox(page: Page, onEvents: boolean): string {
  const [what, placeholder, scope] = onEvents
    ? ["fields", "bucket", page.event === undefined ? " in any kind" : " in this kind"]
    : ["attributes", "security_token", page.runtime === undefined ? " in any runtime" : " in this runtime"];
  return (
    `<label>Search ${what} <input id="search" type="search" placeholder="${placeholder}" ` +
    `aria-label="Search ${what}" data-scope="${scope}" data-noun="${what === "fields" ? "field" : "attribute"}">` +
    `</label><span id="matches" role="status"></span>`
  );
}

function table(b: Extract<Block, { kind: "table" }>): string {
  const head = b.head.map((h) => `<th>${inline(h)}</th>`).join("");
  const rows = b.rows.map((row) => {
    const name = b.searchable ? ` data-name="${escapeHtml(stripMarks(row[0]!))}"` : "";
    return `<tr${name}>${row.map((cell) => `<td>${inline(cell)}</td>`).join("")}</tr>`;
  });
  const attributes = b.searchable ? ' class="attributes"' : "";
  return `<table${attributes}><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Inline marks to HTML: escape first, then `code` and [text](target.md#anchor). */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_whole, label: string, target: string) => `<a href="${target.replace(/\.md(?=#|$)/, ".html")}">${label}</a>`,
    );
}

function stripMarks(text: string): string {
  return text.replace(/`/g, "").replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

const STYLE = [
  "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24}nav{position:sticky;",
  "top:0;background:#f4f6f8;border-bottom:1px solid #d0d7de;padding:8px 16px;",
  "display:flex;gap:16px;align-items:center;flex-wrap:wrap}main{max-width:1400px;",
  "padding:8px 24px 48px}table{border-collapse:collapse;margin:8px 0 16px;width:100%}",
  "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;",
  // words wrap whole; a long path, type or URL in code breaks anywhere rather than push the
  // table past a narrow screen
  "overflow-wrap:break-word}td code,th code,th a{overflow-wrap:anywhere}",
  "th{background:#f4f6f8}code{background:#eff1f3;padding:0 3px;border-radius:3px}pre{",
  "background:#f6f8fa;padding:12px;overflow:auto}pre code{background:none}tr.hidden{",
  "display:none}#matches{color:#57606a}p,li{overflow-wrap:break-word}p code,li code{overflow-wrap:anywhere}",
  // on a phone a cell may break a long word too: the table must fit the screen
  "@media (max-width:600px){main{padding:8px 8px 32px}th,td{padding:3px 4px;overflow-wrap:anywhere}",
  "body{font-size:14px}}",
].join("");

// Switching runtime or kind keeps the search; the search hides searchable rows whose name does not match.
const SCRIPT = [
  '(function(){var select=document.querySelector("select.switcher"),',
  'input=document.getElementById("search"),status=document.getElementById("matches");',
  'var query=new URLSearchParams(location.search).get("q")||"";',
  'if(select)select.addEventListener("change",function(){',
  'if(select.value)location.href=select.value+(input&&input.value?"?q="+encodeURIComponent(input.value):"");',
  '});if(!input)return;var noun=input.getAttribute("data-noun");function apply(){',
  "var q=input.value.trim().toLowerCase(),shown=0,",
  'rows=document.querySelectorAll("table.attributes tbody tr");',
  "rows.forEach(function(row){",
  'var hit=!q||row.getAttribute("data-name").toLowerCase().indexOf(q)>=0;',
  'row.classList.toggle("hidden",!hit);if(hit)shown++;});',
  'status.textContent=q?(shown?shown+" "+noun+(shown===1?" matches":"s match")',
  '+" \\u201c"+q+"\\u201d"',
  ':"No "+noun+" matches \\u201c"+q+"\\u201d"+input.getAttribute("data-scope")):"";',
  '}input.value=query;input.addEventListener("input",apply);apply();})();',
].join("");
