"""Fakes that must not type-check: each tagged line is an error pyright and mypy must both report."""

import logging

from fc_context.testing import fake_context

fake_context("python3.9", function={"memroy": 1024})  # expect-error: a misspelt attribute of FunctionMeta
fake_context("python3.9", function={"memory": "1024"})  # expect-error: memory is an int
fake_context("python3.9", regoin="cn-hangzhou")  # expect-error: a misspelt attribute of the context
fake_context("python3.9", retry_count="3")  # expect-error: retry_count is an int
fake_context("python3.12", credentials={"access_key_id": "x"})  # expect-error: python3.12 has no credentials
fake_context("python3.12", function={"qualifier": 3})  # expect-error: qualifier is text
fake_context("python3", tracing={"span_context": 1})  # expect-error: span_context is text or None
fake_context("python3.10", logger="fc")  # expect-error: a logging.Logger or None

# and what is right type-checks
fake_context("python3.9", function={"memory": 1024}, region="cn-shanghai", logger=logging.getLogger("x"))
fake_context("python3.12", function={"qualifier": "prod", "version_id": None}, log_project=None)
fake_context("python3.6", service={"qualifier": "LATEST"}, tracing={"span_baggages": {"k": "v"}})
