"""Replays a recorded dispatch case (spec/dispatch/cases/) through fc_context.run and says how the
result differs from what FC's runtime did.

A case is replayed as the recording harness ran the runtime: the case's files in a code folder,
the case's environment (its placeholders filled with the runner's channel), each invocation served
in order (at once on the concurrent path), a signal when the case sent one, and SIGKILL once the
runtime is idle. Then the replay's output is set beside the recording, both normalised the same way:
our folders named as the recording names its own, timestamps, object addresses and thread ids
masked, and the runtime's own frames (ours and the vendor's are different files) each collapsed
into one marker, as the issue allows: "frames of the runtime's own files aside".

    python dispatch_replay.py CASE.json   # prints the differences of one case
"""

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time

import fc_context
from fc_context.run import BOOTSTRAP, Instance, read_frames

CASES = os.environ.get(
    "FC_CONTEXT_DISPATCH",
    os.path.join(os.path.dirname(__file__), "..", "..", "..", "spec", "dispatch", "cases"),
)
PACKAGE = os.path.dirname(os.path.abspath(fc_context.__file__))
RUNTIME_FOLDER = os.path.dirname(BOOTSTRAP)


def load_cases():
    cases = []
    for name in sorted(os.listdir(CASES)):
        if name.endswith(".json"):
            with open(os.path.join(CASES, name), encoding="utf-8") as handle:
                cases.append(json.load(handle))
    return cases


def recorded_version(case):
    """'3.9' for a case recorded on CPython 3.9.18."""
    return ".".join(case["interpreter"].split()[-1].split(".")[:2])


def case_body(invocation):
    if invocation.get("body_base64") is not None:
        return base64.b64decode(invocation["body_base64"])
    spec = invocation["body_spec"]
    text = spec["repeat"] * (spec["length"] // len(spec["repeat"]) + 1)
    body = text[: spec["length"]].encode("utf-8")
    assert hashlib.sha256(body).hexdigest() == invocation["body_sha256"], "rebuilt body differs"
    return body


def runtime_id(case):
    """The fc_context runtime whose context the case's runtime built."""
    return "python3" if case["runtime"] == "python3" else "python3.9"


class Replay(object):
    """What the runner gave for a case."""

    def __init__(self):
        self.posts = []  # one Result per invocation, in order
        self.stdout = b""
        self.stderr = b""
        self.syslog = b""
        self.exit_code = None
        self.code_dir = ""


def replay(case, python=None):
    """Runs a case through the runner and returns a Replay."""
    code_dir = tempfile.mkdtemp(prefix="fcrc_")
    try:
        for path, source in case["files"].items():
            target = os.path.join(code_dir, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(source)
        return _replay(case, code_dir, python)
    finally:
        shutil.rmtree(code_dir, ignore_errors=True)


def _replay(case, code_dir, python):
    env = {}
    for name, value in case["runtime_env"].items():
        if name in ("FC_RUNTIME_API", "_FC_LOG_FD"):
            continue  # the runner's channel, filled in by Instance
        env[name] = code_dir if name == "FC_FUNC_CODE_PATH" else value
    for name in case.get("unset_env") or []:
        env[name] = None
    concurrent = case["runtime"] == "concurrent"
    chunks = {"stdout": [], "stderr": [], "syslog": []}
    instance = Instance(
        code_dir,
        runtime_id(case),
        python=python,
        concurrency=int(env.get("FC_CONCURRENT_LIMIT") or (2 if concurrent else 1)),
        env=env,
        inherit_env=False,
        stdout=chunks["stdout"].append,
        stderr=chunks["stderr"].append,
        syslog=chunks["syslog"].append,
        cwd=RUNTIME_FOLDER,
        restart=False,
    )
    invocations = list(case.get("before") or []) + [case]
    result = Replay()
    result.code_dir = code_dir
    sig = case.get("signal")
    try:
        instance.start()
        if sig is not None and sig["when"] == "idle":
            instance.wait_idle(timeout=20)
            time.sleep(sig["delay_s"])
            instance.signal(getattr(signal, sig["name"]))
            time.sleep(1.0)
        pending = []
        for index, step in enumerate(invocations):
            headers = [tuple(pair) for pair in step["headers"]]
            pending.append(instance.submit(case_body(step), headers))
            if sig is not None and sig["when"] == "served" and sig.get("step") == index:
                # from the handler's start, so that a slow start (a loaded machine) changes nothing
                started = ("Start RequestId: " + pending[-1].result.request_id).encode("utf-8")
                deadline = time.monotonic() + 30
                while started not in b"".join(chunks["stdout"]) and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(sig["delay_s"])
                instance.signal(getattr(signal, sig["name"]))
        results = []
        for index, step in enumerate(invocations):
            # an invocation the runtime posts nothing for is given up after a while, as the
            # recording harness did; the runtime is not told
            patience = 60 if step["observed"]["posted"] is not None else 3
            results.append(instance.wait(pending[index], patience, enforce=False))
        if case["observed"]["exit"]["code"] is not None:
            instance.wait_exit(timeout=30)  # the runtime ended by itself in the recording
        else:
            instance.wait_idle(timeout=5)
        result.posts = results
    finally:
        instance.close()
    result.exit_code = instance.exit_code if case["observed"]["exit"]["code"] is not None else None
    result.stdout = b"".join(chunks["stdout"])
    result.stderr = b"".join(chunks["stderr"])
    result.syslog = b"".join(chunks["syslog"])
    return result


# ---- normalising ------------------------------------------------------------------------------


def _interpreter_prefixes(python):
    return [sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.realpath(python)))]


