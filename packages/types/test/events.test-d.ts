// Type tests of the trigger events' declarations, compiled by compile.test.ts like the others.
import type { EventKind, EventOf } from "@fc-context/types/events";
import type { KafkaEvent, KafkaMessage } from "@fc-context/types/events/eventbridge-kafka";
import type { HttpTriggerEvent, HttpTriggerResponse } from "@fc-context/types/events/http-v1";
import type { MnsTopicEvent, MnsTopicJson } from "@fc-context/types/events/mns-topic";

export const kind: EventKind = "oss";
// @ts-expect-error: no such kind
export const unknownKind: EventKind = "s3";

export function objectSize(event: EventOf<"oss">): number {
  // a batch has at least one record
  return event.events[0].oss.object.size;
}

export function message(event: MnsTopicEvent): string {
  if (typeof event === "string") return event; // STREAM without attributes: the body itself
  if ("Message" in event) return (event as MnsTopicJson).Message;
  return typeof event.body === "string" ? event.body : "";
}

export function answer(event: HttpTriggerEvent): HttpTriggerResponse {
  const binary: boolean = event.isBase64Encoded;
  // @ts-expect-error: statusCode is a number
  const wrong: HttpTriggerResponse = { statusCode: "200" };
  return { statusCode: binary ? 415 : 200, headers: { "Content-Type": "text/plain" }, body: event.body, ...wrong };
}

export function records(event: KafkaEvent): KafkaMessage[] {
  // an element is an event, or an event as JSON text
  return event.map((element) => (typeof element === "string" ? (JSON.parse(element) as KafkaMessage) : element));
}
