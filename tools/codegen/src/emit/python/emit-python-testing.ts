// fc_context.testing: fake_context, typed per runtime down to each override. Its overloads take
// every attribute as a keyword of its own type, and a nested object's overrides as a TypedDict
// with total=False, so that pyright and mypy refuse a misspelt or wrong-typed override as
// TypeScript's fakeContext does (PEP 692's Unpack would say it in one line, but Debian's mypy 1.0
// does not read it). The TypedDicts exist only for type checkers: Python 3.6's typing has none.
import { attributeFields, type Field, type Model, modelOwner, type PyClass, type Runtime } from "../../model.js";
import { formatPythonType } from "../../model-python.js";
import { banner } from "../banner.js";
import { pythonAlike } from "./python-alike.js";
import { type ImportSources, importLines } from "./python-imports.js";
import { docstring } from "./python-source.js";

// what the overrides' annotations may need under TYPE_CHECKING (Any is imported for the code itself)
const ANNOTATION_IMPORTS: ImportSources = {
  modules: ["logging"],
  from: [{ module: "typing", names: ["Dict", "List", "Optional", "Union"] }],
};

/** The TypedDict of a nested class's overrides, named for the module that owns its classes. */
export function overridesName(owner: Runtime, cls: PyClass): string {
  const module = owner.pythonModule.charAt(0).toUpperCase() + owner.pythonModule.slice(1);
  return `${module}${cls.name}Overrides`;
}

/** What an override of a field may be: its Python type, or a nested class's TypedDict of overrides. */
function overrideType(owner: Runtime, field: Field): string {
  const classRef = field.json?.classRef;
  if (classRef === undefined) return formatPythonType(field.python);
  return overridesName(owner, owner.classes.find((cls) => cls.name === classRef)!);
}

/**
 * The TypedDicts of one module's nested classes, each after the classes it names. A module whose
 * model an earlier module has (py39 has py36's: the classes differ in Python, not in data) names
 * that module's TypedDicts rather than repeat them.
 */
function typedDicts(model: Model, owner: Runtime): string[] {
  const root = owner.classes[0]!;
  const nested = owner.classes.filter((cls) => cls !== root).reverse();
  const first = modelOwner(model, owner);
  if (first !== owner)
    return [...nested.map((cls) => `    ${overridesName(owner, cls)} = ${overridesName(first, cls)}`), ""];
  return nested.flatMap((cls) => [
    `    class ${overridesName(owner, cls)}(TypedDict, total=False):`,
    docstring(
      `Overrides of a ${cls.name} for fake_context (${owner.pythonModule}): any of its attributes.`,
      "        ",
    ),
    "",
    ...attributeFields(cls).map((field) => `        ${field.name}: ${overrideType(owner, field)}`),
    "",
  ]);
}

/** One overload per runtime: its ids, each attribute as a keyword, its module's context class. */
function overload(model: Model, runtime: Runtime): string[] {
  const owner = modelOwner(model, runtime, pythonAlike);
  const root = owner.classes[0]!;
  const ids = [runtime.id, ...runtime.aliases].map((id) => `'${id}'`).join(", ");
  return [
    "@overload",
    "def fake_context(",
    `    runtime: "Literal[${ids}]",`,
    "    *,",
    ...root.fields.map((field) => `    ${field.name}: "${overrideType(owner, field)}" = ...,`),
    `) -> "${runtime.pythonModule}.${runtime.root}":`,
    "    ...",
    "",
    "",
  ];
}

export function testingModule(model: Model): string {
  const owners = [...new Set(model.runtimes.map((runtime) => modelOwner(model, runtime, pythonAlike)))];
  const checked = owners.flatMap((owner) => typedDicts(model, owner));
  const overloads = model.runtimes.flatMap((runtime) => overload(model, runtime));
  const annotations = [...checked, ...overloads].join("\n");
  const imports = importLines(annotations, ANNOTATION_IMPORTS).map((line) => `    ${line}`);
  return [
    banner(model, undefined, "#"),
    docstring(
      "Realistic contexts for unit tests.\n\n    from fc_context.testing import fake_context\n\n    context = " +
        'fake_context("python3.9", function={"memory": 1024})\n    handler(event, context)\n\nEach call has a fresh ' +
        "request id; every other value is a realistic default from the spec (a function with no role, tracing off, " +
        "the LATEST version). Overrides replace attributes; a dict merges into a nested object " +
        '(function={"memory": 1024} keeps the other FunctionMeta values). The result is checked like ' +
        "from_dict, so an override the runtime could not produce raises FCContextValidationError. " +
        "Python-only attributes such as logger are set as given.\n\nType checkers know each runtime's " +
        "attributes: an override that is misspelt or of the wrong type is an error under pyright and mypy. " +
        "The overrides of a nested object are a TypedDict of this module (Py39FunctionMetaOverrides), " +
        "importable for type checking only.",
      "",
    ),
    "",
    "from typing import TYPE_CHECKING, Any, overload",
    "",
    "from . import for_runtime",
    "",
    "if TYPE_CHECKING:",
    ...(imports.length > 0 ? [...imports, ""] : []),
    "    # only for type checkers: Literal and TypedDict are not in Python 3.6's typing",
    "    from typing_extensions import Literal, TypedDict",
    "",
    `    from . import ${model.runtimes.map((r) => r.pythonModule).join(", ")}`,
    "",
    ...checked,
    "",
    '__all__ = ["fake_context"]',
    "",
    "",
    ...overloads,
    "def fake_context(runtime: str, **overrides: Any) -> Any:",
    docstring("A realistic context of the given runtime (any id for_runtime accepts), with overrides applied.", "    "),
    "    return for_runtime(runtime)._fake(overrides)",
    "",
  ].join("\n");
}
