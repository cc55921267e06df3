"""fc_context.probe: deploy this module as a Function Compute function to learn what the runtime's
context really holds.

It needs nothing but the standard library and runs on Python 3.6 and later, so it can be deployed
unchanged on every FC Python runtime, alone (copy this file as ``probe.py``, handler
``probe.handler``) or inside the installed ``fc_context`` package (handler
``fc_context.probe.handler``). Entry points:

- ``handler(event, context)``: an event function, and on FC 3.0 an HTTP trigger's function too
  (built-in runtimes pass the request as the bytes of a v1 JSON event); returns the report as JSON
  text, or for a v1 HTTP event a response object whose body is that text.
- ``initializer(context)``: an initializer; keeps its report for the next ``handler`` call.
- ``app(environ, start_response)``: a WSGI app for FC 2.0 HTTP functions (and FC 3.0 custom
  runtimes); the context is ``environ['fc.context']``.

The runtime id and invocation path the probe finds on its own can be overridden: ``runtime`` and
``path`` as top-level keys of a JSON event, or as query parameters of an HTTP request
(``?runtime=python3.10``), through either HTTP entry.

The report (``FORMAT``) holds the runtime id and Python version, the invocation path, the context as
a typed tree (the format of the repository's conformance cases), each class's constructor,
properties and methods, the ``to_json()`` keys and what ``getLogger()`` returns. Compare it with
the spec with ``fc-context conformance report.json``. ``report`` never raises for what it reads:
a value, property or ``vars()`` that raises when read is reported as the error it raised, so one
odd attribute cannot cost the whole report.

Secrets never leave the function: a value whose name the spec marks secret or that looks like one
(secret, token, password) is reported by type, length and emptiness only, and so are the
``ALIBABA_CLOUD_*`` variables (only which are set). As a last guard every string of the report is
searched for those values before it is returned.
"""

import inspect
import json
import logging
import math
import os
import re
import sys

from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

__all__ = ["FORMAT", "app", "handler", "initializer", "report"]

FORMAT = "fc-context-probe/1"
SPEC_VERSION = "0.0.0"
# Attribute and property names the spec marks secret; the generator fills this in.
_SPEC_SECRETS: FrozenSet[str] = frozenset()

_SECRET_NAME = re.compile(r"secret|token|passw(or)?d|private_?key", re.IGNORECASE)
_SECRET_ENVIRONMENT = re.compile(r"^ALIBABA_CLOUD_")
_REPORTED_ENVIRONMENT = re.compile(r"^(FC_|ALIBABA_CLOUD_)")
# Runtime folders look like /var/fc/runtime/python3.9/bootstrap.py.
_RUNTIME_FOLDER = re.compile(r"[/\\](python3(?:\.\d+)?)[/\\][^/\\]*$")
_RUNTIME_ID = re.compile(r"^python3(\.\d+)?$")
_PATHS = ("default", "concurrent")
_MAX_DEPTH = 8
# Shorter secrets would match ordinary words; their leaves already hide them.
_SCRUB_MIN_LENGTH = 4
_REDACTED = "<redacted>"

_initializer_report = None  # type: Optional[Dict[str, Any]]


def handler(event: Any, context: Any) -> Any:
    """An FC event handler: the report as JSON text (with the initializer's, when one ran); for an
    FC 3.0 HTTP trigger's v1 event, a response object with that text as its body."""
    parsed = _parsed_event(event)
    http = _is_http_v1(parsed)
    options = _options(parsed.get("queryParameters") if http else parsed)
    taken = report(
        context, entry="handler", runtime=options.get("runtime"), path=options.get("path")
    )
    taken["event"] = _event_summary(event, parsed, http)
    if _initializer_report is not None:
        taken["initializer"] = _initializer_report
    text = json.dumps(taken, indent=1, sort_keys=False)
    if not http:
        return text
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "isBase64Encoded": False,
        "body": text,
    }


def initializer(context: Any) -> None:
    """An FC initializer: reports the context initializers get, and keeps it for handler."""
    global _initializer_report
    _initializer_report = report(context, entry="initializer")


