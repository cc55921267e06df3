"""What every fc_context runtime module shares: checking an attribute-view dict against the
spec's rules (from_dict), the validation error, and reprs that never show a secret.

Messages say what was expected and what kind of value was found, never a string's content,
exactly as @fc-context/validators words them, so secrets never reach a log.
"""

import binascii
import json
import math
import os
import re

from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Pattern, Sequence, Tuple

__all__ = ["FCContextValidationError", "Issue"]


class Issue(NamedTuple):
    """One fault of a value: where (a JSON pointer), what was expected, and the rule that failed."""

    path: str
    message: str
    keyword: str


class FCContextValidationError(ValueError):
    """Raised by from_dict (and fake_context): the message lists every issue."""

    runtime: str
    issues: List[Issue]

    def __init__(self, runtime: str, issues: Sequence[Issue]) -> None:
        self.runtime = runtime
        self.issues = list(issues)
        count = "1 issue" if len(self.issues) == 1 else "{} issues".format(len(self.issues))
        lines = ["  {}: {}".format(issue.path or "(the value)", issue.message) for issue in self.issues]
        super().__init__("Not a valid {} context ({}):\n{}".format(runtime, count, "\n".join(lines)))


class _Rule(NamedTuple):
    name: str
    kinds: Tuple[str, ...]
    nullable: bool
    class_name: Optional[str]
    min_length: Optional[int]
    max_length: Optional[int]
    minimum: Optional[float]
    maximum: Optional[float]
    pattern: Optional[Pattern[str]]


_Rules = Mapping[str, Tuple[_Rule, ...]]


def _rule(
    name: str,
    kinds: Tuple[str, ...],
    nullable: bool = False,
    class_name: Optional[str] = None,
    min_length: Optional[int] = None,
    max_length: Optional[int] = None,
    minimum: Optional[float] = None,
    maximum: Optional[float] = None,
    pattern: Optional[str] = None,
) -> _Rule:
    return _Rule(name, kinds, nullable, class_name, min_length, max_length, minimum, maximum, None if pattern is None else re.compile(_python_pattern(pattern)))


def _python_pattern(pattern: str) -> str:
    # A JSON Schema "$" ends the string; Python's "$" also matches before a final newline.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _check(data: object, rules: _Rules, class_name: str, runtime: str) -> None:
    issues: List[Issue] = []
    _check_class(data, rules, class_name, "", runtime, issues)
    if issues:
        raise FCContextValidationError(runtime, issues)


def _check_class(data: object, rules: _Rules, class_name: str, path: str, runtime: str, issues: List[Issue]) -> None:
    if not isinstance(data, Mapping):
        issues.append(Issue(path, "expected a {} object, got {}".format(class_name, _describe(data)), "type"))
        return
    fields = rules[class_name]
    names = {rule.name for rule in fields}
    mapping: Mapping[Any, Any] = data
    for key in mapping:
        if key not in names:
            issues.append(Issue("{}/{}".format(path, _escape(str(key))), "unexpected: {} on {} has no attribute {}".format(class_name, runtime, _quote(key)), "additionalProperties"))
    for rule in fields:
        where = "{}/{}".format(path, rule.name)
        if rule.name not in mapping:
            issues.append(Issue(where, 'missing: every {} on {} has the attribute "{}"'.format(class_name, runtime, rule.name), "required"))
            continue
        value = mapping[rule.name]
        if value is None:
            if not rule.nullable:
                expected = "a {} object".format(rule.class_name) if rule.class_name else _type_names(rule.kinds, False)
                issues.append(Issue(where, "expected {}, got null".format(expected), "type"))
        elif rule.class_name is not None:
            _check_class(value, rules, rule.class_name, where, runtime, issues)
        else:
            _check_value(value, rule, where, issues)


def _check_value(value: object, rule: _Rule, where: str, issues: List[Issue]) -> None:
    if not any(_is_kind(value, kind) for kind in rule.kinds):
        issues.append(Issue(where, "expected {}, got {}".format(_type_names(rule.kinds, rule.nullable), _describe(value)), "type"))
        return
    if isinstance(value, str):
        length = len(value)
        if rule.min_length is not None and length < rule.min_length:
            message = "expected a non-empty string" if rule.min_length == 1 else "expected a string of at least {} characters".format(rule.min_length)
            issues.append(Issue(where, "{}, got {}".format(message, _describe(value)), "minLength"))
        if rule.max_length is not None and length > rule.max_length:
            issues.append(Issue(where, "expected a string of at most {} characters, got {}".format(rule.max_length, _describe(value)), "maxLength"))
        if rule.pattern is not None and rule.pattern.search(value) is None:
            issues.append(Issue(where, "expected a string matching {}, got {} that does not".format(rule.pattern.pattern.replace("\\Z", "$"), _describe(value)), "pattern"))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if rule.minimum is not None and value < rule.minimum:
            issues.append(Issue(where, "expected a number >= {}, got {}".format(_number(rule.minimum), _describe(value)), "minimum"))
        if rule.maximum is not None and value > rule.maximum:
            issues.append(Issue(where, "expected a number <= {}, got {}".format(_number(rule.maximum), _describe(value)), "maximum"))


