"""The runtime process of `fc-context run`: FC's Python runtime, re-created from its documented and
observed behaviour (spec/dispatch/), started by fc_context.run the way FC starts its bootstrap.

It is a script, not a module of the package: `python -W ignore .../_runtime_folder/bootstrap.py`, so
that `__main__`, `sys.argv` and `sys.path` look as they do on FC. It talks to the runner over two
pipes named by FC_RUNTIME_API, writes its system log to the descriptor in _FC_LOG_FD, and runs every
invocation the runner serves until the runner ends it. Standard library only, Python 3.6 to 3.13.
"""

import base64
import datetime
import decimal
import importlib.machinery
import importlib.util
import io
import json
import logging
import os
import signal
import struct
import sys
import threading
import time
import traceback

# What the runtime observably keeps: the frame marker and its cuts (spec/dispatch, log-truncation).
FRAME_MAGIC = b"\xed\xdb\xac\x9b"
WRITE_LIMIT = 131072
RECORD_LIMIT = 131071
SIGTERM_EXIT = 143

# FC_*/_FC_* variables the runtime keeps; every other one is deleted at start (env-dump).
KEPT_FC_VARIABLES = (
    "FC_FUNC_CODE_PATH",
    "FC_FUNCTION_MEMORY_SIZE",
    "FC_RUNTIME_VERSION",
    "FC_ACCOUNT_ID",
    "FC_FUNCTION_HANDLER",
    "FC_FUNCTION_NAME",
    "FC_SERVICE_NAME",
    "FC_VER_ID",
    "FC_QUALIFIER",
    "FC_REGION",
    "FC_INSTANCE_ID",
    "FC_SNAPSHOT_FLAG",
)

# Start/End line words per x-fc-function-type: 1 initializer, 2 preStop, 3 preFreeze.
PHASES = {0: "Invoke", 1: "Initialize", 2: "PreStop", 3: "PreFreeze"}
HOOKS = (1, 2, 3)  # any other value, below 0 or above 3 too, is a handler call
END_ERROR = ", Error: Unhandled function error"

USER_FORMAT = "%(asctime)s.%(msecs)03dZ %(fc_request_id)s [%(levelname)s] %(message)s\n"
USER_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
SYSTEM_FORMAT = "%(asctime)s.%(msecs)03d [%(levelname)s] [bootstrap]: %(message)s\n"
SYSTEM_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"

# the process's own stdout, for the framed records (sys.stdout is replaced by the wrapper)
STDOUT_BYTES = getattr(sys.__stdout__, "buffer")
current_request_id = ""  # the newest invocation's id: what the root logger's records carry
sys_logger = logging.getLogger("fc_sys_logger")


class AsFlushWriter(object):
    """stdout and stderr as the runtime wraps them: each write cut to 131,072, flushed at once."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, data):
        self._stream.write(data[:WRITE_LIMIT])
        self._stream.flush()

    def flush(self):
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


class RequestIdFilter(logging.Filter):
    def __init__(self, request_id=None):
        logging.Filter.__init__(self)
        self._request_id = request_id

    def filter(self, record):
        record.fc_request_id = current_request_id if self._request_id is None else self._request_id
        return True


class FcLoggerHandler(logging.Handler):
    """One framed record per log call: 4 marker bytes, a big-endian length, the UTF-8 text.

    Encoding is strict and errors are not caught, as the runtime's: a lone surrogate raises out of
    the logging call. The frame goes through the write cut, so an over-long record's header claims
    more bytes than were written (log-truncation).
    """

    def __init__(self, stream, fmt, datefmt):
        logging.Handler.__init__(self)
        self.stream = AsFlushWriter(stream)
        self.setFormatter(logging.Formatter(fmt, datefmt))

    def emit(self, record):
        text = self.format(record)
        if len(text) > RECORD_LIMIT:
            text = text[: RECORD_LIMIT - 1] + "\n"
        data = text.encode("utf-8")
        self.stream.write(FRAME_MAGIC + struct.pack(">I", len(data)) + data)


def request_logger(request_id):
    """The concurrent path's context.logger: not registered with logging, its own framed handler."""
    logger = logging.Logger(request_id)
    # read when the request comes, after start-up deleted FC_SERVER_LOG_LEVEL: INFO in practice
    logger.setLevel(os.environ.get("FC_SERVER_LOG_LEVEL", "INFO"))
    handler = FcLoggerHandler(STDOUT_BYTES, USER_FORMAT, USER_DATE_FORMAT)
    handler.addFilter(RequestIdFilter(request_id))
    logger.addHandler(handler)
    return logger


