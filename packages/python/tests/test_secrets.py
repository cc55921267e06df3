"""No message shows any part of a value at a secret path, whatever its type: from_dict,
from_json_view and the header converters describe it by kind only.
"""

import json
import unittest

from fc_context.testing import fake_context

from test_fc_context import RUNTIME, module

CANARIES = [
    (987654321, "a number"),
    (-0.000123456789, "a number"),
    (True, "a boolean"),
    (["CANARY-list-7f3e"], "an array"),
    ({"k": "CANARY-object-7f3e"}, "an object"),
]
LEAKS = ("987654321", "123456789", "True", "true", "CANARY")
SECRETS = (("access_key_secret", "accessKeySecret"), ("security_token", "securityToken"))


@unittest.skipIf(not hasattr(fake_context(RUNTIME), "credentials"), "this runtime has no credentials")
class SecretsByPath(unittest.TestCase):
    def assert_kind_only(self, error, path, kind):
        self.assertEqual([(i.path, i.message) for i in error.issues], [(path, "expected a string, got " + kind)])
        for text in (str(error), repr(error.issues)):
            for leak in LEAKS:
                self.assertNotIn(leak, text)

    def test_from_dict(self):
        for canary, kind in CANARIES:
            for name, _ in SECRETS:
                data = module.to_attributes(fake_context(RUNTIME))
                data["credentials"][name] = canary
                with self.assertRaises(module.FCContextValidationError) as caught:
                    module.from_dict(data)
                self.assert_kind_only(caught.exception, "/credentials/" + name, kind)

    def test_from_json_view(self):
        for canary, kind in CANARIES:
            for _, key in SECRETS:
                view = json.loads(fake_context(RUNTIME).to_json())
                view["credentials"][key] = canary
                with self.assertRaises(module.FCContextValidationError) as caught:
                    module.from_json_view(view)
                # the view's own keys, as validateFCContextJSON reports them
                self.assert_kind_only(caught.exception, "/credentials/" + key, kind)

    def test_header_values(self):
        # a list is a repeated header (as servers hold them): its items must be text
        canaries = [canary for canary, _ in CANARIES if not isinstance(canary, list)] + [[987654321]]
        for canary in canaries:
            for header in ("x-fc-access-key-secret", "x-fc-security-token"):
                headers = dict(module.to_headers(fake_context(RUNTIME)), **{header: canary})
                with self.assertRaises(module.FCHeaderError) as caught:
                    module.from_headers(headers)
                self.assertEqual(caught.exception.outcome, "input")
                for leak in LEAKS:
                    self.assertNotIn(leak, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
