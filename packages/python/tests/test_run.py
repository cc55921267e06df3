"""fc_context.run, `python -m fc_context run|serve`: what a developer moving from `s local invoke`
does, on this interpreter, through the public entry points: the exit codes, bad input, the
timeout, a handler that exits, credentials, HTTP serving in the three modes, and nothing left
behind (no process, no port).
"""

import base64
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import fc_context
from fc_context import run as fcrun

SECRET = "RunnerCanarySecret7f3k9QzX"
HANDLERS = """
import json
import logging
import os
import sys
import time

STATE = {"initialized": 0}


def initializer(context):
    STATE["initialized"] += 1


def handler(event, context):
    print("event is", type(event).__name__, len(event))
    logging.info("request %s", context.request_id)
    return {"event": event.decode("utf-8"), "initialized": STATE["initialized"],
            "handler": context.function.handler}


def echo(event, context):
    return event


def fails(event, context):
    raise ValueError("no, thanks")


def hangs(event, context):
    print("hanging")
    time.sleep(60)


def exits(event, context):
    sys.exit(7)


def leaks(event, context):
    print(context.credentials.access_key_secret if hasattr(context, "credentials")
          else os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
    return "ok"


def spawns(event, context):
    import subprocess
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    with open(os.path.join(os.path.dirname(__file__), "child.pid"), "w") as handle:
        handle.write(str(child.pid))
    time.sleep(60)


def http(event, context):
    request = json.loads(event)
    return {"statusCode": 201, "headers": {"X-Path": request["rawPath"]},
            "body": base64_body(request), "isBase64Encoded": False}


def base64_body(request):
    import base64
    body = request["body"]
    return base64.b64decode(body).decode("utf-8") if request["isBase64Encoded"] else body


def app(environ, start_response):
    start_response("202 Accepted", [("Content-Type", "text/plain"), ("X-Method", environ["REQUEST_METHOD"])])
    return [environ["PATH_INFO"].encode("utf-8"), b"?", environ["QUERY_STRING"].encode("utf-8")]
"""


def _alive(pid):
    """Whether a process is still running: it exists and is not a zombie waiting to be reaped."""
    try:
        with open("/proc/{}/stat".format(pid)) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class RunnerCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.code = tempfile.mkdtemp(prefix="fc-run-")
        with open(os.path.join(cls.code, "index.py"), "w") as handle:
            handle.write(textwrap.dedent(HANDLERS))
        with open(os.path.join(cls.code, "broken.py"), "w") as handle:
            handle.write("def handler(event, context)\n    return 1\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.code, ignore_errors=True)

    def command(self, *args, stdin=b"", env=None, timeout=60):
        """Runs `python -m fc_context` and returns (exit status, stdout, stderr)."""
        environment = dict(os.environ)
        environment.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "fc_context"] + list(args),
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            timeout=timeout,
        )
        return done.returncode, done.stdout, done.stderr


