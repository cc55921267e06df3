// A probe report as a case of spec/conformance/ (the format of its README): the context the
// runtime built, and header lines that build it, rebuilt from the context by @fc-context/wire.
// A report carries no secret, so each secret becomes a placeholder of the secret's length.
import { UsageError } from "../io.js";

export function reportToCase(report, runtime, name, toHeaders) {
  const tree = observedTree(report.context, "context");
  const headers = Object.entries(toHeaders(attributeView(tree, runtime)));
  const path = report.path?.name === "concurrent" ? "concurrent" : "default";
  const python = report.runtime?.python ?? "an unknown Python";
  return {
    name,
    origin:
      `report: fc_context.probe on ${runtime.id} (Python ${python}, entry ${report.entry}, ${path} path). ` +
      "The headers were rebuilt from the context by @fc-context/wire's toHeaders; secrets are placeholders of their length.",
    headers,
    observed: path === "concurrent" ? { concurrent: { context: tree } } : { default: { [runtime.id]: { context: tree } } },
  };
}

function observedTree(node, where) {
  const attributes = {};
  for (const [name, value] of Object.entries(node.attributes)) {
    attributes[name] = value.class !== undefined ? observedTree(value, `${where}.${name}`) : observedLeaf(value, `${where}.${name}`);
  }
  return { class: node.class, attributes };
}

function observedLeaf(leaf, where) {
  if (leaf.error !== undefined) throw new UsageError(`${where}: reading it raised ${leaf.error.type}; a case needs its value`);
  if (!leaf.secret) return leaf;
  if (leaf.type === "NoneType") return { type: "NoneType", value: null };
  if (leaf.type !== "str") throw new UsageError(`${where}: a secret of type ${leaf.type}; a case can only stand in for text`);
  return { type: "str", value: "x".repeat(leaf.length) };
}

/** The attribute view of a tree: what toHeaders takes (no loggers, no alias attributes). */
function attributeView(tree, runtime) {
  const cls = runtime.classes.find((c) => c.name === tree.class);
  const view = {};
  for (const field of cls?.fields.filter((f) => f.view) ?? []) {
    const node = tree.attributes[field.name];
    if (node === undefined) continue;
    view[field.name] = node.class !== undefined ? attributeView(node, runtime) : node.value;
  }
  return view;
}
