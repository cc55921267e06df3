"""The contract of every public entry point, on each runtime's own interpreter: whatever it is
given (any Python value: bytes, sets, Decimals, NaN, huge ints, surrogates, cycles, deep values,
mappings and iterables that raise when read, any of those at any path of a valid context), it
returns a value of its declared type or raises its one documented error.

FC_CONTEXT_CONTRACT_RUNS sets the number of inputs per entry point (2,000 by default; the
contract holds on 100,000).
"""

import collections.abc
import decimal
import fractions
import json
import logging
import os
import random
import unittest

import fc_context
from fc_context import events, probe
from fc_context.testing import fake_context

from test_fc_context import RUNTIME, module

RUNS = int(os.environ.get("FC_CONTEXT_CONTRACT_RUNS", "2000"))
SEED = 20261124


class Raising(collections.abc.Mapping):
    """A mapping that raises when it is read."""

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        raise RuntimeError("iter")

    def __len__(self):
        raise RuntimeError("len")


class Unhashable:
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        raise RuntimeError("repr")


class RaisingIterable:
    def __iter__(self):
        raise RuntimeError("iter")


class Unprintable:
    """No __dict__, so the probe writes its repr, which raises; and so does its len."""

    __slots__ = ()

    def __repr__(self):
        raise RuntimeError("repr")

    def __len__(self):
        raise RuntimeError("len")


class UnreadableVars:
    @property
    def __dict__(self):  # type: ignore[override]
        raise RuntimeError("vars")


class RaisingProperty:
    @property
    def value(self):
        raise RuntimeError("property")


def cyclic():
    value = {"request_id": "r"}
    value["credentials"] = value
    value["function"] = [value]
    return value


def deep(depth):
    value = "leaf"
    for index in range(depth):
        value = {"k": value} if index % 2 else [value]
    return value


def leaf(rng):
    choices = [
        lambda: None,
        lambda: True,
        lambda: rng.randint(-(2**70), 2**70),
        lambda: rng.choice([0, -1, 1, 2**53, 2**63]),
        lambda: rng.choice([0.5, -0.0, float("nan"), float("inf"), 1e308, 60.0]),
        lambda: "",
        lambda: "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 6))),
        lambda: "\ud800",
        lambda: "x" * rng.randint(1000, 20000),
        lambda: b"bytes",
        lambda: bytearray(b"ba"),
        lambda: {1, 2},
        lambda: frozenset(),
        lambda: (1, "a"),
        lambda: decimal.Decimal("1.5"),
        lambda: fractions.Fraction(1, 3),
        lambda: complex(1, 2),
        lambda: object(),
        lambda: Raising(),
        lambda: Unhashable(),
        lambda: RaisingIterable(),
        lambda: cyclic(),
        lambda: deep(rng.randint(10, 400)),
        lambda: logging.getLogger("x"),
        lambda: [],
        lambda: {},
        lambda: {rng.choice(["a", 1, None, (1,)]): "v"},
        lambda: print,
        lambda: Unprintable(),
        lambda: [Unprintable()],
        lambda: {"k": Unprintable()},
        lambda: UnreadableVars(),
        lambda: RaisingProperty(),
    ]
    return rng.choice(choices)()


def odd_context(rng, canary):
    """A fake context with one arbitrary value set on it or on one of its objects, under a name
    it has, a name that looks secret, or a new one; sometimes the canary under a secret's name."""
    context = fake_context(RUNTIME)
    targets = [context] + [value for value in vars(context).values() if hasattr(value, "__dict__")]
    target = rng.choice(targets)
    secret_names = ["api_token", "password", "access_key_secret"]
    if rng.random() < 0.2:
        setattr(target, rng.choice(secret_names), canary)
    else:
        setattr(target, rng.choice(sorted(vars(target)) + ["extra"] + secret_names), leaf(rng))
    return context


def paths(value, at=()):
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            for inner in paths(item, at + (key,)):
                yield inner


def planted(rng, base):
    """A copy of a valid value with an arbitrary value at an arbitrary path."""
    copy = json.loads(json.dumps(base))
    spots = [at for at in paths(copy) if at]
    if not spots:
        return leaf(rng)
    at = rng.choice(spots)
    parent = copy
    for key in at[:-1]:
        parent = parent[key]
    parent[at[-1]] = leaf(rng)
    return copy


