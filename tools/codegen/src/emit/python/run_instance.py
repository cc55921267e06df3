"""Run a handler as FC's Python runtime runs it, on this machine, without Docker.

    from fc_context.run import invoke

    result = invoke("index.handler", b'{"key": "value"}', code_dir="src", runtime="python3.9")
    result.posted      # "response", "error", or None when the runtime posted nothing
    result.body        # the bytes the runtime would post: the response, or the error document
    result.error       # the error document as a dict, for an error
    result.log_lines() # what the handler and the runtime wrote to stdout, framed records as text

An Instance keeps one runtime process warm across invocations, as an FC instance does: modules
stay imported, an initializer's globals stay set. The runtime process is fc_context's re-creation
of FC's bootstrap (fc_context/_runtime_folder/bootstrap.py) on an interpreter of your choice; the
context is built by the runtime module's own from_headers. Standard library only, POSIX only.
"""

import json
import os
import queue
import select
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
import uuid
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple, cast

from . import RUNTIMES, RUNTIME_ALIASES, canonical_runtime, for_runtime

__all__ = [
    "FRAME_MAGIC",
    "Instance",
    "Pending",
    "Result",
    "RunnerError",
    "TIMEOUT_ERROR_TYPE",
    "default_headers",
    "default_runtime",
    "invoke",
    "read_frames",
    "render_frames",
]

FRAME_MAGIC = b"\xed\xdb\xac\x9b"
BOOTSTRAP = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "_runtime_folder", "bootstrap.py"
)
FUNCTION_TYPES = {"handler": "0", "initializer": "1", "pre-stop": "2", "pre-freeze": "3"}
TIMEOUT_ERROR_TYPE = "FunctionTimeout"  # the runner's own: FC's body for a timeout is not recorded
TERM_GRACE_S = 2.0  # after SIGTERM at a timeout, how long the stack dump may take before SIGKILL

Header = Tuple[str, str]
Sink = Callable[[bytes], None]


class RunnerError(Exception):
    """A problem with how the runner was asked to run: bad options, an interpreter that is missing.
    The message never holds a header value or an environment value."""


class Result(object):
    """What one invocation gave: what the runtime posted and what it wrote meanwhile."""

    def __init__(self, request_id: str) -> None:
        self.request_id: str = request_id
        self.posted: Optional[str] = None
        self.body: bytes = b""
        self.headers: List[Header] = []
        # what the runtime wrote while the invocation ran, in the chunks it came in: joined when
        # read, so a chatty handler's output is not copied again for every chunk
        self._output: Dict[str, List[bytes]] = {"stdout": [], "stderr": [], "syslog": []}
        self.exit_code: Optional[int] = None
        self.timed_out: bool = False
        # the runtime read the invocation and asked for the next without posting: no handler ran
        self.dropped: bool = False
        self.duration_s: float = 0.0

    @property
    def stdout(self) -> bytes:
        return self._joined("stdout")

    @stdout.setter
    def stdout(self, data: bytes) -> None:
        self._output["stdout"] = [data]

    @property
    def stderr(self) -> bytes:
        return self._joined("stderr")

    @stderr.setter
    def stderr(self, data: bytes) -> None:
        self._output["stderr"] = [data]

    @property
    def syslog(self) -> bytes:
        """The runtime's own log (FC's system log), framed."""
        return self._joined("syslog")

    @syslog.setter
    def syslog(self, data: bytes) -> None:
        self._output["syslog"] = [data]

    def _joined(self, stream: str) -> bytes:
        chunks = self._output[stream]
        if len(chunks) > 1:
            chunks[:] = [b"".join(chunks)]
        return chunks[0] if chunks else b""

    @property
    def error(self) -> Optional[Dict[str, Any]]:
        """The error document, for an error."""
        if self.posted != "error":
            return None
        value = json.loads(self.body.decode("utf-8"))
        return value if isinstance(value, dict) else None

    @property
    def http_params(self) -> Optional[str]:
        """The x-fc-http-params header of a WSGI response, base64 of its status and headers."""
        for name, value in self.headers:
            if name.lower() == "x-fc-http-params":
                return value
        return None

    def log_lines(self) -> List[str]:
        """stdout as lines of text, each framed record rendered as its text."""
        return render_frames(self.stdout).decode("utf-8", "replace").splitlines()

    def system_log_lines(self) -> List[str]:
        return render_frames(self.syslog).decode("utf-8", "replace").splitlines()

    def __repr__(self) -> str:
        return "Result(request_id={!r}, posted={!r}, {} body bytes)".format(
            self.request_id, self.posted, len(self.body)
        )


