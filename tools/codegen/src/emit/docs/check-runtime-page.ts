import type { Model, Runtime } from "../../model.js";
import { type Block, code, link, type Page } from "./doc.js";

/**
 * "Check your runtime": deploy fc_context.probe, invoke it, compare its report with the spec, and
 * give the report back as a conformance case, or as the start of a new runtime's spec.
 */
export function checkRuntimePage(model: Model): Page {
  const ids = model.runtimes.map((runtime) => runtime.id);
  const newest = model.runtimes.at(-1)!;
  const secrets = [
    ...new Set(
      model.runtimes.flatMap((r) => r.classes.flatMap((c) => c.fields.filter((f) => f.secret).map((f) => f.name))),
    ),
  ];
  return {
    name: "check-your-runtime",
    title: "Check your runtime · fc-context",
    blocks: [
      { kind: "heading", level: 1, text: "Check your runtime" },
      {
        kind: "paragraph",
        text:
          `The spec follows what the runtime does when it runs. For python3 and python3.9 that was observed; for ` +
          `the others (${ids.slice(2).join(", ")}) the spec rests on the vendor's documentation, and FC keeps adding ` +
          `Python runtimes. A live function is the only ground truth: ${code("fc_context.probe")} reports what its ` +
          `context holds, and ${code("fc-context conformance")} compares the report with the spec. With an FC ` +
          `account it takes about five minutes.`,
      },
      ...probeReport(secrets),
      ...deployProbe(newest),
      ...compareReport(),
      ...giveReportBack(),
    ],
  };
}

/** What the probe reports, and how it keeps secrets in the function. */
function probeReport(secrets: readonly string[]): Block[] {
  return [
    { kind: "heading", level: 2, text: "What the probe reports" },
    {
      kind: "list",
      items: [
        `The runtime id, and how it was found: an event field ${code('{"runtime": "python3.13"}')} if you send one, ` +
          `else the runtime's folder (${code("/var/fc/runtime/<id>/")}), else the Python version. The Python version ` +
          `and implementation.`,
        `The invocation path: ${code("concurrent")} when ${code("FC_CONCURRENT_LIMIT")} (the instance concurrency) ` +
          `is above 1, else ${code("default")}; an event field ${code('{"path": ...}')} overrides it.`,
        `The context as a typed tree, the format of the conformance cases (${code("spec/conformance/README.md")}): ` +
          `every attribute ${code("vars()")} shows, with its Python type and value, and every property of each class.`,
        `Per class: the module, the constructor's parameters as ${code("inspect")} reads them, the properties and ` +
          `the public methods with their parameters.`,
        `The keys ${code("to_json()")} writes (never its values) and what ${code("getLogger()")} returns.`,
        `Which ${code("FC_*")} and ${code("ALIBABA_CLOUD_*")} environment variables are set, by name only.`,
      ],
    },
    {
      kind: "paragraph",
      text:
        `Secrets never leave the function. For ${secrets.map(code).join(", ")}, their camelCase properties, and ` +
        `any attribute whose name says secret, token or password, the report holds only the type, the length and ` +
        `whether the value is empty; of the ${code("ALIBABA_CLOUD_*")} variables, only the names. As a last guard, ` +
        `every string of the report is searched for those values, which are replaced by ${code("<redacted>")} ` +
        `wherever they still appear.`,
    },
  ];
}