def arbitrary(rng, base):
    return leaf(rng) if rng.random() < 0.35 else planted(rng, base)


def kinds_ok(value, rules, class_name, path, concurrent):
    """Every value of a built context has a type its rule allows (None for text on the concurrent path)."""
    for rule in rules[class_name]:
        item = value[rule.name]
        if rule.class_name is not None:
            if not kinds_ok(item, rules, rule.class_name, path + "/" + rule.name, concurrent):
                return False
        elif item is None:
            if not (rule.nullable or (concurrent and rule.kinds == ("string",))):
                return False
        elif not any(fc_context._runtime._is_kind(item, kind) for kind in rule.kinds):
            return False
        elif "integer" in rule.kinds and not isinstance(item, (int, str)):
            return False
    return True


class Contracts(unittest.TestCase):
    def setUp(self):
        self.rng = random.Random(SEED)
        self.base = module.to_attributes(fake_context(RUNTIME))

    def test_from_dict_returns_a_valid_context_or_raises_the_validation_error(self):
        for _ in range(RUNS):
            value = arbitrary(self.rng, self.base)
            try:
                built = module.from_dict(value)
            except module.FCContextValidationError as error:
                self.assertTrue(error.issues)
                continue
            module.from_dict(module.to_attributes(built))

    @unittest.skipIf(not hasattr(module, "from_json_view"), "no to_json() view on this runtime")
    def test_from_json_view_returns_a_valid_context_or_raises_the_validation_error(self):
        view = module.to_json_view(fake_context(RUNTIME))
        for _ in range(RUNS):
            try:
                built = module.from_json_view(arbitrary(self.rng, view))
            except module.FCContextValidationError as error:
                self.assertTrue(error.issues)
                continue
            module.from_dict(module.to_attributes(built))

    def test_from_headers_returns_a_context_of_the_paths_types_or_raises_the_header_error(self):
        headers = module.to_headers(fake_context(RUNTIME))
        for index in range(RUNS):
            path = "concurrent" if index % 2 else "default"
            value = arbitrary(self.rng, headers)
            if index % 3 == 0 and isinstance(value, dict):
                value = list(value.items())
            try:
                built = module.from_headers(value, path)
            except module.FCHeaderError as error:
                self.assertIn(error.outcome, ("error", "not-invoked", "input"))
                self.assertIsInstance(error.header, str)
                continue
            self.assertTrue(kinds_ok(module.to_attributes(built), module._RULES, "FCContext", "", path == "concurrent"))
        for path in (None, 5, "sideways", Unhashable()):
            with self.assertRaises(module.FCHeaderError):
                module.from_headers(headers, path)  # type: ignore[call-overload]

    def test_to_functions_take_a_context_and_raise_type_error_for_anything_else(self):
        functions = [module.to_attributes, module.to_headers] + (
            [module.to_json_view] if hasattr(module, "to_json_view") else []
        )
        for _ in range(RUNS):
            value = arbitrary(self.rng, self.base)
            for function in functions:
                with self.assertRaises(TypeError):
                    function(value)
        context = fake_context(RUNTIME)
        self.assertTrue(all(isinstance(v, str) for v in module.to_headers(context).values()))

    def test_fake_context_returns_a_valid_context_or_raises_its_documented_errors(self):
        names = [name for name in self.base]
        for _ in range(RUNS):
            runtime = self.rng.choice(
                [RUNTIME, "python3.6", "python2.7", 5, None, b"python3", ("python3",), Unhashable()]
            )
            overrides = {self.rng.choice(names + ["logger", "extra"]): leaf(self.rng)}
            try:
                context = fake_context(runtime, **overrides)  # type: ignore[call-overload]
            except (ValueError, fc_context.FCContextValidationError) as error:
                self.assertTrue(isinstance(error, ValueError) or error.issues)  # type: ignore[attr-defined]
                continue
            module_of = fc_context.for_runtime(runtime)  # type: ignore[arg-type]
            module_of.from_dict(module_of.to_attributes(context))
            self.assertTrue(context.logger is None or isinstance(context.logger, logging.Logger))

    def test_probe_report_describes_any_context_as_json_without_its_secrets(self):
        canary = "CANARY-probe-4be1"
        for index in range(RUNS):
            context = odd_context(self.rng, canary) if index % 5 else leaf(self.rng)
            taken = probe.report(context)
            text = json.dumps(taken, allow_nan=False)
            self.assertEqual(taken["format"], probe.FORMAT)
            self.assertIsInstance(taken["context"]["attributes"], dict)
            self.assertNotIn(canary, text)

    def test_for_runtime_returns_a_module_or_raises_value_error(self):
        # (python3.12's module needs dataclasses, which Python 3.6 lacks: not asked for there)
        for value in [
            "python3",
            "python3.6",
            RUNTIME,
            "python3.99",
            "",
            3.9,
            None,
            b"python3.9",
            ["python3"],
            Unhashable(),
            Raising(),
        ]:
            try:
                self.assertTrue(hasattr(fc_context.for_runtime(value), "from_dict"))  # type: ignore[arg-type]
            except ValueError as error:
                self.assertTrue(str(error).startswith("unknown FC runtime id "))


