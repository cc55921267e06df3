/** Every $id is this base, the spec version, and the file's path under spec/. */
export const ID_BASE = "https://fc-context.dev/schemas";
