"""What every fc_context runtime module shares: checking an attribute-view dict against the
spec's rules (from_dict), the validation error, and reprs that never show a secret.

Messages say what was expected and what kind of value was found, never a string's content,
exactly as @fc-context/validators words them, so secrets never reach a log.
"""

import binascii
import json
import logging
import math
import os
import re

from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Pattern,
    Sequence,
    Set,
    Tuple,
    Union,
    cast,
)

__all__ = ["FCContextValidationError", "Issue"]

# What a message says of input that raises when read, whatever raised (MESSAGES.md).
_UNREADABLE = "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)"


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
        lines = [
            "  {}: {}".format(issue.path or "(the value)", issue.message) for issue in self.issues
        ]
        super().__init__(
            "Not a valid {} context ({}):\n{}".format(runtime, count, "\n".join(lines))
        )


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
    secret: bool


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
    secret: bool = False,
) -> _Rule:
    compiled = None if pattern is None else re.compile(_python_pattern(pattern))
    return _Rule(
        name,
        kinds,
        nullable,
        class_name,
        min_length,
        max_length,
        minimum,
        maximum,
        compiled,
        secret,
    )


def _python_pattern(pattern: str) -> str:
    # A JSON Schema "$" ends the string; Python's "$" also matches before a final newline.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _check(data: object, rules: _Rules, class_name: str, runtime: str) -> None:
    issues: List[Issue] = []
    try:
        _check_class(data, rules, class_name, "", runtime, issues)
    except Exception:  # a mapping that raises when read is refused, whatever it raised
        issues = [Issue("", _UNREADABLE, "read")]
    if issues:
        raise FCContextValidationError(runtime, issues)


def _check_class(
    data: object, rules: _Rules, class_name: str, path: str, runtime: str, issues: List[Issue]
) -> None:
    if not isinstance(data, Mapping):
        issues.append(
            Issue(
                path,
                "expected {} object, got {}".format(_article(class_name), _describe(data)),
                "type",
            )
        )
        return
    fields = rules[class_name]
    names = {rule.name for rule in fields}
    mapping: Mapping[Any, Any] = data
    for key in mapping:
        if key not in names:
            issues.append(
                Issue(
                    "{}/{}".format(path, _escape(str(key))),
                    "unexpected: {} on {} has no attribute {}".format(
                        class_name, runtime, _quote(key)
                    ),
                    "additionalProperties",
                )
            )
    for rule in fields:
        where = "{}/{}".format(path, rule.name)
        if rule.name not in mapping:
            issues.append(
                Issue(
                    where,
                    'missing: every {} on {} has the attribute "{}"'.format(
                        class_name, runtime, rule.name
                    ),
                    "required",
                )
            )
            continue
        value = mapping[rule.name]
        if value is None:
            if not rule.nullable:
                expected = (
                    _article(rule.class_name) + " object"
                    if rule.class_name
                    else _type_names(rule.kinds, False)
                )
                issues.append(Issue(where, "expected {}, got null".format(expected), "type"))
        elif rule.class_name is not None:
            _check_class(value, rules, rule.class_name, where, runtime, issues)
        else:
            _check_value(value, rule, where, issues)


