import type { SpecFile } from "../load/load-spec.js";
import type { HeaderConversion, InvocationPath, PathName, PerPath, Runtime, SourceKey } from "../model.js";
import { issueAt, type SpecIssue } from "../spec-error.js";
import { headersOf } from "./runtime-headers.js";

type Json = Record<string, unknown>;

/**
 * The invocation paths of a runtime, from the x-invocation-paths of the file that defines its
 * context class (shared classes share their paths). The meta-schema has shaped them; this
 * checks what spans the runtime: the required header fills an attribute, a checked header does not.
 */
export function normalizePaths(
  file: SpecFile,
  runtime: Omit<Runtime, "paths">,
  issues: SpecIssue[],
): PerPath<InvocationPath> | undefined {
  const node = (file.value as Json)["x-invocation-paths"] as Json | undefined;
  if (node === undefined) {
    issues.push(
      issueAt(
        file,
        "",
        `"x-invocation-paths": the file defines the context class of runtime ${runtime.id}, whose header rules it ` +
          `must state`,
      ),
    );
    return undefined;
  }
  const headers = headersOf(runtime);
  const read = (name: PathName): InvocationPath => {
    const path = node[name] as Json;
    const required = path.requiredHeader as Json;
    if (!headers.has(required.header as string)) {
      issues.push(
        issueAt(
          file,
          `/x-invocation-paths/${name}/requiredHeader/header`,
          `a header that fills an attribute of runtime ${runtime.id}`,
          required.header,
        ),
      );
    }
    const checked = ((path.checkedHeaders as Json[] | undefined) ?? []).map((entry, index) => {
      if (headers.has(entry.header as string)) {
        issues.push(
          issueAt(
            file,
            `/x-invocation-paths/${name}/checkedHeaders/${index}/header`,
            `a header that fills no attribute (${String(entry.header)} fills ${headers.get(entry.header as string)})`,
            entry.header,
          ),
        );
      }
      return {
        header: entry.header as string,
        conversion: conversion(entry.conversion as Json),
        sources: entry["x-source"] as SourceKey[],
      };
    });
    return {
      name,
      description: path.description as string,
      instanceConcurrency: path.instanceConcurrency as InvocationPath["instanceConcurrency"],
      repeatedHeader: path.repeatedHeader as InvocationPath["repeatedHeader"],
      whitespace: path.whitespace as InvocationPath["whitespace"],
      encoding: path.encoding as InvocationPath["encoding"],
      absentText: path.absentText as InvocationPath["absentText"],
      requiredHeader: {
        header: required.header as string,
        absent: required.absent as "not-invoked" | "error",
        sources: required["x-source"] as SourceKey[],
      },
      checkedHeaders: checked,
      logger: path.logger as InvocationPath["logger"],
      sources: path["x-source"] as SourceKey[],
    };
  };
  return { default: read("default"), concurrent: read("concurrent") };
}

/** A conversion as the meta-schema shaped it. */
export function conversion(node: Json): HeaderConversion {
  return {
    convert: node.convert as HeaderConversion["convert"],
    ...(node.absent !== undefined && { absent: node.absent as number | "arbitrary" }),
    ...(node.invalid !== undefined && { invalid: node.invalid as "error" | "not-invoked" }),
  };
}
