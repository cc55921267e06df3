// Benchmark (not a test): `npm run bench:events` at the root. Per trigger kind, operations per
// second of the generated event validators against a hand-written check of the same rules
// (hand-written-events.js, held to the guards' verdicts by tools/fuzz), on the kind's fake event
// (its first valid vendor sample) and on a near miss of it (a required member taken away); and
// parse<Event> of the event's bytes against TextDecoder, JSON.parse and the hand-written check.
// Prints a Markdown table with the ratios.
import { fakeEvent } from "@fc-context/testing";
import { loadEventValidators } from "@fc-context/validators/events";
import { encodeCbor } from "../../../spec/events/encode-cbor.mjs";
import { nearMisses } from "../../../spec/events/read-samples.mjs";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { handWritten } from "./hand-written-events.js";
import { measureAll, sink } from "./measure.js";

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);
const ratio = (a, b) => (b === undefined ? "—" : `${(a / b).toFixed(2)}x`);
const lines = [
  "| kind | hand-written, valid | **is** | vs hand | **validate** | vs hand " +
    "| hand-written, invalid | **is** | vs hand | **validate** | vs hand | **parse** (bytes) | decode + hand | vs |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
];
for (const { kind, arrives } of layoutEvents()) {
  const validators = await loadEventValidators(kind);
  const hand = handWritten[kind];
  const valid = fakeEvent(kind);
  const invalid = nearMisses(valid)[0]?.[1] ?? 42;
  const bytes =
    arrives === "cbor"
      ? encodeCbor(valid)
      : new TextEncoder().encode(typeof valid === "string" ? valid : JSON.stringify(valid));
  const decodeThenHand =
    arrives === "cbor"
      ? undefined // no JSON.parse for CBOR: the baseline would not read the same bytes
      : (b) => hand?.(JSON.parse(new TextDecoder().decode(b)));
  const measured = [
    [hand ?? (() => true), valid],
    [validators.isEvent, valid],
    [(v) => validators.validateEvent(v).ok, valid],
    [hand ?? (() => true), invalid],
    [validators.isEvent, invalid],
    [(v) => validators.validateEvent(v).ok, invalid],
    [(b) => validators.parseEvent(b).ok, bytes],
    ...(decodeThenHand ? [[decodeThenHand, bytes]] : []),
  ];
  const [h, is, val, hi, ii, vi, parse, base] = measureAll(measured);
  const handOr = (rate) => (hand === undefined ? undefined : rate);
  lines.push(
    `| ${kind} | ${hand ? fmt(h) : "—"} | ${fmt(is)} | ${ratio(is, handOr(h))} | ${fmt(val)} | ${ratio(val, handOr(h))} ` +
      `| ${hand ? fmt(hi) : "—"} | ${fmt(ii)} | ${ratio(ii, handOr(hi))} | ${fmt(vi)} | ${ratio(vi, handOr(hi))} ` +
      `| ${fmt(parse)} | ` +
      `${base === undefined ? "—" : fmt(base)} | ${ratio(parse, hand ? base : undefined)} |`,
  );
}
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}${sink() < 0 ? "" : ""}\n`);
console.log(lines.join("\n"));