def _check_value(value: object, rule: _Rule, where: str, issues: List[Issue]) -> None:
    # at a secret's path the value is described by kind alone, whatever its type
    describe = _kind if rule.secret else _describe
    if not any(_is_kind(value, kind) for kind in rule.kinds):
        issues.append(
            Issue(
                where,
                "expected {}, got {}".format(
                    _type_names(rule.kinds, rule.nullable), describe(value)
                ),
                "type",
            )
        )
        return
    if isinstance(value, (Mapping, list, tuple)):
        _json_data(value, where, issues, set())
        return
    if isinstance(value, str):
        length = len(value)
        if rule.min_length is not None and length < rule.min_length:
            at_least = "a string of at least {} characters".format(rule.min_length)
            message = "expected " + ("a non-empty string" if rule.min_length == 1 else at_least)
            issues.append(Issue(where, "{}, got {}".format(message, describe(value)), "minLength"))
        if rule.max_length is not None and length > rule.max_length:
            issues.append(
                Issue(
                    where,
                    "expected a string of at most {} characters, got {}".format(
                        rule.max_length, describe(value)
                    ),
                    "maxLength",
                )
            )
        if rule.pattern is not None and rule.pattern.search(value) is None:
            issues.append(
                Issue(
                    where,
                    "expected a string matching {}, got {} that does not".format(
                        rule.pattern.pattern.replace("\\Z", "$"), describe(value)
                    ),
                    "pattern",
                )
            )
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if rule.minimum is not None and value < rule.minimum:
            issues.append(
                Issue(
                    where,
                    "expected a number >= {}, got {}".format(
                        _number(rule.minimum), describe(value)
                    ),
                    "minimum",
                )
            )
        if rule.maximum is not None and value > rule.maximum:
            issues.append(
                Issue(
                    where,
                    "expected a number <= {}, got {}".format(
                        _number(rule.maximum), describe(value)
                    ),
                    "maximum",
                )
            )


def _is_kind(value: object, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, Mapping)
    if kind == "array":
        return isinstance(value, (list, tuple))
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
    names = ["an " + kind if kind[0] in "aeiou" else "a " + kind for kind in kinds] + (
        ["null"] if nullable else []
    )
    return names[0] if len(names) == 1 else "{} or {}".format(", ".join(names[:-1]), names[-1])


