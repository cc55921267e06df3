// A greedy shrinker for JSON inputs whose check runs in another process (fast-check's shrinking
// needs the check in this one): drop keys and items, shorten text, simplify numbers, while the
// input still shows the disagreement.

type Check = (input: unknown) => Promise<boolean>;

/** The smallest input reached by repeated one-step simplifications that keep check true. */
export async function shrink(input: unknown, check: Check, budget = 500): Promise<unknown> {
  let current = input;
  let tries = 0;
  for (let improved = true; improved && tries < budget; ) {
    improved = false;
    for (const candidate of simpler(current)) {
      if (++tries > budget) break;
      if (await check(candidate)) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/** One-step simplifications of a value, most drastic first. */
function* simpler(value: unknown): Generator<unknown> {
  if (typeof value === "string") {
    if (value.length > 0) yield "";
    if (value.length > 1) {
      yield value.slice(0, Math.floor(value.length / 2));
      yield value.slice(Math.ceil(value.length / 2));
      yield value.slice(1);
      yield value.slice(0, -1);
    }
    return;
  }
  if (typeof value === "number") {
    if (value !== 0) yield 0;
    if (!Number.isInteger(value)) yield Math.trunc(value);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++)
      for (const item of simpler(value[i])) yield value.map((old, j) => (j === i ? item : old));
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    for (const [key] of entries) yield Object.fromEntries(entries.filter(([k]) => k !== key));
    for (const [key, item] of entries)
      for (const smaller of simpler(item))
        yield Object.fromEntries(entries.map(([k, v]) => [k, k === key ? smaller : v]));
  }
}
