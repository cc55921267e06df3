"""`fc-context serve`: a loopback HTTP server in front of one warm runtime instance.

Three modes, each how FC turns a request into an invocation and its result into an answer:
- "http": an FC 3.0 HTTP trigger. The request becomes the v1 event (JSON bytes); a result that is a
  JSON object with an int statusCode is the response {statusCode, headers, isBase64Encoded, body},
  anything else is the body of a 200.
- "wsgi": an FC 2.0 HTTP function. The request becomes the body and the x-fc-http-params header;
  the status and headers come back in the post's x-fc-http-params.
- "event": an event invocation per request (POST the event bytes), answered with the bytes the
  runtime posted; an error document comes with the header X-Fc-Error-Type.
"""

import base64
import json
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import unquote, urlsplit

from .run import TIMEOUT_ERROR_TYPE, Instance, Result, default_headers

__all__ = ["MODES", "Server", "http_event", "http_response"]

MODES = ("http", "wsgi", "event")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}


def _canonical(name: str) -> str:
    """FC 3.0 gives built-in runtimes header names with each word capitalised."""
    return "-".join(word[:1].upper() + word[1:].lower() for word in name.split("-"))


def http_event(
    method: str,
    target: str,
    headers: List[Tuple[str, str]],
    body: bytes,
    client_ip: str,
    account_id: str,
    request_id: str,
) -> bytes:
    """The FC 3.0 HTTP trigger's v1 event for a request: JSON bytes."""
    url = urlsplit(target)
    joined = {}  # type: Dict[str, str]
    for name, value in headers:
        key = _canonical(name)
        joined[key] = joined[key] + "," + value if key in joined else value
    query = {}  # type: Dict[str, str]
    for part in url.query.split("&") if url.query else []:
        key, _, value = part.partition("=")
        key, value = unquote(key.replace("+", " ")), unquote(value.replace("+", " "))
        query[key] = query[key] + "," + value if key in query else value
    try:
        text, binary = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, binary = base64.b64encode(body).decode("ascii"), True
    now = time.time()
    event = {
        "version": "v1",
        "rawPath": url.path or "/",
        "headers": joined,
        "queryParameters": query,
        "body": text,
        "isBase64Encoded": binary,
        "requestContext": {
            "accountId": account_id,
            "domainName": "127.0.0.1",
            "domainPrefix": "127",
            "http": {
                "method": method,
                "path": unquote(url.path or "/"),
                "protocol": "HTTP/1.1",
                "sourceIp": client_ip,
                "userAgent": joined.get("User-Agent", ""),
            },
            "requestId": request_id,
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": str(int(now * 1000)),
        },
    }
    return json.dumps(event).encode("utf-8")


def http_response(body: bytes) -> Tuple[int, List[Tuple[str, str]], bytes]:
    """What an FC 3.0 HTTP trigger answers for the bytes a handler's result became."""
    try:
        value = json.loads(body.decode("utf-8"))
    except ValueError:
        value = None
    if not isinstance(value, dict) or not isinstance(value.get("statusCode"), int):
        return 200, [], body
    headers = [(str(k), str(v)) for k, v in (value.get("headers") or {}).items()]
    content = value.get("body", "")
    if not isinstance(content, str):
        content = json.dumps(content)
    if value.get("isBase64Encoded") is True:
        data = base64.b64decode(content)
    else:
        data = content.encode("utf-8")
    return value["statusCode"], headers, data


