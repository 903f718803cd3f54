"""Vietnamese for the parts of the help screens that typer writes itself (panel titles, usage line, --help)."""

from __future__ import annotations

import typer.rich_utils as rich_utils
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


def install() -> None:
    for name, text in _PANEL_TEXTS.items():
        setattr(rich_utils, name, text)


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
