"""The Python side of the differential fuzzer: one long-lived process per interpreter.

Reads one JSON request per line on stdin, {"id", "runtime", "form", "path", "cases"}, and writes
one JSON response per line on stdout, {"id", "results"}, a result per case:
- every form: {"context": to_attributes(...)} of what from_dict, from_json_view or from_headers (on the
  request's path) built; for "attributes" also what to_headers and to_json_view write of it, and for
  "json" what to_json_view writes of it;
- forms "attributes" and "json", when the case is refused: {"issues": [[path, keyword], ...]};
- form "headers", when the headers are refused: {"error": {"outcome", "header"}}; when the context holds an
  int past 2**53 - 1 in magnitude, also "inexact": the headers that carry one (TypeScript refuses such a
  context, naming one of them, rather than round the int);
- form "event" (with "kind"): each case is {"bytes": base64}; {"value": ...} of what
  fc_context.events.parse(kind, bytes) returns, byte strings written {"__bytes__": base64}, or
  {"issues": [[path, keyword], ...]} when it raises EventValidationError;
- any other exception: {"crash": "Type: message"}.
Floats JSON cannot hold are written {"__float__": "nan" | "inf" | "-inf"}, as the conformance data does;
ints past 2**53 - 1 and below 10**21 in magnitude {"__int__": digits}, which JSON.parse would round to a
neighbour (TypeScript's canonical form marks its own the same way, with the digits JSON.stringify wrote and
Python read; from 10**21 on both hold a double's value, which the digits carry exactly).
A float a field holds where its rule allows no "number" is written {"__float__": repr}: JSON alone
would print 128.0 as 128, and TypeScript, which has one number type, would then agree with a context
whose memory is a float where the runtime builds an int.
"""

import base64
import binascii
import json
import math
import sys

import fc_context
from fc_context import events


SAFE = 2**53 - 1


def encode(value):
    if isinstance(value, int) and not isinstance(value, bool) and SAFE < abs(value) < 10**21:
        return {"__int__": str(value)}
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return {"__float__": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    return value


def typed(context, rules, class_name="FCContext"):
    """The attribute view with each float a field should not hold marked, so that its type compares too."""
    out = dict(context)
    for rule in rules[class_name]:
        item = out.get(rule.name)
        if rule.class_name is not None and isinstance(item, dict):
            out[rule.name] = typed(item, rules, rule.class_name)
        elif isinstance(item, float) and "number" not in rule.kinds:
            out[rule.name] = {"__float__": repr(item)}
    return out


def attributes(module, context):
    """The attribute view of a built context, as the result compares it."""
    return encode(typed(module.to_attributes(context), module._RULES))


def written(module, context):
    """A context from an attribute view, with the headers and the to_json() view it is written as."""
    result = {"context": attributes(module, context), "headers": module.to_headers(context)}
    if hasattr(module, "to_json_view"):
        result["json"] = encode(module.to_json_view(context))
    return result


def holds_inexact(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) > SAFE
    if isinstance(value, dict):
        return any(holds_inexact(item) for item in value.values())
    if isinstance(value, list):
        return any(holds_inexact(item) for item in value)
    return False


def inexact_headers(module, context):
    """The headers whose value, as to_headers writes it, is an int or base64 JSON holding an int past 2**53 - 1."""
    found = []
    for name, text in module.to_headers(context).items():
        try:
            value = int(text)
        except ValueError:
            try:
                value = json.loads(base64.b64decode(text, validate=True).decode("utf-8"))
            except (ValueError, binascii.Error):
                continue
        if holds_inexact(value):
            found.append(name)
    return found


def from_headers(module, case, path):
    context = module.from_headers(case, path)
    result = {"context": attributes(module, context)}
    inexact = inexact_headers(module, context)
    if inexact:
        result["inexact"] = inexact
    return result


def issues(error):
    return {"issues": sorted({(issue.path, issue.keyword) for issue in error.issues})}


def run(module, form, path, case):
    try:
        if form == "attributes":
            return written(module, module.from_dict(case))
        if form == "json":
            view = module.from_json_view(case)
            return {"context": attributes(module, view), "json": encode(module.to_json_view(view))}
        return from_headers(module, case, path)
    except module.FCContextValidationError as error:
        return issues(error)
    except module.FCHeaderError as error:
        return {"error": {"outcome": error.outcome, "header": error.header}}
    except Exception as error:  # a crash is a finding, reported as one
        return {"crash": "{}: {}".format(type(error).__name__, str(error)[:300])}


def parse_event(kind, case):
    try:
        return {"value": encode(events.parse(kind, base64.b64decode(case["bytes"])))}
    except events.EventValidationError as error:
        return issues(error)
    except Exception as error:  # a crash is a finding, reported as one
        return {"crash": "{}: {}".format(type(error).__name__, str(error)[:300])}


def main():
    modules = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request["form"] == "event":
            results = [parse_event(request["kind"], case) for case in request["cases"]]
            sys.stdout.write(json.dumps({"id": request["id"], "results": results}) + "\n")
            sys.stdout.flush()
            continue
        runtime = request["runtime"]
        if runtime not in modules:
            modules[runtime] = fc_context.for_runtime(runtime)
        module = modules[runtime]
        results = [run(module, request["form"], request.get("path", "default"), case) for case in request["cases"]]
        sys.stdout.write(json.dumps({"id": request["id"], "results": results}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
