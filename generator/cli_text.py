"""Vietnamese for what typer writes itself: the section titles, usage line and --help line of the help screens,
and the usage errors.

Help and usage errors are plain text, as git's and ruff's: typer's rich panels would import rich, markdown_it
and pygments (about 150 ms, three times a bare Python start) before every command, `vanban check` included.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import typer
import typer.core as typer_core
from typer._click import _textwrap
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup

# What typer's help screens pass through gettext, in Vietnamese.
_TYPER_TEXTS = {
    "Arguments": "Tham số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "Aborted!": "Đã dừng.",
}
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"
HELP_TEXT = "Hiện hướng dẫn này rồi thoát."


_USAGE_PATTERNS = (
    (re.compile(r"No such command '(.+)'\."), "không có lệnh `{0}`"),
    (re.compile(r"Missing command\."), "thiếu lệnh, ví dụ `vanban render tệp.yaml`"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)"), "thừa tham số: {0}"),
    (re.compile(r"Option '(.+)' requires an argument\."), "tùy chọn `{0}` cần một giá trị"),
    (re.compile(r"'(.*)' is not one of (.+?)\.?$"), "`{0}` không dùng được — chọn một trong: {1}"),
    (re.compile(r"'(.*)' is not a valid integer"), "`{0}` không phải một số nguyên"),
    (re.compile(r"(-?\d+) is not in the range (.+)\.?$"), "{0} nằm ngoài khoảng cho phép ({1})"),
    (re.compile(r"Input should be a valid integer"), "phải là một số nguyên"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), "phải từ {0} trở lên"),
)


def _translated(message: str) -> str:
    for pattern, vietnamese in _USAGE_PATTERNS:
        match = pattern.search(message)
        if match:
            return vietnamese.format(*match.groups())
    return message


def usage_error_message(error: click_errors.UsageError) -> str:
    """The Vietnamese for a usage error typer reports in English."""
    if isinstance(error, click_errors.NoSuchOption):
        guess = f" — có phải ý bạn là {', '.join(sorted(error.possibilities))}?" if error.possibilities else ""
        return f"không có tùy chọn `{error.option_name}`{guess}"
    if isinstance(error, click_errors.MissingParameter):
        name = error.param.metavar or error.param.name if error.param is not None else ""
        return f"thiếu {name}"
    if isinstance(error, click_errors.BadParameter):
        hint = error.param_hint or (error.param.opts[0] if error.param is not None and error.param.opts else "")
        return f"giá trị không hợp lệ cho {hint}: {_translated(error.message)}"
    message = _translated(error.message)
    if message.startswith("không có lệnh") and error.ctx is not None:
        message += f" — các lệnh: {', '.join(error.ctx.command.list_commands(error.ctx))}"
    return message


class VietnameseUsageError(click_errors.UsageError):
    """A usage error told in Vietnamese: the usage line, where the help is, then what was wrong."""

    def __init__(self, error: click_errors.UsageError):
        super().__init__(usage_error_message(error), error.ctx)

    def show(self, file=None) -> None:
        if self.ctx is not None:
            typer.echo(f"{self.ctx.get_usage()}\nGõ '{self.ctx.command_path} {self.ctx.help_option_names[0]}' để "
                       "xem hướng dẫn.\n", file=file, err=True)
        typer.echo(f"Lỗi: {self.message}", file=file, err=True)


@contextmanager
def _usage_errors_in_vietnamese():
    try:
        yield
    except (click_errors.NoArgsIsHelpError, VietnameseUsageError):
        raise  # the help screen itself, or an error already told (by a subcommand inside its group)
    except click_errors.UsageError as error:
        raise VietnameseUsageError(error) from error


class _WholeWordWrapper(_textwrap.TextWrapper):
    """Help lines break between words only: `thong-bao-ket-luan`, `don-vi.yaml` are typed whole."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, break_on_hyphens=False, **kwargs)


def install() -> None:
    """Typer's own words in Vietnamese (it looks its help texts up through the gettext function of typer.core),
    and help lines that do not cut names at their hyphens."""
    typer_core._ = lambda text: _TYPER_TEXTS.get(text, text)
    _textwrap.TextWrapper = _WholeWordWrapper


class _Vietnamese:
    """Mixed into typer's command classes: Vietnamese usage line, --help text and usage errors, no Python type
    names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR
        if hasattr(self, "subcommand_metavar"):
            self.subcommand_metavar = "LỆNH [THAM SỐ]..."
        for param in self.params:
            if isinstance(param, TyperArgument):  # its metavar already says what to type
                param.display_type_rich = lambda ctx: None

    def make_context(self, *args, **kwargs):
        with _usage_errors_in_vietnamese():  # what was typed wrongly is found while reading the command line
            return super().make_context(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        """All of what the command does in the list of commands, not its first words cut at ``limit``."""
        return " ".join((self.short_help or self.help or "").split())

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)


class VietnameseCommand(_Vietnamese, TyperCommand):
    pass


class VietnameseGroup(_Vietnamese, TyperGroup):
    def invoke(self, ctx):
        with _usage_errors_in_vietnamese():  # an unknown or missing command is found when the group runs
            return super().invoke(ctx)
