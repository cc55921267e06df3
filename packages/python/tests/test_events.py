"""Unit tests of fc_context.events, run on each runtime's own interpreter.

The vendor's samples (spec/events/samples, found through FC_CONTEXT_VECTORS' parent) get their
recorded verdicts from parse(); Tablestore's recorded structures, which nobody published as bytes,
are encoded to CBOR here as the trigger sends them and decode to the same value; hostile bytes give
EventValidationError, never a crash or a hang.
"""

import base64
import json
import os
import struct
import unittest
from pathlib import Path

from fc_context import events

SPEC = os.path.join(
    os.environ.get(
        "FC_CONTEXT_VECTORS",
        os.path.join(os.path.dirname(__file__), "..", "..", "..", "spec", "vectors"),
    ),
    "..",
)
SAMPLES = os.path.join(SPEC, "events", "samples")


def samples(kind):
    folder = os.path.join(SAMPLES, kind)
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            yield name, json.load(handle)


def cbor(value):
    """CBOR of a JSON-like value, as a Tablestore trigger sends its records: the shortest heads."""
    if value is None:
        return b"\xf6"
    if value is True or value is False:
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor(item) for item in value)
    return head(5, len(value)) + b"".join(cbor(key) + cbor(item) for key, item in value.items())


def head(major, argument):
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("too large for a CBOR head")


class Samples(unittest.TestCase):
    def test_every_sample_gets_its_recorded_verdict(self):
        checked = 0
        for kind in events.KINDS:
            for name, sample in samples(kind):
                with self.subTest(kind=kind, sample=name):
                    checked += 1
                    self.check(kind, sample)
        self.assertGreater(checked, 40)

    def check(self, kind, sample):
        valid = sample["verdict"] == "valid"
        if "event" in sample:
            data = json.dumps(sample["event"], ensure_ascii=False).encode("utf-8")
            if valid:
                self.assertEqual(events.parse(kind, data), sample["event"])
            else:
                with self.assertRaises(events.EventValidationError):
                    events.parse(kind, data)
        elif "event_decoded" in sample:
            data = (
                cbor(sample["event_decoded"])
                if sample["event_base64"] is None
                else base64.b64decode(sample["event_base64"])
            )
            self.assertEqual(events.parse(kind, data), sample["event_decoded"])
        else:
            data = sample["event_text"].encode("utf-8")
            if kind == "mns-topic":
                # text that is not JSON is a STREAM message's body, whatever it looks like
                self.assertEqual(events.parse(kind, data), sample["event_text"])
            else:
                with self.assertRaises(events.EventValidationError) as caught:
                    events.parse(kind, data)
                # text that opens an object is read as JSON, even for Tablestore (a console test's form)
                self.assertIn("not JSON", str(caught.exception))
            if "event_lenient" in sample:
                lenient = json.dumps(sample["event_lenient"]).encode("utf-8")
                self.assertEqual(events.parse(kind, lenient), sample["event_lenient"])

    def test_typed_functions_are_parse_of_their_kind(self):
        for kind in events.KINDS:
            function = getattr(events, "parse_" + kind.replace("-", "_"))
            with self.assertRaises(events.EventValidationError) as caught:
                function(b"[]" if kind != "mns-topic" else b"{}")
            self.assertEqual(caught.exception.kind, kind)

    def test_an_unknown_kind_is_named(self):
        with self.assertRaises(ValueError) as caught:
            events.parse("s3", b"{}")
        self.assertIn("unknown event kind 's3': expected one of apigateway", str(caught.exception))


class Fakes(unittest.TestCase):
    def test_every_kind_has_a_valid_fake_a_fresh_copy_each_call(self):
        for kind in events.KINDS:
            with self.subTest(kind):
                fake = events.fake_event(kind)
                data = cbor(fake) if kind == "tablestore" else json.dumps(fake)
                self.assertEqual(events.parse(kind, data), fake)
                self.assertIsNot(events.fake_event(kind), fake)

    def test_overrides_merge_and_are_checked(self):
        timer = events.fake_event("timer", payload="nightly")
        self.assertEqual(timer["payload"], "nightly")
        http = events.fake_event("http-v1", requestContext={"http": {"method": "POST"}})
        self.assertEqual(http["requestContext"]["http"]["method"], "POST")
        self.assertEqual(
            http["requestContext"]["http"]["path"], events.fake_event("http-v1")["requestContext"]["http"]["path"]
        )
        with self.assertRaises(events.EventValidationError) as caught:
            events.fake_event("timer", payload=5)
        self.assertEqual([issue.path for issue in caught.exception.issues], ["/payload"])
        self.assertEqual(events.fake_event("mns-topic", "hello topic"), "hello topic")
        with self.assertRaises(events.EventValidationError):
            events.fake_event("eventbridge-mqtt", payload="x")
        with self.assertRaises(ValueError):
            events.fake_event("s3")


