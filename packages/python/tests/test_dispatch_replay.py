"""Every recorded run of FC's Python runtime (spec/dispatch/cases/) replayed through fc_context.run
on this interpreter: the same posts, the same error documents, the same stdout, stderr and system
log, the same exit (dispatch_replay.py says what is masked and why).

On the interpreter a case was recorded on (3.6, 3.9, and 3.11 for the concurrent path) the replay
is exact; on 3.10 and 3.12, which have no recording, the python3.9 and concurrent cases are
replayed with what the interpreter itself writes masked (portable).
"""

import concurrent.futures
import os
import sys
import unittest

import dispatch_replay

VERSION = "{}.{}".format(*sys.version_info[:2])


def selected():
    """(case, portable) for this interpreter."""
    cases = dispatch_replay.load_cases()
    exact = [case for case in cases if dispatch_replay.recorded_version(case) == VERSION]
    if exact:
        return [(case, False) for case in exact]
    return [(case, True) for case in cases if case["runtime"] in ("python3.9", "concurrent")]


class DispatchReplay(unittest.TestCase):
    maxDiff = None

    def test_every_case_replays_as_recorded(self):
        cases = selected()
        self.assertTrue(cases, "no dispatch case to replay")
        only = os.environ.get("FC_CONTEXT_REPLAY_ONLY")
        if only:
            cases = [(case, portable) for case, portable in cases if case["scenario"] == only]

        def run(item):
            case, portable = item
            return case, dispatch_replay.differences(case, dispatch_replay.replay(case), portable=portable)

        # the runs mostly wait on their runtime process: a few at a time, each its own process
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(run, cases))
        for case, found in results:
            with self.subTest(case=case["name"]):
                self.assertEqual(found, [], "\n".join(found))


if __name__ == "__main__":
    unittest.main()
