"""Benchmarks of fc-context run and serve on this interpreter (npm run bench:run runs it on each).

- cold start: from nothing to the handler's first line, through `python -m fc_context run` (the
  whole command, as a developer types it) and through fc_context.run.invoke (a fresh runtime);
- warm overhead: an Instance's round trip for a hello handler, and serve's HTTP round trip,
  minus the handler's own time (measured inside it);
- serve throughput: hello requests per second, one client with keep-alive, and four at once.

Prints one JSON object. A benchmark measures; it asserts nothing.
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from fc_context.run import Instance, default_headers, invoke

HELLO = '''
import time


def handler(event, context):
    started = time.time()
    return {"started": started, "own_s": time.time() - started}


def hello(event, context):
    return "hello"
'''


def quantiles(values):
    values = sorted(values)
    return {
        "median_ms": round(statistics.median(values) * 1000, 3),
        "p90_ms": round(values[int(len(values) * 0.9)] * 1000, 3),
        "min_ms": round(values[0] * 1000, 3),
    }


def cold_command(code, runs):
    spans, totals = [], []
    for _ in range(runs):
        begun = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "fc_context", "run", "index.handler", "--code-dir", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=True,
        )
        totals.append(time.time() - begun)
        text = done.stdout.decode("utf-8")
        spans.append(json.loads(text[text.rindex("{\n") :])["started"] - begun)
    return {"to_first_handler_call": quantiles(spans), "whole_command": quantiles(totals)}


def cold_api(code, runs):
    spans = []
    for _ in range(runs):
        begun = time.time()
        result = invoke("index.handler", b"{}", code_dir=code)
        spans.append(json.loads(result.body.decode("utf-8"))["started"] - begun)
    return {"to_first_handler_call": quantiles(spans)}


def warm_instance(code, runs):
    overheads = []
    with Instance(code) as instance:
        headers = default_headers("index.handler", instance.runtime)
        instance.invoke(b"{}", headers)  # load the module
        for _ in range(runs):
            begun = time.perf_counter()
            result = instance.invoke(b"{}", headers)
            elapsed = time.perf_counter() - begun
            overheads.append(elapsed - json.loads(result.body.decode("utf-8"))["own_s"])
    return quantiles(overheads)


def start_serve(code, handler):
    process = subprocess.Popen(
        [sys.executable, "-m", "fc_context", "serve", handler, "--code-dir", code, "--mode", "event",
         "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    line = process.stderr.readline().decode("utf-8")
    return process, int(line.rsplit(":", 1)[1].strip().rstrip("/"))


def stop_serve(process):
    process.terminate()
    process.wait()
    process.stderr.close()


def post(connection):
    connection.request("POST", "/", body=b"{}")
    response = connection.getresponse()
    return response.read()


def warm_serve(code, runs):
    process, port = start_serve(code, "index.handler")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        post(connection)
        overheads = []
        for _ in range(runs):
            begun = time.perf_counter()
            body = post(connection)
            elapsed = time.perf_counter() - begun
            overheads.append(elapsed - json.loads(body.decode("utf-8"))["own_s"])
        connection.close()
    finally:
        stop_serve(process)
    return quantiles(overheads)


def throughput(code, seconds, clients):
    process, port = start_serve(code, "index.hello")
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def client(index):
        connection = http.client.HTTPConnection("127.0.0.1", port)
        while time.monotonic() < stop:
            post(connection)
            counts[index] += 1
        connection.close()

    try:
        threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
        begun = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - begun
    finally:
        stop_serve(process)
    return round(sum(counts) / elapsed, 1)


def main():
    code = tempfile.mkdtemp(prefix="fc-run-bench-")
    with open(os.path.join(code, "index.py"), "w") as handle:
        handle.write(HELLO)
    report = {
        "python": "{}.{}.{}".format(*sys.version_info[:3]),
        "cold_start_command": cold_command(code, 10),
        "cold_start_api": cold_api(code, 10),
        "warm_overhead_instance": warm_instance(code, 2000),
        "warm_overhead_serve_http": warm_serve(code, 2000),
        "serve_requests_per_s_1_client": throughput(code, 3.0, 1),
        "serve_requests_per_s_4_clients": throughput(code, 3.0, 4),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