class Decoding(unittest.TestCase):
    def test_tablestore_keeps_int64_and_blobs_exactly(self):
        record = {
            "Version": "Sync-v1",
            "Records": [
                {
                    "Type": "PutRow",
                    "Info": {"Timestamp": 1506416585740836},
                    "PrimaryKey": [{"ColumnName": "pk", "Value": 1506416585881590901}],
                    "Columns": [
                        {"Type": "Put", "ColumnName": "b", "Value": b"\x00\xff", "Timestamp": 1},
                        {"Type": "Put", "ColumnName": "d", "Value": -0.5, "Timestamp": 2},
                        {"Type": "DeleteOneVersion", "ColumnName": "n", "Value": -(2**63), "Timestamp": 3},
                    ],
                }
            ],
        }
        self.assertEqual(events.parse("tablestore", cbor(record)), record)

    def test_tablestore_as_json_text_as_a_console_test_sends_it(self):
        event = {"Version": "Sync-v1", "Records": []}
        for data in (
            json.dumps(event),
            b" \n" + json.dumps(event).encode(),
            b"\xef\xbb\xbf" + json.dumps(event).encode(),
        ):
            self.assertEqual(events.parse("tablestore", data), event)
        with self.assertRaises(events.EventValidationError) as caught:
            events.parse("tablestore", b"[]")  # no object: read as CBOR, and refused
        self.assertTrue(caught.exception.issues[0].message.startswith("not CBOR: "))
        with self.assertRaises(events.EventValidationError) as caught:
            events.parse("tablestore", "\u00a1")
        self.assertEqual(caught.exception.issues[0].message, "expected bytes of CBOR, got a str")

    def test_cbor_forms_json_cannot_write(self):
        # indefinite text, array and map; a tag; a half float; undefined
        from fc_context._events import decode_cbor

        data = b"\xbf" + cbor("t") + b"\x7f\x61a\x61b\xff" + cbor("a") + b"\x9f\xc1\x01\xf9\x3c\x00\xf7\xff\xff"
        self.assertEqual(decode_cbor(data), {"t": "ab", "a": [1, 1.0, None]})

    def test_hostile_cbor_is_refused_cleanly(self):
        cases = {
            "empty": b"",
            "truncated head": b"\x1b\x00\x00",
            "text past the end": b"\x7a\xff\xff\xff\xff",
            "array past the end": b"\x9b\x00\x00\x00\x01\x00\x00\x00\x00",
            "map past the end": b"\xba\x7f\xff\xff\xff",
            "deep nesting": b"\x81" * 100000 + b"\x00",
            "endless indefinite array": b"\x9f" * 3,
            "break outside": b"\xff",
            "key not text": b"\xa1\x01\x02",
            "text not UTF-8": b"\x62\xc3\x28",
            "bytes after the item": b"\x00\x00",
            "reserved info": b"\x1c",
            "mixed chunks": b"\x7f\x41a\xff",
        }
        for name, data in cases.items():
            with self.subTest(name):
                with self.assertRaises(events.EventValidationError) as caught:
                    events.parse("tablestore", data)
                issue = caught.exception.issues[0]
                self.assertEqual((issue.path, issue.keyword), ("", "read"))
                self.assertTrue(issue.message.startswith("not CBOR: "), issue.message)

    def test_bytes_that_are_no_json_are_refused_cleanly(self):
        cases = {
            "not UTF-8": b'{"a": "\xff"}',
            "NaN": b'{"triggerTime": NaN}',
            "deep nesting": b"[" * 100000 + b"]" * 100000,
            "truncated": b'{"triggerTime": "2023',
            "empty": b"",
        }
        for name, data in cases.items():
            with self.subTest(name):
                with self.assertRaises(events.EventValidationError) as caught:
                    events.parse("timer", data)
                self.assertEqual(caught.exception.issues[0].keyword, "read")
                self.assertNotIn("2023", str(caught.exception))

    def test_accepts_bytes_bytearray_memoryview_and_str_and_refuses_anything_else(self):
        text = '{"triggerTime": "t", "triggerName": "n", "payload": "é"}'
        for data in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
            self.assertEqual(events.parse("timer", data)["payload"], "é")
        for data in (None, 5, {"triggerTime": "t"}):
            with self.assertRaises(events.EventValidationError):
                events.parse("timer", data)
        with self.assertRaises(events.EventValidationError):
            events.parse("tablestore", "a str is no CBOR")

    def test_a_byte_order_mark_is_skipped(self):
        data = b"\xef\xbb\xbf" + b'{"triggerTime": "t", "triggerName": "n", "payload": ""}'
        self.assertEqual(events.parse("timer", data)["triggerName"], "n")