def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> List[bytes]:
    """A WSGI app for HTTP functions; ?runtime=<id> and ?path=<name> override what it finds."""
    context = environ.get("fc.context")
    if context is None:
        body = {"error": "environ has no 'fc.context': deploy this app as an FC HTTP function"}
        start_response("500 Internal Server Error", [("Content-Type", "application/json")])
        return [json.dumps(body).encode("utf-8")]
    query = _query(environ.get("QUERY_STRING", ""))
    taken = report(context, entry="http", runtime=query.get("runtime"), path=query.get("path"))
    # the environ holds every environment variable, credentials included: names of fc.* keys only
    taken["event"] = {
        "type": "environ",
        "format": "wsgi",
        "fc_keys": sorted(key for key in environ if isinstance(key, str) and key.startswith("fc.")),
    }
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(taken, indent=1).encode("utf-8")]


def report(
    context: Any, entry: str = "handler", runtime: Optional[str] = None, path: Optional[str] = None
) -> Dict[str, Any]:
    """The report on a context. runtime and path override what the probe finds on its own."""
    secrets = []  # type: List[str]
    walker = _Walker(secrets)
    tree = walker.tree(context, 0)
    taken = {
        "format": FORMAT,
        "spec_version": SPEC_VERSION,
        "entry": entry,
        "runtime": _runtime(runtime),
        "path": _path(path),
        "context": tree,
        "classes": walker.classes,
        "to_json": _to_json_keys(context),
        "get_logger": _get_logger(context),
        "environment": _environment(secrets),
    }  # type: Dict[str, Any]
    scrubbed: Dict[str, Any] = _scrub(taken, [s for s in secrets if len(s) >= _SCRUB_MIN_LENGTH])
    return scrubbed


def _is_secret(name: str) -> bool:
    return name in _SPEC_SECRETS or _SECRET_NAME.search(name) is not None


