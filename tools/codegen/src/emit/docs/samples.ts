import type { Runtime } from "../../model.js";
import { resolvesInRuntime } from "../../model-paths.js";

/**
 * The docs' code samples, built from what the runtime's model has (never from its id), so they
 * stay true as the spec changes; tests type-check them at the runtime's Python version and tsc.
 */
export function pythonHandlerSample(runtime: Runtime): string {
  const has = (path: string) => resolvesInRuntime(runtime, path);
  const lines = [
    `from fc_context.${runtime.pythonModule} import ${runtime.root}`,
    "from fc_context.testing import fake_context",
    "",
    "",
    `def handler(event: bytes, context: ${runtime.root}) -> str:`,
  ];
  if (has("getLogger"))
    lines.push(
      "    logger = context.getLogger()",
      '    logger.info("request %s in %s", context.request_id, context.region)',
    );
  if (has("credentials.access_key_id")) {
    lines.push(
      "    # temporary keys of the function's role: empty strings when it has none",
      '    has_role = context.credentials.access_key_id != ""',
      '    logger.info("role: %s", has_role)',
    );
  }
  if (has("tracing.span_context")) {
    lines.push(
      "    span = context.tracing.span_context  # None when tracing is off",
      "    if span is not None:",
      '        trace_id = int(span.split(":")[0], 16)',
      '        logger.info("trace %x", trace_id)',
    );
  }
  lines.push(
    "    return context.function.name",
    "",
    "",
    "def test_handler() -> None:",
    `    context = fake_context(${JSON.stringify(runtime.id)}, function={"memory": 1024})`,
    "    assert context.function.memory == 1024",
    '    assert handler(b"{}", context) == context.function.name',
  );
  return lines.join("\n");
}

export function typescriptSample(runtime: Runtime): string {
  return `import type { FCContext } from "@fc-context/types/${runtime.id}";
import { isFCContext, validateFCContext } from "@fc-context/validators/${runtime.id}";

// A tool that receives contexts (an emulator, a log processor) checks them before use.
export function describeContext(payload: unknown): string {
  if (isFCContext(payload)) {
    const context: FCContext = payload;
    return \`\${context.function.name} (\${context.function.memory} MB) in \${context.region}\`;
  }
  const result = validateFCContext(payload);
  return result.ok ? "" : result.issues.map((issue) => \`\${issue.path}: \${issue.message}\`).join("\\n");
}
`;
}