class Issues(unittest.TestCase):
    def test_every_fault_by_pointer_and_never_a_string_of_the_event(self):
        secret = "AKIA-not-to-be-echoed"
        data = json.dumps({"triggerTime": 5, "payload": secret, "extra": secret}).encode()
        with self.assertRaises(events.EventValidationError) as caught:
            events.parse("timer", data)
        found = [(issue.path, issue.keyword) for issue in caught.exception.issues]
        self.assertEqual(found, [("/triggerName", "required"), ("/triggerTime", "type")])
        self.assertNotIn(secret, str(caught.exception))

    def test_a_form_that_matches_none_names_the_closest(self):
        data = json.dumps({"TopicOwner": "o", "Message": "m"}).encode()
        with self.assertRaises(events.EventValidationError) as caught:
            events.parse("mns-topic", data)
        first = caught.exception.issues[0]
        self.assertEqual((first.path, first.keyword), ("", "anyOf"))
        self.assertIn("the closest is MnsTopicJson", first.message)


if __name__ == "__main__":
    unittest.main()


class Responses(unittest.TestCase):
    def test_builds_the_response_a_handler_returns(self):
        self.assertEqual(
            events.http_trigger_response("hello"),
            {"statusCode": 200, "headers": {}, "isBase64Encoded": False, "body": "hello"},
        )
        data = bytes(range(256))
        binary = events.http_trigger_response(data, 201, {"Content-Type": "image/png"})
        self.assertEqual((binary["statusCode"], binary["isBase64Encoded"]), (201, True))
        self.assertEqual(events.http_trigger_response_body(binary), data)
        self.assertEqual(
            events.http_trigger_response({"ok": True, "n": [1]}),
            {
                "statusCode": 200,
                "headers": {"Content-Type": "application/json"},
                "isBase64Encoded": False,
                "body": '{"ok":true,"n":[1]}',
            },
        )
        self.assertEqual(
            events.http_trigger_response([], headers={"content-type": "text/json"})["headers"],
            {"content-type": "text/json"},
        )
        with self.assertRaises(events.EventValidationError):
            events.http_trigger_response("x", status_code="200")  # type: ignore[arg-type]
        with self.assertRaises(TypeError) as caught:
            events.http_trigger_response(object())
        self.assertIn("a response body must be a str, bytes or JSON", str(caught.exception))
        self.assertEqual(
            events.api_gateway_response("x"), {"statusCode": 200, "headers": {}, "isBase64Encoded": False, "body": "x"}
        )

    def test_reads_a_request_body_and_refuses_base64_that_is_not(self):
        event = events.fake_event("http-v1", body="aGk", isBase64Encoded=True)
        self.assertEqual(events.http_trigger_event_body(event), b"hi")
        self.assertEqual(events.http_trigger_event_body(events.fake_event("http-v1", body="é")), "é".encode())
        gateway = events.fake_event("apigateway", body="aGk=", isBase64Encoded="true")
        self.assertEqual(events.api_gateway_event_body(gateway), b"hi")
        for body in ("secret!!", "Zm9vY", "aGk=aGk="):
            with self.assertRaises(events.EventValidationError) as caught:
                events.http_trigger_event_body(events.fake_event("http-v1", body=body, isBase64Encoded=True))
            self.assertEqual([(i.path, i.message) for i in caught.exception.issues], [("/body", "not base64")])
            self.assertNotIn(body, str(caught.exception))


