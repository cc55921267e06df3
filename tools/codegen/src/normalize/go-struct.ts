import type { EventField } from "../event-fields.js";
import { eventFields } from "../event-fields.js";
import { joinPointer } from "../load/json-pointer.js";
import type { SpecFile } from "../load/load-spec.js";
import type { GoStruct } from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";

type Json = Record<string, unknown>;

const ANY = ["array", "boolean", "integer", "null", "number", "object", "string"] as const;

/**
 * The JSON types a Go type decodes from with encoding/json: a pointer as what it points at (and
 * null), time.Time from a string, any interface from anything. Unknown names are structs.
 */
export function goJsonTypes(go: string): readonly string[] {
  const type = go.replace(/^\*/, "");
  if (type === "interface{}" || type === "any") return ANY;
  if (type === "string" || type === "time.Time") return ["string"];
  if (/^u?int(8|16|32|64)?$/.test(type)) return ["integer"];
  if (/^float(32|64)$/.test(type)) return ["integer", "number"];
  if (type === "bool") return ["boolean"];
  if (type.startsWith("[]")) return ["array"];
  return ["object"]; // map[...]..., struct, a named struct
}

/** The types a spec field takes, as a set Go's can be compared with: none given is any; an integer is a number. */
function specTypes(field: EventField | undefined): readonly string[] {
  if (field === undefined || field.types.length === 0) return ANY;
  return field.types;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((type) => b.includes(type));

/**
 * A kind's Go struct against its schema: each Go field's path must be a place of the schema, and
 * its JSON types the schema's types there, unless `differs` says why not; a reason where they
 * agree is stale. A field the schema requires inside an object the struct spells out must be one
 * of its fields, or `differs` says why. Issues are pushed; the result says what agreed.
 */
export function checkGoStruct(
  file: SpecFile,
  value: Json,
  schema: Json,
  response: Json | undefined,
  issues: SpecIssue[],
): GoStruct {
  const at = "/x-event/goStruct";
  const differs = (value.differs ?? {}) as Record<string, string>;
  const used = new Set<string>();
  const differences: GoStruct["differences"][number][] = [];
  let agreeing = 0;
  const compare = (fields: Record<string, string>, target: Json, prefix: string, pointer: string) => {
    const places = new Map(eventFields(target).fields.map((field) => [field.path, field]));
    for (const [path, go] of Object.entries(fields)) {
      const key = `${prefix}${path}`;
      const where = joinPointer(pointer, path);
      const field = places.get(path);
      const why = differs[key];
      if (why !== undefined) used.add(key);
      if (field === undefined) {
        if (why === undefined)
          issues.push(issueAt(file, where, "a field the kind's schema has, or a reason in differs"));
        else differences.push({ path: key, go, spec: "absent", why });
        continue;
      }
      const agree = same(goJsonTypes(go), specTypes(field));
      if (agree && why !== undefined)
        issues.push(issueAt(file, joinPointer(`${at}/differs`, key), "a reason only where Go and the spec differ"));
      else if (!agree && why === undefined)
        issues.push(
          issueAt(file, where, `the spec's types there (${specTypes(field).join(", ")}), or a reason in differs`, go),
        );
      else if (!agree) differences.push({ path: key, go, spec: specTypes(field).join(" or "), why: why! });
      else agreeing++;
    }
    // what the spec requires where the struct spells out the object that holds it (an array's
    // element and a map's value are no members: the array or the map is)
    const goPaths = Object.keys(fields);
    for (const field of places.values()) {
      if (!field.required || field.path === "(root)" || /(\[\]|\{\*\})$/.test(field.path)) continue;
      if (Object.hasOwn(fields, field.path)) continue;
      const parent = field.path.includes(".")
        ? field.path.replace(/\.[^.]+$/, "")
        : field.path.startsWith("[]")
          ? "[]"
          : "";
      const spelled =
        parent === ""
          ? goPaths.some((path) => !path.startsWith("[]"))
          : parent.endsWith("[]")
            ? goPaths.some((path) => path.startsWith(`${parent}.`))
            : Object.hasOwn(fields, parent);
      if (!spelled) continue;
      const key = `${prefix}${field.path}`;
      const why = differs[key];
      if (why === undefined)
        issues.push(
          issueAt(file, pointer, `a field for ${field.path}, which the spec requires, or a reason in differs`),
        );
      else {
        used.add(key);
        differences.push({ path: key, go: "absent", spec: field.types.join(" or ") || "any", why });
      }
    }
  };
  compare(value.fields as Record<string, string>, schema, "", `${at}/fields`);
  if (value.response !== undefined) {
    if (response === undefined) issues.push(issueAt(file, `${at}/response`, "a kind with x-event.response"));
    else compare(value.response as Record<string, string>, response, "response:", `${at}/response`);
  }
  for (const key of Object.keys(differs))
    if (!used.has(key)) issues.push(issueAt(file, joinPointer(`${at}/differs`, key), "a path of fields or response"));
  return {
    file: value.file as string,
    commit: value.commit as string,
    state: value.state as GoStruct["state"],
    agreeing,
    differences,
  };
}
