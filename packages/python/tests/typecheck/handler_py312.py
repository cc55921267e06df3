"""A handler as FC users write it for python3.12, annotated with fc_context: must type-check at 3.12."""

import logging
import os
from typing import Any, Dict

from fc_context.py312 import FCContext, from_dict
from fc_context.testing import fake_context


def handler(event: bytes, context: FCContext) -> Dict[str, str]:
    logger: logging.Logger = context.getLogger()
    logger.info("request %s", context.request_id)
    key_id = os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
    return {
        "key": key_id,
        "qualifier": context.function.qualifier or "LATEST",
        "project": context.log_project or "",
        "region": context.region,
    }


def load(stored: Dict[str, Any]) -> FCContext:
    return from_dict(stored)


def test_handler() -> None:
    context: FCContext = fake_context("python3.12", log_project="p")
    assert handler(b"", context)["project"] == "p"
