import { attributeFields, type Field, type Method, type PyClass, type Runtime } from "../../model.js";
import { formatConstructor, formatPythonLiteral, formatPythonType } from "../../model-python.js";
import { docstring, pythonTuple } from "./python-source.js";

/**
 * One runtime class as Python source. With dataclasses (Python 3.7+) the class is a dataclass
 * with init=False, so its constructor stays the runtime's own (service_name fills name); on 3.6
 * it is a plain class with the same constructor, equality and repr.
 */
export function pythonClass(runtime: Runtime, cls: PyClass, dataclasses: boolean): string {
  return [
    ...classHead(runtime, cls, dataclasses),
    ...initSource(runtime, cls),
    ...aliasProperties(cls),
    ...cls.methods.flatMap((method) => ["", ...methodSource(cls, method)]),
    ...fromAttributesSource(cls),
    ...reprSource(cls),
    ...(dataclasses ? [] : equalitySource(cls)),
  ].join("\n");
}

/** The decorator, the class line, its docstring and its annotated attributes. */
function classHead(runtime: Runtime, cls: PyClass, dataclasses: boolean): string[] {
  const out: string[] = [];
  if (dataclasses) out.push("@dataclass(init=False, repr=False)");
  out.push(`class ${cls.name}:`);
  out.push(docstring(`${cls.description}\n\nRuntime constructor: ${formatConstructor(cls)}.`, "    "), "");
  for (const field of cls.fields) {
    const type = formatPythonType(field.python);
    const compare = field.json === undefined ? " = field(compare=False)" : "";
    out.push(`    ${field.name}: ${forward(type, runtime)}${dataclasses ? compare : ""}`);
    out.push(docstring(fieldDoc(field), "    "));
  }
  out.push("");
  return out;
}

/** The runtime's own constructor: each parameter fills its attribute, through a method where it says so. */
function initSource(runtime: Runtime, cls: PyClass): string[] {
  const params = cls.constructorParams.map((param) => {
    const filled = cls.fields.find((field) => field.name === param.fills)!;
    const type =
      param.via === undefined
        ? formatPythonType(filled.python)
        : formatPythonType(cls.methods.find((m) => m.name === param.via)!.params[0]!.python);
    const fallback = param.default === undefined ? "" : ` = ${formatPythonLiteral(param.default)}`;
    return `${param.name}: ${forward(type, runtime)}${fallback}`;
  });
  const out = [`    def __init__(self, ${params.join(", ")}) -> None:`];
  for (const param of cls.constructorParams) {
    out.push(
      param.via === undefined
        ? `        self.${param.fills} = ${param.name}`
        : `        self.${param.fills} = self.${param.via}(${param.name})`,
    );
    for (const alias of cls.aliases.filter((a) => a.kind === "attribute" && a.of === param.fills)) {
      const type = formatPythonType(cls.fields.find((f) => f.name === alias.of)!.python);
      out.push(`        self.${alias.name}: ${type} = ${param.name}`);
      out.push(docstring(alias.description, "        "));
    }
  }
  return out;
}

function aliasProperties(cls: PyClass): string[] {
  return cls.aliases
    .filter((a) => a.kind === "property")
    .flatMap((alias) => {
      const type = formatPythonType(cls.fields.find((f) => f.name === alias.of)!.python);
      return [
        "",
        "    @property",
        `    def ${alias.name}(self) -> ${type}:`,
        docstring(alias.description, "        "),
        `        return self.${alias.of}`,
      ];
    });
}

function fromAttributesSource(cls: PyClass): string[] {
  const out = ["", "    @classmethod", `    def _from_attributes(cls, data: Mapping[str, Any]) -> "${cls.name}":`];
  const args = cls.constructorParams.map((param) => {
    const filled = cls.fields.find((field) => field.name === param.fills)!;
    if (param.via !== undefined || filled.json === undefined)
      return param.default === undefined ? "None" : formatPythonLiteral(param.default);
    return valueFrom(filled);
  });
  out.push(`        made = cls(${args.join(", ")})`);
  for (const param of cls.constructorParams.filter((p) => p.via !== undefined))
    out.push(`        made.${param.fills} = _json_copy(data["${param.fills}"])`);
  out.push("        return made");
  return out;
}