def _kind(value: object) -> str:
    """What a value is, never what it holds: for secrets, and header values that may be secrets."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return _article(type(value).__name__)


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "the boolean {}".format("true" if value else "false")
    if isinstance(value, str):
        return (
            "an empty string"
            if not value
            else "a string of {} character{}".format(len(value), "" if len(value) == 1 else "s")
        )
    if isinstance(value, int):
        return "the integer {}".format(value)
    if isinstance(value, float):
        return (
            "the integer {}".format(int(value))
            if value.is_integer()
            else "the number {}".format(value)
        )
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return _article(type(value).__name__)


def _article(word: str) -> str:
    """'an FCContext': an acronym said with a vowel sound takes 'an', as a vowel does."""
    if re.match(r"[aeiouAEIOU]|[FHLMNRSX][A-Z]", word):
        return "an " + word
    return "a " + word


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
    parts = [
        "{}={}".format(attribute, _secret(value) if secret else repr(value))
        for attribute, value, secret in values
    ]
    return "{}({})".format(name, ", ".join(parts))


def _expect_context(context: object, cls: type, module: str) -> None:
    """The to_* functions take a context of their module; anything else is a TypeError."""
    if not isinstance(context, cls):
        raise TypeError(
            "expected {} of fc_context.{}, got {}".format(
                _article(cls.__name__), module, _kind(context)
            )
        )


def _checked_logger(runtime: str, value: object) -> object:
    """A logger override: None or a logging.Logger, as the runtime holds; nothing else."""
    if value is not None and not isinstance(value, logging.Logger):
        raise FCContextValidationError(
            runtime,
            [
                Issue(
                    "/logger",
                    "expected a logging.Logger or null, got {}".format(_kind(value)),
                    "type",
                )
            ],
        )
    return value


def _merge(base: Dict[str, Any], overrides: Mapping[str, Any]) -> Dict[str, Any]:
    """base with overrides applied; a dict override of a dict value merges into it, recursively."""
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
    """A header set the runtime cannot build a context from, or a header value that is not text.

    outcome says what the runtime does: "error" (it posts an error instead of running the handler),
    "not-invoked" (it drops the invocation: nothing runs, nothing is posted) or "input" (the value
    given is not something a header can hold).
    """

    header: str
    outcome: str

    def __init__(self, header: str, message: str, outcome: str = "error") -> None:
        self.header = header
        self.outcome = outcome
        super().__init__("{}: {}".format(header, message))


_OUTCOMES = {
    "error": "the runtime posts that error as the invocation's result and runs no handler",
    "not-invoked": "the runtime drops the invocation: no handler runs and nothing is posted",
}

HeaderInput = Union[Mapping[str, Union[str, Sequence[str]]], Iterable[Tuple[str, str]]]


def _header_lines(headers: object) -> List[Tuple[str, str]]:
    """The header lines of a mapping (a list value is a repeated header) or of (name, value)
    pairs, in order."""
    try:
        return _lines_of(headers)
    except FCHeaderError:
        raise
    except Exception:  # input that raises when read is refused, whatever it raised
        raise FCHeaderError("(headers)", _UNREADABLE, "input")


def _lines_of(headers: object) -> List[Tuple[str, str]]:
    if isinstance(headers, Mapping):
        pairs = list(headers.items())  # type: List[Any]
    elif (
        isinstance(headers, (list, tuple))
        or hasattr(headers, "__iter__")
        and not isinstance(headers, (str, bytes))
    ):
        pairs = list(cast(Iterable[Any], headers))
    else:
        raise FCHeaderError(
            "(headers)",
            "expected a mapping or (name, value) pairs, got {}".format(_kind(headers)),
            "input",
        )
    lines = []  # type: List[Tuple[str, str]]
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not isinstance(pair[0], str):
            raise FCHeaderError(
                "(headers)", "expected (name, value) pairs, got {}".format(_kind(pair)), "input"
            )
        name, value = pair[0].lower(), pair[1]
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if not isinstance(item, str):
                raise FCHeaderError(name, "expected text, got {}".format(_kind(item)), "input")
            lines.append((name, item))
    return lines


class _Invocation:
    """The headers as one invocation path reads them (spec/README.md, "Invocation paths")."""

    def __init__(self, headers: object, path: Mapping[str, Any]) -> None:
        self._path = path
        self._values = {}  # type: Dict[str, str]
        for name, raw in _header_lines(headers):
            value = (
                raw.encode("utf-8", "surrogatepass").decode("latin-1")
                if path["encoding"] == "latin-1"
                else raw
            )
            value = value.strip(" \t") if path["whitespace"] == "trim" else value.lstrip(" \t")
            if name not in self._values:
                self._values[name] = value
            elif path["repeatedHeader"] == "joined":
                self._values[name] = self._values[name] + ", " + value
        required = path["requiredHeader"]
        if required["absent"] == "not-invoked":
            self._require(required)
        # the conversions the path makes while reading the invocation fail before anything else
        for checked in path["checkedHeaders"]:
            self.number(checked["header"], checked["conversion"])
        for header, conversion in sorted(path["convert"].items()):
            if conversion.get("invalid") == "not-invoked":
                self.number(header)
        if required["absent"] == "error":
            self._require(required)

    def _require(self, required: Mapping[str, str]) -> None:
        if self.text(required["header"]) in (None, ""):
            what = "the runtime fails with TypeError; " if required["absent"] == "error" else ""
            raise FCHeaderError(
                required["header"],
                "missing: " + what + _OUTCOMES[required["absent"]],
                required["absent"],
            )

    def text(self, name: str) -> Any:
        if name in self._values:
            return self._values[name]
        return "" if self._path["absentText"] == "empty-string" else None

    def number(self, name: str, conversion: Optional[Mapping[str, Any]] = None) -> int:
        rule = self._path["convert"][name] if conversion is None else conversion
        if name not in self._values and "absent" in rule:
            absent = rule["absent"]
            return int(self._path["arbitraryInt"] if absent == "arbitrary" else absent)
        value = self.text(name)
        if rule["convert"] == "c-long":
            return _c_long(value or "")
        outcome = rule.get("invalid", "error")
        if value is None:
            raise FCHeaderError(
                name,
                "missing: the runtime's int(None) raises TypeError; " + _OUTCOMES[outcome],
                outcome,
            )
        try:
            return int(value)
        except ValueError:
            message = "expected an integer, got {}: the runtime's int() raises ValueError; ".format(
                _describe(value)
            )
            raise FCHeaderError(name, message + _OUTCOMES[outcome], outcome)

    def logger(self) -> Optional[logging.Logger]:
        if self._path["logger"] == "none":
            return None
        return logging.getLogger(str(self.text(self._path["requiredHeader"]["header"])))


def _c_long(text: str) -> int:
    """The native client's parse: C strtoul(text, NULL, 10) held in a signed 64-bit long."""
    match = re.match(r"[ \t\n\v\f\r]*([+-]?)([0-9]*)", text)
    assert match is not None
    if not match.group(2):
        return 0
    magnitude = int(match.group(2))
    if magnitude >= 2**64:
        return -1  # strtoul saturates at ULONG_MAX, either sign
    unsigned = (2**64 - magnitude) % 2**64 if match.group(1) == "-" else magnitude
    return unsigned - 2**64 if unsigned >= 2**63 else unsigned


