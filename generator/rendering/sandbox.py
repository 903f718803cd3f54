"""The Jinja environment a template runs in: Jinja's immutable sandbox (no Python, no changing lists or dicts), no
file system, and no value bigger than a document needs. A template from elsewhere could otherwise ask for
`{{ 'a' * 10**9 }}`, which eats the memory, or `{{ 10**(10**9) }}`, which eats the CPU inside one C call where no
signal reaches — and which Jinja would even compute while compiling, had the sandbox not intercepted `**`.
`*` and `**` are refused before they run when their result would be too big; what any operator, call, filter or `~`
returns is checked after."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator import vnformat
from generator.rendering import shown

MAX_VALUE_LENGTH = 5_000_000   # characters of a text, items of a list: a whole document is well under
MAX_NUMBER_DIGITS = 4_000      # Python refuses to print an integer of more than 4300 digits anyway
MAX_RANGE = 100_000            # Jinja's own limit for range(), kept, with a Vietnamese message

_TOO_LONG = f"tạo ra một giá trị quá lớn (hơn {vnformat.number(MAX_VALUE_LENGTH)} ký tự hay phần tử)"
_TOO_BIG = f"tính ra một số quá lớn (hơn {vnformat.number(MAX_NUMBER_DIGITS)} chữ số)"
_SEQUENCES = (str, list, tuple)


class Refused(Exception):
    """The sandbox refused what the template asked for; the message is the cause, in Vietnamese."""


def bounded(value: Any) -> Any:
    """``value``, unless it is bigger than any document needs."""
    if isinstance(value, (*_SEQUENCES, dict, set, frozenset)) and len(value) > MAX_VALUE_LENGTH:
        raise Refused(_TOO_LONG)
    if isinstance(value, int) and value.bit_length() * math.log10(2) > MAX_NUMBER_DIGITS:
        raise Refused(_TOO_BIG)
    return value


def _refuse_oversized(operator: str, left: Any, right: Any) -> None:
    """Refuse `text * n` and `a ** b` whose result would pass a limit, before Python spends the time and memory."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and isinstance(times, int) and len(sequence) * times > MAX_VALUE_LENGTH:
                raise Refused(_TOO_LONG)
    elif (operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0
          and right * math.log10(abs(left)) > MAX_NUMBER_DIGITS):
        raise Refused(_TOO_BIG)


def bounded_range(*args: int) -> range:
    """The templates' range(): Jinja's sandbox limit, refused in Vietnamese."""
    numbers = range(*args)
    if numbers[MAX_RANGE:]:  # a number past the limit (len() itself fails on a range of 10**100)
        raise Refused(f"dùng range() quá {vnformat.number(MAX_RANGE)} số — vòng lặp quá dài")
    return numbers


def _checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter) refusing to return a value past the limits; ``wraps`` keeps Jinja's markers."""
    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        return bounded(function(*args, **kwargs))
    return checked


_JINJA_FILTERS = {name: _checked(function) for name, function in jinja2.filters.FILTERS.items()}  # wrapped once


class _NoFiles(jinja2.BaseLoader):
    """A template gets no file system: {% include %}, {% import %} and {% extends %} are refused, by the name."""

    def get_source(self, environment: jinja2.Environment, template: str):
        raise Refused(f"dùng thẻ hoặc phép tính không được phép: đọc tệp `{shown(template)}` "
                      "(mẫu không được dùng {% include %}, {% import %} hay {% extends %})")


class _CheckedConcat(CodeGenerator):
    """`~` joins texts in the code Jinja generates, where the sandbox has no hook: check what it makes, as `+`."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox within our limits, offering ``filters`` besides Jinja's own."""

    # Intercepted operators go through call_binop, and Jinja never folds them while compiling (nodes.BinExpr).
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CheckedConcat
    bounded = staticmethod(bounded)

    def __init__(self, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, loader=_NoFiles())
        self.globals["range"] = bounded_range
        del self.globals["lipsum"]  # paragraphs of random words: nothing a document wants, all a bomb does
        self.filters = {**_JINJA_FILTERS, **{name: _checked(function) for name, function in filters.items()}}

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _refuse_oversized(operator, left, right)
        return bounded(super().call_binop(context, operator, left, right))

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        return bounded(super().call(context, obj, *args, **kwargs))