def read_frames(data: bytes) -> List[Tuple[str, bytes]]:
    """stdout split as a log reader splits it: ("text", bytes) and ("frame", payload) pieces, each
    frame as long as its header says."""
    return _split_frames(data, True)[0]


def _split_frames(data: bytes, final: bool) -> Tuple[List[Tuple[str, bytes]], bytes]:
    """The pieces of data and what is left of it. At the end of a stream (final) a header cut short
    is text and a frame cut short is what there is of it; otherwise both are left, with a tail that
    may be the start of a frame marker, for more data to complete."""
    pieces = []  # type: List[Tuple[str, bytes]]
    at = 0
    while at < len(data):
        start = data.find(FRAME_MAGIC, at)
        if start < 0:
            end = len(data) if final else len(data) - _partial_magic(data[at:])
            if end > at:
                pieces.append(("text", data[at:end]))
            at = end
            break
        if start > at:
            pieces.append(("text", data[at:start]))
        at = start
        if start + 8 > len(data):
            if final:
                pieces.append(("text", data[start:]))
                at = len(data)
            break
        size = struct.unpack(">I", data[start + 4 : start + 8])[0]
        if not final and start + 8 + size > len(data):
            break
        pieces.append(("frame", data[start + 8 : start + 8 + size]))
        at = start + 8 + size
    return pieces, data[at:]


def render_frames(data: bytes) -> bytes:
    """stdout with each framed record replaced by its text."""
    return b"".join(piece for _, piece in read_frames(data))


