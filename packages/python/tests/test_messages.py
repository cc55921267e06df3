"""Every message the Python side gives about a bad value follows the style guide (MESSAGES.md at
the repository root, FC_CONTEXT_MESSAGES): the messages from_dict, from_json_view, from_headers
and fake_context give on the contract tests' arbitrary inputs match the guide's patterns.
"""

import os
import random
import re
import unittest

import fc_context
from fc_context.testing import fake_context

from test_contracts import SEED, arbitrary, leaf
from test_fc_context import RUNTIME, module

GUIDE = os.environ.get("FC_CONTEXT_MESSAGES", os.path.join(os.path.dirname(__file__), "..", "..", "..", "MESSAGES.md"))


def patterns(text, lang):
    found = re.search("```" + lang + "\n(.*?)\n```", text, re.S)
    assert found is not None, "MESSAGES.md has no ```" + lang + " block"
    return [re.compile(line) for line in found.group(1).splitlines() if line]


with open(GUIDE, encoding="utf-8") as handle:
    _TEXT = handle.read()
ALLOWED = patterns(_TEXT, "regex")
FORBIDDEN = patterns(_TEXT, "regex-forbidden")


def problem(message):
    if not any(pattern.search(message) for pattern in ALLOWED):
        return "matches none of the guide's shapes"
    for pattern in FORBIDDEN:
        if pattern.search(message):
            return "matches the forbidden " + pattern.pattern
    return None


class Messages(unittest.TestCase):
    def test_the_guide_knows_a_good_message_from_a_bad_one(self):
        self.assertIsNone(problem("expected a string, got the integer 5"))
        self.assertIsNotNone(problem("expected a FCContext object, got an array"))
        self.assertIsNotNone(problem("Expected a string."))

    def test_every_message_follows_the_guide(self):
        rng = random.Random(SEED)
        context = fake_context(RUNTIME)
        bases = [("from_dict", module.to_attributes(context)), ("from_headers", module.to_headers(context))]
        if hasattr(module, "from_json_view"):
            bases.append(("from_json_view", module.to_json_view(context)))
        messages = set()
        for _ in range(1500):
            for name, base in bases:
                value = arbitrary(rng, base)
                try:
                    getattr(module, name)(value)
                except fc_context.FCContextValidationError as error:
                    messages.update(issue.message for issue in error.issues)
                except module.FCHeaderError as error:
                    messages.add(str(error)[len(error.header) + 2 :])
            try:
                fake_context(RUNTIME, **{rng.choice(list(bases[0][1]) + ["logger"]): leaf(rng)})
            except fc_context.FCContextValidationError as error:
                messages.update(issue.message for issue in error.issues)
        self.assertGreater(len(messages), 20)
        self.assertEqual([(m, problem(m)) for m in sorted(messages) if problem(m)], [])


if __name__ == "__main__":
    unittest.main()
