"""Decoding and checking trigger events: what fc_context.events builds on (standard library only).

The generator copies this file into the package as fc_context/_events.py. A handler's event
arrives as bytes (FC passes the invocation body through unparsed); decode() turns them into the
value the kind's bytes hold (JSON; JSON or plain text; CBOR), issues() lists every fault of that
value against the kind's schema, walking the keywords the event specs use, as the TypeScript
validators' events/runtime.js does, with the same pointers and words. Messages never show a
string's content.
"""

import base64
import binascii
import json
import math
import re
import struct
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

Bytes = Union[bytes, bytearray, memoryview]

# Deeper nesting than any event has; a hostile CBOR item or JSON text stops here, not at the
# interpreter's recursion limit.
MAX_DEPTH = 256


class EventIssue(NamedTuple):
    """One fault of an event: where (a JSON pointer), what was expected, the rule that failed."""

    path: str
    message: str
    keyword: str


class EventValidationError(ValueError):
    """Raised by parse() and the parse_<kind>() functions: the message lists every issue."""

    kind: str
    issues: List[EventIssue]

    def __init__(self, kind: str, issues: Sequence[EventIssue]) -> None:
        self.kind = kind
        self.issues = list(issues)
        count = "1 issue" if len(self.issues) == 1 else "{} issues".format(len(self.issues))
        lines = [
            "  {}: {}".format(issue.path or "(the event)", issue.message) for issue in self.issues
        ]
        super().__init__("Not a valid {} event ({}):\n{}".format(kind, count, "\n".join(lines)))


