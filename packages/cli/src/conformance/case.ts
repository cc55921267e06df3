// A probe report as a case of spec/conformance/ (the format of its README): the context the
// runtime built, and header lines that build it, rebuilt from the context by @fc-context/wire.
// A report carries no secret, so each secret becomes a placeholder of the secret's length.
import { setOwn, UsageError } from "../io.js";
import { reportPath } from "./report.js";
import { isTree, type Leaf, type ManifestRuntime, type Node, type Report, type TreeNode } from "./types.js";

export interface ConformanceCase {
  readonly name: string;
  readonly origin: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly observed: Record<string, unknown>;
}

// a secret becomes "x" repeated to its length; a real one is a few kilobytes at most
const MAX_PLACEHOLDER = 1 << 20;

type Observed = { readonly class: string; readonly attributes: Record<string, Observed | Leaf> };

export function reportToCase(
  report: Report,
  runtime: ManifestRuntime,
  name: string,
  toHeaders: (view: unknown) => Record<string, string>,
): ConformanceCase {
  const tree = observedTree(report.context, "context");
  const headers = Object.entries(toHeaders(attributeView(tree, runtime)));
  const path = reportPath(report);
  const python = report.runtime?.python ?? "an unknown Python";
  return {
    name,
    origin:
      `report: fc_context.probe on ${runtime.id} (Python ${python}, entry ${report.entry ?? "handler"}, ${path} ` +
      `path). ` +
      "The headers were rebuilt from the context by @fc-context/wire's toHeaders; secrets are placeholders of their " +
      "length.",
    headers,
    observed:
      path === "concurrent" ? { concurrent: { context: tree } } : { default: { [runtime.id]: { context: tree } } },
  };
}

function observedTree(node: TreeNode, where: string): Observed {
  const attributes: Record<string, Observed | Leaf> = {};
  for (const [name, value] of Object.entries(node.attributes))
    setOwn(attributes, name, observed(value, `${where}.${name}`));
  return { class: node.class, attributes };
}

function observed(node: Node, where: string): Observed | Leaf {
  if (isTree(node)) return observedTree(node, where);
  if (node.error !== undefined)
    throw new UsageError(`${where}: reading it raised ${node.error.type}; a case needs its value`);
  if (holdsBigInt(node.value))
    throw new UsageError(
      `${where}: an int past 2**53 - 1 in magnitude, which the case's header lines, rebuilt by @fc-context/wire, ` +
        "cannot carry exactly; write this case's headers by hand",
    );
  if (node.secret !== true) return node;
  if (node.type === "NoneType") return { type: "NoneType", value: null };
  if (node.type !== "str")
    throw new UsageError(`${where}: a secret of type ${node.type}; a case can only stand in for text`);
  const length = node.length ?? 0;
  if (length > MAX_PLACEHOLDER)
    throw new UsageError(`${where}: a secret of ${length} characters; a case stands in for at most ${MAX_PLACEHOLDER}`);
  return { type: "str", value: "x".repeat(length) };
}

function holdsBigInt(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  return value !== null && typeof value === "object" && Object.values(value).some(holdsBigInt);
}

/** The attribute view of a tree: what toHeaders takes (no loggers, no alias attributes). */
function attributeView(tree: Observed, runtime: ManifestRuntime): Record<string, unknown> {
  const cls = runtime.classes.find((c) => c.name === tree.class);
  const view: Record<string, unknown> = {};
  for (const field of cls?.fields.filter((f) => f.view) ?? []) {
    const node = tree.attributes[field.name];
    if (node === undefined) continue;
    view[field.name] = "attributes" in node ? attributeView(node, runtime) : node.value;
  }
  return view;
}