class _ThreadingServer(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Server(object):
    """The server: an Instance, an optional initializer run once at its start, and a mode."""

    def __init__(
        self,
        instance: Instance,
        handler: str,
        mode: str = "http",
        host: str = "127.0.0.1",
        port: int = 9000,
        initializer: Optional[str] = None,
        timeout: Optional[float] = None,
        log: Any = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError("mode: expected one of " + ", ".join(MODES))
        self.instance = instance
        self.handler = handler
        self.mode = mode
        self.initializer = initializer
        self.timeout = timeout
        self._log = log
        self._initialized_start = 0
        self._init_lock = threading.Lock()
        self._headers = None  # type: Optional[List[Tuple[str, str]]]
        self.httpd = _ThreadingServer((host, port), self._request_handler())

    @property
    def address(self) -> Tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    def _note(self, text: str) -> None:
        if self._log is not None:
            self._log(text)

    def _ensure_initialized(self) -> None:
        """The initializer, once per instance start, before its first invocation (as FC does)."""
        if self.initializer is None:
            return
        with self._init_lock:
            self.instance.start()
            if self._initialized_start == self.instance.starts:
                return
            self._initialized_start = self.instance.starts
            result = self.instance.invoke(
                b"",
                default_headers(self.initializer, self.instance.runtime, "initializer"),
                timeout=self.timeout,
            )
            if result.posted != "response":
                self._note(
                    "initializer {} failed: {}".format(
                        self.initializer, result.posted or "no result"
                    )
                )

    def invoke(self, event: bytes, request_id: str, extra: List[Tuple[str, str]]) -> Result:
        self._ensure_initialized()
        if self._headers is None:  # built once: a fake context per request costs 0.1 ms
            self._headers = default_headers(self.handler, self.instance.runtime, request_id="-")
        headers = [
            (name, request_id if name == "x-fc-request-id" else value)
            for name, value in self._headers
        ] + extra
        return self.instance.invoke(event, headers, timeout=self.timeout)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.instance.close()

    def _request_handler(self) -> Any:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "fc-context"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def setup(self) -> None:
                BaseHTTPRequestHandler.setup(self)
                # headers and body go out as two writes: without this, Nagle's algorithm holds the
                # body until the client's delayed ACK, 40 ms on Linux
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _serve(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                headers = [(k, v) for k, v in self.headers.items()]
                try:
                    status, out_headers, data = server.answer(
                        self.command, self.path, headers, body, self.client_address[0]
                    )
                except Exception as error:  # the runner's own failure: say so, keep serving
                    status, out_headers = 500, [("Content-Type", "text/plain; charset=utf-8")]
                    data = "fc-context serve: {}\n".format(type(error).__name__).encode("utf-8")
                self.send_response(status)
                for name, value in out_headers:
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve

        return Handler

    def answer(
        self, method: str, target: str, headers: List[Tuple[str, str]], body: bytes, client_ip: str
    ) -> Tuple[int, List[Tuple[str, str]], bytes]:
        request_id = str(uuid.uuid4())
        extra = []  # type: List[Tuple[str, str]]
        if self.mode == "http":
            account = "1234567890123456"
            event = http_event(method, target, headers, body, client_ip, account, request_id)
            result = self.invoke(event, request_id, extra)
        elif self.mode == "wsgi":
            url = urlsplit(target)
            header_map = {}  # type: Dict[str, List[str]]
            for name, value in headers:
                header_map.setdefault(name, []).append(value)
            params = {
                "path": url.path or "/",
                "method": method,
                "requestURI": target,
                "clientIP": client_ip,
                "headersMap": header_map,
            }
            encoded = base64.b64encode(json.dumps(params).encode("utf-8")).decode("ascii")
            result = self.invoke(body, request_id, [("x-fc-http-params", encoded)])
        else:
            result = self.invoke(body, request_id, extra)
        return self._answer_of(result)

    def _answer_of(self, result: Result) -> Tuple[int, List[Tuple[str, str]], bytes]:
        request = [("X-Fc-Request-Id", result.request_id)]
        if result.posted is None:
            if result.timed_out:
                error = {
                    "errorMessage": "Function time out after {} seconds".format(self.timeout),
                    "errorType": TIMEOUT_ERROR_TYPE,
                }
            elif result.dropped:
                error = {
                    "errorMessage": "the runtime dropped the invocation: no handler ran",
                    "errorType": "InvocationDropped",
                }
            else:
                error = {
                    "errorMessage": "the runtime ended (exit status {}) without a result".format(
                        result.exit_code
                    ),
                    "errorType": "ProcessExited",
                }
            data = json.dumps(error).encode("utf-8")
            return 502, request + [("Content-Type", "application/json")], data
        if result.posted == "error":
            json_type = [("Content-Type", "application/json")]
            return (
                502 if self.mode != "event" else 200,
                request + json_type + [("X-Fc-Error-Type", "UnhandledInvocationError")],
                result.body,
            )
        if self.mode == "http":
            status, headers, data = http_response(result.body)
            return status, request + headers, data
        if self.mode == "wsgi":
            params = result.http_params
            if params is None:
                return 200, request, result.body
            decoded = json.loads(base64.b64decode(params).decode("utf-8"))
            headers = [
                (name, value)
                for name, values in (decoded.get("headersMap") or {}).items()
                for value in values
            ]
            return int(decoded.get("status", 200)), request + headers, result.body
        return 200, request, result.body
