import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSamples } from "../../../spec/events/read-samples.mjs";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { runCli } from "./fixtures/run-cli.js";

// fc-context validate --event <kind>: the bytes a handler receives, every sample with its recorded
// verdict, exits 0, 1 and 2 as the usage says, a hint naming the kind an event is, no string of the
// event in any output.
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-validate-event-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = runCli;

let files = 0;
function file(bytes: string | Uint8Array): string {
  const target = path.join(scratch, `event-${files++}`);
  writeFileSync(target, bytes);
  return target;
}

describe("fc-context validate --event", () => {
  it("gives every published sample of every kind its recorded verdict, from the bytes", async () => {
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const { kind } of layoutEvents())
      for (const sample of readSamples(kind)) {
        if (sample.bytes === null) continue; // CBOR nobody published
        const target = file(sample.bytes);
        if (sample.verdict === "valid") valid.push(`${kind} ${target}`);
        else if (sample.value !== undefined) invalid.push(`${kind} ${target}`);
      }
    for (const entry of valid) {
      const [kind, target] = entry.split(" ") as [string, string];
      const result = await cli(["validate", "--event", kind, target]);
      expect(result, entry).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(/: valid: an? [a-z0-9-]+ event\n$/);
    }
    for (const entry of invalid) {
      const [kind, target] = entry.split(" ") as [string, string];
      expect((await cli(["validate", "--event", kind, target])).code, entry).toBe(1);
    }
    expect(valid.length).toBeGreaterThan(30);
  });

  it("lists every fault by pointer, as JSON too, and never a string of the event", async () => {
    const secret = "LTAI-never-printed-5d1e";
    const bytes = JSON.stringify({ triggerTime: 5, payload: secret, note: secret });
    const text = await cli(["validate", "--event", "timer", "-"], bytes);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      "standard input: invalid: not a timer event, 2 issues:\n" +
        '  /triggerName: missing: the event has "triggerName" here\n' +
        "  /triggerTime: expected a string, got the integer 5\n",
    );
    const json = await cli(["validate", "--event", "timer", "--json", "-"], bytes);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: "standard input", valid: false, event: "timer" });
    for (const output of [text, json]) expect(output.stdout + output.stderr).not.toContain(secret);
  });

  it("exits 2 on bytes that do not decode, naming the file, and still checks the others", async () => {
    const good = file('{"triggerTime": "t", "triggerName": "n", "payload": ""}');
    const result = await cli(["validate", "--event", "timer", file('{"triggerTime": "secret-2023'), good]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/event-\d+: not JSON\n/);
    expect(result.stderr).not.toContain("secret-2023");
    expect(result.stdout).toMatch(/: valid: a timer event\n$/);
    const cbor = await cli(["validate", "--event", "tablestore", "-"], Uint8Array.from([0x9b, 0, 0, 0, 1, 0, 0, 0, 0]));
    expect(cbor.code).toBe(2);
    expect(cbor.stderr).toContain("standard input: not CBOR: an array of 4294967296 items in 0 bytes");
  });

  it("names the kind an event looks like", async () => {
    const timer = '{"triggerTime": "t", "triggerName": "n", "payload": ""}';
    const result = await cli(["validate", "--event", "oss", "-"], timer);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("hint: standard input looks like a timer event: try --event timer\n");
  });

  it("checks what fake --event prints, for every kind but tablestore's CBOR", async () => {
    for (const { kind } of layoutEvents()) {
      const fake = await cli(["fake", "--event", kind]);
      expect(fake, kind).toMatchObject({ code: 0, stderr: "" });
      if (kind !== "tablestore")
        expect((await cli(["validate", "--event", kind, "-"], fake.stdout)).code, kind).toBe(0);
    }
    expect((await cli(["fake", "--event", "s3"])).code).toBe(2);
    expect((await cli(["fake", "--event", "oss", "--runtime", "python3.9"])).code).toBe(2);
  });

  it("refuses an unknown kind, and --runtime or --form beside --event, with exit 2", async () => {
    const unknown = await cli(["validate", "--event", "s3", "-"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--event must be a trigger event kind (apigateway, cdn, ");
    expect((await cli(["validate", "--event", "oss", "--runtime", "python3.9", "-"])).code).toBe(2);
    expect((await cli(["validate", "--event", "oss", "--form", "json", "-"])).code).toBe(2);
  });
});