def dump_stacks(signum, frame):
    """SIGTERM: every thread's stack to the user log and the system log, then exit 143."""
    root = logging.getLogger()
    for log in (root, sys_logger):
        log.error("Dumping stack trace after function timeout")
    for ident, stack in sys._current_frames().items():
        lines = traceback.format_stack(stack)
        for log in (root, sys_logger):
            log.error("request id = %s, thread id = %s", current_request_id, ident)
            log.error(repr(lines))
    sys.exit(SIGTERM_EXIT)


# ---- the result and the error document ------------------------------------------------------


def default_serializer(obj):
    if isinstance(obj, decimal.Decimal):
        return float(obj)
    if isinstance(obj, (datetime.date, datetime.datetime)):
        return obj.isoformat()
    if hasattr(obj, "to_json"):
        return obj.to_json()
    raise TypeError(repr(obj) + " is not JSON serializable")


def to_json(obj):
    return json.dumps(obj, default=default_serializer, indent=4, sort_keys=True)


def frame_entries(tb):
    """stackTrace entries: each frame's location line split at commas, then its source line."""
    entries = []
    for text in traceback.format_tb(tb):
        lines = text.split("\n")
        entry = [part.strip() for part in lines[0].split(",")]
        entry.append(lines[1].strip() if len(lines) > 1 else "")
        entries.append(entry)
    return entries


def error_document(error, tb):
    document = {"errorMessage": str(error), "errorType": type(error).__name__}  # type: dict
    entries = frame_entries(tb)
    if entries:
        document["stackTrace"] = entries
    return document


def load_error(error_type, message, error):
    """A handler that failed to load: the exception's own lines, flat, the first split at commas."""
    lines = []
    for text in traceback.format_exception_only(type(error), error):
        text = text.strip().replace("^", "")
        if text:
            lines.append(text)
    trace = [part.strip() for part in lines[0].split(",")] + lines[1:] if lines else []
    document = {"errorMessage": message, "errorType": error_type}
    if trace:
        document["stackTrace"] = trace
    return document


# ---- handler resolution -----------------------------------------------------------------------


class LoadFailure(Exception):
    def __init__(self, document):
        Exception.__init__(self, document["errorMessage"])
        self.document = document


def find_module(name, folder):
    """Where `name` is in one folder, as a package (a folder with __init__.py) or a module file."""
    package = os.path.join(folder, name)
    init = os.path.join(package, "__init__.py")
    if os.path.isdir(package) and os.path.isfile(init):
        return init, package
    for suffix in importlib.machinery.all_suffixes():
        candidate = package + suffix
        if os.path.isfile(candidate):
            return candidate, None
    raise ImportError("No module named '{}'".format(name))


