import { joinPointer } from "../load/json-pointer.js";
import type { SpecFile } from "../load/load-spec.js";
import type { PyClass } from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";

/** What every rule of a class reads: the class, its schema node, and where to report. */
interface ClassSite {
  readonly cls: PyClass;
  readonly node: Record<string, unknown>;
  readonly fieldNames: readonly string[];
  at(...tokens: Array<string | number>): string;
  fail(pointer: string, expected: string, found?: unknown): void;
}

/**
 * The rules that tie a class's members together, which a meta-schema cannot state: the
 * constructor fills every attribute exactly once, aliases and `via` name real members, names do
 * not collide, and to_dict()/to_json() keys exist exactly when the class serializes.
 */
export function checkClass(cls: PyClass, node: Record<string, unknown>, file: SpecFile, issues: SpecIssue[]): void {
  const site: ClassSite = {
    cls,
    node,
    fieldNames: cls.fields.map((field) => field.name),
    at: (...tokens) => joinPointer(cls.location.pointer, ...tokens),
    fail: (pointer, expected, ...found) => issues.push(issueAt(file, pointer, expected, ...found)),
  };
  checkRequired(site);
  checkConstructor(site);
  checkNames(site);
  checkJsonKeys(site);
}

/** Every property is required (a Python attribute always exists), and only properties are. */
function checkRequired({ cls, node, at, fail }: ClassSite): void {
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
  const pythonOnly = Object.keys((node["x-python-attributes"] as object | undefined) ?? {});
  for (const name of pythonOnly.filter((name) => propertyNames.includes(name))) {
    fail(
      at("x-python-attributes", name),
      `a Python-only attribute name that is not also a property of ${cls.name}`,
      name,
    );
  }
}

/** Each parameter once, each filling one attribute once, defaults last, every attribute filled. */
function checkConstructor({ cls, fieldNames, at, fail }: ClassSite): void {
  const methodNames = cls.methods.map((method) => method.name);
  const filled = new Map<string, number>();
  const paramNames = new Set<string>();
  let sawDefault = false;
  cls.constructorParams.forEach((param, index) => {
    if (paramNames.has(param.name))
      fail(at("x-constructor", index, "name"), "each constructor parameter name once", param.name);
    paramNames.add(param.name);
    const by = filled.get(param.fills);
    if (!fieldNames.includes(param.fills)) {
      const expected = `the name of an attribute of ${cls.name} (one of ${fieldNames.join(", ")})`;
      fail(at("x-constructor", index, "fills"), expected, param.fills);
    } else if (by !== undefined) {
      const expected = `each attribute filled by one parameter ("${param.fills}" is filled by parameter ${by} too)`;
      fail(at("x-constructor", index, "fills"), expected, param.fills);
    } else filled.set(param.fills, index);
    if (param.via !== undefined && !methodNames.includes(param.via)) {
      const expected = `the name of a method of ${cls.name} (one of ${methodNames.join(", ") || "none"})`;
      fail(at("x-constructor", index, "via"), expected, param.via);
    }
    if (param.default !== undefined) sawDefault = true;
    else if (sawDefault)
      fail(
        at("x-constructor", index),
        `a default for "${param.name}": it follows a parameter with a default, as Python requires`,
      );
  });
  for (const name of fieldNames.filter((name) => !filled.has(name)))
    fail(
      at("x-constructor"),
      `a constructor parameter that fills "${name}" (every attribute is set by the constructor)`,
    );
}

/** Methods and aliases take names nothing else of the class has; an alias names an attribute. */
function checkNames({ cls, fieldNames, at, fail }: ClassSite): void {
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
    if (!fieldNames.includes(alias.of)) {
      const expected = `the name of an attribute of ${cls.name} (one of ${fieldNames.join(", ")})`;
      fail(at("x-aliases", index, "of"), expected, alias.of);
    }
  });
}

/** to_json keys: on every attribute when the class serializes, on none otherwise, each once. */
function checkJsonKeys({ cls, fail }: ClassSite): void {
  const serializes = cls.methods.some((method) => method.behavior === "to-dict" || method.behavior === "to-json");
  const keys = new Map<string, string>();
  for (const field of cls.fields) {
    const pointer = field.location.pointer;
    if (field.toJsonKey === undefined) {
      if (serializes && field.json !== undefined)
        fail(pointer, `an "x-to-json" key: ${cls.name} has to_dict()/to_json(), which write every attribute`);
      continue;
    }
    const keyAt = joinPointer(pointer, "x-to-json");
    if (!serializes) fail(keyAt, `no "x-to-json": ${cls.name} has no to_dict() or to_json() method`, field.toJsonKey);
    if (field.json === undefined)
      fail(keyAt, `no "x-to-json" on a Python-only attribute, which to_json() leaves out`, field.toJsonKey);
    const clash = keys.get(field.toJsonKey);
    if (clash !== undefined) fail(keyAt, `a to_json key used once per class (also used by ${clash})`, field.toJsonKey);
    keys.set(field.toJsonKey, field.name);
  }
}
