import type { EventIssue, EventKind, EventValidators } from "@fc-context/validators/events";
import { eventKinds, loadEventValidators } from "@fc-context/validators/events";
import { EXIT, type ExitCode, InputError, type Io, paint, readBytes, sourceName, UsageError, write } from "../io.js";

interface EventVerdict {
  readonly file: string;
  readonly valid: boolean;
  readonly event: string;
  readonly issues: readonly EventIssue[];
}

/** The kind an --event option names; an unknown one is a usage error naming the kinds there are. */
export function eventOption(value: string): EventKind {
  if (!(eventKinds as readonly string[]).includes(value))
    throw new UsageError(`--event must be a trigger event kind (${eventKinds.join(", ")}), not "${value}"`);
  return value as EventKind;
}

/**
 * `fc-context validate --event <kind>`: each file's bytes as the handler receives them, decoded as
 * the kind's events are (JSON; an MNS topic's text; Tablestore's CBOR) and checked. Bytes that do
 * not decode are unreadable (exit 2), like a file that cannot be read; the others are valid (0) or
 * not (1), every fault by pointer; an invalid one that another kind accepts gets a hint naming it.
 */
export async function validateEvents(
  sources: readonly string[],
  kind: EventKind,
  json: boolean,
  io: Io,
): Promise<ExitCode> {
  const validators = await loadEventValidators(kind);
  const verdicts: EventVerdict[] = [];
  let unreadable = false;
  for (const source of sources) {
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(source, io.stdin);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      write(io.stderr, `fc-context validate: ${error.message}`);
      unreadable = true;
      continue;
    }
    const result = validators.parseEvent(bytes);
    if (!result.ok && result.issues.length === 1 && result.issues[0]!.keyword === "read") {
      write(io.stderr, `fc-context validate: ${sourceName(source)}: ${result.issues[0]!.message}`);
      unreadable = true;
      continue;
    }
    verdicts.push({ file: sourceName(source), valid: result.ok, event: kind, issues: result.ok ? [] : result.issues });
    if (!result.ok) {
      const other = await lookalike(bytes, kind);
      if (other !== undefined)
        write(io.stderr, `hint: ${sourceName(source)} looks like ${eventWords(other)}: try --event ${other}`);
    }
  }
  if (json) write(io.stdout, JSON.stringify(sources.length === 1 ? (verdicts[0] ?? null) : verdicts, null, 2));
  else for (const verdict of verdicts) write(io.stdout, render(io, verdict));
  return unreadable ? EXIT.usage : verdicts.every((v) => v.valid) ? EXIT.ok : EXIT.invalid;
}

/** The first other kind whose events the bytes are, if any. */
async function lookalike(bytes: Uint8Array, kind: EventKind): Promise<string | undefined> {
  for (const other of eventKinds) {
    if (other === kind) continue;
    const validators = (await loadEventValidators(other)) as EventValidators<EventKind>;
    if (validators.parseEvent(bytes).ok) return other;
  }
  return undefined;
}

// "an oss event", "an mns-topic event" (said em-en-es), "a timer event"
const eventWords = (kind: string) => `${/^([aeiou]|mns|sls|http)/.test(kind) ? "an" : "a"} ${kind} event`;

function render(io: Io, verdict: EventVerdict): string {
  const what = eventWords(verdict.event);
  if (verdict.valid) return `${verdict.file}: ${paint(io, "green", "valid")}: ${what}`;
  const count = verdict.issues.length === 1 ? "1 issue" : `${verdict.issues.length} issues`;
  const lines = verdict.issues.map((issue) => `  ${issue.path || "(the event)"}: ${issue.message}`);
  return [`${verdict.file}: ${paint(io, "red", "invalid")}: not ${what}, ${count}:`, ...lines].join("\n");
}
