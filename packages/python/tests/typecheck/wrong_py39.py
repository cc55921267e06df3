"""Code that must not type-check on python3.9: each tagged line is an error pyright must report."""

from fc_context.py39 import FCContext, ServiceMeta


def handler(event: bytes, context: FCContext) -> object:
    print(context.log_project)  # expect-error: log_project is on service before python3.12
    print(context.function.qualifier)  # expect-error: qualifier is on service before python3.12
    context.credentials.accessKeyId = "x"  # expect-error: the camelCase aliases are read-only properties
    return context.tracing.span_context.split(":")  # expect-error: span_context is None when tracing is off


# expect-error below: service_name is missing, and there is no parameter name (one line: mypy reports a call's
# faults where it starts, pyright where each argument stands)
service = ServiceMeta(name="svc", log_project=None, log_store=None, qualifier=None, version_id=None)  # expect-error
