"""Errors raised by the pure-Python parts of the package, in the form the C++ core gives them."""

from __future__ import annotations

from ._core import ErrorId, InvalidArgument


def invalid_argument(field: str, rule: str, error_id: ErrorId = ErrorId.invalid_value) -> InvalidArgument:
    """An InvalidArgument as the C++ core raises it: ``[kulkija.invalid_argument.<id>] field: rule``,
    with ``.id``, ``.field`` and ``.rule`` set."""
    error = InvalidArgument(f"[kulkija.invalid_argument.{int(error_id)}] {field}: {rule}")
    error.id = error_id
    error.field = field
    error.rule = rule
    return error
