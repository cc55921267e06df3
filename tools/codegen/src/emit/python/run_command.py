"""python -m fc_context run|serve: run a handler as FC's Python runtime would, without Docker.

Exit status of `run`: 0 the runtime posted a response; 1 it posted an error document, or the
invocation failed without one (the process exited, or it timed out); 2 a usage problem (bad
option, missing file, unknown runtime or interpreter); 3 the runtime would not have invoked the
handler at all (it dropped the invocation or could not start).
"""

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import RUNTIME_ALIASES, RUNTIMES
from .run import (
    FUNCTION_TYPES,
    TIMEOUT_ERROR_TYPE,
    Instance,
    Result,
    RunnerError,
    _Deframer,
    default_headers,
)

EXIT_RESPONSE, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_INVOKED = 0, 1, 2, 3
PROG = "fc-context"


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run an Alibaba Cloud Function Compute Python handler as FC's runtime runs it.",
        epilog="run exits 0 (response), 1 (error document, timeout or the process ended), "
        "2 (usage), 3 (the runtime would not have invoked the handler).",
    )
    commands = parser.add_subparsers(dest="command")
    runtimes = list(RUNTIMES) + list(RUNTIME_ALIASES)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--code-dir", default=".", metavar="DIR", help="the code folder (default: .)"
        )
        sub.add_argument(
            "--runtime", choices=runtimes, help="runtime id (default: this interpreter's)"
        )
        sub.add_argument(
            "--python", metavar="PATH", help="interpreter for the runtime (default: this one)"
        )
        sub.add_argument(
            "--timeout", type=float, metavar="S", help="seconds before FC would end the instance"
        )
        sub.add_argument(
            "--env",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a function environment variable",
        )
        sub.add_argument(
            "--log-frames", action="store_true", help="write log records as FC's binary frames"
        )
        sub.add_argument("--system-log", metavar="FILE", help="write the runtime's own log to FILE")

    run = commands.add_parser("run", help="run one invocation in a fresh runtime process")
    run.add_argument("handler", metavar="HANDLER", help="module.function, as FC's handler setting")
    common(run)
    source = run.add_mutually_exclusive_group()
    source.add_argument("--event", metavar="FILE", help="the event bytes: a file, or - for stdin")
    source.add_argument("--data", metavar="TEXT", help="the event bytes: this text, as UTF-8")
    source.add_argument(
        "--event-kind", metavar="KIND", help="a fake event of a trigger kind (fc_context.events)"
    )
    run.add_argument(
        "--headers", metavar="FILE", help="the invocation headers: a JSON list of [name, value]"
    )
    run.add_argument("--request-id", metavar="ID", help="the request id (default: a fresh UUID)")
    run.add_argument(
        "--path", choices=("default", "concurrent"), default="default", help="invocation path"
    )
    run.add_argument("--function-type", choices=list(FUNCTION_TYPES), default="handler")
    run.add_argument(
        "--response", metavar="FILE", help="write the posted bytes to FILE (default: stdout, last)"
    )

    serve = commands.add_parser("serve", help="serve invocations over HTTP from one warm instance")
    serve.add_argument(
        "handler", metavar="HANDLER", help="module.function, as FC's handler setting"
    )
    common(serve)
    serve.add_argument(
        "--mode",
        choices=("http", "wsgi", "event"),
        default="http",
        help="http: FC 3.0 HTTP trigger; wsgi: FC 2.0 HTTP function; event: POST the event",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=9000, help="port (default: 9000; 0 picks a free one)"
    )
    serve.add_argument("--initializer", metavar="HANDLER", help="run once when the instance starts")
    serve.add_argument(
        "--concurrency",
        type=int,
        default=1,
        metavar="N",
        help="instance concurrency; above 1 selects the concurrent path",
    )
    return parser


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise UsageError("cannot read {}: {}".format(name, error.strerror or type(error).__name__))


def _read_headers(name: str) -> List[Tuple[str, str]]:
    data = _read_bytes(name)
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        where = getattr(error, "lineno", None)
        at = " at line {}, column {}".format(where, getattr(error, "colno", 0)) if where else ""
        raise UsageError("{}: not JSON{}: expected a list of [name, value] pairs".format(name, at))
    if isinstance(value, dict) and "headers" in value:
        value, pointer = value["headers"], "/headers"
    else:
        pointer = ""
    if not isinstance(value, list):
        raise UsageError(
            "{} at {}: expected a list of [name, value] pairs".format(name, pointer or "/")
        )
    pairs = []
    for index, pair in enumerate(value):
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(part, str) for part in pair)
        ):
            raise UsageError(
                "{} at {}/{}: expected [name, value], two strings".format(name, pointer, index)
            )
        pairs.append((pair[0], pair[1]))
    return pairs


def _environment(pairs: Sequence[str]) -> Dict[str, str]:
    env = {}
    for index, pair in enumerate(pairs):
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError("--env #{}: expected NAME=VALUE".format(index + 1))
        env[name] = value
    return env


