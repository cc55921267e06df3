"""Unit tests of one fc_context runtime module, run on that runtime's own interpreter.

FC_CONTEXT_RUNTIME names the runtime (python3, python3.9, python3.10, python3.12) and
FC_CONTEXT_VECTORS the spec/vectors folder. The expectations are the facts of the real runtime
(the sources of spec/sources.json), written out here rather than read from the spec.
"""

import base64
import inspect
import json
import logging
import os
import sys
import unittest

import fc_context
from fc_context.testing import fake_context

RUNTIME = os.environ.get(
    "FC_CONTEXT_RUNTIME", "python3.{}".format(sys.version_info[1]) if sys.version_info[:2] != (3, 6) else "python3"
)
VECTORS = os.environ.get(
    "FC_CONTEXT_VECTORS", os.path.join(os.path.dirname(__file__), "..", "..", "..", "spec", "vectors")
)
module = fc_context.for_runtime(RUNTIME)
# the layout's model of the runtime (the driver, python.test.ts, names it): python3, python3.9 and
# python3.10 share the classic classes; python3.12 has its own
MODEL = os.environ.get("FC_CONTEXT_MODEL", "python3.12" if RUNTIME == "python3.12" else "python3")
CLASSIC = MODEL == "python3"


def params(cls):
    return [(p.name, p.default) for p in inspect.signature(cls.__init__).parameters.values()][1:]


def load_vectors(kind):
    # the vectors of the runtime's model (spec/vectors/README.md): the driver names its folder; each
    # is a whole value or an RFC 6902 patch of the model's base.json
    model = os.path.join(VECTORS, os.environ.get("FC_CONTEXT_VECTOR_FOLDER", RUNTIME))
    with open(os.path.join(model, "base.json"), encoding="utf-8") as handle:
        base = json.load(handle)["value"]
    for name in sorted(os.listdir(os.path.join(model, kind))):
        with open(os.path.join(model, kind, name), encoding="utf-8") as handle:
            vector = json.load(handle)
        if "patch" in vector:
            vector["value"] = apply_patch(base, vector.pop("patch"))
        yield name, vector