def load_module(module_part, code_dir):
    """Finds the file segment by segment from the code folder, then runs only that file."""
    folder, dotted = code_dir, module_part
    if "/" in module_part:
        subfolder, dotted = module_part.rsplit("/", 1)
        folder = os.path.join(code_dir, subfolder)
    location = ""
    package = None  # type: object
    for segment in dotted.split("."):
        if location and package is None:
            raise ImportError("No module named '{}'".format(segment))
        location, package = find_module(segment, str(package) if location else folder)
    if module_part in sys.modules:
        return sys.modules[module_part]
    if location.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        loader = importlib.machinery.ExtensionFileLoader(module_part, location)
    elif location.endswith(tuple(importlib.machinery.BYTECODE_SUFFIXES)):
        loader = importlib.machinery.SourcelessFileLoader(module_part, location)
    else:
        loader = importlib.machinery.SourceFileLoader(module_part, location)
    locations = [str(package)] if package is not None else None
    spec = importlib.util.spec_from_file_location(
        module_part, location, loader=loader, submodule_search_locations=locations
    )
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_part] = module
    try:
        loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_part, None)
        raise
    return module


handlers = {}
load_lock = threading.Lock()


def get_handler(handler, code_dir):
    """The function a handler string names; failures raise LoadFailure and are not cached."""
    found = handlers.get(handler)
    if found is not None:
        return found
    try:
        module_part, name = handler.rsplit(".", 1)
    except ValueError as error:
        raise LoadFailure(
            load_error("InvalidHandleName", "Invalid handler '{}'".format(handler), error)
        )
    try:
        module = load_module(module_part, code_dir)
    except ImportError as error:
        message = "Unable to import module '{}'".format(module_part)
        raise LoadFailure(load_error("ImportModuleError", message, error))
    except SyntaxError as error:
        message = "Syntax error in module '{}'".format(module_part)
        raise LoadFailure(load_error("UserCodeSyntaxError", message, error))
    except Exception as error:
        message = "Module initialization error: '{}'".format(error)
        raise LoadFailure(load_error("UserCodeError", message, error))
    try:
        function = getattr(module, name)
    except AttributeError as error:
        message = "Handler '{}' is missing on module '{}'".format(name, module_part)
        raise LoadFailure(load_error("HandlerNotFound", message, error))
    handlers[handler] = function
    return function


def concurrent_get_handler(handler, code_dir):
    found = handlers.get(handler)
    if found is not None:
        return found
    with load_lock:
        return get_handler(handler, code_dir)


# ---- WSGI (FC 2.0 HTTP functions) ---------------------------------------------------------------


def get_environ(event, context, http_params, handler):
    params = json.loads(base64.b64decode(http_params).decode("utf-8"))
    environ = dict(os.environ)  # type: dict
    headers = dict(params.get("headersMap") or {})
    content_type = "application/octet-stream"
    for name in list(headers):
        if name.lower() == "content-type":
            content_type = ",".join(headers.pop(name))
    method, path = params.get("method"), params.get("path")
    if not method or path is None:
        raise Exception("request method or path is empty")
    request_uri = params.get("requestURI", "")
    environ.update(
        {
            "CONTENT_LENGTH": str(len(event)),
            "CONTENT_TYPE": content_type,
            "HTTP": "on",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "FCRUNTIME",
            "SERVER_PORT": "9000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_SOFTWARE": "FCRUNTIME/1.0",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.input": io.BytesIO(event),
            "wsgi.errors": sys.stderr,
            "PATH_INFO": path or "/",
            "REQUEST_METHOD": method,
            "fc.request_uri": request_uri,
            "QUERY_STRING": request_uri.split("?", 1)[1] if "?" in request_uri else "",
            "REMOTE_ADDR": params.get("clientIP", ""),
        }
    )
    for name, values in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = ",".join(values)
    environ["HTTP_X_FC_FUNCTION_HANDLER"] = handler
    environ["fc.context"] = context
    return environ


class WsgiResponse(object):
    def __init__(self):
        self.status = None
        self.headers = {}
        self.written = []

    def start_response(self, status, response_headers, exc_info=None):
        self.status = int(status.split()[0])
        for name, value in response_headers:
            self.headers.setdefault(name, []).append(value)
        return self.written.append

    def params(self):
        if self.status is None:
            return None
        text = json.dumps({"status": self.status, "headersMap": self.headers})
        return base64.b64encode(text.encode("utf-8")).decode("ascii")


