import { attributeFields, type Field, type PyClass, type Runtime } from "../model.js";

export type JsonSchema = Record<string, unknown>;

export interface ClassSchemaOptions {
  /** How a field holding another class refers to it. */
  readonly classRef: (name: string) => JsonSchema;
  /** The description a field carries (targets add units, headers and the like). */
  readonly describe: (field: Field) => string;
}

/**
 * The plain JSON Schema of one class's attribute view: standard keywords only, every attribute
 * required, nothing else allowed. The types and validator targets hand this to their tools.
 */
export function deriveClassSchema(cls: PyClass, options: ClassSchemaOptions): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of attributeFields(cls)) {
    const json = field.json!;
    const description = options.describe(field);
    if (json.classRef !== undefined) {
      properties[field.name] = { ...options.classRef(json.classRef), description };
      continue;
    }
    const types: string[] = [...json.kinds, ...(field.nullable ? ["null"] : [])];
    properties[field.name] = {
      type: types.length === 1 ? types[0] : types,
      description,
      ...json.constraints,
      ...(json.kinds.includes("object") && { additionalProperties: true }),
    };
  }
  return {
    type: "object",
    title: cls.name,
    description: cls.description,
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/**
 * The whole runtime as one self-contained schema: the context class at the root, the others in
 * $defs. Without annotations it carries validation keywords only (what a validator compiles).
 */
export function deriveRuntimeSchema(runtime: Runtime, options: { annotations?: boolean } = {}): JsonSchema {
  const annotations = options.annotations ?? true;
  const classOptions: ClassSchemaOptions = {
    classRef: (name) => ({ $ref: `#/$defs/${name}` }),
    describe: (field) => field.description,
  };
  const derive = (cls: PyClass) => {
    const schema = deriveClassSchema(cls, classOptions);
    return annotations ? schema : withoutAnnotations(schema);
  };
  const [root, ...rest] = runtime.classes;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: runtime.schemaId,
    ...derive(root!),
    $defs: Object.fromEntries(rest.map((cls) => [cls.name, derive(cls)])),
  };
}

function withoutAnnotations(schema: JsonSchema): JsonSchema {
  const { title: _title, description: _description, ...rest } = schema;
  const properties = rest.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) return rest;
  return {
    ...rest,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, withoutAnnotations(property)]),
    ),
  };
}

/** The to_json() view of a runtime as a schema: the runtime's camelCase keys, validation keywords only. */
export function deriveJsonViewSchema(runtime: Runtime): JsonSchema {
  const rename = (cls: PyClass): JsonSchema => {
    const schema = withoutAnnotations(
      deriveClassSchema(cls, { classRef: (name) => ({ $ref: `#/$defs/${name}JSON` }), describe: () => "" }),
    );
    const properties = schema.properties as Record<string, JsonSchema>;
    const byKey = Object.fromEntries(attributeFields(cls).map((field) => [field.toJsonKey!, properties[field.name]!]));
    return { ...schema, properties: byKey, required: Object.keys(byKey) };
  };
  const [root, ...rest] = runtime.classes;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: runtime.schemaId.replace(/\.schema\.json$/, ".to-json.schema.json"),
    ...rename(root!),
    $defs: Object.fromEntries(rest.map((cls) => [`${cls.name}JSON`, rename(cls)])),
  };
}
