import { describe, expect, it } from "vitest";
import { buildModel } from "../generate.js";
import { realSpecVersion, repoRoot } from "../testing/spec-fixture.js";
import { patchedModel, refusal, type SpecPatch } from "../testing/spec-patch.js";

// Every rule normalize states about a spec, each by name with its own fixture: a small patch on
// the real spec (spec/) that breaks that rule alone. The generator must refuse the patched spec
// with an issue at the patch's pointer, saying in exactly these words what the rule expects. A
// rule whose check is deleted fails its row.

interface Rule {
  readonly name: string;
  readonly patch: readonly SpecPatch[];
  readonly file: string;
  readonly pointer: string;
  readonly expected: string;
}

const FIELDS = "shared/fields.schema.json";
const CLASSIC = "shared/classic.schema.json";
const P312 = "python3.12.schema.json";
const F = (name: string) => `/$defs/${name}`;
const C = (cls: string, ...rest: string[]) => ["/$defs", cls, ...rest].join("/");

const RULES: readonly Rule[] = [
  // fields (normalize-field.ts)
  {
    name: "a field has a description (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/description` }],
    file: FIELDS,
    pointer: F("region"),
    expected: 'the property "description"',
  },
  {
    name: "a field has its sources (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/x-source` }],
    file: FIELDS,
    pointer: F("region"),
    expected: 'the property "x-source"',
  },
  {
    name: "a class-valued field has no type of its own",
    patch: [{ op: "add", file: CLASSIC, path: C("FCContext", "properties", "credentials", "type"), value: "object" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "credentials", "type"),
    expected: 'no "type" beside a $ref to the class Credentials',
  },
  {
    name: "a field has a JSON type (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: CLASSIC, path: C("FCContext", "properties", "retry_count", "type") }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "retry_count"),
    expected: 'the property "type"',
  },
  {
    name: "a field's type is more than null",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FCContext", "properties", "retry_count", "type"), value: ["null"] },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "retry_count", "type"),
    expected: 'a type besides "null" for attribute retry_count',
  },
  {
    name: "a Python-only attribute has a Python type (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("logger")}/x-python-type` }],
    file: FIELDS,
    pointer: F("logger"),
    expected: 'the property "x-python-type"',
  },
  {
    name: "a nullable field says when it is None",
    patch: [{ op: "remove", file: FIELDS, path: `${F("qualifier")}/x-null-when` }],
    file: CLASSIC,
    pointer: C("ServiceMeta", "properties", "qualifier"),
    expected: 'an "x-null-when" saying when qualifier is None',
  },
  {
    name: "a field that is never None says nothing of when it is",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-null-when`, value: "Never." }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-null-when"),
    expected: 'no "x-null-when" on region, which is never None',
  },
  {
    name: "x-secret only on a string attribute",
    patch: [{ op: "add", file: FIELDS, path: `${F("function_memory")}/x-secret`, value: true }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "x-secret"),
    expected: '"x-secret" only on a string attribute',
  },
  {
    name: "x-from-header only on an integer attribute with a header",
    patch: [
      {
        op: "add",
        file: FIELDS,
        path: `${F("region")}/x-from-header`,
        value: { default: { convert: "int" }, concurrent: { convert: "int" } },
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-from-header"),
    expected: '"x-from-header" only on an integer attribute with an "x-header"',
  },
  {
    name: "an attribute that is never None has a header to fill it",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/x-header` }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region"),
    expected: 'an "x-header" that fills region, or "null" among its types: from headers it would be None',
  },
  {
    name: "x-unit only on a numeric attribute",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-unit`, value: "MB" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-unit"),
    expected: '"x-unit" only on a numeric attribute',
  },
  {
    name: "a field has examples",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/examples` }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region"),
    expected: "\"examples\" for attribute region: its first example is the fakes' default and the docs' sample",
  },
  {
    name: "an example fits its field",
    patch: [{ op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: ["lots"] }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "0"),
    expected: "an example of the field's JSON type",
  },
  // classes (check-class.ts)
  {
    name: "every property is required",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FunctionMeta", "required"), value: ["name", "handler", "memory"] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "required"),
    expected:
      'every attribute of FunctionMeta listed in "required" (a Python attribute always exists), including "timeout"',
  },
  {
    name: "required names only properties",
    patch: [{ op: "add", file: CLASSIC, path: `${C("FunctionMeta", "required")}/-`, value: "memory_size" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "required", "4"),
    expected: "the name of a property of FunctionMeta",
  },
  {
    name: "a Python-only attribute is not also a property",
    patch: [
      {
        op: "add",
        file: CLASSIC,
        path: C("FCContext", "x-python-attributes", "region"),
        value: { "x-python-type": "str", description: "Twice.", "x-source": ["RT"] },
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "x-python-attributes", "region"),
    expected: "a Python-only attribute name that is not also a property of FCContext",
  },
  {
    name: "a constructor names each parameter once",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "name"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "name"),
    expected: "each constructor parameter name once",
  },
  {
    name: "a parameter fills an attribute of its class",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "fills"), value: "runtime" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "fills"),
    expected: "the name of an attribute of FunctionMeta (one of name, handler, memory, timeout)",
  },
  {
    name: "an attribute is filled by one parameter",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "fills"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "fills"),
    expected: 'each attribute filled by one parameter ("name" is filled by parameter 0 too)',
  },
  {
    name: "a parameter's via names a method",
    patch: [{ op: "replace", file: CLASSIC, path: C("Tracing", "x-constructor", "1", "via"), value: "decode" }],
    file: CLASSIC,
    pointer: C("Tracing", "x-constructor", "1", "via"),
    expected: "the name of a method of Tracing (one of parseOpenTracingBaggages, to_dict)",
  },
  {
    name: "no parameter without a default follows one with a default",
    patch: [{ op: "add", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "2", "default"), value: 128 }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "3"),
    expected: 'a default for "timeout": it follows a parameter with a default, as Python requires',
  },
  {
    name: "every attribute is filled by a parameter",
    patch: [{ op: "remove", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "3") }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor"),
    expected: 'a constructor parameter that fills "timeout" (every attribute is set by the constructor)',
  },
  {
    name: "a method's name is not an attribute's",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-methods", "0", "name"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-methods", "0", "name"),
    expected: "a method name not already used by an attribute of FunctionMeta",
  },
  {
    name: "an alias's name is not taken",
    patch: [{ op: "replace", file: CLASSIC, path: C("FCContext", "x-aliases", "0", "name"), value: "region" }],
    file: CLASSIC,
    pointer: C("FCContext", "x-aliases", "0", "name"),
    expected: "an alias name not already used by an attribute of FCContext",
  },
  {
    name: "an alias's name is not a method's",
    patch: [{ op: "replace", file: CLASSIC, path: C("FCContext", "x-aliases", "0", "name"), value: "to_json" }],
    file: CLASSIC,
    pointer: C("FCContext", "x-aliases", "0", "name"),
    expected: "an alias name not already used by a method of FCContext",
  },
  {
    name: "an alias's name is not another alias's",
    patch: [{ op: "replace", file: CLASSIC, path: C("Credentials", "x-aliases", "1", "name"), value: "accessKeyId" }],
    file: CLASSIC,
    pointer: C("Credentials", "x-aliases", "1", "name"),
    expected: "an alias name not already used by an alias of Credentials",
  },
  {
    name: "a method's name is not another method's",
    patch: [
      { op: "replace", file: CLASSIC, path: C("Tracing", "x-methods", "1", "name"), value: "parseOpenTracingBaggages" },
    ],
    file: CLASSIC,
    pointer: C("Tracing", "x-methods", "1", "name"),
    expected: "a method name not already used by a method of Tracing",
  },
  {
    name: "a parameter's via names a method, in a class that has none",
    patch: [{ op: "add", file: P312, path: C("FunctionMeta", "x-constructor", "0", "via"), value: "decode" }],
    file: P312,
    pointer: C("FunctionMeta", "x-constructor", "0", "via"),
    expected: "the name of a method of FunctionMeta (one of none)",
  },
  {
    name: "a method returns a Python type",
    patch: [{ op: "replace", file: P312, path: C("FCContext", "x-methods", "0", "returns"), value: "Logger" }],
    file: P312,
    pointer: C("FCContext", "x-methods", "0", "returns"),
    expected:
      "a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], " +
      "Dict[...], List[...] or a class of this runtime: FCContext, FunctionMeta, Credentials, ServiceMeta, " +
      'Tracing), not "Logger"',
  },
  {
    name: "a method's parameter has a Python type",
    patch: [
      {
        op: "add",
        file: P312,
        path: C("FCContext", "x-methods", "0", "params", "0"),
        value: { name: "name", "x-python-type": "Optional[str]]" },
      },
    ],
    file: P312,
    pointer: C("FCContext", "x-methods", "0", "params", "0", "x-python-type"),
    expected: 'nothing after the type, not "]"',
  },
  {
    name: "an alias names an attribute",
    patch: [{ op: "replace", file: CLASSIC, path: C("FCContext", "x-aliases", "0", "of"), value: "requestID" }],
    file: CLASSIC,
    pointer: C("FCContext", "x-aliases", "0", "of"),
    expected:
      "the name of an attribute of FCContext (one of request_id, credentials, function, service, region, account_id, " +
      "retry_count, tracing, logger)",
  },
  {
    name: "a class with to_dict() or to_json() keys every attribute",
    patch: [{ op: "remove", file: CLASSIC, path: C("FunctionMeta", "properties", "name", "x-to-json") }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "name"),
    expected: 'an "x-to-json" key: FunctionMeta has to_dict()/to_json(), which write every attribute',
  },
  {
    name: "a class without to_dict() or to_json() has no keys",
    patch: [{ op: "add", file: P312, path: `${C("FunctionMeta", "properties", "name")}/x-to-json`, value: "name" }],
    file: P312,
    pointer: C("FunctionMeta", "properties", "name", "x-to-json"),
    expected: 'no "x-to-json": FunctionMeta has no to_dict() or to_json() method',
  },
  {
    name: "a Python-only attribute has no to_json key (the meta-schema's rule, first)",
    patch: [
      { op: "add", file: CLASSIC, path: C("FCContext", "x-python-attributes", "logger", "x-to-json"), value: "logger" },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "x-python-attributes", "logger", "x-to-json"),
    expected:
      'no property "x-to-json" here (allowed: $ref, x-python-type, description, x-null-when, x-source, x-vendor-doc)',
  },
  {
    name: "a to_json key is used once per class",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FunctionMeta", "properties", "handler", "x-to-json"), value: "name" },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "handler", "x-to-json"),
    expected: "a to_json key used once per class (also used by name)",
  },
  // sources (normalize-sources.ts)
  {
    name: "a cited source is registered",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/x-source`, value: ["RT", "NOPE"] }],
    file: FIELDS,
    pointer: `${F("region")}/x-source/1`,
    expected:
      "a key of the Sources table in spec/sources.json (one of RUN, RT, DOC3, DOC3N, DOC2, LOG, TRACE, HDR, VER, EMU)",
  },
  // more field rules (normalize-field.ts)
  {
    name: "a class-valued field has a description beside its $ref",
    patch: [{ op: "remove", file: CLASSIC, path: C("FCContext", "properties", "credentials", "description") }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "credentials"),
    expected: 'a "description" for attribute credentials beside its $ref to a class',
  },
  {
    name: "an object-valued attribute takes any keys",
    patch: [{ op: "remove", file: CLASSIC, path: C("Tracing", "properties", "span_baggages", "additionalProperties") }],
    file: CLASSIC,
    pointer: C("Tracing", "properties", "span_baggages", "additionalProperties"),
    expected: '"additionalProperties": true on an object-valued attribute (a class-valued one is a $ref to its class)',
  },
  {
    name: "an x-python-type agrees with the JSON type",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-python-type`, value: "int" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-python-type"),
    expected: "an x-python-type that agrees with the JSON type (str)",
  },
  {
    name: "an x-python-type is a Python type",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-python-type`, value: "Optional[str" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-python-type"),
    expected: "',' or ']' after a type argument of Optional",
  },
  {
    name: "a $ref chain ends",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: C("FCContext", "properties", "region"),
        value: { $ref: "#/$defs/FCContext/properties/account_id" },
      },
      {
        op: "replace",
        file: CLASSIC,
        path: C("FCContext", "properties", "account_id"),
        value: { $ref: "#/$defs/FCContext/properties/region" },
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "$ref"),
    expected: "a $ref chain shorter than 16 (is it circular?)",
  },
  {
    name: "a $ref leads to a field definition or a class",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: C("FCContext", "properties", "region", "$ref"),
        value: "fields.schema.json#/$defs/region/examples/0",
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "$ref"),
    expected: "a $ref to a field definition or a class",
  },
  {
    name: "a $ref's fragment is a JSON pointer",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: C("FCContext", "properties", "function", "$ref"),
        value: "#$defs/FunctionMeta",
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "function", "$ref"),
    expected: "a $ref to an existing file under spec/ and a JSON pointer in it (the part after # must start with /)",
  },
  {
    name: "an example of a never-None field is not None",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: [null] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "0"),
    expected: "an example of the field's type (it is never None)",
  },
  {
    name: "an example is as long as minLength",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn", ""] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "1"),
    expected: "an example at least 1 characters long",
  },
  {
    name: "an example is no longer than maxLength",
    patch: [
      { op: "add", file: FIELDS, path: `${F("region")}/maxLength`, value: 3 },
      { op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn-x", "abc"] },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "0"),
    expected: "an example at most 3 characters long",
  },
  {
    name: "an example matches the pattern",
    patch: [
      { op: "replace", file: CLASSIC, path: C("Tracing", "properties", "span_context", "examples"), value: ["", "zz"] },
    ],
    file: CLASSIC,
    pointer: C("Tracing", "properties", "span_context", "examples", "1"),
    expected: "an example matching ^(?:[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+:[0-9a-fA-F]+)?$",
  },
  {
    name: "an example is at least the minimum",
    patch: [{ op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [1, 0] }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "1"),
    expected: "an example of at least 1",
  },
  {
    name: "an example is at most the maximum",
    patch: [
      { op: "add", file: FIELDS, path: `${F("function_memory")}/maximum`, value: 3072 },
      { op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [3072, 3073] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "1"),
    expected: "an example of at most 3072",
  },
  {
    name: "an example of an integer field is an integer",
    patch: [
      { op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [512, 1.5, true, [1], { a: 1 }] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "1"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of a string field is a string",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn", 5, false, ["x"], { x: 1 }] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "4"),
    expected: "an example of the field's JSON type",
  },
  // runtimes (normalize.ts, normalize-paths.ts)
  {
    name: "a runtime id is used by one file only",
    patch: [{ op: "replace", file: "python3.10.schema.json", path: "/x-runtime/id", value: "python3.9" }],
    file: "python3.9.schema.json",
    pointer: "/x-runtime/id",
    expected: "a runtime id or alias used by one file only (also in spec/python3.10.schema.json)",
  },
  {
    name: "a runtime alias is used by one file only",
    patch: [{ op: "add", file: "python3.9.schema.json", path: "/x-runtime/aliases/-", value: "python3.6" }],
    file: "python3.schema.json",
    pointer: "/x-runtime/aliases/0",
    expected: "a runtime id or alias used by one file only (also in spec/python3.9.schema.json)",
  },
  {
    name: "a runtime's $ref names its context class",
    patch: [
      {
        op: "replace",
        file: "python3.9.schema.json",
        path: "/$ref",
        value: "shared/classic.schema.json#/$defs/FCContext/properties",
      },
    ],
    file: "python3.9.schema.json",
    pointer: "/$ref",
    expected: "a $ref to the runtime's context class (a schema with x-python-class)",
  },
  {
    name: "the file of a context class states its invocation paths",
    patch: [{ op: "remove", file: CLASSIC, path: "/x-invocation-paths" }],
    file: CLASSIC,
    pointer: "",
    expected:
      '"x-invocation-paths": the file defines the context class of runtime python3.10, whose header rules it must ' +
      "state",
  },
  {
    name: "a path's required header fills an attribute",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: "/x-invocation-paths/default/requiredHeader/header",
        value: "x-fc-function-type",
      },
    ],
    file: CLASSIC,
    pointer: "/x-invocation-paths/default/requiredHeader/header",
    expected: "a header that fills an attribute of runtime python3.10",
  },
  {
    name: "a path's checked header fills no attribute",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: "/x-invocation-paths/concurrent/checkedHeaders/0/header",
        value: "x-fc-region",
      },
    ],
    file: CLASSIC,
    pointer: "/x-invocation-paths/concurrent/checkedHeaders/0/header",
    expected: "a header that fills no attribute (x-fc-region fills FCContext.region)",
  },
  {
    name: "a removed attribute is not in the runtime",
    patch: [{ op: "replace", file: P312, path: "/x-runtime/x-removed/0/attribute", value: "region" }],
    file: P312,
    pointer: "/x-runtime/x-removed/0/attribute",
    expected: "an attribute this runtime does not have (region exists here)",
  },
  {
    name: "a header fills one attribute",
    patch: [{ op: "replace", file: FIELDS, path: `${F("account_id")}/x-header`, value: "x-fc-region" }],
    file: "python3.9.schema.json",
    pointer: "",
    expected:
      "each FC header to fill one attribute of runtime python3.9: x-fc-region fills both FCContext.region and " +
      "FCContext.account_id (spec/shared/classic.schema.json#/$defs/FCContext/properties/account_id)",
  },
  {
    name: "every file has the spec's version",
    patch: [{ op: "replace", file: FIELDS, path: "/x-spec-version", value: "9.9.9" }],
    file: FIELDS,
    pointer: "/x-spec-version",
    expected: `the spec version shared by every file (${realSpecVersion}, as in spec/python3.10.schema.json)`,
  },
  {
    name: "the spec's version is one Python packaging can carry",
    patch: [{ op: "replace", file: "python3.10.schema.json", path: "/x-spec-version", value: "0.1.0-preview.1" }],
    file: "python3.10.schema.json",
    pointer: "/x-spec-version",
    expected:
      "a version Python packaging can carry too (PEP 440): a release, or an alpha.N, beta.N or rc.N pre-release",
  },
  // the registry of sources (normalize-sources.ts)
  {
    name: "the registry lists its sources",
    patch: [{ op: "replace", file: "sources.json", path: "/sources", value: {} }],
    file: "sources.json",
    pointer: "/sources",
    expected: "a list of sources, each { key, title, urls, shows }",
  },
  {
    name: "a source is an object",
    patch: [{ op: "add", file: "sources.json", path: "/sources/-", value: "EXTRA" }],
    file: "sources.json",
    pointer: "/sources/10",
    expected: "a source object { key, title, urls, shows }",
  },
  {
    name: "a source has only a key, a title, URLs and what it shows",
    patch: [{ op: "add", file: "sources.json", path: "/sources/0/note", value: "x" }],
    file: "sources.json",
    pointer: "/sources/0/note",
    expected: 'no property "note" (allowed: key, title, urls, shows)',
  },
  {
    name: "a source key is capital letters and digits",
    patch: [
      {
        op: "add",
        file: "sources.json",
        path: "/sources/-",
        value: { key: "x1", title: "t", urls: ["https://x.example"], shows: "s" },
      },
    ],
    file: "sources.json",
    pointer: "/sources/10/key",
    expected: "a key of capital letters and digits (groups joined by hyphens), starting with a letter",
  },
  {
    name: "a source key is used once",
    patch: [
      {
        op: "add",
        file: "sources.json",
        path: "/sources/-",
        value: { key: "RUN", title: "t", urls: ["https://x.example"], shows: "s" },
      },
    ],
    file: "sources.json",
    pointer: "/sources/10/key",
    expected: "a key used by one source only",
  },
  {
    name: "a source says what it shows",
    patch: [
      { op: "replace", file: "sources.json", path: "/sources/0/title", value: "" },
      { op: "replace", file: "sources.json", path: "/sources/0/shows", value: "" },
    ],
    file: "sources.json",
    pointer: "/sources/0/shows",
    expected: "a non-empty sentence on what the source shows",
  },
  {
    name: "a source has a URL",
    patch: [{ op: "replace", file: "sources.json", path: "/sources/0/urls", value: [] }],
    file: "sources.json",
    pointer: "/sources/0/urls",
    expected: "at least one https URL where a reader finds the source",
  },
  {
    name: "a source's URLs are https",
    patch: [{ op: "add", file: "sources.json", path: "/sources/0/urls/-", value: "http://example.com" }],
    file: "sources.json",
    pointer: "/sources/0/urls/1",
    expected: "an https URL",
  },
  {
    name: "every registered source is cited",
    patch: [
      {
        op: "add",
        file: "sources.json",
        path: "/sources/-",
        value: { key: "ZZZ", title: "t", urls: ["https://x.example"], shows: "s" },
      },
    ],
    file: "sources.json",
    pointer: "/sources/10/key",
    expected: "a source the spec cites (no x-source names ZZZ; cite it or remove it)",
  },
  {
    name: "an example of a string field is not a number",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn", 5, false, ["x"], { x: 1 }] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "1"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of a string field is not a boolean",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn", 5, false, ["x"], { x: 1 }] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "2"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of a string field is not an array",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/examples`, value: ["cn", 5, false, ["x"], { x: 1 }] }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "examples", "3"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of an integer field is not a boolean",
    patch: [
      { op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [512, 1.5, true, [1], { a: 1 }] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "2"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of an integer field is not an array",
    patch: [
      { op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [512, 1.5, true, [1], { a: 1 }] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "3"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "an example of an integer field is not an object",
    patch: [
      { op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: [512, 1.5, true, [1], { a: 1 }] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "4"),
    expected: "an example of the field's JSON type",
  },
  {
    name: "a source has a title",
    patch: [{ op: "replace", file: "sources.json", path: "/sources/0/title", value: "" }],
    file: "sources.json",
    pointer: "/sources/0/title",
    expected: "a non-empty title",
  },
  {
    name: "an example of a nullable field may be None",
    patch: [{ op: "replace", file: FIELDS, path: `${F("qualifier")}/examples`, value: [null, 5] }],
    file: CLASSIC,
    pointer: C("ServiceMeta", "properties", "qualifier", "examples", "1"),
    expected: "an example of the field's JSON type",
  },
];

describe("the spec's rules, each refused by name", () => {
  it("start from a spec that keeps them all", async () => {
    await expect(buildModel(repoRoot, "spec")).resolves.toBeDefined();
  });

  it.each(RULES.map((rule) => [rule.name, rule]))("%s", async (_name, rule) => {
    const issues = await refusal(() => patchedModel(rule.patch));
    const at = issues.filter((issue) => issue.file === `spec/${rule.file}` && issue.pointer === rule.pointer);
    expect(
      at.map((issue) => issue.expected),
      JSON.stringify(issues, null, 1),
    ).toContain(rule.expected);
  });
});