def wsgi_wrapper(request_id, app, event, context, http_params, handler):
    environ = get_environ(event, context, http_params, handler)
    response = WsgiResponse()
    try:
        result = app(environ, response.start_response)
        if isinstance(result, bytes):
            items = [result]
        else:
            try:
                items = list(result)
            except TypeError:
                raise Exception("invalid response type")
    except Exception as error:
        text = traceback.format_exc()
        logging.getLogger().error(text)
        sys_logger.error("exception on handling request %s: %s", request_id, text)
        return False, to_json(error_document(error, error.__traceback__)), None
    chunks = [chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in items]
    return True, b"".join(response.written) + b"".join(chunks), response.params()


# ---- one invocation ---------------------------------------------------------------------------


def execute_request_handler(function_type, function, event, context):
    try:
        if function_type in HOOKS:
            result = function(context)
        else:
            result = function(event, context)
    except Exception as error:
        trace = error.__traceback__
        return False, to_json(error_document(error, trace.tb_next if trace is not None else None))
    if isinstance(result, (str, bytes)):
        return True, result
    try:
        return True, to_json(result)
    except TypeError as error:
        return False, to_json(error_document(error, error.__traceback__))


class Handler(object):
    def __init__(self, client, request, code_dir, concurrent):
        self.client = client
        self.request = request
        self.request_id = request.request_id
        self.code_dir = code_dir
        self.concurrent = concurrent

    def start_line(self):
        return "FC {} Start RequestId: {}".format(self.phase(), self.request_id)

    def end_line(self, suffix=""):
        return "FC {} End RequestId: {}{}".format(self.phase(), self.request_id, suffix)

    def phase(self):
        return PHASES.get(self.request.function_type, "Invoke")

    def say(self, line):
        print(line)
        sys_logger.info(line)

    def handle_request(self):
        try:
            self.say(self.start_line())
            context = self.request.context()
            handler = context.function.handler
            get = concurrent_get_handler if self.concurrent else get_handler
            try:
                function = get(handler, self.code_dir)
            except LoadFailure as failure:
                logging.getLogger().error(repr(failure.document))
                sys_logger.error("%s %r", self.request_id, failure.document)
                self.say(self.end_line(END_ERROR))
                self.client.post_error(self.request_id, to_json(failure.document))
                return
            params = self.request.http_params
            if self.request.function_type == 0 and params:
                succeed, resp, response_params = wsgi_wrapper(
                    self.request_id, function, self.request.event, context, params, handler
                )
            else:
                response_params = None
                succeed, resp = execute_request_handler(
                    self.request.function_type, function, self.request.event, context
                )
            if succeed:
                self.say(self.end_line())
                self.client.post_response(self.request_id, resp, response_params)
                return
            logging.getLogger().error(resp)
            if params:
                sys_logger.error("[%s]request http params: %s", self.request_id, params)
            else:
                sys_logger.error("[%s]request event: %r", self.request_id, self.request.event)
            self.say(self.end_line(END_ERROR))
            self.client.post_error(self.request_id, resp)
        except Exception as error:
            resp = to_json(error_document(error, error.__traceback__))
            logging.getLogger().error(resp)
            sys_logger.error("%s %s", self.request_id, resp)
            self.say(self.end_line(END_ERROR))
            self.client.post_error(self.request_id, resp)


# ---- the runner's channel -----------------------------------------------------------------------


