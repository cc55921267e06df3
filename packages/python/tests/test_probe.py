"""fc_context.probe on each runtime's own interpreter: the tree it reports for a context built the
way the runtime builds it is the recorded conformance tree, secrets aside; canary secrets appear
nowhere in a report; the entry points and the clues for runtime and path work.
"""

import io
import json
import logging
import os
import sys
import unittest

import fc_context
from fc_context import probe
from fc_context.testing import fake_context

from test_conformance import OBSERVED_AS, RUNTIME, cases, module, observations

CANARY = "CANARY-7f3e9b2d-secret"
CANARY_TOKEN = "CANARY-token-41c0aa"


SECRET_NAMES = ("access_key_secret", "security_token")


def secrets_of(tree):
    for name, node in tree["attributes"].items():
        if "class" in node:
            for value in secrets_of(node):
                yield value
        elif name in SECRET_NAMES and isinstance(node["value"], str) and len(node["value"]) >= 4:
            yield node["value"]


def redact(tree, secrets):
    """A recorded tree as the probe reports it: secret leaves by type, length and emptiness, and a
    secret's text redacted wherever else it appears (funcraft sends the token 'undefined').
    """
    out = {"class": tree["class"], "attributes": {}}
    for name, node in tree["attributes"].items():
        if "class" in node:
            node = redact(node, secrets)
        elif name in SECRET_NAMES:
            value = node["value"]
            length = None if value is None else len(value)
            node = {"type": node["type"], "secret": True, "length": length, "empty": not value}
        elif isinstance(node.get("value"), str):
            text = node["value"]
            for secret in secrets:
                text = text.replace(secret, "<redacted>")
            node = dict(node, value=text)
        out["attributes"][name] = node
    return out


def without_properties(tree):
    return {
        "class": tree["class"],
        "attributes": {
            name: without_properties(node) if "class" in node else node for name, node in tree["attributes"].items()
        },
    }


def comparable(tree):
    """Arbitrary ints have no value to compare."""
    out = {"class": tree["class"], "attributes": {}}
    for name, node in tree["attributes"].items():
        if "class" in node:
            node = comparable(node)
        elif node.get("arbitrary"):
            node = {"type": node["type"]}
        out["attributes"][name] = node
    return out


def strip_arbitrary(reported, recorded):
    """The reported tree with the value dropped wherever the recorded one says it is arbitrary."""
    out = {"class": reported["class"], "attributes": {}}
    for name, node in reported["attributes"].items():
        seen = recorded["attributes"].get(name, {})
        if "class" in node and "class" in seen:
            node = strip_arbitrary(node, seen)
        elif seen.get("arbitrary"):
            node = {"type": node["type"]}
        out["attributes"][name] = node
    return out


class ProbeTree(unittest.TestCase):
    @unittest.skipIf(OBSERVED_AS is None, "no runtime of this id was observed")
    def test_a_probe_report_is_the_recorded_case(self):
        checked = 0
        for case in cases():
            for path, outcome in observations(case):
                if "context" not in outcome:
                    continue
                with self.subTest(case=case["name"], path=path):
                    built = module.from_headers(case["headers"], path)
                    taken = probe.report(built, path=path)
                    recorded = comparable(redact(outcome["context"], list(secrets_of(outcome["context"]))))
                    reported = strip_arbitrary(without_properties(taken["context"]), outcome["context"])
                    self.assertEqual(reported, recorded)
                    self.assertEqual(taken["path"], {"name": path, "found_by": "event"})
                    checked += 1
        self.assertGreater(checked, 40)

    def test_properties_read_through_to_their_attributes(self):
        taken = probe.report(fake_context(RUNTIME))
        for cls in walk(taken["context"]):
            for name, node in cls.get("properties", {}).items():
                self.assertIn(name, taken["classes"][cls["class"]]["properties"])
                self.assertNotIn("error", node)

    def test_classes_constructors_and_methods(self):
        taken = probe.report(fake_context(RUNTIME))
        root = taken["classes"]["FCContext"]
        # the module that defines the class (python3.10's is python3.9's: one model, one module)
        self.assertEqual(root["module"], module.FCContext.__module__)
        self.assertEqual([p["name"] for p in root["constructor"]][:2], ["account_id", "request_id"])
        self.assertIn("getLogger", [m["name"] for m in root["methods"]])
        for described in taken["classes"].values():
            for method in described["methods"]:
                self.assertFalse(method["name"].startswith("_"))
        self.assertEqual(taken["get_logger"]["type"], "Logger")
        self.assertEqual(set(taken["classes"]), {cls["class"] for cls in walk(taken["context"])})

    def test_to_json_keys(self):
        context = fake_context(RUNTIME)
        taken = probe.report(context)
        if not hasattr(context, "to_json"):
            self.assertIsNone(taken["to_json"])
            return
        written = json.loads(context.to_json())
        self.assertEqual(taken["to_json"]["keys"], list(written))
        self.assertEqual(taken["to_json"]["nested"]["credentials"], list(written["credentials"]))