# Headers recorded when the vendor's runtime (python3 and python3.9) ran a WSGI application that set
# 200 OK, Content-Type: text/plain and two Set-Cookie headers, invoked with this request's params.
OBSERVED_REQUEST = (
    "eyJwYXRoIjogIi9oZWxsbyIsICJtZXRob2QiOiAiR0VUIiwgInJlcXVlc3RVUkkiOiAiL2hlbGxvP25hbWU9ZmMmeD0xIiwgImNsaWVudElQIjog"
    "IjIwMy4wLjExMy43IiwgImhlYWRlcnNNYXAiOiB7IkFjY2VwdCI6IFsiKi8qIl0sICJYLU11bHRpIjogWyJhIiwgImIiXSwgImNvbnRlbnQtdHlw"
    "ZSI6IFsidGV4dC9wbGFpbiJdfX0="
)
OBSERVED_RESPONSE = (
    "eyJzdGF0dXMiOiAyMDAsICJoZWFkZXJzTWFwIjogeyJDb250ZW50LVR5cGUiOiBbInRleHQvcGxhaW4iXSwgIlNldC1Db29raWUiOiBbImE9MSIs"
    "ICJiPTIiXX19"
)


class Wsgi(unittest.TestCase):
    def test_reads_and_writes_the_params_headers_as_the_runtime_does(self):
        request = events.decode_http_params(OBSERVED_REQUEST)
        self.assertEqual((request["path"], request["method"]), ("/hello", "GET"))
        self.assertEqual(request.get("headersMap", {})["X-Multi"], ["a", "b"])
        self.assertEqual(events.encode_http_params(request), OBSERVED_REQUEST)
        response = events.decode_http_response_params(OBSERVED_RESPONSE)
        self.assertEqual(
            response, {"status": 200, "headersMap": {"Content-Type": ["text/plain"], "Set-Cookie": ["a=1", "b=2"]}}
        )
        # byte for byte what the runtime posts: Python's default JSON separators
        self.assertEqual(events.encode_http_response_params(response), OBSERVED_RESPONSE)

    def test_refuses_params_that_are_no_base64_no_json_or_lack_the_path_and_method(self):
        cases = {
            "!!": ("", "read"),
            "bm90IGpzb24=": ("", "read"),  # "not json"
            "eyJwYXRoIjogIi8ifQ==": ("/method", "required"),  # {"path": "/"}
        }
        for header, (path, keyword) in cases.items():
            with self.subTest(header):
                with self.assertRaises(events.EventValidationError) as caught:
                    events.decode_http_params(header)
                self.assertEqual([(i.path, i.keyword) for i in caught.exception.issues], [(path, keyword)])
                self.assertEqual(caught.exception.kind, "wsgi")
        with self.assertRaises(events.EventValidationError):
            events.encode_http_response_params({"status": "200 OK", "headersMap": {}})  # type: ignore[typeddict-item]

    def test_the_environ_type_names_every_key_the_runtime_sets(self):
        # what the vendor's runtime put into the environ of a POST /hello?name=fc&x=1 (recorded)
        observed = [
            "CONTENT_LENGTH", "CONTENT_TYPE", "HTTP", "HTTP_ACCEPT", "HTTP_X_FC_FUNCTION_HANDLER", "HTTP_X_MULTI",
            "PATH_INFO", "QUERY_STRING", "REMOTE_ADDR", "REQUEST_METHOD", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT",
            "SERVER_PROTOCOL", "SERVER_SOFTWARE", "fc.context", "fc.request_uri", "wsgi.errors", "wsgi.input",
            "wsgi.multiprocess", "wsgi.multithread", "wsgi.run_once", "wsgi.url_scheme", "wsgi.version",
        ]  # fmt: skip
        schema = json.loads(
            (Path(__file__).parents[3] / "spec" / "events" / "wsgi.schema.json").read_text(encoding="utf-8")
        )
        named = set(schema["properties"])
        headers = {key for key in observed if key not in named}
        self.assertEqual(headers, {"HTTP_ACCEPT", "HTTP_X_MULTI"})  # a request header's key each
        self.assertEqual(named - set(observed), set())