class Request(object):
    """One invocation as the runtime's client reads it."""

    def __init__(self, headers, event, runtime, path):
        self.headers = headers
        self.event = event
        self._runtime = runtime
        self._path = path
        # read as the path's client reads them: the native one keeps the first value, trimmed;
        # requests joins repeated values and drops leading blanks
        self._values = {}  # type: dict
        for name, value in headers:
            key = name.lower()
            if key not in self._values:
                self._values[key] = value.strip(" \t") if path == "default" else value.lstrip(" \t")
            elif path == "concurrent":
                self._values[key] += ", " + value
        self.request_id = self._values.get("x-fc-request-id", "")
        self.content_type = self._values.get("content-type", "")
        self.event_body = event
        if path == "concurrent":
            self.function_type = int(self._values.get("x-fc-function-type", 0))
        else:
            from fc_context._runtime import (
                _c_long,
            )  # the native client's parse, as from_headers has it

            self.function_type = _c_long(self._values.get("x-fc-function-type", "0"))
        self.http_params = self._values.get("x-fc-http-params") or ""
        self._context = self._runtime.from_headers(self.headers, self._path)

    def header(self, name):
        return self._values.get(name, "")

    def context(self):
        context = self._context
        if self._path == "concurrent":
            # the runtime's per-request logger is its own, outside logging's registry
            logging.Logger.manager.loggerDict.pop(self.request_id, None)
            context.logger = request_logger(self.request_id)
        return context


def unblock_sigterm():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def read_exactly(fd, count):
    chunks = []
    while count:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            os._exit(0)  # the runner is gone: nothing is left to serve
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


class PipeClient(object):
    """The runner's side of the Runtime API: `pipe:<read fd>,<write fd>`.

    Messages to the runner are a kind byte (N: next, R: response, E: error), a 4-byte length and
    that many bytes; an invocation from the runner is a length-prefixed JSON header list and a
    length-prefixed body.
    """

    def __init__(self, address, runtime, path):
        scheme, _, fds = address.partition(":")
        if scheme != "pipe":
            raise ValueError("FC_RUNTIME_API: expected pipe:<fd>,<fd>")
        self._read, self._write = (int(fd) for fd in fds.split(","))
        self._runtime = runtime
        self._path = path
        self._lock = threading.Lock()
        self._first = True

    def send(self, kind, payload):
        data = kind + struct.pack(">I", len(payload)) + payload
        with self._lock:
            view = memoryview(data)
            while view:
                view = view[os.write(self._write, view) :]

    def release(self):
        """Lets a held SIGTERM through (see wait_for_invocation)."""

    def wait_for_invocation(self):
        self.send(b"N", b"")
        idle = self._path == "default"
        held = self._first and not idle and hasattr(signal, "pthread_sigmask")
        self._first = False
        if idle:
            # the native client waits in C and a SIGTERM that comes meanwhile is lost: the runtime
            # neither dumps its stacks nor exits (signal-sigterm-idle)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        elif held:
            # the concurrent path's first fetch: a SIGTERM is acted on once the invocation it was
            # waiting for is under way (signal-sigterm-idle--concurrent)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            self.release = unblock_sigterm
        try:
            size = struct.unpack(">I", read_exactly(self._read, 4))[0]
            headers = json.loads(read_exactly(self._read, size).decode("utf-8"))
            size = struct.unpack(">I", read_exactly(self._read, 4))[0]
            event = read_exactly(self._read, size)
        finally:
            if idle:
                signal.signal(signal.SIGTERM, dump_stacks)
        return Request([tuple(pair) for pair in headers], event, self._runtime, self._path)

    def post(self, kind, request_id, body, headers):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        meta = json.dumps({"requestId": request_id, "headers": headers}).encode("utf-8")
        self.send(kind, struct.pack(">I", len(meta)) + meta + data)

    def post_response(self, request_id, body, http_params=None):
        headers = [["content-type", "application/octet-stream"]]
        if http_params is not None:
            headers.append(["x-fc-http-params", http_params])
        self.post(b"R", request_id, body, headers)

    def post_error(self, request_id, body):
        self.post(b"E", request_id, body, [["content-type", "application/json"]])


# ---- start-up and the loop --------------------------------------------------------------------