def _is_kind(value: object, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, Mapping)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    # JSON has one number type: 60.0 is the integer 60, as JSON Schema (and JavaScript) see it.
    return kind == "number" or isinstance(value, int) or value.is_integer()


def _integral(value: Any) -> Any:
    """An integral float (60.0, as JSON may carry an int) as the int the runtime holds."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _type_names(kinds: Tuple[str, ...], nullable: bool) -> str:
    names = ["an " + kind if kind[0] in "aeiou" else "a " + kind for kind in kinds] + (["null"] if nullable else [])
    return names[0] if len(names) == 1 else "{} or {}".format(", ".join(names[:-1]), names[-1])


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "the boolean {}".format("true" if value else "false")
    if isinstance(value, str):
        return "an empty string" if not value else "a string of {} character{}".format(len(value), "" if len(value) == 1 else "s")
    if isinstance(value, int):
        return "the integer {}".format(value)
    if isinstance(value, float):
        return "the integer {}".format(int(value)) if value.is_integer() else "the number {}".format(value)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return "a {}".format(type(value).__name__)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _quote(key: object) -> str:
    text = json.dumps(str(key))
    return text if len(text) <= 62 else text[:58] + '..."'


def _secret(value: object) -> str:
    if value is None:
        return "None"
    return "<set>" if value else "<empty>"


def _repr(name: str, values: Sequence[Tuple[str, object, bool]]) -> str:
    """ClassName(attr=value, ...), with secret values shown only as set or empty."""
    parts = ["{}={}".format(attribute, _secret(value) if secret else repr(value)) for attribute, value, secret in values]
    return "{}({})".format(name, ", ".join(parts))


def _merge(base: Dict[str, Any], overrides: Mapping[str, Any]) -> Dict[str, Any]:
    """base with overrides applied; a dict override of a dict value is merged into it, recursively."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _fresh_request_id() -> str:
    """A request id in FC's format, new on every call (for fakes)."""
    value = binascii.hexlify(os.urandom(14)).decode("ascii")
    return "1-{}-{}-{}".format(value[:8], value[8:16], value[16:28])


class FCHeaderError(ValueError):
    """A header the runtime cannot turn into a context, as its int() would fail on it."""

    header: str

    def __init__(self, header: str, message: str) -> None:
        self.header = header
        super().__init__("{}: {}".format(header, message))


def _lowered(headers: Mapping[str, str]) -> Dict[str, str]:
    # HTTP header names are case-insensitive; the runtime reads them lower case
    return {str(name).lower(): value for name, value in headers.items()}


def _get(headers: Mapping[str, str], name: str) -> Any:
    return headers.get(name)


def _header_int(headers: Mapping[str, str], name: str) -> int:
    value = headers.get(name)
    if value is None:
        raise FCHeaderError(name, "missing: the runtime converts it with int(), which fails without it")
    try:
        return int(value)
    except ValueError:
        raise FCHeaderError(name, "expected an integer, got {}: the runtime's int() fails on it".format(_describe(value)))


def _header_text(value: object) -> Optional[str]:
    """A value as the header an emulator sends: None and {} are not sent; a dict is base64 JSON."""
    if value is None or value == {}:
        return None
    if isinstance(value, Mapping):
        return binascii.b2a_base64(json.dumps(value).encode("utf-8"), newline=False).decode("ascii")
    return str(value)


def _sent(headers: Mapping[str, Optional[str]]) -> Dict[str, str]:
    return {name: value for name, value in headers.items() if value is not None}


def _renamed(data: object, keys: Mapping[str, Mapping[str, Tuple[str, Optional[str]]]], class_name: str) -> object:
    """A to_json view with its keys renamed to the attribute names; anything else left for from_dict to flag."""
    if not isinstance(data, Mapping):
        return data
    table = keys[class_name]
    out: Dict[str, Any] = {}
    for key, value in data.items():
        attribute, nested = table.get(key, (key, None))
        out[attribute] = _renamed(value, keys, nested) if nested is not None else value
    return out