/** __repr__ and __str__: every attribute, secrets masked. */
function reprSource(cls: PyClass): string[] {
  const pythonOnly = cls.fields.filter((field) => field.json === undefined);
  const shown = [...attributeFields(cls), ...pythonOnly].map(
    (field) => `("${field.name}", self.${field.name}, ${field.secret ? "True" : "False"})`,
  );
  return [
    "",
    "    def __repr__(self) -> str:",
    `        return _repr("${cls.name}", ${pythonTuple(shown)})`,
    "",
    "    def __str__(self) -> str:",
    "        return self.__repr__()",
  ];
}

/** On 3.6, what a dataclass would give: equality by the attributes, and so no hash. */
function equalitySource(cls: PyClass): string[] {
  const attributes = attributeFields(cls);
  return [
    "",
    "    def __eq__(self, other: object) -> bool:",
    `        if not isinstance(other, ${cls.name}):`,
    "            return NotImplemented",
    `        return ${pythonTuple(attributes.map((f) => `self.${f.name}`))} == ` +
      pythonTuple(attributes.map((f) => `other.${f.name}`)),
    // mutable and compared by value, like a dataclass: not hashable
    "",
    "    __hash__: ClassVar[None] = None  # type: ignore[assignment]",
  ];
}

function valueFrom(field: Field): string {
  const read = `data["${field.name}"]`;
  if (field.json?.classRef !== undefined) return `${field.json.classRef}._from_attributes(${read})`;
  return field.json!.kinds.includes("integer") ? `_integral(${read})` : read;
}

function fieldDoc(field: Field): string {
  const facts = [
    field.unit && `Unit: ${field.unit}.`,
    field.header && `Header: ${field.header}.`,
    field.nullable && field.nullWhen && `None when: ${field.nullWhen}`,
  ]
    .filter(Boolean)
    .join(" ");
  return facts === "" ? field.description : `${field.description}\n\n${facts}`;
}

function forward(type: string, runtime: Runtime): string {
  // classes are defined in dependency order below their users, so refer to them as strings
  return runtime.classes.some((cls) => cls.name === type) ? `"${type}"` : type;
}

function methodSource(cls: PyClass, method: Method): string[] {
  const params = method.params.map((param) => `${param.name}: ${formatPythonType(param.python)}`);
  const returns = formatPythonType(method.returns);
  const head = `    def ${method.name}(self${params.map((p) => `, ${p}`).join("")}) -> ${returns}:`;
  const doc = docstring(
    method.behavior === "to-json"
      ? `${method.description}\n\nWarning: like the runtime's, the JSON includes secrets (the access key secret and ` +
          `the security token) in clear text; never log it.`
      : method.description,
    "        ",
  );
  switch (method.behavior) {
    case "logger-or-root": {
      const logger = cls.fields.find((field) => field.python.kind === "optional" && field.python.of.kind === "logger")!;
      return [
        head,
        doc,
        `        if self.${logger.name} is None:`,
        "            return logging.getLogger()",
        `        return self.${logger.name}`,
      ];
    }
    case "to-dict":
      return [head, doc, `        return {${serialized(cls)}}`];
    case "to-json":
      return [head, doc, `        return json.dumps({${serialized(cls)}})`];
    case "decode-base64-json-baggage": {
      const param = method.params[0]!.name;
      // the runtime's own code, step for step, so that results and the logged line match it
      return [
        head,
        doc,
        "        span_baggages: Any = {}",
        "        # None || '' returns false",
        `        if ${param}:`,
        "            try:",
        `                str_baggages = base64.b64decode(${param})`,
        "                span_baggages = json.loads(str_baggages)",
        "            except Exception as e:",
        '                fc_sys_logger = logging.getLogger("fc_sys_logger")',
        `                fc_sys_logger.error("Failed to parse base64 opentracing baggages:[{}], err: ` +
          `{}".format(${param}, e))`,
        "        return span_baggages",
      ];
    }
  }
}

function serialized(cls: PyClass): string {
  return attributeFields(cls)
    .map((field) => `"${field.toJsonKey}": self.${field.name}${field.json?.classRef !== undefined ? ".to_dict()" : ""}`)
    .join(", ");
}