def walk(tree):
    yield tree
    for node in tree["attributes"].values():
        if "class" in node:
            for inner in walk(node):
                yield inner


class Secrets(unittest.TestCase):
    def setUp(self):
        self.saved = dict(os.environ)
        os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = CANARY + "-env"
        os.environ["ALIBABA_CLOUD_SECURITY_TOKEN"] = CANARY_TOKEN + "-env"

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)

    def canary_context(self):
        context = fake_context(RUNTIME)
        credentials = getattr(context, "credentials", None)
        if credentials is not None:
            credentials.access_key_secret = CANARY
            credentials.security_token = CANARY_TOKEN
        # a secret echoed where no name marks it is caught by the last guard
        context.region = "cn-" + CANARY + "-env"
        return context

    def assert_clean(self, text):
        for canary in (CANARY, CANARY_TOKEN, CANARY + "-env", CANARY_TOKEN + "-env"):
            self.assertNotIn(canary, text)

    def test_no_canary_in_any_report(self):
        context = self.canary_context()
        taken = probe.report(context)
        text = json.dumps(taken)
        self.assert_clean(text)
        self.assertIn("ALIBABA_CLOUD_ACCESS_KEY_SECRET", taken["environment"]["set"])
        if hasattr(context, "credentials"):
            leaf = taken["context"]["attributes"]["credentials"]["attributes"]["access_key_secret"]
            self.assertEqual(leaf, {"type": "str", "secret": True, "length": len(CANARY), "empty": False})
        self.assertIn("<redacted>", taken["context"]["attributes"]["region"]["value"])
        self.assert_clean(probe.handler(b"{}", context))

    def test_secrets_of_other_types_are_hidden_too(self):
        context = fake_context(RUNTIME)
        holder = getattr(context, "credentials", context)
        for value in (987654321, [CANARY], {"k": CANARY}, 12.5):
            holder.access_key_secret = value
            taken = probe.report(context)
            attributes = taken["context"]["attributes"]
            leaf = (attributes["credentials"]["attributes"] if holder is not context else attributes)[
                "access_key_secret"
            ]
            self.assertTrue(leaf["secret"])
            self.assertNotIn("value", leaf)
            text = json.dumps(taken)
            self.assertNotIn(CANARY, text)
            self.assertNotIn("987654321", text)

    def test_an_error_that_quotes_a_secret_is_scrubbed(self):
        context = self.canary_context()

        def leaky():
            raise RuntimeError("cannot serialize " + CANARY_TOKEN + "-env")

        context.to_json = leaky
        context.getLogger = leaky
        taken = probe.report(context)
        self.assertEqual(taken["to_json"]["error"]["type"], "RuntimeError")
        self.assert_clean(json.dumps(taken))