def setup_loggers():
    logging.Formatter.converter = time.gmtime  # every formatter in the process writes UTC
    root = logging.getLogger()
    handler = FcLoggerHandler(STDOUT_BYTES, USER_FORMAT, USER_DATE_FORMAT)
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(os.environ.get("FC_SERVER_LOG_LEVEL", "INFO"))
    log_file = os.fdopen(int(os.environ["_FC_LOG_FD"]), "wb", 0)
    sys_logger.addHandler(FcLoggerHandler(log_file, SYSTEM_FORMAT, SYSTEM_DATE_FORMAT))
    sys_logger.setLevel(logging.INFO)
    sys_logger.parent = None


def restore_from_snapshot(request, code_folder):
    sys_logger.info("Restore from snapshot")
    os.chdir(code_folder)
    copies = (
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "x-fc-access-key-id"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "x-fc-access-key-secret"),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", "x-fc-security-token"),
        ("accessKeyID", "x-fc-access-key-id"),
        ("accessKeySecret", "x-fc-access-key-secret"),
        ("securityToken", "x-fc-security-token"),
        ("FC_INSTANCE_ID", "x-fc-instance-id"),
    )
    for variable, header in copies:
        value = request.header(header)
        if variable in os.environ and value:
            os.environ[variable] = value
    os.environ.pop("FC_SNAPSHOT_FLAG", None)


def load_runtime(runtime_id):
    """fc_context's module of the runtime: its from_headers builds the context FC builds."""
    try:
        import fc_context
    except ImportError:
        # run from an unpacked copy: the package is two folders up; appended, so it shadows nothing
        sys.path.append(
            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        )
        import fc_context
    return fc_context.for_runtime(runtime_id)


def main():
    global current_request_id
    sys.stdout = AsFlushWriter(sys.stdout)
    sys.stderr = AsFlushWriter(sys.stderr)
    signal.signal(signal.SIGTERM, dump_stacks)
    code_folder = os.environ["FC_FUNC_CODE_PATH"]
    version = "{}.{}".format(*sys.version_info[:2])
    sys.path.insert(0, "/opt/python")
    sys.path.insert(0, "/opt/python/lib/python{}/site-packages".format(version))
    sys.path.insert(0, code_folder)
    setup_loggers()
    say = "FunctionCompute python3 runtime inited."
    print(say)
    sys_logger.info(say)
    snapshot = os.environ.get("FC_SNAPSHOT_FLAG") == "1"
    restore_folder = os.getcwd()
    if snapshot:
        sys_logger.info("During snapshot creating")
        os.chdir("/")
    limit = os.environ.get("FC_CONCURRENT_LIMIT", "1")
    try:
        concurrent = int(limit) != 1
    except ValueError:
        concurrent = False
    path = "concurrent" if concurrent else "default"
    try:
        runtime = load_runtime(os.environ.get("_FC_CONTEXT_RUNTIME", "python3.9"))
        client = PipeClient(os.environ["FC_RUNTIME_API"], runtime, path)
    except Exception as error:
        sys_logger.info(
            "failed to start due to" + to_json(error_document(error, error.__traceback__))
        )
        return
    for name in list(os.environ):
        if (name.startswith("FC_") or name.startswith("_FC_")) and name not in KEPT_FC_VARIABLES:
            del os.environ[name]
    sys_logger.info("concurrent limit: %s", limit)
    while True:
        try:
            request = client.wait_for_invocation()
            current_request_id = request.request_id
            if snapshot:
                snapshot = False
                restore_from_snapshot(request, restore_folder)
            handler = Handler(client, request, code_folder, concurrent)
            if concurrent:
                threading.Thread(target=handler.handle_request).start()
                client.release()
            else:
                handler.handle_request()
        except Exception as error:
            document = to_json(error_document(error, error.__traceback__))
            sys_logger.info("failed to invoke function due to" + document)


if __name__ == "__main__":
    main()