def apply_patch(value, patch):
    # the add, remove and replace of RFC 6902, on a copy; spec/vectors/read-vectors.mjs checks the
    # paths and names a bad one, so this reader may trust them
    result = json.loads(json.dumps(value))
    for operation in patch:
        keys = [key.replace("~1", "/").replace("~0", "~") for key in operation["path"].split("/")[1:]]
        if not keys:
            result = operation["value"]
            continue
        parent = result
        for key in keys[:-1]:
            parent = parent[int(key)] if isinstance(parent, list) else parent[key]
        last = keys[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if operation["op"] == "add":
                parent.insert(index, operation["value"])
            elif operation["op"] == "remove":
                del parent[index]
            else:
                parent[index] = operation["value"]
        elif operation["op"] == "remove":
            del parent[last]
        else:
            parent[last] = operation["value"]
    return result


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from strings_in(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings_in(child)


EMPTY = inspect.Parameter.empty


class Module(unittest.TestCase):
    def test_is_the_module_of_this_interpreter(self):
        # the layout's module for the runtime, as the driver names it; else pyXY of this interpreter
        expected = os.environ.get("FC_CONTEXT_PYTHON_MODULE", "py3{}".format(sys.version_info[1]))
        self.assertEqual(module.__name__, "fc_context." + expected)
        self.assertEqual(module.PYTHON_VERSION, "{}.{}".format(*sys.version_info[:2]))
        self.assertEqual(module.SPEC_VERSION, fc_context.__version__)

    def test_python3_and_python3_6_are_one_runtime(self):
        self.assertIs(fc_context.for_runtime("python3.6"), fc_context.for_runtime("python3"))
        self.assertEqual(fc_context.canonical_runtime("python3.6"), "python3")
        for unknown in ("python2.7", "python3.11", "nodejs20", ""):
            with self.assertRaises(ValueError) as caught:
                fc_context.for_runtime(unknown)
            self.assertIn("expected one of python3, python3.6", str(caught.exception))

    @unittest.skipIf(sys.version_info < (3, 7), "fc_context.py39 holds dataclasses, which Python 3.6 lacks")
    def test_python3_10_shares_python3_9s_module_and_reports_its_own_id(self):
        py39, py310 = fc_context.for_runtime("python3.9"), fc_context.for_runtime("python3.10")
        self.assertIs(py310.FCContext, py39.FCContext)
        self.assertIs(py310.from_headers, py39.from_headers)
        self.assertEqual((py310.RUNTIME, py310.PYTHON_VERSION), ("python3.10", "3.10"))
        self.assertTrue(py310.SCHEMA_ID.endswith("/python3.10.schema.json"))
        self.assertIs(type(fake_context("python3.10")), py39.FCContext)
        for build in (py310.from_dict, py310.from_json_view):
            with self.assertRaises(fc_context.FCContextValidationError) as caught:
                build({})
            self.assertEqual(caught.exception.runtime, "python3.10")
            self.assertIn("Not a valid python3.10 context", str(caught.exception))
        with self.assertRaises(fc_context.FCContextValidationError) as caught:
            fake_context("python3.10", logger="not a logger")
        self.assertEqual(caught.exception.runtime, "python3.10")

    def test_dataclasses_from_3_7_plain_classes_on_3_6(self):
        if sys.version_info < (3, 7):
            self.assertFalse(hasattr(module.FCContext, "__dataclass_fields__"))
            return
        import dataclasses

        self.assertTrue(dataclasses.is_dataclass(module.FCContext))
        names = [f.name for f in dataclasses.fields(module.FCContext)]
        self.assertEqual(
            names[:2], ["request_id" if CLASSIC else "account_id", "credentials" if CLASSIC else "request_id"]
        )


@unittest.skipUnless(CLASSIC, "python3, python3.9 and python3.10 share the classic classes")
class ClassicRuntime(unittest.TestCase):
    def make(self, **tracing):
        credentials = module.Credentials("STS.id", "the-secret", "the-token")
        function = module.FunctionMeta("fn", "index.handler", 512, "60")
        service = module.ServiceMeta("svc", "proj", "store", "LATEST", None)
        trace = module.Tracing(tracing.get("span_context"), tracing.get("baggage"), tracing.get("endpoint"))
        return module.FCContext("1234", "req-1", credentials, function, service, "cn-shanghai", trace, None, "0")

    def test_constructors_take_the_runtime_parameters_in_order(self):
        self.assertEqual(
            params(module.FCContext),
            [
                ("account_id", EMPTY),
                ("request_id", EMPTY),
                ("credentials", EMPTY),
                ("function_meta", EMPTY),
                ("service_meta", EMPTY),
                ("region", EMPTY),
                ("tracing", EMPTY),
                ("logger", EMPTY),
                ("retry_count", 0),
            ],
        )
        self.assertEqual(
            params(module.Credentials),
            [("access_key_id", EMPTY), ("access_key_secret", EMPTY), ("security_token", EMPTY)],
        )
        self.assertEqual(
            params(module.ServiceMeta),
            [
                ("service_name", EMPTY),
                ("log_project", EMPTY),
                ("log_store", EMPTY),
                ("qualifier", EMPTY),
                ("version_id", EMPTY),
            ],
        )
        self.assertEqual(
            params(module.Tracing), [("span_context", EMPTY), ("base64_baggages", EMPTY), ("jaeger_endpoint", EMPTY)]
        )
        self.assertEqual(
            params(module.FunctionMeta), [("name", EMPTY), ("handler", EMPTY), ("memory", EMPTY), ("timeout", EMPTY)]
        )

    def test_attributes_and_aliases_as_the_runtime_sets_them(self):
        context = self.make()
        self.assertEqual(context.requestId, "req-1")
        self.assertEqual(context.service.name, "svc")
        self.assertEqual(context.function.name, "fn")
        self.assertEqual(context.retry_count, "0")
        self.assertEqual(
            (context.credentials.accessKeyId, context.credentials.accessKeySecret, context.credentials.securityToken),
            ("STS.id", "the-secret", "the-token"),
        )
        with self.assertRaises(AttributeError):
            context.credentials.accessKeyId = "x"
        self.assertEqual(module.FCContext("a", "r", None, None, None, "cn", None, None).retry_count, 0)

    def test_get_logger_falls_back_to_the_root_logger(self):
        context = self.make()
        self.assertIs(context.getLogger(), logging.getLogger())
        mine = logging.getLogger("request")
        context.logger = mine
        self.assertIs(context.getLogger(), mine)

    def test_to_json_writes_the_runtime_keys_secrets_included(self):
        context = self.make(
            span_context="a:b:0:1", baggage=base64.b64encode(b'{"k": "v"}').decode(), endpoint="http://j"
        )
        data = json.loads(context.to_json())
        self.assertEqual(
            list(data),
            ["requestId", "credentials", "function", "service", "region", "accountId", "retryCount", "tracing"],
        )
        self.assertEqual(
            data["credentials"],
            {"accessKeyId": "STS.id", "accessKeySecret": "the-secret", "securityToken": "the-token"},
        )
        self.assertEqual(
            data["service"],
            {"name": "svc", "logProject": "proj", "logStore": "store", "qualifier": "LATEST", "versionId": None},
        )
        self.assertEqual(data["function"], {"name": "fn", "handler": "index.handler", "memory": 512, "timeout": "60"})
        self.assertEqual(
            data["tracing"],
            {"openTracingSpanContext": "a:b:0:1", "openTracingSpanBaggages": {"k": "v"}, "jaegerEndpoint": "http://j"},
        )
        self.assertEqual(data["retryCount"], "0")
        self.assertIn("Warning", module.FCContext.to_json.__doc__)

    def test_tracing_decodes_baggage_and_logs_failures_to_fc_sys_logger(self):
        self.assertEqual(module.Tracing(None, None, None).span_baggages, {})
        self.assertEqual(module.Tracing(None, "", None).span_baggages, {})
        with self.assertLogs("fc_sys_logger", level="ERROR") as logs:
            self.assertEqual(module.Tracing(None, "bm90IGpzb24=", None).span_baggages, {})
        self.assertEqual(len(logs.output), 1)
        self.assertTrue(
            logs.records[0].getMessage().startswith("Failed to parse base64 opentracing baggages:[bm90IGpzb24=], err: ")
        )

    def test_repr_and_str_never_show_secrets(self):
        context = self.make()
        for text in (repr(context), str(context), repr(context.credentials), str(context.credentials)):
            self.assertNotIn("the-secret", text)
            self.assertNotIn("the-token", text)
        self.assertIn("access_key_secret=<set>", repr(context.credentials))
        self.assertIn("access_key_id='STS.id'", repr(context.credentials))
        self.assertIn("security_token=<empty>", repr(module.Credentials("", "", "")))

    def test_equality_by_value(self):
        self.assertEqual(self.make(), self.make())
        self.assertNotEqual(self.make(), self.make(span_context="a:b:0:1"))

    def test_code_written_for_the_real_runtime_runs_unchanged(self):
        def handler(event, context):
            endpoint = "oss-%s-internal.aliyuncs.com" % context.region
            creds = context.credentials
            client = (creds.accessKeyId, creds.accessKeySecret, creds.securityToken, creds.access_key_id)
            context.getLogger().info("request %s", context.requestId)
            parts = context.tracing.span_context.split(":") if context.tracing.span_context else []
            return endpoint, client, context.service.name, context.service.qualifier, parts

        result = handler({}, fake_context(RUNTIME, tracing={"span_context": "ab:cd:0:1"}))
        self.assertEqual(result[0], "oss-cn-shanghai-internal.aliyuncs.com")
        self.assertEqual(result[4], ["ab", "cd", "0", "1"])


@unittest.skipUnless(MODEL == "python3.12", "python3.12 has its own reduced classes")
class Python312Runtime(unittest.TestCase):
    def test_constructors_take_the_runtime_parameters_in_order(self):
        self.assertEqual(
            params(module.FCContext),
            [
                (n, EMPTY)
                for n in ("account_id", "request_id", "function_meta", "logger", "log_project", "log_store", "region")
            ],
        )
        self.assertEqual(
            params(module.FunctionMeta),
            [(n, EMPTY) for n in ("name", "handler", "memory", "timeout", "version_id", "qualifier")],
        )

    def test_has_no_credentials_service_tracing_or_retry_count(self):
        context = fake_context("python3.12")
        for gone in ("credentials", "service", "tracing", "retry_count", "requestId"):
            self.assertFalse(hasattr(context, gone), gone)
        self.assertFalse(hasattr(module, "Credentials"))
        self.assertEqual(context.function.qualifier, "LATEST")

    def test_logger_is_a_logging_logger_from_get_logger(self):
        context = fake_context("python3.12")
        self.assertIsNone(context.logger)
        self.assertIsInstance(context.getLogger(), logging.Logger)


class FromDict(unittest.TestCase):
    def test_accepts_every_valid_vector_and_keeps_its_values(self):
        for name, vector in load_vectors("valid"):
            with self.subTest(vector=name):
                context = module.from_dict(vector["value"])
                self.assertEqual(context.request_id, vector["value"]["request_id"])
                self.assertEqual(context.function.memory, vector["value"]["function"]["memory"])
                if CLASSIC:
                    self.assertEqual(context.tracing.span_baggages, vector["value"]["tracing"]["span_baggages"])
                    self.assertEqual(json.loads(context.to_json())["retryCount"], vector["value"]["retry_count"])

    def test_rejects_every_invalid_vector_at_its_fault_without_echoing_strings(self):
        for name, vector in load_vectors("invalid"):
            with self.subTest(vector=name):
                with self.assertRaises(fc_context.FCContextValidationError) as caught:
                    module.from_dict(vector["value"])
                issues = caught.exception.issues
                self.assertTrue(issues)
                self.assertEqual([issue.path for issue in issues], [vector["fault"]] * len(issues))
                for text in (s for s in strings_in(vector["value"]) if len(s) >= 8):
                    self.assertNotIn(text, str(caught.exception))

    def test_lists_every_fault_in_one_error(self):
        with self.assertRaises(fc_context.FCContextValidationError) as caught:
            module.from_dict({"request_id": 5, "unknown": 1})
        paths = [issue.path for issue in caught.exception.issues]
        self.assertIn("/request_id", paths)
        self.assertIn("/unknown", paths)
        self.assertIn("/function", paths)
        self.assertTrue(
            str(caught.exception).startswith("Not a valid {} context (".format(fc_context.canonical_runtime(RUNTIME)))
        )


def as_sent(value, path=""):
    """What comes back through headers on the default path: None is not sent, so it returns as ''
    ({} for the baggage)."""
    if path == "/tracing/span_baggages":
        return {} if value is None else value
    if isinstance(value, dict):
        return {key: as_sent(child, path + "/" + key) for key, child in value.items()}
    return "" if value is None else value


class WireForms(unittest.TestCase):
    def test_attribute_view_round_trips_every_valid_vector(self):
        for name, vector in load_vectors("valid"):
            with self.subTest(vector=name):
                self.assertEqual(module.to_attributes(module.from_dict(vector["value"])), vector["value"])

    def test_headers_round_trip_every_valid_vector_as_the_runtime_allows(self):
        for name, vector in load_vectors("valid"):
            with self.subTest(vector=name):
                headers = module.to_headers(module.from_dict(vector["value"]))
                self.assertTrue(all(isinstance(v, str) for v in headers.values()))
                shouted = {key.upper(): value for key, value in headers.items()}
                self.assertEqual(module.to_attributes(module.from_headers(shouted)), as_sent(vector["value"]))

    @unittest.skipUnless(CLASSIC, "python3.12 has no to_json")
    def test_json_view_round_trips_every_valid_vector(self):
        for name, vector in load_vectors("valid"):
            with self.subTest(vector=name):
                view = module.to_json_view(module.from_dict(vector["value"]))
                self.assertIn("requestId", view)
                self.assertEqual(module.to_attributes(module.from_json_view(view)), vector["value"])

    @unittest.skipUnless(CLASSIC, "python3.12 has no to_json")
    def test_json_view_faults_are_reported_by_attribute_path(self):
        view = module.to_json_view(fake_context(RUNTIME))
        view["function"]["memory"] = "512"
        with self.assertRaises(fc_context.FCContextValidationError) as caught:
            module.from_json_view(view)
        self.assertEqual([issue.path for issue in caught.exception.issues], ["/function/memory"])

    def test_header_rules(self):
        headers = module.to_headers(fake_context(RUNTIME, function={"timeout": 60}))
        headers.pop("x-fc-region")
        context = module.from_headers(headers)
        self.assertEqual(context.region, "")
        self.assertIsNone(module.from_headers(headers, "concurrent").region)
        self.assertEqual(context.function.timeout, 60)
        self.assertEqual(context.function.memory, int(headers["x-fc-function-memory"]))
        for memory in (None, "lots", ""):
            broken = dict(headers)
            if memory is None:
                del broken["x-fc-function-memory"]
            else:
                broken["x-fc-function-memory"] = memory
            with self.assertRaises(module.FCHeaderError) as caught:
                module.from_headers(broken)
            self.assertTrue(str(caught.exception).startswith("x-fc-function-memory: "))
        if CLASSIC:
            baggage = dict(
                headers, **{"x-fc-tracing-opentracing-span-baggages": base64.b64encode(b'{"k": "v"}').decode()}
            )
            self.assertEqual(module.from_headers(baggage).tracing.span_baggages, {"k": "v"})
            with self.assertLogs("fc_sys_logger", level="ERROR"):
                broken = dict(headers, **{"x-fc-tracing-opentracing-span-baggages": "%%%"})
                self.assertEqual(module.from_headers(broken).tracing.span_baggages, {})


class FakeContext(unittest.TestCase):
    def test_is_realistic_valid_and_fresh_each_call(self):
        first, second = fake_context(RUNTIME), fake_context(RUNTIME)
        self.assertIsInstance(first, module.FCContext)
        self.assertNotEqual(first.request_id, second.request_id)
        self.assertRegex(first.request_id, r"^1-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{12}$")
        self.assertIsInstance(first.function.memory, int)

    def test_merges_nested_overrides(self):
        context = fake_context(RUNTIME, function={"memory": 1024}, region="cn-hangzhou")
        self.assertEqual(context.function.memory, 1024)
        self.assertEqual(context.function.handler, fake_context(RUNTIME).function.handler)
        self.assertEqual(context.region, "cn-hangzhou")

    def test_sets_python_only_attributes_and_rejects_impossible_overrides(self):
        logger = logging.getLogger("mine")
        self.assertIs(fake_context(RUNTIME, logger=logger).getLogger(), logger)
        with self.assertRaises(fc_context.FCContextValidationError) as caught:
            fake_context(RUNTIME, function={"memory": "1024"}, colour="blue")
        self.assertEqual(sorted(issue.path for issue in caught.exception.issues), ["/colour", "/function/memory"])


if __name__ == "__main__":
    unittest.main()
