"""Code that must not type-check on python3.12: each tagged line is an error pyright must report."""

from fc_context.py312 import FCContext


def handler(event: bytes, context: FCContext) -> str:
    print(context.credentials.access_key_id)  # expect-error: python3.12 has no credentials
    print(context.service.qualifier)  # expect-error: python3.12 has no service
    return context.tracing.jaeger_endpoint  # expect-error: python3.12 has no tracing