/** Deploying the probe with Serverless Devs or the console. */
function deployProbe(newest: Runtime): Block[] {
  return [
    { kind: "heading", level: 2, text: "Deploy the probe" },
    {
      kind: "paragraph",
      text:
        `The probe is one file that needs only the standard library, Python 3.6 or later: deploy it unchanged on ` +
        `any FC Python runtime. Put it in a code folder, either with the package (handler ` +
        `${code("fc_context.probe.handler")}) or as a single file (handler ${code("probe.handler")}):`,
    },
    {
      kind: "code",
      lang: "shell",
      text: [
        "mkdir -p fc-probe/code && cd fc-probe",
        "pip install --target code fc-context        # handler fc_context.probe.handler",
        "# or the file alone:",
        `cp "$(python3 -c 'import fc_context.probe as p; print(p.__file__)')" code/probe.py   # handler probe.handler`,
      ].join("\n"),
    },
    {
      kind: "paragraph",
      text:
        `With Serverless Devs (${code("s")}, component fc3), an ${code("s.yaml")} beside the code folder; set ` +
        `${code("runtime")} to the runtime to check:`,
    },
    {
      kind: "code",
      lang: "yaml",
      text: [
        "edition: 3.0.0",
        "name: fc-context-probe",
        "access: default",
        "resources:",
        "  probe:",
        "    component: fc3",
        "    props:",
        "      region: cn-hangzhou",
        "      functionName: fc-context-probe",
        `      runtime: ${newest.id}`,
        "      code: ./code",
        "      handler: fc_context.probe.handler",
        "      memorySize: 128",
        "      timeout: 10",
        "      instanceConcurrency: 1        # above 1 to probe the concurrent path",
        "      instanceLifecycleConfig:",
        "        initializer:                # optional: the report then includes the initializer's context",
        "          handler: fc_context.probe.initializer",
        "          timeout: 10",
      ].join("\n"),
    },
    {
      kind: "code",
      lang: "shell",
      text: "s deploy -y\ns invoke -e '{}'        # the report is the invocation's result, printed after the logs",
    },
    {
      kind: "paragraph",
      text:
        `In the console instead: create an event function with the runtime to check, upload the code folder as a ` +
        `ZIP, set the handler (and, under the instance configuration, the initializer ` +
        `${code("fc_context.probe.initializer")}), then Test Function with the event ${code("{}")}: the response ` +
        `is the report.`,
    },
    {
      kind: "paragraph",
      text:
        `Which entry an HTTP trigger calls depends on the FC generation. On FC 3.0's built-in runtimes an HTTP ` +
        `trigger calls ${code("handler(event, context)")} with the request as the bytes of a v1 JSON event ` +
        `(${code("rawPath")}, ${code("queryParameters")}, ${code("body")}, ...): keep the handler ` +
        `${code("fc_context.probe.handler")}, which answers such an event with a response object whose body is ` +
        `the report. On FC 2.0 HTTP functions, and on FC 3.0 custom runtimes, the runtime calls a WSGI app ` +
        `with the context in ${code("environ['fc.context']")}: set the handler to ` +
        `${code("fc_context.probe.app")}. Either way, request the function's URL; ${code("?runtime=<id>")} and ` +
        `${code("?path=<name>")} override what it finds, and the report's ${code("event")} says which entry ran ` +
        `and what it was given (a type, a length and a format, never the content; of a WSGI environ only the ` +
        `names of its fc.* keys).`,
    },
    {
      kind: "paragraph",
      text:
        `To probe the concurrent path too, deploy a second function with instance concurrency above 1: the two ` +
        `paths read headers differently (see ${link("Sources", "sources.md")} and the spec's invocation paths).`,
    },
  ];
}

/** Comparing a report with the spec, and what the exit codes mean. */
function compareReport(): Block[] {
  return [
    { kind: "heading", level: 2, text: "Compare the report with the spec" },
    { kind: "paragraph", text: `Save the response as ${code("report.json")} and run:` },
    {
      kind: "code",
      lang: "shell",
      text:
        "npx @fc-context/cli conformance report.json\nnpx @fc-context/cli conformance report.json --json     # " +
        "the same, as data",
    },
    {
      kind: "paragraph",
      text:
        `Exit 0 means the runtime matches its spec. Otherwise (exit 1) each difference is printed as the spec ` +
        `change it calls for (field removed or added, type changed, made nullable, alias or method removed, added or ` +
        `changed, constructor changed, wire name changed, class renamed), with what the spec says, what the ` +
        `runtime did, and the spec file and JSON pointer to change. ${code("--runtime <id>")} compares with ` +
        `another runtime's spec; exit 2 means the report could not be read or names no runtime the spec has.`,
    },
  ];
}

/** Turning a report into a conformance case or the draft of a new runtime's spec. */
function giveReportBack(): Block[] {
  return [
    { kind: "heading", level: 2, text: "Give the report back" },
    {
      kind: "list",
      items: [
        `${code("fc-context conformance report.json --case spec/conformance/cases/<name>.json")} writes the report ` +
          `as a conformance case: the context the runtime built, and header lines that build it (rebuilt by ` +
          `${code("@fc-context/wire")}; secrets become placeholders of their length). Run ${code("npm test")}: ` +
          `every converter must reproduce it. Open a pull request with the case and the runtime's id and date in ` +
          `its ${code("origin")}.`,
        `For a runtime the spec does not have yet: ${code("fc-context spec draft report.json")} writes ` +
          `${code("spec/<id>.schema.json")}, reusing the nearest runtime's classes and the shared field definitions ` +
          `wherever the report matches them. Everything a maintainer must still write (descriptions, sources, ` +
          `anything the report cannot tell) is a value starting with ${code("DRAFT")}; ` +
          `${code("npm run generate")} refuses the spec and names each gap by file and JSON pointer until all ` +
          `are filled. Register the report as a source in ${code("spec/sources.json")} and cite it where the ` +
          `draft asks for sources.`,
      ],
    },
  ];
}