class _Walker:
    """Turns a context into the typed tree, collecting each class and every secret it meets."""

    def __init__(self, secrets: List[str]) -> None:
        self.classes = {}  # type: Dict[str, Dict[str, Any]]
        self.secrets = secrets
        self._seen = set()  # type: Set[int]

    def tree(self, obj: Any, depth: int) -> Dict[str, Any]:
        cls = type(obj)
        if cls.__name__ not in self.classes:
            self.classes[cls.__name__] = _describe_class(cls)
        self._seen.add(id(obj))
        node = {"class": cls.__name__, "attributes": {}}  # type: Dict[str, Any]
        try:
            attributes = sorted(vars(obj).items(), key=lambda item: str(item[0]))
        except Exception as error:  # no vars() (a value, not an instance) or a __dict__ that raises
            attributes = []
            node["error"] = _error(error)
        for name, value in attributes:
            node["attributes"][str(name)] = self.value(str(name), value, depth + 1)
        properties = {}  # type: Dict[str, Any]
        for name in _property_names(cls):
            try:
                properties[name] = self.value(name, getattr(obj, name), depth + 1)
            except Exception as error:  # a property that raises is itself a finding
                properties[name] = {"error": _error(error)}
        if properties:
            node["properties"] = properties
        return node

    def value(self, name: str, value: Any, depth: int) -> Dict[str, Any]:
        try:
            return self._value(name, value, depth)
        except Exception as error:
            # a value that raises when read (repr, len, items) is itself a finding
            return {"type": type(value).__name__, "error": _error(error)}

    def _value(self, name: str, value: Any, depth: int) -> Dict[str, Any]:
        if _is_secret(name) and not _is_object(value):
            return self._secret(value)
        if isinstance(value, logging.Logger):
            return {"type": "Logger", "root": value is logging.getLogger()}
        if _is_object(value) and depth < _MAX_DEPTH and id(value) not in self._seen:
            return self.tree(value, depth)
        leaf = {"type": type(value).__name__}  # type: Dict[str, Any]
        if value is None or isinstance(value, (bool, int, float, str, dict, list, tuple)):
            leaf["value"] = _plain(value, 0)
        else:
            leaf["repr"] = repr(value)[:200]
        return leaf

    def _secret(self, value: Any) -> Dict[str, Any]:
        try:
            length = len(value)  # type: Optional[int]
        except Exception:  # no length, or a __len__ that raises: the length is unknown
            length = None
        if isinstance(value, str):
            self.secrets.append(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.secrets.append(str(value))
        empty = value is None or length == 0
        return {"type": type(value).__name__, "secret": True, "length": length, "empty": empty}


def _is_object(value: Any) -> bool:
    """An instance of a class of the runtime, as opposed to a value the tree writes out."""
    if value is None or isinstance(
        value, (bool, int, float, str, bytes, dict, list, tuple, logging.Logger)
    ):
        return False
    return (
        hasattr(value, "__dict__") and not inspect.isroutine(value) and not inspect.isclass(value)
    )


def _plain(value: Any, depth: int) -> Any:
    """A JSON value for value; floats JSON cannot hold as the conformance data writes them."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return {"__float__": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if depth >= _MAX_DEPTH:
        return repr(value)[:200]
    if isinstance(value, dict):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    return repr(value)[:200]


def _property_names(cls: type) -> List[str]:
    names = []  # type: List[str]
    try:
        members = inspect.getmembers(cls)
    except Exception:  # a class attribute whose descriptor raises: no property can be listed
        return names
    for name, member in members:
        if not name.startswith("_") and isinstance(member, property):
            names.append(name)
    return names


def _describe_class(cls: type) -> Dict[str, Any]:
    init = getattr(cls, "__init__")  # the class's own or an inherited one, as a call would use
    methods = []
    for name in sorted(_names_of_hierarchy(cls)):
        member = inspect.getattr_static(cls, name)
        kind = _method_kind(member)
        if name.startswith("_") or kind is None:
            continue
        try:
            params = _parameters(getattr(cls, name), kind == "instance")
        except Exception as error:
            params = {"error": _error(error)}
        methods.append({"name": name, "kind": kind, "params": params})
    return {
        "module": cls.__module__,
        "constructor": _parameters(init, True) if init is not object.__init__ else [],
        "properties": _property_names(cls),
        "methods": methods,
    }


def _names_of_hierarchy(cls: type) -> Set[str]:
    """Every name the class and its bases (object aside) define."""
    names = set()  # type: Set[str]
    for klass in cls.__mro__:
        if klass is not object:
            names.update(vars(klass))
    return names


def _method_kind(member: Any) -> Optional[str]:
    if isinstance(member, staticmethod):
        return "static"
    if isinstance(member, classmethod):
        return "class"
    if inspect.isfunction(member):
        return "instance"
    return None


def _parameters(function: Any, bound: bool) -> Any:
    """The parameters as inspect reads them (without self), or why it could not."""
    try:
        signature = inspect.signature(function)
    except Exception as error:
        return {"error": _error(error)}
    params = list(signature.parameters.values())[1 if bound else 0 :]
    out = []
    for param in params:
        described = {"name": param.name, "kind": param.kind.name.lower()}  # type: Dict[str, Any]
        if param.default is not inspect.Parameter.empty:
            described["default"] = repr(param.default)[:200]
        out.append(described)
    return out


def _to_json_keys(context: Any) -> Optional[Dict[str, Any]]:
    """The keys to_json() writes, nested objects' keys included; no value (it holds secrets)."""
    try:
        method = getattr(context, "to_json", None)
    except Exception as error:
        return {"error": _error(error)}
    if not callable(method):
        return None
    try:
        written: Any = method()  # str on every runtime that has to_json(); json.loads says if not
        parsed = json.loads(written)
    except Exception as error:
        return {"error": _error(error)}
    if not isinstance(parsed, dict):
        return {
            "error": {
                "type": "NotAnObject",
                "message": "to_json() gave a JSON " + type(parsed).__name__,
            }
        }
    nested = {key: list(value) for key, value in parsed.items() if isinstance(value, dict)}
    return {"keys": list(parsed), "nested": nested}


def _get_logger(context: Any) -> Optional[Dict[str, Any]]:
    try:
        method = getattr(context, "getLogger", None)
    except Exception as error:
        return {"error": _error(error)}
    if not callable(method):
        return None
    try:
        logger = method()
        attribute = getattr(context, "logger", None)
    except Exception as error:
        return {"error": _error(error)}
    if not isinstance(logger, logging.Logger):
        return {"type": type(logger).__name__}
    return {
        "type": "Logger",
        "class": type(logger).__name__,
        "name": logger.name,
        "root": logger is logging.getLogger(),
        "is_attribute": logger is attribute,
    }


def _runtime(override: Optional[str]) -> Dict[str, Any]:
    """The runtime id, by the first clue that gives one: the event, the runtime's folder, or
    Python's version."""
    version = sys.version_info
    main = sys.modules.get("__main__")
    main_file = getattr(main, "__file__", None) or (sys.argv[0] if sys.argv else "")
    folder = _RUNTIME_FOLDER.search(main_file or "")
    clues = [
        ("event", override if override and _RUNTIME_ID.match(override) else None),
        ("runtime-folder", folder.group(1) if folder else None),
        (
            "python-version",
            "python3" if version[:2] == (3, 6) else "python{}.{}".format(version[0], version[1]),
        ),
    ]  # type: List[Tuple[str, Optional[str]]]
    found_by, runtime_id = next((how, value) for how, value in clues if value is not None)
    return {
        "id": runtime_id,
        "found_by": found_by,
        "clues": {how: value for how, value in clues},
        "main_file": main_file,
        "python": "{}.{}.{}".format(version[0], version[1], version[2]),
        "implementation": sys.implementation.name,
    }


def _path(override: Optional[str]) -> Dict[str, str]:
    """The invocation path: instance concurrency (FC_CONCURRENT_LIMIT) above 1 is concurrent."""
    if override in _PATHS:
        return {"name": str(override), "found_by": "event"}
    limit = os.environ.get("FC_CONCURRENT_LIMIT")
    if limit is None:
        return {"name": "default", "found_by": "FC_CONCURRENT_LIMIT is not set"}
    try:
        concurrent = int(limit) > 1
    except ValueError:
        concurrent = False
    return {
        "name": "concurrent" if concurrent else "default",
        "found_by": "FC_CONCURRENT_LIMIT=" + limit[:20],
    }


def _environment(secrets: List[str]) -> Dict[str, Any]:
    names = sorted(name for name in os.environ if _REPORTED_ENVIRONMENT.match(name))
    for name in names:
        if _SECRET_ENVIRONMENT.match(name) or _is_secret(name):
            secrets.append(os.environ[name])
    return {"set": names}


def _parsed_event(event: Any) -> Dict[str, Any]:
    """The event as a JSON object, as FC passes it (bytes) or a test passes it (str or dict); {}
    for anything else."""
    try:
        parsed = json.loads(event) if isinstance(event, (bytes, bytearray, str)) else event
    except (ValueError, RecursionError):  # not JSON (or not text), or nested too deeply
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _is_http_v1(parsed: Dict[str, Any]) -> bool:
    """An FC 3.0 HTTP trigger's event on a built-in runtime: the v1 JSON of the request."""
    return parsed.get("version") == "v1" and "rawPath" in parsed and "requestContext" in parsed


def _options(source: Any) -> Dict[str, str]:
    """runtime and path, where they are text, from a JSON object (an event or its query)."""
    if not isinstance(source, dict):
        return {}
    return {
        key: value
        for key, value in source.items()
        if key in ("runtime", "path") and isinstance(value, str)
    }


def _event_summary(event: Any, parsed: Dict[str, Any], http: bool) -> Dict[str, Any]:
    """What the event was, never what it held: its Python type, its length and its format."""
    try:
        length = len(event) if isinstance(event, (bytes, bytearray, str)) else None
    except Exception:  # a str subclass whose __len__ raises
        length = None
    if http:
        shape = "http-v1"
    elif parsed:
        shape = "json-object"
    elif event is None:
        shape = "none"
    elif length == 0:
        shape = "empty"
    else:
        shape = "other"
    return {"type": type(event).__name__, "length": length, "format": shape}


def _query(text: str) -> Dict[str, str]:
    pairs = (part.split("=", 1) for part in text.split("&") if "=" in part)
    return {key: value for key, value in pairs if key in ("runtime", "path")}


def _error(error: BaseException) -> Dict[str, str]:
    try:
        message = str(error)[:500]
    except Exception:  # an exception whose __str__ raises
        message = "(its message raised too)"
    return {"type": type(error).__name__, "message": message}


def _scrub(value: Any, secrets: Iterable[str]) -> Any:
    """value with every secret replaced wherever it still appears, keys included."""
    found = sorted(set(secrets), key=len, reverse=True)
    if not found:
        return value

    def clean(item: Any) -> Any:
        if isinstance(item, str):
            for secret in found:
                item = item.replace(secret, _REDACTED)
            return item
        if isinstance(item, dict):
            return {clean(key): clean(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [clean(inner) for inner in item]
        return item

    return clean(value)
