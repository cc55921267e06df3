/**
 * A semver version as Python packaging spells it (PEP 440): "1.2.0-beta.3" is "1.2.0b3".
 * Returns undefined for what PEP 440 cannot say, such as snapshot versions "0.0.0-next-2026".
 */
export function pep440(semver: string): string | undefined {
  const match = /^(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)(?:\.(\d+))?)?$/.exec(semver);
  if (match === null) return undefined;
  const [, release, tag, number] = match;
  if (tag === undefined) return release;
  return `${release}${{ alpha: "a", beta: "b", rc: "rc" }[tag as "alpha" | "beta" | "rc"]}${number ?? "0"}`;
}