class EntryPoints(unittest.TestCase):
    def test_event_overrides_runtime_and_path(self):
        taken = json.loads(probe.handler(b'{"runtime": "python3.13", "path": "concurrent"}', fake_context(RUNTIME)))
        self.assertEqual(taken["runtime"]["id"], "python3.13")
        self.assertEqual(taken["runtime"]["found_by"], "event")
        self.assertEqual(taken["path"], {"name": "concurrent", "found_by": "event"})
        self.assertEqual(taken["format"], probe.FORMAT)
        self.assertEqual(taken["spec_version"], fc_context.SPEC_VERSION)

    def test_an_event_that_is_not_a_json_object_changes_nothing(self):
        for event in (b"", b"[1]", b"\xff", "plain", None):
            taken = json.loads(probe.handler(event, fake_context(RUNTIME)))
            self.assertEqual(taken["runtime"]["found_by"], "python-version")

    def test_runtime_from_python_version_and_from_the_runtime_folder(self):
        taken = probe.report(fake_context(RUNTIME))
        expected = "python3" if sys.version_info[:2] == (3, 6) else "python3.{}".format(sys.version_info[1])
        self.assertEqual(taken["runtime"]["id"], expected)
        main = sys.modules["__main__"]
        saved = getattr(main, "__file__", None)
        main.__file__ = "/var/fc/runtime/python3.9/bootstrap.py"
        try:
            taken = probe.report(fake_context(RUNTIME))
        finally:
            if saved is None:
                del main.__file__
            else:
                main.__file__ = saved
        self.assertEqual((taken["runtime"]["id"], taken["runtime"]["found_by"]), ("python3.9", "runtime-folder"))

    def test_path_from_instance_concurrency(self):
        saved = os.environ.get("FC_CONCURRENT_LIMIT")
        try:
            for limit, expected in (("2", "concurrent"), ("1", "default"), ("many", "default")):
                os.environ["FC_CONCURRENT_LIMIT"] = limit
                self.assertEqual(probe.report(fake_context(RUNTIME))["path"]["name"], expected)
        finally:
            if saved is None:
                os.environ.pop("FC_CONCURRENT_LIMIT", None)
            else:
                os.environ["FC_CONCURRENT_LIMIT"] = saved

    def test_initializer_report_rides_along(self):
        probe.initializer(fake_context(RUNTIME))
        try:
            taken = json.loads(probe.handler(b"{}", fake_context(RUNTIME)))
        finally:
            probe._initializer_report = None
        self.assertEqual(taken["initializer"]["entry"], "initializer")

    def test_wsgi_app(self):
        statuses = []

        def start_response(status, headers):
            statuses.append(status)

        environ = {
            "fc.context": fake_context(RUNTIME),
            "QUERY_STRING": "runtime=python3.13&x=1",
            "wsgi.input": io.BytesIO(),
        }
        body = b"".join(probe.app(environ, start_response))
        taken = json.loads(body.decode("utf-8"))
        self.assertEqual((statuses[0], taken["entry"], taken["runtime"]["id"]), ("200 OK", "http", "python3.13"))
        body = b"".join(probe.app({}, start_response))
        self.assertEqual(statuses[1][:3], "500")
        self.assertIn("fc.context", json.loads(body.decode("utf-8"))["error"])

    def test_an_fc3_http_trigger_event_gives_runtime_and_path_in_its_query(self):
        # the shape of the FC 3.0 HTTP trigger's v1 event, from the vendor's "request struct" sample
        # (help.aliyun.com, functioncompute fc-3-0 user-guide http-trigger-invoking-function)
        event = {
            "version": "v1",
            "rawPath": "/probe",
            "body": "",
            "isBase64Encoded": False,
            "headers": {"X-Api-Key": CANARY},
            "queryParameters": {"runtime": "python3.10", "path": "concurrent"},
            "requestContext": {"accountId": "123456", "http": {"method": "GET", "path": "/probe"}},
        }
        raw = json.dumps(event).encode("utf-8")
        response = probe.handler(raw, fake_context(RUNTIME))
        self.assertEqual(response["statusCode"], 200)
        self.assertEqual(response["headers"], {"Content-Type": "application/json"})
        self.assertFalse(response["isBase64Encoded"])
        taken = json.loads(response["body"])
        self.assertEqual((taken["runtime"]["id"], taken["runtime"]["found_by"]), ("python3.10", "event"))
        self.assertEqual(taken["path"], {"name": "concurrent", "found_by": "event"})
        self.assertEqual(taken["entry"], "handler")
        self.assertEqual(taken["event"], {"type": "bytes", "length": len(raw), "format": "http-v1"})
        self.assertNotIn(CANARY, response["body"])
        # top-level keys of an HTTP event are not options: only its query is
        event["runtime"] = "python3.9"
        del event["queryParameters"]["runtime"]
        taken = json.loads(probe.handler(json.dumps(event), fake_context(RUNTIME))["body"])
        self.assertEqual(taken["runtime"]["found_by"], "python-version")

    def test_the_event_is_summarised_never_shown(self):
        rows = (
            (
                b'{"runtime": "x", "note": "CANARY-7f3e9b2d-secret"}',
                {"type": "bytes", "length": 50, "format": "json-object"},
            ),
            (b"", {"type": "bytes", "length": 0, "format": "empty"}),
            (b"\xa2gVersion", {"type": "bytes", "length": 9, "format": "other"}),
            ("[1, 2]", {"type": "str", "length": 6, "format": "other"}),
            (None, {"type": "NoneType", "length": None, "format": "none"}),
            ({"path": "default"}, {"type": "dict", "length": None, "format": "json-object"}),
        )
        for event, summary in rows:
            text = probe.handler(event, fake_context(RUNTIME))
            self.assertEqual(json.loads(text)["event"], summary, event)
            self.assertNotIn(CANARY, text)

    def test_the_wsgi_environ_is_named_by_its_fc_keys_never_its_values(self):
        environ = {
            "fc.context": fake_context(RUNTIME),
            "fc.request_uri": "/probe?runtime=python3.9",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": CANARY,
            "HTTP_AUTHORIZATION": CANARY_TOKEN,
            "QUERY_STRING": "runtime=python3.9",
            "wsgi.input": io.BytesIO(),
        }
        body = b"".join(probe.app(environ, lambda status, headers: None)).decode("utf-8")
        taken = json.loads(body)
        self.assertEqual(
            taken["event"], {"type": "environ", "format": "wsgi", "fc_keys": ["fc.context", "fc.request_uri"]}
        )
        self.assertEqual(taken["runtime"]["id"], "python3.9")
        self.assertNotIn(CANARY, body)
        self.assertNotIn(CANARY_TOKEN, body)

    def test_a_plain_logger_on_the_context(self):
        context = fake_context(RUNTIME)
        context.logger = logging.getLogger("fc-request")
        taken = probe.report(context)
        self.assertEqual(taken["context"]["attributes"]["logger"], {"type": "Logger", "root": False})
        self.assertEqual(taken["get_logger"]["name"], "fc-request")
        self.assertTrue(taken["get_logger"]["is_attribute"])


if __name__ == "__main__":
    unittest.main()