def _path(paths: Mapping[str, Mapping[str, Any]], name: object) -> Mapping[str, Any]:
    if not isinstance(name, str) or name not in paths:
        raise FCHeaderError(
            "(path)", 'expected "default" or "concurrent", got {}'.format(_kind(name)), "input"
        )
    return paths[name]


def _header_text(value: object) -> Optional[str]:
    """A text or int attribute as the header an emulator sends; None is not sent."""
    return None if value is None else str(value)


def _baggage_header(value: object) -> Optional[str]:
    """The baggage as its header, base64 of the JSON; {} and None (what an absent header gives
    back) are not sent."""
    if value is None or value == {}:
        return None
    return binascii.b2a_base64(json.dumps(value).encode("utf-8"), newline=False).decode("ascii")


def _json_data(value: object, where: str, issues: List[Issue], open_containers: Set[int]) -> None:
    """A container holds JSON data only: text keys, and values JSON can hold (or a float JSON
    cannot, as the runtime's json.loads makes them); no cycle."""
    if id(value) in open_containers:
        issues.append(Issue(where, "expected JSON data, got a container that holds itself", "type"))
        return
    open_containers.add(id(value))
    if isinstance(value, Mapping):
        items = list(value.items())  # type: List[Tuple[Any, Any]]
    else:
        items = list(enumerate(value))  # type: ignore[arg-type]
    for key, item in items:
        at = "{}/{}".format(where, _escape(str(key)))
        if isinstance(value, Mapping) and not isinstance(key, str):
            issues.append(
                Issue(where, "expected JSON data, got a key that is {}".format(_kind(key)), "type")
            )
        elif isinstance(item, (Mapping, list, tuple)):
            _json_data(item, at, issues, open_containers)
        elif not (item is None or isinstance(item, (str, bool, int, float))):
            issues.append(Issue(at, "expected a JSON value, got {}".format(_kind(item)), "type"))
    open_containers.discard(id(value))


def _json_copy(value: Any) -> Any:
    """A JSON value with its containers copied, so a view never shares them with the context."""
    if isinstance(value, Mapping):
        return {key: _json_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_copy(item) for item in value]
    return value


def _sent(headers: Mapping[str, Optional[str]]) -> Dict[str, str]:
    return {name: value for name, value in headers.items() if value is not None}


def _renamed(
    data: object, keys: Mapping[str, Mapping[str, Tuple[str, Optional[str]]]], class_name: str
) -> object:
    """A to_json view, already checked, with its keys renamed to the attribute names."""
    if not isinstance(data, Mapping):
        return data
    table = keys[class_name]
    out: Dict[str, Any] = {}
    for key, value in data.items():
        attribute, nested = table.get(key, (key, None))
        out[attribute] = _renamed(value, keys, nested) if nested is not None else value
    return out
