// The shapes of a probe report (fc_context.probe, format fc-context-probe/1) and of the runtimes
// manifest it is compared with (gen/runtimes.json, generated from the spec).

/** A value, by its Python type; error is set when reading it (its repr, its len, its getter) raised. */
export interface Leaf {
  /** Absent only when a property's getter raised: the probe then writes the error alone. */
  readonly type?: string;
  readonly value?: unknown;
  readonly repr?: string;
  readonly root?: boolean;
  readonly secret?: boolean;
  readonly length?: number | null;
  readonly empty?: boolean;
  readonly arbitrary?: boolean;
  readonly error?: { readonly type: string; readonly message?: string };
  readonly class?: undefined;
}

export interface TreeNode {
  readonly class: string;
  readonly attributes: Readonly<Record<string, Node>>;
  readonly properties?: Readonly<Record<string, Node>>;
}

export type Node = TreeNode | Leaf;

export interface ReportParam {
  readonly name: string;
  readonly kind?: string;
  readonly default?: string;
}

export interface ReportClass {
  readonly module?: string;
  readonly constructor: readonly ReportParam[] | { readonly error: unknown };
  readonly properties?: readonly string[];
  readonly methods?: readonly {
    readonly name: string;
    readonly kind?: string;
    readonly params: readonly ReportParam[] | { readonly error: unknown };
  }[];
}

export interface Report {
  readonly format: string;
  readonly entry?: string;
  readonly runtime?: { readonly id?: string; readonly python?: string; readonly found_by?: string };
  readonly path?: { readonly name?: string };
  readonly context: TreeNode;
  readonly classes?: Readonly<Record<string, ReportClass>>;
  readonly to_json?: {
    readonly keys?: readonly string[];
    readonly nested?: Readonly<Record<string, readonly string[]>>;
    readonly error?: { readonly type: string };
  } | null;
  readonly get_logger?: {
    readonly type?: string;
    readonly name?: string;
    readonly root?: boolean;
    readonly is_attribute?: boolean;
    readonly error?: { readonly type: string };
  } | null;
}

export interface At {
  readonly file: string;
  readonly pointer: string;
}

export interface ManifestField {
  readonly name: string;
  readonly python: string;
  readonly view: boolean;
  readonly accepts: { readonly any: boolean; readonly types: readonly string[]; readonly classes: readonly string[] };
  readonly none: { readonly default: boolean; readonly concurrent: boolean };
  readonly secret: boolean;
  readonly toJsonKey?: string;
  readonly at: At;
}

export interface ManifestClass {
  readonly name: string;
  readonly at: At;
  readonly fields: readonly ManifestField[];
  readonly constructor: {
    readonly params: readonly {
      readonly name: string;
      readonly fills: string;
      readonly default?: string;
      readonly via?: string;
    }[];
    readonly at: At;
  };
  readonly aliases: readonly {
    readonly name: string;
    readonly of: string;
    readonly kind: "attribute" | "property";
    readonly description?: string;
  }[];
  readonly aliasesAt: At;
  readonly methods: readonly { readonly name: string; readonly params: readonly string[]; readonly behavior: string }[];
  readonly methodsAt: At;
  readonly fieldsAt: At;
}

export interface ManifestRuntime {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly pythonVersion: string;
  readonly pythonModule: string;
  readonly specFile: string;
  readonly root: string;
  readonly classes: readonly ManifestClass[];
  readonly toJson: {
    readonly keys: readonly string[];
    readonly nested: Readonly<Record<string, readonly string[]>>;
  } | null;
}

export interface Manifest {
  readonly specVersion: string;
  readonly runtimes: readonly ManifestRuntime[];
}

/** One difference between a report and the spec, named as the spec change it calls for. */
export interface Drift {
  readonly kind: string;
  readonly path: string;
  readonly spec: string;
  readonly runtime: string;
  readonly change: At;
}

export const isTree = (node: Node): node is TreeNode => node.class !== undefined;
