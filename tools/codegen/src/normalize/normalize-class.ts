import { joinPointer } from "../load/json-pointer.js";
import type {
  Alias,
  ConstructorParam,
  Field,
  Method,
  MethodBehavior,
  PyClass,
  PyType,
  SourceKey,
  VendorClaim,
} from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";
import { checkClass } from "./check-class.js";
import { normalizeField } from "./normalize-field.js";
import { parsePythonType } from "./python-type.js";
import type { RefResolver, Target } from "./resolve-ref.js";

type Json = Record<string, unknown>;

export interface ClassContext {
  readonly refs: RefResolver;
  readonly classNames: ReadonlySet<string>;
  readonly issues: SpecIssue[];
}

/** Normalizes one class schema (already shaped by the meta-schema) and names the classes it reaches. */
export function normalizeClass(target: Target, context: ClassContext): { cls: PyClass; reaches: Target[] } {
  const { file, pointer } = target;
  const node = target.node as Json;
  const { issues } = context;
  const name = node["x-python-class"] as string;
  const fields: Field[] = [];
  const reaches: Target[] = [];

  const collect = (key: "properties" | "x-python-attributes", view: "attribute" | "python-only") => {
    for (const [fieldName, fieldNode] of Object.entries((node[key] as Json | undefined) ?? {})) {
      const site = {
        file,
        pointer: joinPointer(pointer, key, fieldName),
        name: fieldName,
        node: fieldNode as Json,
        view,
        classNames: context.classNames,
      };
      const result = normalizeField(site, context.refs, issues);
      if (result.field !== undefined) fields.push(result.field);
      if (result.classTarget !== undefined) reaches.push(result.classTarget);
    }
  };
  collect("properties", "attribute");
  collect("x-python-attributes", "python-only");

  const pythonType = (text: string, at: string): PyType => {
    const parsed = parsePythonType(text, context.classNames);
    if (typeof parsed !== "string") return parsed;
    issues.push(issueAt(file, at, parsed, text));
    return { kind: "builtin", name: "Any" };
  };
  const methods: Method[] = ((node["x-methods"] as Json[] | undefined) ?? []).map((method, index) => {
    const at = joinPointer(pointer, "x-methods", index);
    return {
      name: method.name as string,
      params: (method.params as Json[]).map((param, paramIndex) => ({
        name: param.name as string,
        python: pythonType(param["x-python-type"] as string, joinPointer(at, "params", paramIndex, "x-python-type")),
      })),
      returns: pythonType(method.returns as string, joinPointer(at, "returns")),
      behavior: method["x-behavior"] as MethodBehavior,
      description: method.description as string,
      sources: method["x-source"] as SourceKey[],
    };
  });

  const cls: PyClass = {
    name,
    description: node.description as string,
    fields,
    constructorParams: (node["x-constructor"] as ConstructorParam[]).map((param) => ({ ...param })),
    aliases: ((node["x-aliases"] as Alias[] | undefined) ?? []).map((alias) => ({ ...alias })),
    methods,
    sources: node["x-source"] as SourceKey[],
    vendorDoc: (node["x-vendor-doc"] as VendorClaim[] | undefined) ?? [],
    location: { file: file.path, pointer },
  };
  checkClass(cls, node, file, issues);
  return { cls, reaches };
}