class InvokeApi(RunnerCase):
    def test_a_response_its_logs_and_the_context_from_the_package(self):
        result = fcrun.invoke("index.handler", b'{"k": 1}', code_dir=self.code)
        self.assertEqual(result.posted, "response")
        value = json.loads(result.body.decode("utf-8"))
        self.assertEqual(value, {"event": '{"k": 1}', "initialized": 0, "handler": "index.handler"})
        lines = result.log_lines()
        self.assertEqual(lines[0], "FunctionCompute python3 runtime inited.")
        self.assertTrue(lines[1].startswith("FC Invoke Start RequestId: " + result.request_id))
        self.assertIn("event is bytes 8", lines)
        self.assertRegex(
            lines[3], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z " + result.request_id + r" \[INFO\] request "
        )
        self.assertEqual(lines[-1], "FC Invoke End RequestId: " + result.request_id)
        self.assertIn(b"\xed\xdb\xac\x9b", result.stdout)  # records are framed as FC frames them
        self.assertIn("[bootstrap]: concurrent limit: 1", "\n".join(result.system_log_lines()))

    def test_an_error_document(self):
        result = fcrun.invoke("index.fails", code_dir=self.code)
        self.assertEqual(result.posted, "error")
        self.assertEqual(result.error["errorType"], "ValueError")
        self.assertEqual(result.error["errorMessage"], "no, thanks")
        self.assertEqual(result.error["stackTrace"][0][2], "in fails")

    def test_bytes_come_back_byte_for_byte_on_both_paths(self):
        data = bytes(range(256))
        for path in ("default", "concurrent"):
            with self.subTest(path=path):
                result = fcrun.invoke("index.echo", data, code_dir=self.code, path=path)
                self.assertEqual((result.posted, result.body), ("response", data))

    def test_hooks_get_the_context_alone(self):
        result = fcrun.invoke("index.initializer", code_dir=self.code, function_type="initializer")
        self.assertEqual((result.posted, result.body), ("response", b"null"))
        self.assertIn("FC Initialize End RequestId: " + result.request_id, result.log_lines())

    def test_an_instance_stays_warm(self):
        with fcrun.Instance(self.code) as instance:
            init = instance.invoke(handler="index.initializer", function_type="initializer")
            self.assertEqual(init.posted, "response")
            first = instance.invoke(b"1", handler="index.handler")
            second = instance.invoke(b"2", handler="index.handler")
            pid = instance._process.pid
        self.assertEqual(json.loads(first.body.decode())["initialized"], 1)
        self.assertEqual(json.loads(second.body.decode())["initialized"], 1)
        self.assertEqual(instance.starts, 1)
        self.assertFalse(_alive(pid))

    def test_the_timeout_ends_the_instance_and_what_it_started(self):
        result = fcrun.invoke("index.spawns", code_dir=self.code, timeout=1.5)
        self.assertTrue(result.timed_out)
        self.assertIsNone(result.posted)
        self.assertIn("Dumping stack trace after function timeout", "\n".join(result.log_lines()))
        with open(os.path.join(self.code, "child.pid")) as handle:
            child = int(handle.read())
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(_alive(child), "a process the handler started outlived the instance")

    def test_bad_arguments(self):
        with self.assertRaises(fcrun.RunnerError):
            fcrun.invoke("index.handler", code_dir=os.path.join(self.code, "missing"))
        with self.assertRaises(fcrun.RunnerError):
            fcrun.invoke("index.handler", code_dir=self.code, path="sideways")
        with self.assertRaises(TypeError):
            fcrun.invoke("index.handler", "text, not bytes", code_dir=self.code)  # type: ignore
        with self.assertRaises(ValueError):
            fcrun.invoke("index.handler", code_dir=self.code, runtime="python2.7")


class RunCommand(RunnerCase):
    def test_a_response_exits_0_and_ends_stdout(self):
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--data", "hi")
        self.assertEqual(code, 0, err)
        text = out.decode("utf-8")
        self.assertIn("event is bytes 2\n", text)
        self.assertNotIn("\xed", text)  # records shown as text by default
        self.assertTrue(text.rstrip().endswith("}"))
        self.assertEqual(json.loads(text[text.rindex("{\n") :])["event"], "hi")

    def test_log_frames_writes_the_frames_byte_for_byte(self):
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--log-frames")
        self.assertEqual(code, 0, err)
        self.assertIn(b"\xed\xdb\xac\x9b", out)

    def test_an_error_exits_1_and_the_response_file_holds_the_document(self):
        response = os.path.join(self.code, "response.json")
        code, out, err = self.command("run", "index.fails", "--code-dir", self.code, "--response", response)
        self.assertEqual(code, 1, err)
        with open(response, "rb") as handle:
            self.assertEqual(json.loads(handle.read())["errorType"], "ValueError")

    def test_a_missing_handler_and_a_syntax_error_are_error_documents(self):
        for handler, error_type in (
            ("index.nope", "HandlerNotFound"),
            ("nomodule.handler", "ImportModuleError"),
            ("broken.handler", "UserCodeSyntaxError"),
            ("nodot", "InvalidHandleName"),
        ):
            with self.subTest(handler=handler):
                code, out, err = self.command("run", handler, "--code-dir", self.code)
                self.assertEqual(code, 1, err)
                self.assertIn('"errorType": "{}"'.format(error_type), out.decode("utf-8"))

    def test_usage_problems_exit_2_without_a_traceback(self):
        missing = os.path.join(self.code, "no-such-event.json")
        for args in (
            ["run", "index.handler", "--code-dir", self.code, "--event", missing],
            ["run", "index.handler", "--code-dir", os.path.join(self.code, "nowhere")],
            ["run", "index.handler", "--runtime", "python2.7"],
            ["run", "index.handler", "--python", "/nonexistent/python"],
            ["run"],
            [],
        ):
            with self.subTest(args=args):
                code, out, err = self.command(*args)
                self.assertEqual(code, 2, err)
                self.assertNotIn(b"Traceback", err)

    def test_a_headers_file_is_checked_and_located(self):
        headers = os.path.join(self.code, "headers.json")
        with open(headers, "w") as handle:
            handle.write('[["x-fc-request-id", "r-1"], ["x-fc-access-key-secret", 5]]')
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--headers", headers)
        self.assertEqual(code, 2)
        self.assertIn(b"at /1: expected [name, value], two strings", err)

    def test_a_dropped_invocation_exits_3(self):
        headers = os.path.join(self.code, "no-request-id.json")
        with open(headers, "w") as handle:
            json.dump([["x-fc-function-handler", "index.handler"]], handle)
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--headers", headers)
        self.assertEqual(code, 3, err)
        self.assertIn(b"did not invoke the handler", err)

    def test_a_handler_that_exits_and_one_that_hangs_exit_1(self):
        code, out, err = self.command("run", "index.exits", "--code-dir", self.code)
        self.assertEqual(code, 1, err)
        self.assertIn(b"ended (status 7)", err)
        code, out, err = self.command("run", "index.hangs", "--code-dir", self.code, "--timeout", "1")
        self.assertEqual(code, 1, err)
        self.assertIn(b"FunctionTimeout", out)
        self.assertIn(b"hanging\n", out)

    def test_credentials_reach_the_handler_and_never_the_runners_messages(self):
        env = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIRunnerCanaryId", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET}
        code, out, err = self.command("run", "index.leaks", "--code-dir", self.code, env=env)
        self.assertEqual(code, 0, err)
        self.assertIn(SECRET.encode(), out)  # the handler printed it: that is the handler's output
        self.assertNotIn(SECRET.encode(), err)
        headers = os.path.join(self.code, "bad-headers.json")
        with open(headers, "w") as handle:
            handle.write('[["x-fc-access-key-secret", "' + SECRET + '"], 3]')
        code, out, err = self.command("run", "index.leaks", "--code-dir", self.code, "--headers", headers)
        self.assertEqual(code, 2)
        self.assertNotIn(SECRET.encode(), out + err)

    def test_a_fake_event_of_a_trigger_kind(self):
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--event-kind", "timer")
        self.assertEqual(code, 0, err)
        self.assertIn(b"triggerTime", out)
        code, out, err = self.command("run", "index.handler", "--code-dir", self.code, "--event-kind", "nope")
        self.assertEqual(code, 2)