def event_bytes(rng, base):
    """Bytes a handler might be given: the event's JSON, changed at one place, cut short or corrupted."""
    try:
        text = json.dumps(planted(rng, base) if isinstance(base, dict) else base, default=lambda _: "?").encode("utf-8")
    except (TypeError, ValueError):  # a cycle, or a key JSON cannot hold, planted in it
        text = b'{"cycle": '

    roll = rng.random()
    if roll < 0.2:
        return text[: rng.randint(0, len(text))]
    if roll < 0.4 and text:
        at = rng.randrange(len(text))
        return text[:at] + bytes([rng.randrange(256)]) + text[at + 1 :]
    if roll < 0.5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    return text


class EventContracts(unittest.TestCase):
    """parse, fake_event, the response builders and the body helpers of fc_context.events, per kind."""

    def setUp(self):
        self.rng = random.Random(SEED)
        self.runs = max(RUNS // 10, 50)

    def test_parse_returns_an_event_or_raises_the_validation_error(self):
        for kind in events.KINDS:
            base = events.fake_event(kind)
            for index in range(self.runs):
                data = event_bytes(self.rng, base) if index % 3 else leaf(self.rng)
                try:
                    value = events.parse(kind, data)  # type: ignore[call-overload]
                except events.EventValidationError as error:
                    self.assertTrue(error.issues)
                    self.assertTrue(all(issue.path == "" or issue.path.startswith("/") for issue in error.issues))
                    continue
                try:
                    again = value.encode("utf-8") if isinstance(value, str) else json.dumps(value).encode()
                except TypeError:  # CBOR's byte strings, which JSON cannot write
                    continue
                self.assertEqual(events.parse(kind, again), value)
        with self.assertRaises(ValueError):
            events.parse("s3", b"{}")  # type: ignore[call-overload]

    def test_fake_event_returns_an_event_or_raises_its_documented_errors(self):
        for kind in events.KINDS:
            base = events.fake_event(kind)
            names = sorted(base) if isinstance(base, dict) else []
            for _ in range(self.runs):
                overrides = {self.rng.choice(names + ["extra"]): leaf(self.rng)}
                try:
                    event = events.fake_event(kind, **overrides)  # type: ignore[call-overload]
                except (events.EventValidationError, TypeError, ValueError) as error:
                    self.assertTrue(not isinstance(error, events.EventValidationError) or error.issues)
                    continue
                self.assertEqual(events.parse(kind, json.dumps(event).encode()), event)

    def test_response_builders_and_body_helpers_return_their_types_or_raise_their_errors(self):
        builders = [events.http_trigger_response, events.api_gateway_response]
        helpers = [
            events.http_trigger_event_body,
            events.http_trigger_response_body,
            events.api_gateway_event_body,
            events.api_gateway_response_body,
        ]
        for _ in range(self.runs * 4):
            body = leaf(self.rng)
            for build in builders:
                try:
                    response = build(body, self.rng.choice([200, 404, 200.5, "200", None]))  # type: ignore[arg-type]
                except (TypeError, events.EventValidationError):
                    continue
                self.assertIsInstance(response["body"], str)
            holder = {"body": leaf(self.rng), "isBase64Encoded": self.rng.choice([True, False, "true", None])}
            for helper in helpers:
                try:
                    self.assertIsInstance(helper(self.rng.choice([holder, leaf(self.rng)])), bytes)  # type: ignore
                except events.EventValidationError as error:
                    self.assertTrue(error.issues)


if __name__ == "__main__":
    unittest.main()