class Normaliser(object):
    """portable: the replay ran on another Python than the recording (3.10 and 3.12 have none), so
    what the interpreter itself writes is masked too: its standard library's frames, the 3.11+
    caret lines, a SyntaxError's wording, its version in paths and the locale's encoding name."""

    def __init__(self, case, code_dir, python, portable=False):
        self.portable = portable
        version = case["interpreter"].split()[-1]
        runtime_dir = "/srv/fc/runtimes/" + case["runtime"]
        self.replacements = [(code_dir, "/srv/function/code"), (RUNTIME_FOLDER, runtime_dir), (PACKAGE, runtime_dir)]
        for prefix in _interpreter_prefixes(python or sys.executable):
            self.replacements.append((prefix, "/opt/cpython/versions/" + version))
        self.runtime_dir = runtime_dir

    def paths(self, text):
        for ours, theirs in self.replacements:
            text = text.replace(ours, theirs)
        return text

    def text(self, text, recorded=False):
        if not recorded:
            text = self.paths(text)
        text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", "<utc-time>", text)
        text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", "<time>", text)
        text = re.sub(r"0x[0-9a-f]{6,}", "0x<addr>", text)
        text = re.sub(r"thread id = \d+", "thread id = <n>", text)
        text = re.sub(r"Thread-\d+", "Thread-<n>", text)
        text = re.sub(r"\d+\.\d+\.\d+\.\d+:\d+", "127.0.0.1:<port>", text)
        text = self.runtime_frames(text)
        if self.portable:
            text = self.interpreter_parts(text)
        return text

    def interpreter_parts(self, text):
        stdlib = r'(?:/opt/cpython/versions/[^"\\]*|<frozen [^>"]*>)'
        marker = "<interpreter frames>"
        text = re.sub(
            r'\[\s*"File \\"' + stdlib + r'\\"",\s*"line \d+",\s*"in [^"]*",\s*"(?:[^"\\]|\\.)*"\s*\]',
            '"' + marker + '"',
            text,
        )
        text = re.sub(r'"' + marker + r'"(,\s*"' + marker + r'")+', '"' + marker + '"', text)
        text = re.sub(
            r'  File "' + stdlib + r'", line \d+, in [^\n]*\n(    (?!File )[^\n]*\n)?', "  " + marker + "\n", text
        )
        text = re.sub(r"(  " + marker + r"\n)+", "  " + marker + "\n", text)
        text = re.sub(r"\n *[~^][~^ ]*(?=\n)", "", text)
        text = re.sub(r"[\"']SyntaxError: .*?[\"'](?=\s*[\],])", "'SyntaxError: <message>'", text)
        text = re.sub(r"python3\.?\d+", "python3<version>", text)
        text = re.sub(r'"preferred_encoding": "[^"]*"', '"preferred_encoding": "<locale>"', text)
        return text

    def runtime_frames(self, text):
        """The runtime's own frames, in each form they appear, each run of them as one marker."""
        folder = re.escape(self.runtime_dir)
        marker = "<runtime frames>"
        # an indented JSON stackTrace entry, and a list entry of a flat repr
        text = re.sub(
            r'\[\s*"File \\"' + folder + r'/[^"]*\\"",\s*"line \d+",\s*"in [^"]*",\s*"(?:[^"\\]|\\.)*"\s*\]',
            '"' + marker + '"',
            text,
        )
        text = re.sub(r'"' + marker + r'"(,\s*"' + marker + r'")+', '"' + marker + '"', text)
        # a traceback's lines: File line, then its source line
        text = re.sub(
            r'  File "' + folder + r'/[^"]*", line \d+, in [^\n]*\n(    [^\n]*\n)?( *[~^][~^ ]*\n)?',
            "  " + marker + "\n",
            text,
        )
        text = re.sub(r"(  " + marker + r"\n)+", "  " + marker + "\n", text)
        # formatted stack lines in a repr'd list (the SIGTERM dump)
        text = re.sub(r"'  File \"" + folder + r"/[^']*'", "'" + marker + "'", text)
        text = re.sub(r"'" + marker + r"'(, '" + marker + r"')+", "'" + marker + "'", text)
        return text


