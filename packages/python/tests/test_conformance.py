"""The conformance suite in Python, run on each runtime's own interpreter: every recorded
invocation of spec/conformance/ (FC_CONTEXT_CONFORMANCE), replayed through from_headers on each
invocation path, must build exactly what the runtime built, Python types included, or fail the
way the runtime did. python3.10 follows the python3.9 observations; python3.12 has none.
"""

import json
import logging
import math
import os
import sys
import unittest

import fc_context

RUNTIME = os.environ.get(
    "FC_CONTEXT_RUNTIME", "python3.{}".format(sys.version_info[1]) if sys.version_info[:2] != (3, 6) else "python3"
)
CONFORMANCE = os.environ.get(
    "FC_CONTEXT_CONFORMANCE", os.path.join(os.path.dirname(__file__), "..", "..", "..", "spec", "conformance")
)
module = fc_context.for_runtime(RUNTIME)
OBSERVED_AS = {"python3": "python3", "python3.6": "python3", "python3.9": "python3.9", "python3.10": "python3.9"}.get(
    RUNTIME
)


def load(name):
    with open(os.path.join(CONFORMANCE, name), encoding="utf-8") as handle:
        return json.load(handle)


def cases():
    folder = os.path.join(CONFORMANCE, "cases")
    return [load(os.path.join("cases", name)) for name in sorted(os.listdir(folder))]


def revive(value):
    """JSON's stand-ins for floats it cannot hold, as the data writes them."""
    if isinstance(value, dict):
        if set(value) == {"__float__"}:
            return float(value["__float__"])
        return {key: revive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [revive(item) for item in value]
    return value


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def mismatches(obj, tree, at=""):
    """Every difference between vars(obj), recursively, and the runtime's recorded tree."""
    out = []
    if type(obj).__name__ != tree["class"]:
        out.append("{}: class {}, expected {}".format(at or "/", type(obj).__name__, tree["class"]))
    attributes = vars(obj)
    for name in sorted(set(attributes) - set(tree["attributes"])):
        out.append("{}/{}: built, but the runtime has no such attribute".format(at, name))
    for name, node in tree["attributes"].items():
        where = "{}/{}".format(at, name)
        if name not in attributes:
            out.append("{}: missing".format(where))
            continue
        value = attributes[name]
        if "class" in node:
            out.extend(mismatches(value, node, where))
        elif node["type"] == "Logger":
            if not isinstance(value, logging.Logger) or (value is logging.getLogger()) != node["root"]:
                out.append("{}: expected a logger (root: {}), built {!r}".format(where, node["root"], value))
        elif type(value).__name__ != node["type"]:
            out.append("{}: expected a {}, built {!r}".format(where, node["type"], value))
        elif not node.get("arbitrary") and not same(value, revive(node["value"])):
            out.append("{}: expected {!r}, built {!r}".format(where, node["value"], value))
    return out


def observations(case):
    """(path, outcome) for each path the case observed for this runtime."""
    default = case["observed"].get("default", {}).get(OBSERVED_AS)
    concurrent = case["observed"].get("concurrent")
    return [
        (path, outcome) for path, outcome in (("default", default), ("concurrent", concurrent)) if outcome is not None
    ]


@unittest.skipIf(OBSERVED_AS is None, "no runtime of this id was observed")
class Conformance(unittest.TestCase):
    def check(self, case, path, outcome):
        with self.subTest(case=case["name"], path=path):
            if "context" in outcome:
                built = module.from_headers(case["headers"], path)
                self.assertEqual(mismatches(built, outcome["context"]), [])
            else:
                with self.assertRaises(module.FCHeaderError) as caught:
                    module.from_headers(case["headers"], path)
                self.assertEqual(caught.exception.outcome, "error" if "error" in outcome else "not-invoked")

    def test_every_case_on_both_paths(self):
        recorded = cases()
        self.assertGreaterEqual(len(recorded), 30)
        for case in recorded:
            # a case from a probe report holds one runtime and one path
            for path, outcome in observations(case):
                self.check(case, path, outcome)

    def test_client_contexts_validate_with_their_to_json_view(self):
        for case in [c for c in cases() if not c["origin"].startswith("probe:")]:
            with self.subTest(case=case["name"]):
                context = module.from_headers(case["headers"])
                for retry in (context.retry_count, -1, 2**63 - 1, -(2**63)):
                    context.retry_count = retry
                    again = module.from_dict(module.to_attributes(context))
                    self.assertEqual(again, context)
                    self.assertEqual(module.from_json_view(json.loads(context.to_json())), context)

    def test_baggage_parser(self):
        for entry in load("baggage.json"):
            with self.subTest(name=entry["name"]):
                expected = entry["observed"][OBSERVED_AS]
                value = module.Tracing("", entry["header_value"], "").span_baggages
                self.assertEqual(type(value).__name__, expected["type"])
                self.assertTrue(same(value, revive(expected["value"])), repr(value))

    def test_list_baggage_survives_every_view(self):
        case = [c for c in cases() if c["name"] == "probe-baggage-list"][0]
        context = module.from_headers(case["headers"])
        self.assertEqual(context.tracing.span_baggages, [1, 2])
        self.assertEqual(module.to_attributes(context)["tracing"]["span_baggages"], [1, 2])
        self.assertEqual(module.from_dict(module.to_attributes(context)), context)


if __name__ == "__main__":
    unittest.main()
