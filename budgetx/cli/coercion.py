"""Option values taken as click parses them, without loading pydantic.

typer (0.2x) coerces every option and argument value through a pydantic
``TypeAdapter``, and importing pydantic costs as much as the rest of a
command's start-up together.  Most of budgetx's parameters need no coercion:
click hands over strings for a file, a table selector or a format name, lists
of strings for repeated options, and booleans for flags; a count (``-n 5``)
is a plain decimal number.  :func:`without_pydantic` gives such parameters a
coercion that returns what click parsed, as typer's would; any other value (a
path, a number out of its bounds or not plainly written, a flag set from the
environment) goes to typer's own coercion, loaded then, with its messages.
With a typer whose internals differ (releases that coerce through click,
without pydantic) it changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, get_args, get_origin

from budgetx import patterns

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
except ImportError:  # a typer that coerces through click
    RuntimeParam = None  # type: ignore[assignment,misc]

P = TypeVar("P", bound=Sequence[Any])

#: an integer as a user types it, read the same by ``int()`` and by typer
_PLAIN_INT = patterns.compile(r"0|-?[1-9][0-9]{0,17}")


def _text(value: Any) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


def _is_strings(annotation: Any) -> bool:
    """``str`` or ``list[str]``."""
    return annotation is str or (get_origin(annotation) is list and get_args(annotation) == (str,))


def _plain_int(value: Any, low: float | None, high: float | None) -> int | None:
    """``value`` as an int when it is one or is plainly written, and within its bounds; else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    elif isinstance(value, str) and _PLAIN_INT.fullmatch(value):
        n = int(value)
    else:
        return None
    if (low is not None and n < low) or (high is not None and n > high):
        return None
    return n


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class AsParsed(RuntimeParam):
        """A string, a list of strings, a flag's boolean or a plain integer as click parsed it; else as typer says."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is bool and isinstance(value, bool):
                return value
            if self.annotation is str and isinstance(value, (str, bytes)):
                return _text(value)
            if self.annotation is not str and _is_strings(self.annotation):
                items = value if isinstance(value, (list, tuple)) else [value]
                return [_text(v) for v in items]
            if self.annotation is int:
                n = _plain_int(value, self.parameter_info.min, self.parameter_info.max)
                if n is not None:
                    return n
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def without_pydantic(params: P) -> P:
    """``params``, their coercion made pydantic-free where they take strings, flags or plain integers."""
    if RuntimeParam is None:
        return params
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = descriptor.parameter_info
        plain = descriptor.annotation in (bool, int) or _is_strings(descriptor.annotation)
        if plain and descriptor.file_annotation is None and info.parser is None:
            param._runtime_param = AsParsed(
                parameter_info=info, annotation=descriptor.annotation, descriptor=descriptor
            )
    return params