def _segments(data):
    """stdout as the recording lists it: text pieces and frames, joined where text meets text."""
    return _merged((kind, piece.decode("utf-8", "backslashreplace")) for kind, piece in read_frames(data))


def _merged(segments):
    out = []
    for kind, text in segments:
        if out and kind == "text" and out[-1][0] == "text":
            out[-1][1] += text
        else:
            out.append([kind, text])
    return out


THREAD_STACK = re.compile(r"\[ERROR\] (\[bootstrap\]: )?(request id = .*, thread id = |\[')")


def _without_thread_stacks(segments):
    """The SIGTERM dump without its per-thread stacks: which threads are alive when the signal is
    acted on depends on its timing, which the recordings say varies."""
    return [[kind, text] for kind, text in segments if not (kind == "frame" and THREAD_STACK.search(text))]


def _racy(case, varies):
    """Output whose order depends on thread scheduling: the concurrent path with several
    invocations at once or a signal, or a case whose two recordings differed in order."""
    threads = case["runtime"] == "concurrent" and (case.get("before") or case.get("signal"))
    return bool(threads) or bool(varies & {"line order (threads)", "interleaving within lines (threads)"})


RECORD_ID = re.compile(r"^<utc-time> [0-9a-f-]* \[", re.M)


def _lines_sorted(segments):
    """Output of threads, order aside. Each print writes its pieces (every argument, separator and
    the newline) apart, so other threads' writes land between them: the runtime's own lines and the
    log records are taken out and compared as sorted lists, and what is left, the handlers' prints,
    as the sorted list of its words. Records lose their request id: with invocations overlapping,
    the root logger's id is the newest invocation's at the moment of logging, a matter of
    scheduling."""
    records = sorted(RECORD_ID.sub("<utc-time> <request id> [", piece) for kind, piece in segments if kind == "frame")
    text = "".join(piece for kind, piece in segments if kind == "text")
    runtime_lines = sorted(match.group(0) for match in RUNTIME_LINE.finditer(text))
    words = sorted(RUNTIME_LINE.sub(" ", text).split())
    return {"records": records, "runtime lines": runtime_lines, "printed words": words}


