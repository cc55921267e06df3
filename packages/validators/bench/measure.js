// The benchmarks' measuring loop (not a test): operations per second of each function on its value,
// median of interleaved rounds.

let total = 0;
// Each measurement gets its own freshly compiled loop (a shared loop's call site would turn
// megamorphic after the first validator and slow every later one), and rounds are interleaved
// across all of a table's measurements so machine drift hits them alike. Median of the rounds.
export function measureAll(measurements) {
  const prepared = measurements.map(([fn, value]) => {
    const loop = new Function(
      "fn",
      "value",
      "iterations",
      "let hits = 0; for (let i = 0; i < iterations; i++) if (fn(value)) hits++; return hits;",
    );
    const round = (iterations) => {
      const started = process.hrtime.bigint();
      total += loop(fn, value, iterations);
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    let iterations = 1000;
    while (round(iterations) < 0.04) iterations *= 2;
    return { round, iterations, rates: [] };
  });
  for (let r = 0; r < (process.argv.includes("--quick") ? 3 : 9); r++)
    for (const m of prepared) m.rates.push(m.iterations / m.round(m.iterations));
  return prepared.map((m) => m.rates.sort((a, b) => a - b)[m.rates.length >> 1]);
}

/** What the loops counted, for the caller to print: the loops' results must be used, or the JIT may drop them. */
export const sink = () => total;