class _Deframer(object):
    """render_frames for a stream: holds back what may be the start of a frame."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._pending = b""

    def feed(self, data: bytes) -> None:
        pieces, self._pending = _split_frames(self._pending + data, False)
        out = b"".join(piece for _, piece in pieces)
        if out:
            self._sink(out)

    def close(self) -> None:
        if self._pending:
            self._sink(self._pending)
            self._pending = b""


def _partial_magic(data: bytes) -> int:
    for keep in (3, 2, 1):
        if data.endswith(FRAME_MAGIC[:keep]):
            return keep
    return 0


def default_runtime(version: Optional[Tuple[int, int]] = None) -> str:
    """The runtime id whose Python this interpreter is (3.6 is python3); RunnerError if none is."""
    major, minor = version or sys.version_info[:2]
    wanted = "{}.{}".format(major, minor)
    for runtime in RUNTIMES:
        if for_runtime(runtime).PYTHON_VERSION == wanted:
            return runtime
    known = ", ".join(
        "{} ({})".format(runtime, for_runtime(runtime).PYTHON_VERSION) for runtime in RUNTIMES
    )
    raise RunnerError(
        "no FC runtime runs Python {}: pass a runtime id, one of {}".format(wanted, known)
    )


def default_headers(
    handler: str,
    runtime: str,
    function_type: str = "handler",
    request_id: Optional[str] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> List[Header]:
    """The headers FC would send for a fake function of this runtime: fc_context's fake context
    (the spec's realistic defaults) as an emulator sends it, the handler, a fresh request id, the
    function type, and credentials from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
    and ALIBABA_CLOUD_SECURITY_TOKEN when they are set."""
    from .testing import fake_context

    module = for_runtime(runtime)
    env = os.environ if environ is None else environ
    make = cast(Any, fake_context)  # the runtime is a variable: no overload of one runtime applies
    context = make(runtime, request_id=request_id or str(uuid.uuid4()))
    headers = {name.lower(): value for name, value in module.to_headers(context).items()}
    headers["x-fc-function-handler"] = handler
    headers["x-fc-function-type"] = FUNCTION_TYPES[function_type]
    for variable, header in (
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "x-fc-access-key-id"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "x-fc-access-key-secret"),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", "x-fc-security-token"),
    ):
        if env.get(variable):
            headers[header] = env[variable]
    return [("Content-Type", "application/octet-stream")] + sorted(headers.items())


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _die_with_parent() -> None:
    """In the runtime process before it starts (Linux): SIGKILL when the runner dies, even by
    SIGKILL, so that no runtime outlives its runner. Elsewhere the runtime ends when it next reads
    from the runner and finds it gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _header_value(headers: Sequence[Header], name: str) -> Optional[str]:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


class Pending(object):
    """A submitted invocation: Instance.wait(pending) gives its Result."""

    def __init__(self, headers: Sequence[Header], event: bytes, result: Result) -> None:
        self.headers: Sequence[Header] = headers
        self.event: bytes = event
        self.result: Result = result
        self.done: threading.Event = threading.Event()
        self.started: float = 0.0


class Instance(object):
    """One warm runtime process: a function instance.

    code_dir is the code folder (FC_FUNC_CODE_PATH); runtime a runtime id (default: this
    interpreter's); python the interpreter to run it on (default: this one); concurrency above 1
    selects the concurrent invocation path (FC_CONCURRENT_LIMIT); env the function's environment
    variables, added to this process's own unless inherit_env is False. stdout, stderr and syslog
    are callbacks that receive the runtime's output as it comes, besides each Result. After the
    process ends (a timeout, sys.exit), the next invocation starts a new one unless restart is
    False, as FC starts a new instance.
    """

    def __init__(
        self,
        code_dir: str = ".",
        runtime: Optional[str] = None,
        python: Optional[str] = None,
        concurrency: int = 1,
        env: Optional[Mapping[str, str]] = None,
        inherit_env: bool = True,
        stdout: Optional[Sink] = None,
        stderr: Optional[Sink] = None,
        syslog: Optional[Sink] = None,
        cwd: Optional[str] = None,
        restart: bool = True,
    ) -> None:
        self.runtime: str = canonical_runtime(runtime) if runtime is not None else default_runtime()
        self.code_dir: str = os.path.abspath(code_dir)
        if not os.path.isdir(self.code_dir):
            raise RunnerError("code folder not found: {}".format(code_dir))
        self.python: str = python or sys.executable
        self.concurrency: int = concurrency
        self._env = dict(env or {})
        self._inherit_env = inherit_env
        self._sinks: Dict[str, Optional[Sink]] = {
            "stdout": stdout,
            "stderr": stderr,
            "syslog": syslog,
        }
        self._cwd = cwd
        self.restart: bool = restart
        self._lock = threading.Lock()
        # notified when the runtime asks for more, an invocation ends, or the process ends
        self._changed = threading.Condition(self._lock)
        self._process = None  # type: Optional[subprocess.Popen[bytes]]
        self._waiting = []  # type: List[Pending]
        self._running = {}  # type: Dict[str, Pending]
        self._handed = []  # type: List[Pending]
        self._asked = 0
        self.exit_code: Optional[int] = None
        self.starts: int = 0

    @property
    def path(self) -> str:
        return "default" if self.concurrency == 1 else "concurrent"

    def runtime_environment(self) -> Dict[str, str]:
        """The environment the runtime process starts with, without the runner's channel."""
        env = dict(os.environ) if self._inherit_env else {}
        env["PYTHONIOENCODING"] = "utf-8:surrogateescape"
        env["FC_FUNC_CODE_PATH"] = self.code_dir
        env.update(self._env)
        return env

    def start(self) -> None:
        """Starts the runtime process, if it is not running."""
        with self._lock:
            if self._process is not None:
                return
            self._start()

    def _start(self) -> None:
        if not os.path.isfile(self.python):
            raise RunnerError("interpreter not found: {}".format(self.python))
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        syslog_r, syslog_w = os.pipe()
        env = self.runtime_environment()
        env["FC_RUNTIME_API"] = "pipe:{},{}".format(to_child_r, from_child_w)
        env["_FC_LOG_FD"] = str(syslog_w)
        env["_FC_CONTEXT_RUNTIME"] = self.runtime
        if self.concurrency != 1:
            env["FC_CONCURRENT_LIMIT"] = str(self.concurrency)
        for name, value in self._env.items():
            if name in ("FC_RUNTIME_API", "_FC_LOG_FD", "FC_CONCURRENT_LIMIT", "FC_FUNC_CODE_PATH"):
                env[name] = value  # the replay of a start-up case sets or unsets these itself
        for name in [name for name, value in env.items() if value is None]:
            del env[name]
        try:
            self._process = subprocess.Popen(
                [self.python, "-W", "ignore", BOOTSTRAP],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                cwd=self._cwd,
                pass_fds=(to_child_r, from_child_w, syslog_w),
                start_new_session=True,  # its own process group: nothing it starts outlives it
                # the death signal follows the thread that started the process: the main thread only
                preexec_fn=_die_with_parent if _in_main_thread() else None,
            )
        finally:
            for fd in (to_child_r, from_child_w, syslog_w):
                os.close(fd)
        assert self._process.stdout is not None and self._process.stderr is not None
        self.starts += 1
        self.exit_code = None
        self._asked = 0
        self._handed = []
        self._to_child = to_child_w
        self._outputs = {
            self._process.stdout.fileno(): "stdout",
            self._process.stderr.fileno(): "stderr",
            syslog_r: "syslog",
        }
        self._control = from_child_r
        self._since = {"stdout": b"", "stderr": b"", "syslog": b""}
        self._writes = queue.Queue()  # type: queue.Queue[Optional[bytes]]
        threading.Thread(target=self._write_loop, args=(self._writes,), daemon=True).start()
        threading.Thread(target=self._read_loop, args=(self._process,), daemon=True).start()

    def invoke(
        self,
        event: bytes = b"",
        headers: Optional[Sequence[Header]] = None,
        handler: Optional[str] = None,
        function_type: str = "handler",
        timeout: Optional[float] = None,
    ) -> Result:
        """Serves one invocation and waits for what the runtime posts. headers default to
        default_headers(handler, ...); timeout (seconds) is enforced as FC does from outside: at
        the timeout the runtime gets SIGTERM (it dumps its stacks and exits), then SIGKILL."""
        return self.wait(self.submit(event, headers, handler, function_type), timeout)

    def submit(
        self,
        event: bytes = b"",
        headers: Optional[Sequence[Header]] = None,
        handler: Optional[str] = None,
        function_type: str = "handler",
    ) -> "Pending":
        """Queues one invocation without waiting: the runtime gets it when it asks for its next.
        Invocations are served in the order they were submitted."""
        if not isinstance(event, bytes):
            raise TypeError("event: expected bytes, got {}".format(type(event).__name__))
        if headers is None:
            if handler is None:
                raise RunnerError("invoke: give the handler or the headers")
            headers = default_headers(handler, self.runtime, function_type)
        headers = [(str(name), str(value)) for name, value in headers]
        request_id = _header_value(headers, "x-fc-request-id") or ""
        pending = Pending(headers, event, Result(request_id))
        with self._lock:
            if self._process is None:
                if self.starts and not self.restart:
                    pending.result.exit_code = self.exit_code
                    pending.done.set()
                    return pending
                self._start()
            pending.started = time.monotonic()
            self._waiting.append(pending)
            self._running[request_id] = pending
            self._serve()
        return pending

    def wait(
        self, pending: "Pending", timeout: Optional[float] = None, enforce: bool = True
    ) -> Result:
        """The result of a submitted invocation. When timeout passes first, enforce ends the
        instance as FC does; without enforce the result is returned as it is (nothing posted yet).
        """
        if not pending.done.wait(timeout):
            if enforce:
                self._time_out(pending)
            else:
                with self._lock:
                    self._finish(pending)
        pending.result.duration_s = time.monotonic() - pending.started
        return pending.result

    def _serve(self) -> None:
        """Hands waiting invocations to the runtime, one per request for the next (lock held)."""
        while self._asked and self._waiting:
            self._asked -= 1
            pending = self._waiting.pop(0)
            self._handed.append(pending)
            names = json.dumps([list(pair) for pair in pending.headers]).encode("utf-8")
            message = struct.pack(">I", len(names)) + names
            message += struct.pack(">I", len(pending.event)) + pending.event
            if len(message) <= select.PIPE_BUF and self._writes.unfinished_tasks == 0:
                # the writer is idle and a write this small is atomic and fits when the pipe
                # is writable: write it here and save a thread switch each way (warm latency)
                if select.select([], [self._to_child], [], 0)[1]:
                    os.write(self._to_child, message)
                    continue
            self._writes.put(message)

    def _write_loop(self, writes: "queue.Queue[Optional[bytes]]") -> None:
        fd = self._to_child
        while True:
            data = writes.get()
            if data is None:
                break
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            except OSError:
                break
            finally:
                writes.task_done()
        os.close(fd)

    def _read_loop(self, process: "subprocess.Popen[bytes]") -> None:
        assert process.stdout is not None and process.stderr is not None
        selector = selectors.DefaultSelector()
        for fd in list(self._outputs) + [self._control]:
            selector.register(fd, selectors.EVENT_READ)
        control = b""
        open_fds = set(self._outputs) | {self._control}
        while open_fds:
            ready = [key.fd for key, _ in selector.select()]
            # output written before a message is in its pipe by the time the message is: drain it
            # first, so each result holds what the runtime wrote before posting it
            for fd in sorted(ready, key=lambda fd: fd == self._control):
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    selector.unregister(fd)
                    open_fds.discard(fd)
                    if fd == self._control:
                        self._drain(selector, open_fds)
                    continue
                if fd == self._control:
                    self._drain(selector, open_fds)
                    control = self._messages(control + chunk)
                else:
                    self._output(self._outputs[fd], chunk)
        selector.close()
        for fd in self._outputs:
            if fd not in (process.stdout.fileno(), process.stderr.fileno()):
                os.close(fd)
        os.close(self._control)
        process.stdout.close()
        process.stderr.close()
        code = process.wait()
        with self._lock:
            self.exit_code = code
            self._process = None
            self._writes.put(None)
            for pending in list(self._running.values()):
                pending.result.exit_code = code
                self._finish(pending)
            self._waiting = []
            self._changed.notify_all()

    def _drain(self, selector: selectors.BaseSelector, open_fds: Set[int]) -> None:
        for fd in [fd for fd in self._outputs if fd in open_fds]:
            while True:
                ready = selector.select(0)
                if not any(key.fd == fd for key, _ in ready):
                    break
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    selector.unregister(fd)
                    open_fds.discard(fd)
                    break
                self._output(self._outputs[fd], chunk)

    def _output(self, stream: str, chunk: bytes) -> None:
        with self._lock:
            for pending in self._running.values():
                pending.result._output[stream].append(chunk)
        sink = self._sinks[stream]
        if sink is not None:
            sink(chunk)

    def _messages(self, data: bytes) -> bytes:
        while len(data) >= 5:
            kind = data[:1]
            size = struct.unpack(">I", data[1:5])[0]
            if len(data) < 5 + size:
                break
            payload, data = data[5 : 5 + size], data[5 + size :]
            if kind == b"N":
                with self._lock:
                    if self.concurrency == 1:
                        # one at a time: a runtime asking for more has dropped what it was handed
                        for pending in self._handed:
                            if not pending.done.is_set():
                                pending.result.dropped = True
                                self._finish(pending)
                        self._handed = []
                    self._asked += 1
                    self._serve()
                    self._changed.notify_all()
                continue
            meta_size = struct.unpack(">I", payload[:4])[0]
            meta = json.loads(payload[4 : 4 + meta_size].decode("utf-8"))
            with self._lock:
                posted = self._running.get(meta["requestId"])
                if posted is None:
                    continue
                pending = posted
                pending.result.posted = "response" if kind == b"R" else "error"
                pending.result.body = payload[4 + meta_size :]
                pending.result.headers = [(name, value) for name, value in meta["headers"]]
                self._finish(pending)
        return data

    def _finish(self, pending: Pending) -> None:
        self._running.pop(pending.result.request_id, None)
        pending.done.set()
        self._changed.notify_all()

    def _time_out(self, pending: Pending) -> None:
        """FC's timeout: the platform ends the instance; what it was doing is lost."""
        process = self._process
        if process is not None and not pending.done.is_set():
            self.signal(signal.SIGTERM)
            if not pending.done.wait(TERM_GRACE_S):
                self.kill()
            pending.done.wait()
        with self._lock:
            self._finish(pending)
        if pending.result.posted is None:
            pending.result.timed_out = True

    def signal(self, signum: int) -> None:
        """Sends a signal to the runtime process (not to what it started)."""
        process = self._process
        if process is not None:
            try:
                process.send_signal(signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """Ends the runtime process and everything it started (its process group), at once."""
        process = self._process
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def wait_idle(self, timeout: Optional[float] = None) -> bool:
        """Waits until the runtime asks for its next invocation with nothing running."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self._process is None or bool(self._asked and not self._running), timeout
            )

    def wait_exit(self, timeout: Optional[float] = None) -> Optional[int]:
        """Waits for the runtime process to end by itself; its exit status, or None."""
        with self._changed:
            ended = self._changed.wait_for(lambda: self._process is None, timeout)
            return self.exit_code if ended else None

    def close(self) -> None:
        """Ends the instance as the recording harness did: SIGKILL, then waits until reaped."""
        self.kill()
        with self._changed:
            self._changed.wait_for(lambda: self._process is None)

    def __enter__(self) -> "Instance":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def invoke(
    handler: str,
    event: bytes = b"",
    code_dir: str = ".",
    runtime: Optional[str] = None,
    headers: Optional[Sequence[Header]] = None,
    path: str = "default",
    function_type: str = "handler",
    timeout: Optional[float] = None,
    python: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
) -> Result:
    """Runs one invocation in a fresh runtime process (a cold start) and ends the process.

    headers default to default_headers(handler, runtime, function_type); given headers are sent as
    they are (their x-fc-function-handler names the function, as on FC). path "concurrent" runs
    the runtime with instance concurrency 2. The result's stdout, stderr and syslog hold everything
    the process wrote, start-up included."""
    if path not in ("default", "concurrent"):
        raise RunnerError('path: expected "default" or "concurrent"')
    if function_type not in FUNCTION_TYPES:
        raise RunnerError("function_type: expected one of " + ", ".join(FUNCTION_TYPES))
    instance = Instance(
        code_dir,
        runtime,
        python=python,
        concurrency=1 if path == "default" else 2,
        env=env,
    )
    if headers is None:
        headers = default_headers(handler, instance.runtime, function_type)
    collected = {"stdout": [], "stderr": [], "syslog": []}  # type: Dict[str, List[bytes]]
    sinks: Dict[str, Optional[Sink]] = {name: chunks.append for name, chunks in collected.items()}
    instance._sinks = sinks
    try:
        result = instance.invoke(event, headers, timeout=timeout)
        instance.wait_idle(timeout=5.0)
    finally:
        instance.close()
    result.stdout = b"".join(collected["stdout"])
    result.stderr = b"".join(collected["stderr"])
    result.syslog = b"".join(collected["syslog"])
    if result.exit_code is None and instance.exit_code is not None and result.posted is None:
        result.exit_code = instance.exit_code
    return result


def _runtime_ids() -> Tuple[str, ...]:
    return tuple(RUNTIMES) + tuple(RUNTIME_ALIASES)