def differences(case, result, python=None, portable=False):
    """What the replay gave that the recording does not: a list of strings, empty when equal."""
    norm = Normaliser(case, result.code_dir, python, portable)
    varies = {tag for entry in case.get("varies") or [] for tag in entry["explained_by"]}
    found = []
    invocations = list(case.get("before") or []) + [case]
    for index, step in enumerate(invocations):
        observed = step["observed"]
        got = result.posts[index] if index < len(result.posts) else None
        label = "invocation {}".format(index)
        got_posted = got.posted if got is not None else None
        if got_posted != observed["posted"]:
            found.append("{}: posted {!r}, recorded {!r}".format(label, got_posted, observed["posted"]))
            continue
        if got_posted is None:
            continue
        want_body = _recorded_body(observed)
        part = ("before[{}].".format(index) if index < len(invocations) - 1 else "") + "observed.body_base64"
        if any(entry["part"] == part and "other" in entry["explained_by"] for entry in case.get("varies") or []):
            want_body = None  # which invocation saw which module state differed between recordings
        if want_body is not None:
            ours = _body_text(case, got.body, norm, False)
            theirs = _body_text(case, want_body, norm, True)
            if ours != theirs:
                found.append("{}: body\n  ours:     {!r}\n  recorded: {!r}".format(label, ours[:3000], theirs[:3000]))
        elif "body_sha256" in observed and hashlib.sha256(got.body).hexdigest() != observed["body_sha256"]:
            found.append("{}: body hash differs".format(label))
        for name in ("content-type", "x-fc-http-params"):
            ours = [v for k, v in got.headers if k.lower() == name]
            theirs = [v for k, v in observed.get("post_headers") or [] if k.lower() == name]
            if ours != theirs:
                found.append("{}: header {}: ours {!r}, recorded {!r}".format(label, name, ours, theirs))
    observed = case["observed"]
    ours = [[kind, norm.text(text)] for kind, text in _segments(result.stdout)]
    theirs = _merged(
        [kind, norm.text(text, recorded=True)]
        for kind, text in observed["stdout_segments"]
        if not (kind == "frame" and HTTP_CLIENT_RECORD.search(text))
    )
    racy = _racy(case, varies)
    if "signal timing" in varies:
        ours, theirs = _without_thread_stacks(ours), _without_thread_stacks(theirs)
    if racy:
        ours, theirs = _lines_sorted(ours), _lines_sorted(theirs)
    if ours != theirs:
        found.append("stdout\n  ours:     {!r}\n  recorded: {!r}".format(ours, theirs))
    ours_err = norm.text(result.stderr.decode("utf-8", "backslashreplace"))
    theirs_err = norm.text(observed["stderr"], recorded=True)
    if ours_err != theirs_err:
        found.append("stderr\n  ours:     {!r}\n  recorded: {!r}".format(ours_err, theirs_err))
    ours_log = [norm.text(text) for kind, text in _segments(result.syslog) if kind == "frame"]
    theirs_log = [norm.text(text, recorded=True) for text in observed["syslog_frames"]]
    if "signal timing" in varies:
        ours_log = [text for _, text in _without_thread_stacks([["frame", text] for text in ours_log])]
        theirs_log = [text for _, text in _without_thread_stacks([["frame", text] for text in theirs_log])]
    if racy:
        ours_log, theirs_log = sorted(ours_log), sorted(theirs_log)
    if ours_log != theirs_log:
        found.append("system log\n  ours:     {!r}\n  recorded: {!r}".format(ours_log, theirs_log))
    want_exit = observed["exit"]["code"]
    if result.exit_code != want_exit:
        found.append("exit: ours {!r}, recorded {!r}".format(result.exit_code, want_exit))
    return found


# Where the runner differs from the runtime on purpose, per scenario: the members of the handler's
# JSON answer left out of the comparison, each with the reason.
KNOWN_DIFFERENCES = {
    "env-dump": {
        "runtime_modules": "the runtime's own modules are its files (fc_rapis_*, a native client); the "
        "runner's are fc_context's",
    },
}


# The concurrent path's runtime polls over HTTP with `requests`; at DEBUG its HTTP library logs each
# connection and request through the root logger. The runner's channel is a pipe: no such records.
HTTP_CLIENT_RECORD = re.compile(r"\] (Starting new HTTP connection|http://\S+ \"GET /2020-11-11/runtime/)")
RUNTIME_LINE = re.compile(
    r"FC (Invoke|Initialize|PreStop|PreFreeze) (Start|End) RequestId: [0-9a-f-]+(, Error: Unhandled function error)?"
)


def _body_text(case, body, norm, recorded):
    text = norm.text(body.decode("utf-8", "backslashreplace"), recorded=recorded)
    known = KNOWN_DIFFERENCES.get(case["scenario"])
    if known:
        value = json.loads(text)
        unpacked = os.path.dirname(PACKAGE)
        if not recorded and value.get("sys_path", [None])[-1] == unpacked:
            value["sys_path"].pop()  # fc_context run from a source folder, not installed
        for member in known:
            value[member] = "<differs on purpose>"
        text = json.dumps(value, indent=4, sort_keys=True)
    return text


def _recorded_body(observed):
    if observed.get("body_base64") is not None:
        return base64.b64decode(observed["body_base64"])
    return None


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            case = json.load(handle)
        portable = recorded_version(case) != "{}.{}".format(*sys.version_info[:2])
        diffs = differences(case, replay(case), portable=portable)
        print("{}: {}".format(case["name"], "same" if not diffs else "differs"))
        for diff in diffs:
            print("  - " + diff)
