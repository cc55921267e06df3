"""A handler as FC users write it for python3.10, annotated with fc_context: must type-check at its Python version."""

import logging
from typing import Any, Dict, List, Optional

from fc_context.py310 import Credentials, FCContext, from_dict
from fc_context.testing import fake_context


def handler(event: bytes, context: FCContext) -> Dict[str, Any]:
    logger: logging.Logger = context.getLogger()
    logger.info("request %s", context.requestId)
    creds: Credentials = context.credentials
    endpoint = "oss-%s-internal.aliyuncs.com" % context.region
    keys = (creds.accessKeyId, creds.accessKeySecret, creds.securityToken, creds.access_key_id)
    span: Optional[str] = context.tracing.span_context
    parts: List[str] = span.split(":") if span is not None else []
    memory: int = context.function.memory
    qualifier = context.service.qualifier or "LATEST"
    return {
        "endpoint": endpoint,
        "keys": len(keys),
        "parts": parts,
        "memory": memory,
        "qualifier": qualifier,
        "service": context.service.name,
    }


def load(stored: Dict[str, Any]) -> FCContext:
    return from_dict(stored)


def test_handler() -> None:
    context: FCContext = fake_context("python3.10", function={"memory": 1024})
    assert handler(b"{}", context)["memory"] == 1024
