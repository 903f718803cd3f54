"""Vietnamese for the parts of the help screens that typer writes itself (panel titles, usage line, --help)."""

from __future__ import annotations

import re

import typer.rich_utils as rich_utils
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup

_PANEL_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Tham số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": "Đã dừng.",
    "RICH_HELP": "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn.",
    "DEFAULT_STRING": "[mặc định: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "DEPRECATED_STRING": "(không dùng nữa) ",
}
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"
HELP_TEXT = "Hiện hướng dẫn này rồi thoát."


_english_format_error = rich_utils.rich_format_error
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


def _format_error(error: click_errors.ClickException) -> None:
    if isinstance(error, click_errors.UsageError) and not isinstance(error, click_errors.NoArgsIsHelpError):
        message = usage_error_message(error)
        error.format_message = lambda: message  # the panel typer draws shows our text
    _english_format_error(error)


def install() -> None:
    for name, text in _PANEL_TEXTS.items():
        setattr(rich_utils, name, text)
    rich_utils.rich_format_error = _format_error


class _Vietnamese:
    """Mixed into typer's command classes: Vietnamese usage line and --help text, no Python type names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR
        if hasattr(self, "subcommand_metavar"):
            self.subcommand_metavar = "LỆNH [THAM SỐ]..."
        for param in self.params:
            if isinstance(param, TyperArgument):  # its metavar already says what to type
                param.display_type_rich = lambda ctx: None
            elif getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""  # a flag takes no value: no `<bool>`

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help, option.metavar = HELP_TEXT, ""
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)


class VietnameseCommand(_Vietnamese, TyperCommand):
    pass


class VietnameseGroup(_Vietnamese, TyperGroup):
    pass
