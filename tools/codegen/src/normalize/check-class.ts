import { joinPointer } from "../load/json-pointer.js";
import type { SpecFile } from "../load/load-spec.js";
import type { PyClass } from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";

/**
 * The rules that tie a class's members together, which a meta-schema cannot state: the
 * constructor fills every attribute exactly once, aliases and `via` name real members, names do
 * not collide, and to_dict()/to_json() keys exist exactly when the class serializes.
 */
export function checkClass(cls: PyClass, node: Record<string, unknown>, file: SpecFile, issues: SpecIssue[]): void {
  const at = (...tokens: Array<string | number>) => joinPointer(cls.location.pointer, ...tokens);
  const fail = (pointer: string, expected: string, found?: unknown) =>
    issues.push(found === undefined ? issueAt(file, pointer, expected) : issueAt(file, pointer, expected, found));

  const propertyNames = Object.keys((node.properties as object | undefined) ?? {});
  const required = (node.required as string[] | undefined) ?? [];
  for (const missing of propertyNames.filter((name) => !required.includes(name))) {
    fail(
      at("required"),
      `every attribute of ${cls.name} listed in "required" (a Python attribute always exists), including "${missing}"`,
    );
  }
  required.forEach((name, index) => {
    if (!propertyNames.includes(name)) fail(at("required", index), `the name of a property of ${cls.name}`, name);
  });

  const fieldNames = cls.fields.map((field) => field.name);
  const pythonOnly = Object.keys((node["x-python-attributes"] as object | undefined) ?? {});
  for (const name of pythonOnly.filter((name) => propertyNames.includes(name))) {
    fail(
      at("x-python-attributes", name),
      `a Python-only attribute name that is not also a property of ${cls.name}`,
      name,
    );
  }
  const methodNames = cls.methods.map((method) => method.name);
  const filled = new Map<string, number>();
  const paramNames = new Set<string>();
  let sawDefault = false;
  cls.constructorParams.forEach((param, index) => {
    if (paramNames.has(param.name))
      fail(at("x-constructor", index, "name"), `each constructor parameter name once`, param.name);
    paramNames.add(param.name);
    if (!fieldNames.includes(param.fills)) {
      fail(
        at("x-constructor", index, "fills"),
        `the name of an attribute of ${cls.name} (one of ${fieldNames.join(", ")})`,
        param.fills,
      );
    } else if (filled.has(param.fills)) {
      fail(
        at("x-constructor", index, "fills"),
        `each attribute filled by one parameter ("${param.fills}" is filled by parameter ${filled.get(param.fills)} too)`,
        param.fills,
      );
    } else filled.set(param.fills, index);
    if (param.via !== undefined && !methodNames.includes(param.via)) {
      fail(
        at("x-constructor", index, "via"),
        `the name of a method of ${cls.name} (one of ${methodNames.join(", ") || "none"})`,
        param.via,
      );
    }
    if (param.default !== undefined) sawDefault = true;
    else if (sawDefault)
      fail(
        at("x-constructor", index),
        `a default for "${param.name}": it follows a parameter with a default, as Python requires`,
      );
  });
  for (const field of cls.fields.filter((field) => !filled.has(field.name))) {
    fail(
      at("x-constructor"),
      `a constructor parameter that fills "${field.name}" (every attribute is set by the constructor)`,
    );
  }

  const taken = new Map<string, string>(fieldNames.map((name) => [name, "an attribute"]));
  cls.methods.forEach((method, index) => {
    const clash = taken.get(method.name);
    if (clash !== undefined)
      fail(at("x-methods", index, "name"), `a method name not already used by ${clash} of ${cls.name}`, method.name);
    taken.set(method.name, "a method");
  });
  cls.aliases.forEach((alias, index) => {
    const clash = taken.get(alias.name);
    if (clash !== undefined)
      fail(at("x-aliases", index, "name"), `an alias name not already used by ${clash} of ${cls.name}`, alias.name);
    taken.set(alias.name, "an alias");
    if (!fieldNames.includes(alias.of))
      fail(
        at("x-aliases", index, "of"),
        `the name of an attribute of ${cls.name} (one of ${fieldNames.join(", ")})`,
        alias.of,
      );
  });

  const serializes = cls.methods.some((method) => method.behavior === "to-dict" || method.behavior === "to-json");
  const keys = new Map<string, string>();
  for (const field of cls.fields) {
    const pointer = field.location.pointer;
    if (field.toJsonKey === undefined) {
      if (serializes && field.json !== undefined)
        fail(pointer, `an "x-to-json" key: ${cls.name} has to_dict()/to_json(), which write every attribute`);
      continue;
    }
    if (!serializes)
      fail(
        joinPointer(pointer, "x-to-json"),
        `no "x-to-json": ${cls.name} has no to_dict() or to_json() method`,
        field.toJsonKey,
      );
    if (field.json === undefined)
      fail(
        joinPointer(pointer, "x-to-json"),
        `no "x-to-json" on a Python-only attribute, which to_json() leaves out`,
        field.toJsonKey,
      );
    const clash = keys.get(field.toJsonKey);
    if (clash !== undefined)
      fail(
        joinPointer(pointer, "x-to-json"),
        `a to_json key used once per class (also used by ${clash})`,
        field.toJsonKey,
      );
    keys.set(field.toJsonKey, field.name);
  }
}