def decode(kind: str, arrives: str, data: object) -> Any:
    """
    The value an event's bytes hold, as its kind says they are encoded (a str as UTF-8). A CBOR
    kind takes JSON text too, as a console test or `s invoke` sends it: a CBOR event is a map, and
    no CBOR map starts with the byte of "{" or of white space.
    """
    if isinstance(data, (str, bytes, bytearray, memoryview)):
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    else:
        got = "None" if data is None else "a {}".format(type(data).__name__)
        raise EventValidationError(
            kind, [EventIssue("", "expected bytes, got {}".format(got), "read")]
        )
    if arrives == "cbor" and not _json_text(raw):
        if isinstance(data, str):
            raise EventValidationError(
                kind, [EventIssue("", "expected bytes of CBOR, got a str", "read")]
            )
        try:
            return decode_cbor(raw)
        except CborError as error:
            raise EventValidationError(kind, [EventIssue("", "not CBOR: {}".format(error), "read")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        issue = EventIssue(
            "",
            "not UTF-8: byte {} cannot start or continue a character".format(error.start),
            "read",
        )
        raise EventValidationError(kind, [issue])
    text = text[1:] if text.startswith("\ufeff") else text
    try:
        value = _json_loads(text)
    except ValueError as error:
        if arrives == "json-or-text":
            return text  # a body that is not JSON is the message itself
        raise EventValidationError(
            kind, [EventIssue("", "not JSON: {}".format(_json_fault(error)), "read")]
        )
    if arrives == "json-or-text" and not isinstance(value, dict):
        return text  # JSON that is no object (a number, a string) is a text body too
    return value


def response_of(body: Any, status_code: int, headers: Optional[Dict[str, str]]) -> Dict[str, Any]:
    """A response for an HTTP-style trigger: str as it is, bytes as base64, else as JSON."""
    out = dict(headers or {})
    if isinstance(body, str):
        text, encoded = body, False
    elif isinstance(body, (bytes, bytearray, memoryview)):
        text, encoded = base64.b64encode(bytes(body)).decode("ascii"), True
    else:
        try:
            text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):
            got = "a {}".format(type(body).__name__)
            raise TypeError("a response body must be a str, bytes or JSON, got {}".format(got))
        encoded = False
        if not any(name.lower() == "content-type" for name in out):
            out["Content-Type"] = "application/json"
    return {"statusCode": status_code, "headers": out, "isBase64Encoded": encoded, "body": text}


_BASE64 = re.compile(r"[A-Za-z0-9+/]*")


def body_bytes(kind: str, holder: Any) -> bytes:
    """
    The bytes of a body as a request event or a response carries it: base64 when isBase64Encoded
    is true (or "true", as some API Gateway samples write it), else the text's UTF-8.
    """
    body = holder.get("body", "") if isinstance(holder, dict) else None
    if not isinstance(body, str):
        got = "nothing" if body is None else "a {}".format(type(body).__name__)
        issue = EventIssue("/body", "expected string, got " + got, "type")
        raise EventValidationError(kind, [issue])
    if holder.get("isBase64Encoded") not in (True, "true"):
        return body.encode("utf-8", "surrogatepass")
    # forgiving base64, as a browser's atob() reads it: white space and missing padding are fine
    text = re.sub(r"[\t\n\f\r ]", "", body)
    if len(text) % 4 == 0 and text.endswith("="):
        text = text[:-2] if text.endswith("==") else text[:-1]
    if len(text) % 4 == 1 or not _BASE64.fullmatch(text):
        raise EventValidationError(kind, [EventIssue("/body", "not base64", "contentEncoding")])
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise EventValidationError(kind, [EventIssue("/body", "not base64", "contentEncoding")])


def _json_text(raw: bytes) -> bool:
    """Whether bytes of a CBOR kind are JSON text: an object, after a BOM or white space."""
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    rest = raw[start:].lstrip(b" \t\r\n")
    return rest.startswith(b"{")


def _json_loads(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError("{} is not JSON".format(name))

    try:
        value = json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise ValueError("nested deeper than the parser goes")
    _check_depth(value, 0)
    return value


def too_deep(value: Any) -> bool:
    """Whether JSON data nests deeper than parse reads."""
    try:
        _check_depth(value, 0)
    except ValueError:
        return True
    return False


def _check_depth(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError("nested deeper than {} levels".format(MAX_DEPTH))
    if isinstance(value, dict):
        for child in value.values():
            _check_depth(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            _check_depth(child, depth + 1)


def _json_fault(error: ValueError) -> str:
    # json's messages name what was expected and where, and quote nothing of the input
    if isinstance(error, json.JSONDecodeError):
        return "{} at line {}, column {}".format(error.msg, error.lineno, error.colno)
    return str(error)


class CborError(ValueError):
    """A fault of CBOR bytes, with the offset where it is."""


def decode_cbor(data: bytes) -> Any:
    """One CBOR data item (RFC 8949) that fills the bytes: maps with text keys, as JSON has.

    Integers of any size, floats (half, single, double), byte strings (as bytes), text, arrays,
    maps, tags (the tagged value is kept, the tag dropped), true, false, null and undefined (None).
    Definite and indefinite lengths. A length past the end of the bytes, a truncated item, a break
    out of place, text that is not UTF-8, a map key that is not text, nesting past MAX_DEPTH and
    bytes after the item are errors, raised before anything is allocated for them.
    """
    reader = _CborReader(data)
    value = reader.item(0)
    if reader.at != len(data):
        raise CborError(
            "{} bytes after the item, at offset {}".format(len(data) - reader.at, reader.at)
        )
    return value


_BREAK = object()


class _CborReader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, count: int) -> bytes:
        if count > len(self.data) - self.at:
            raise CborError(
                "truncated: {} bytes wanted at offset {}, {} left".format(
                    count, self.at, len(self.data) - self.at
                )
            )
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def argument(self, info: int, start: int) -> Optional[int]:
        if info < 24:
            return info
        if info in (24, 25, 26, 27):
            size = 1 << (info - 24)
            return int.from_bytes(self.take(size), "big")
        if info == 31:
            return None  # indefinite length
        raise CborError("reserved additional information {} at offset {}".format(info, start))

    def item(self, depth: int, allow_break: bool = False) -> Any:
        if depth > MAX_DEPTH:
            raise CborError("nested deeper than {} levels at offset {}".format(MAX_DEPTH, self.at))
        start = self.at
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if major == 7:
            return self.simple(info, start, allow_break)
        value = self.argument(info, start)
        if major == 0:
            return self.definite(value, start)
        if major == 1:
            return -1 - self.definite(value, start)
        if major in (2, 3):
            return self.string(major, value, start, depth)
        if major == 4:
            return self.array(value, start, depth)
        if major == 5:
            return self.map(value, start, depth)
        # major 6, a tag: its value stands for it
        self.definite(value, start)
        return self.item(depth + 1)

    def definite(self, value: Optional[int], start: int) -> int:
        if value is None:
            raise CborError(
                "an indefinite length where a number belongs, at offset {}".format(start)
            )
        return value

    def string(
        self, major: int, length: Optional[int], start: int, depth: int
    ) -> Union[bytes, str]:
        if length is None:
            chunks = []  # type: List[bytes]
            while True:
                chunk_start = self.at
                chunk = self.item(depth + 1, allow_break=True)
                if chunk is _BREAK:
                    break
                if not isinstance(chunk, (bytes, str)) or isinstance(chunk, str) != (major == 3):
                    raise CborError(
                        "a chunk of another type in an indefinite string, at offset {}".format(
                            chunk_start
                        )
                    )
                chunks.append(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            raw = b"".join(chunks)
        else:
            raw = self.take(length)
        if major == 2:
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CborError("text that is not UTF-8 at offset {}".format(start))

    def array(self, length: Optional[int], start: int, depth: int) -> List[Any]:
        items = []  # type: List[Any]
        if length is None:
            while True:
                item = self.item(depth + 1, allow_break=True)
                if item is _BREAK:
                    return items
                items.append(item)
        # each item is at least one byte: a length past the end is refused before the loop
        if length > len(self.data) - self.at:
            raise CborError(
                "an array of {} items in {} bytes, at offset {}".format(
                    length, len(self.data) - self.at, start
                )
            )
        for _ in range(length):
            items.append(self.item(depth + 1))
        return items

    def map(self, length: Optional[int], start: int, depth: int) -> Dict[str, Any]:
        result = {}  # type: Dict[str, Any]
        if length is not None and 2 * length > len(self.data) - self.at:
            raise CborError(
                "a map of {} pairs in {} bytes, at offset {}".format(
                    length, len(self.data) - self.at, start
                )
            )
        count = 0
        while length is None or count < length:
            key_start = self.at
            key = self.item(depth + 1, allow_break=length is None)
            if key is _BREAK:
                break
            if not isinstance(key, str):
                raise CborError("a map key that is not text, at offset {}".format(key_start))
            result[key] = self.item(depth + 1)
            count += 1
        return result

    def simple(self, info: int, start: int, allow_break: bool) -> Any:
        if info == 20:
            return False
        if info == 21:
            return True
        if info in (22, 23):
            return None
        if info == 25:
            return _half(self.take(2))
        if info == 26:
            return struct.unpack(">f", self.take(4))[0]
        if info == 27:
            return struct.unpack(">d", self.take(8))[0]
        if info == 31 and allow_break:
            return _BREAK
        if info == 31:
            raise CborError("a break outside an indefinite item, at offset {}".format(start))
        raise CborError("an unassigned simple value at offset {}".format(start))


def _half(raw: bytes) -> float:
    bits = int.from_bytes(raw, "big")
    exponent, fraction = (bits >> 10) & 0x1F, bits & 0x3FF
    if exponent == 0:
        value = math.ldexp(fraction, -24)
    elif exponent == 31:
        value = math.inf if fraction == 0 else math.nan
    else:
        value = math.ldexp(fraction + 1024, exponent - 25)
    return -value if bits & 0x8000 else value


def issues(schema: Dict[str, Any], value: Any) -> List[EventIssue]:
    """Every fault of value against schema (a kind's, whose $defs its $refs name)."""
    # the common case first: a compiled check that stops at the first fault and builds no pointer
    # by identity, holding the schema: an id is unique only while its object lives
    cached = _CHECKS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _CHECKS[id(schema)] = (schema, _compile(schema, schema, {}))
    return [] if cached[1](value) else _walk(schema, schema, value, "")


Check = Callable[[Any], bool]
_CHECKS = {}  # type: Dict[int, Tuple[Dict[str, Any], Check]]


def _compile(root: Dict[str, Any], node: Any, done: Dict[int, Check]) -> Check:
    """A function deciding what _walk decides (no fault or some), at the first fault."""
    if node is True or node is None:
        return lambda value: True
    if node is False:
        return lambda value: False
    if id(node) in done:
        return done[id(node)]
    later = []  # type: List[Check]
    done[id(node)] = lambda value: later[0](value)  # a definition that holds itself
    checks = []  # type: List[Check]
    if "$ref" in node:
        checks.append(_compile(root, _resolve(root, node["$ref"]), done))
        rest = {key: child for key, child in node.items() if key != "$ref"}
        if rest:
            checks.append(_compile(root, rest, done))
    else:
        checks.extend(_compile_node(root, node, done))

    def check(value: Any) -> bool:
        for one in checks:
            if not one(value):
                return False
        return True

    later.append(check)
    done[id(node)] = check
    return check


def _compile_node(
    root: Dict[str, Any], node: Dict[str, Any], done: Dict[int, Check]
) -> List[Check]:
    checks = []  # type: List[Check]
    if "type" in node:
        type_ = node["type"]
        checks.append(lambda value: _type_matches(type_, value))
    if "enum" in node:
        members = node["enum"]
        checks.append(lambda value: any(_same(item, value) for item in members))
    if "const" in node:
        const = node["const"]
        checks.append(lambda value: _same(const, value))
    minimum = node.get("minItems")
    items = _compile(root, node["items"], done) if "items" in node else None
    if minimum is not None or items is not None:

        def array(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            if minimum is not None and len(value) < minimum:
                return False
            return items is None or all(items(item) for item in value)

        checks.append(array)
    required = node.get("required", [])
    members = {
        name: _compile(root, child, done) for name, child in node.get("properties", {}).items()
    }
    others = (
        _compile(root, node["additionalProperties"], done)
        if "additionalProperties" in node
        else None
    )
    if required or members or others is not None:

        def obj(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name in required:
                if name not in value:
                    return False
            for name, child in value.items():
                member = members.get(name, others)
                if member is not None and not member(child):
                    return False
            return True

        checks.append(obj)
    checks.extend(_compile(root, part, done) for part in node.get("allOf", []))
    if "anyOf" in node:
        forms = [_compile(root, form, done) for form in node["anyOf"]]
        checks.append(lambda value: any(form(value) for form in forms))
    return checks


def _walk(root: Dict[str, Any], node: Any, value: Any, path: str) -> List[EventIssue]:
    if node is True or node is None:
        return []
    if node is False:
        return [EventIssue(path, "expected nothing here", "false")]
    if "$ref" in node:
        rest = {key: child for key, child in node.items() if key != "$ref"}
        return _walk(root, _resolve(root, node["$ref"]), value, path) + _walk(
            root, rest, value, path
        )
    found = []  # type: List[EventIssue]
    if "type" in node and not _type_matches(node["type"], value):
        message = "expected {}, got {}".format(_type_names(node["type"]), _describe(value))
        return [EventIssue(path, message, "type")]
    if "enum" in node and not any(_same(item, value) for item in node["enum"]):
        shown = ", ".join(json.dumps(item) for item in node["enum"])
        found.append(
            EventIssue(path, "expected one of {}, got {}".format(shown, _describe(value)), "enum")
        )
    if "const" in node and not _same(node["const"], value):
        message = "expected {}, got {}".format(json.dumps(node["const"]), _describe(value))
        found.append(EventIssue(path, message, "const"))
    if isinstance(value, list):
        minimum = node.get("minItems")
        if minimum is not None and len(value) < minimum:
            plural = "" if minimum == 1 else "s"
            found.append(
                EventIssue(
                    path,
                    "expected at least {} item{}, got an empty array".format(minimum, plural),
                    "minItems",
                )
            )
        if "items" in node:
            for index, item in enumerate(value):
                found.extend(_walk(root, node["items"], item, "{}/{}".format(path, index)))
    elif isinstance(value, dict):
        for name in node.get("required", []):
            if name not in value:
                message = 'missing: the event has "{}" here'.format(name)
                found.append(EventIssue("{}/{}".format(path, _token(name)), message, "required"))
        properties = node.get("properties", {})
        for name, child in value.items():
            at = "{}/{}".format(path, _token(name))
            if name in properties:
                found.extend(_walk(root, properties[name], child, at))
            elif "additionalProperties" in node:
                found.extend(_walk(root, node["additionalProperties"], child, at))
    for part in node.get("allOf", []):
        found.extend(_walk(root, part, value, path))
    if "anyOf" in node:
        found.extend(_any_of(root, node["anyOf"], value, path))
    return found


def _any_of(root: Dict[str, Any], forms: List[Any], value: Any, path: str) -> List[EventIssue]:
    best = None  # type: Optional[Tuple[float, Any, List[EventIssue]]]
    for form in forms:
        found = _walk(root, form, value, path)
        if not found:
            return []
        # a form of another type is the farthest; then the form that knows the most of the
        # object's members is the closest; then the one with the fewest faults
        wrong_type = any(issue.path == path and issue.keyword == "type" for issue in found)
        score = (1e6 if wrong_type else 0) - 1e3 * _known(root, form, value) + len(found)
        if best is None or score < best[0]:
            best = (score, form, found)
    assert best is not None
    names = ", ".join(_form_name(form) for form in forms)
    message = "matches none of its forms ({}); the closest is {}".format(names, _form_name(best[1]))
    return [EventIssue(path, message, "anyOf")] + best[2]


def _known(root: Dict[str, Any], form: Any, value: Any) -> int:
    """How many of an object's members a form names (through its $ref and allOf)."""
    if not isinstance(value, dict) or not isinstance(form, dict):
        return 0
    names = set()  # type: Set[str]
    pending = [form]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if "$ref" in node:
                pending.append(_resolve(root, node["$ref"]))
            names.update(node.get("properties", {}))
            pending.extend(node.get("allOf", []))
    return sum(1 for name in value if name in names)


def _form_name(form: Any) -> str:
    if "$ref" in form:
        return str(form["$ref"]).split("/")[-1]
    if "type" in form:
        return _type_names(form["type"])
    return "a form"


def _resolve(root: Dict[str, Any], ref: str) -> Any:
    prefix = "#/$defs/"
    target = root.get("$defs", {}).get(ref[len(prefix) :]) if ref.startswith(prefix) else None
    if target is None:
        raise ValueError("unresolvable $ref {}".format(ref))
    return target


def _type_matches(type_: Any, value: Any) -> bool:
    if isinstance(type_, str):
        return _is_type(type_, value)
    return any(_is_type(name, value) for name in type_)


def _is_type(name: str, value: Any) -> bool:
    check = _TYPE_CHECKS.get(name)
    return check is not None and check(value)


def _is_integer(value: Any) -> bool:
    # JSON has one number type: 2.0 is an integer, as JavaScript and ajv see it
    if isinstance(value, float):
        return math.isfinite(value) and value == int(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


_TYPE_CHECKS = {
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
    "integer": _is_integer,
    "number": _is_number,
    "string": lambda value: isinstance(value, str),
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}  # type: Dict[str, Check]


def _same(expected: Any, value: Any) -> bool:
    # true is not 1, as JSON and JavaScript see them
    return (
        type(expected) is type(value)
        and expected == value
        or (
            not isinstance(expected, bool)
            and not isinstance(value, bool)
            and isinstance(expected, (int, float))
            and isinstance(value, (int, float))
            and expected == value
        )
    )


def _type_names(type_: Any) -> str:
    names = [
        "null" if name == "null" else "{} {}".format("an" if name[0] in "aeiou" else "a", name)
        for name in (type_ if isinstance(type_, list) else [type_])
    ]
    return names[0] if len(names) == 1 else "{} or {}".format(", ".join(names[:-1]), names[-1])


def _describe(value: Any) -> str:
    # a string is described by its length, never its content
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "the boolean {}".format("true" if value else "false")
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        if not value:
            return "an empty string"
        # counted as JavaScript counts: UTF-16 units
        length = len(value.encode("utf-16-le", "surrogatepass")) // 2
        return "a string of {} character{}".format(length, "" if length == 1 else "s")
    if isinstance(value, int):
        return "the integer {}".format(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return "the integer {}".format(int(value))
        return "the number {}".format(_js_number(value))
    if isinstance(value, (bytes, bytearray)):
        return "a byte string of {} byte{}".format(len(value), "" if len(value) == 1 else "s")
    return "a {}".format(type(value).__name__)


def _js_number(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _token(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")