class Serve(RunnerCase):
    def serve(self, *args):
        process = subprocess.Popen(
            [sys.executable, "-m", "fc_context", "serve"] + list(args) + ["--code-dir", self.code, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.addCleanup(self._stop, process)
        line = process.stderr.readline().decode("utf-8")
        self.assertIn("on http://127.0.0.1:", line)
        port = int(line.rsplit(":", 1)[1].strip().rstrip("/"))
        return process, port

    def _stop(self, process):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        process.stderr.close()

    def request(self, port, method, target, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def test_an_fc3_http_trigger(self):
        process, port = self.serve("index.http")
        status, headers, body = self.request(port, "POST", "/items/7?x=1", body=b"payload")
        self.assertEqual(status, 201)
        self.assertEqual(headers["X-Path"], "/items/7")
        self.assertEqual(body, b"payload")

    def test_an_fc2_wsgi_function(self):
        process, port = self.serve("index.app", "--mode", "wsgi")
        status, headers, body = self.request(port, "GET", "/hello?name=fc")
        self.assertEqual((status, headers["X-Method"], body), (202, "GET", b"/hello?name=fc"))

    def test_events_on_a_warm_instance_with_its_initializer_once(self):
        process, port = self.serve("index.handler", "--mode", "event", "--initializer", "index.initializer")
        answers = [self.request(port, "POST", "/", body=b"e%d" % n)[2] for n in range(3)]
        values = [json.loads(answer.decode("utf-8")) for answer in answers]
        self.assertEqual([value["initialized"] for value in values], [1, 1, 1])
        self.assertEqual([value["event"] for value in values], ["e0", "e1", "e2"])
        status, headers, body = self.request(port, "POST", "/", body=b"")
        self.assertEqual(status, 200)

    def test_an_error_and_the_concurrent_path(self):
        process, port = self.serve("index.fails", "--mode", "event", "--concurrency", "4")
        status, headers, body = self.request(port, "POST", "/", body=b"{}")
        self.assertEqual(headers["X-Fc-Error-Type"], "UnhandledInvocationError")
        self.assertEqual(json.loads(body.decode("utf-8"))["errorMessage"], "no, thanks")

    def test_stopping_leaves_no_process_and_frees_the_port(self):
        process, port = self.serve("index.handler", "--mode", "event")
        self.request(port, "POST", "/", body=b"x")
        children = subprocess.run(["pgrep", "-P", str(process.pid)], stdout=subprocess.PIPE).stdout.split()
        self._stop(process)
        self.assertEqual(process.returncode, 0)
        for pid in children:
            self.assertFalse(_alive(int(pid)))
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # free again


if __name__ == "__main__":
    unittest.main()