def _event(args: argparse.Namespace) -> bytes:
    if args.event is not None:
        return _read_bytes(args.event)
    if args.data is not None:
        return bytes(args.data.encode("utf-8"))
    if args.event_kind is not None:
        from . import events

        try:
            value = events.fake_event(args.event_kind)
        except ValueError:
            raise UsageError("--event-kind: unknown kind (see fc_context.events.KINDS)")
        return json.dumps(value).encode("utf-8")
    return b"{}"


def _writer(stream: Any, frames: bool) -> Any:
    def write(chunk: bytes) -> None:
        stream.write(chunk)
        stream.flush()

    if frames:
        return write
    return _Deframer(write).feed


def _instance(args: argparse.Namespace, concurrency: int, syslog_file: Any) -> Instance:
    stdout = _writer(sys.stdout.buffer, args.log_frames)
    stderr = _writer(sys.stderr.buffer, True)
    syslog = None
    if syslog_file is not None:
        syslog = _writer(syslog_file, args.log_frames)
    if args.python is not None and not os.path.isfile(args.python):
        raise UsageError("--python: no interpreter at that path")
    try:
        return Instance(
            args.code_dir,
            args.runtime,
            python=args.python,
            concurrency=concurrency,
            env=_environment(args.env),
            stdout=stdout,
            stderr=stderr,
            syslog=syslog,
        )
    except (RunnerError, ValueError) as error:
        raise UsageError(str(error))


def _timeout(args: argparse.Namespace, headers: Sequence[Tuple[str, str]]) -> Optional[float]:
    """--timeout, else the function's own timeout header: what FC enforces."""
    if args.timeout is not None:
        return float(args.timeout)
    for name, value in headers:
        if name.lower() == "x-fc-function-timeout" and value.strip().isdigit():
            return float(value.strip())
    return None


def _say(text: str) -> None:
    sys.stderr.write("{}: {}\n".format(PROG, text))
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    syslog_file = open(args.system_log, "wb") if args.system_log else None
    try:
        event = _event(args)
        instance = _instance(args, 1 if args.path == "default" else 2, syslog_file)
        if args.headers is not None:
            headers = _read_headers(args.headers)
            if not any(name.lower() == "x-fc-function-handler" for name, _ in headers):
                headers.append(("x-fc-function-handler", args.handler))
        else:
            headers = default_headers(
                args.handler, instance.runtime, args.function_type, args.request_id
            )
        timeout = _timeout(args, headers)
        try:
            result = instance.invoke(event, headers, timeout=timeout)
            instance.wait_idle(timeout=5.0)
        finally:
            instance.close()
        return _report(args, result, timeout)
    finally:
        if syslog_file is not None:
            syslog_file.close()


def _report(args: argparse.Namespace, result: Result, timeout: Optional[float]) -> int:
    body = result.body
    limit = float(timeout or 0)
    if result.posted is None:
        if result.timed_out:
            body = json.dumps(
                {
                    "errorMessage": "Function time out after {:g} seconds".format(limit),
                    "errorType": TIMEOUT_ERROR_TYPE,
                },
                indent=4,
                sort_keys=True,
            ).encode("utf-8")
            _say("the handler ran past the timeout ({:g} s): FC ends the instance".format(limit))
            code = EXIT_ERROR
        elif not result.dropped and result.exit_code is not None and _started(result):
            _say(
                "the runtime process ended (status {}) before posting a result".format(
                    result.exit_code
                )
            )
            code = EXIT_ERROR
        else:
            _say("the runtime did not invoke the handler (nothing was posted)")
            code = EXIT_NOT_INVOKED
        if not body:
            return code
    else:
        code = EXIT_RESPONSE if result.posted == "response" else EXIT_ERROR
    if args.response is not None:
        with open(args.response, "wb") as handle:
            handle.write(body)
    else:
        sys.stdout.buffer.write(body)
        if body and not body.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()
    return code


def _started(result: Result) -> bool:
    """Whether the runtime printed the Start line of this invocation before it ended."""
    return (" RequestId: " + result.request_id).encode("utf-8") in result.stdout


def serve(args: argparse.Namespace) -> int:
    from ._serve import Server

    if args.concurrency < 1:
        raise UsageError("--concurrency: expected 1 or more")
    syslog_file = open(args.system_log, "wb") if args.system_log else None
    instance = _instance(args, args.concurrency, syslog_file)
    try:
        server = Server(
            instance,
            args.handler,
            mode=args.mode,
            host=args.host,
            port=args.port,
            initializer=args.initializer,
            timeout=args.timeout,
            log=_say,
        )
    except OSError as error:
        raise UsageError("cannot listen on {}:{}: {}".format(args.host, args.port, error.strerror))
    host, port = server.address
    _say(
        "serving {} ({} mode, {}) on http://{}:{}/".format(
            args.handler, args.mode, instance.runtime, host, port
        )
    )
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    instance.start()  # from the main thread: the runtime dies with this process (Linux)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.shutdown()
        if syslog_file is not None:
            syslog_file.close()
    return EXIT_RESPONSE


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return EXIT_USAGE if exit.code else EXIT_RESPONSE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run(args) if args.command == "run" else serve(args)
    except UsageError as error:
        _say(str(error))
        return EXIT_USAGE
