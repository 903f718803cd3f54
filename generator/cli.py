"""The `vanban` command: a thin typer layer over ``generator.pipeline``.

Exit codes: 0 done; 1 a problem in the user's files (each printed as ``tệp:dòng:cột: lỗi MÃ: …``);
2 the command was used wrongly; 3 an internal fault of the tool (reported without a traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from generator import cli_text, pipeline, template_builder
from generator.errors import InputError, Problem, display_path

EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3

cli_text.install()
app = typer.Typer(
    name="vanban",
    help="Soạn văn bản của Đảng (HD 36-HD/VPTW) từ một tệp YAML: ra tệp DOCX đúng thể thức, sẵn sàng trình ký.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=cli_text.VietnameseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _commands() -> None:
    """Soạn văn bản của Đảng (HD 36-HD/VPTW) từ một tệp YAML: ra tệp DOCX đúng thể thức, sẵn sàng trình ký."""


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        typer.echo(str(problem), err=True)
    errors = sum(p.is_error for p in problems)
    if problems:
        typer.echo(f"Có {errors} lỗi, {len(problems) - errors} cảnh báo.", err=True)


@app.command("render", cls=cli_text.VietnameseCommand, help="Tạo tệp DOCX từ một hay nhiều tệp YAML. Mặc định tệp DOCX nằm cạnh tệp YAML, "
                            "cùng tên. Nếu có lỗi, tệp DOCX cũ (nếu có) được giữ nguyên.")
def render_command(
    files: Annotated[list[Path], typer.Argument(help="các tệp YAML cần tạo văn bản", metavar="TỆP.yaml...",
                                                show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--out", help="tên tệp DOCX ra (chỉ khi có một tệp YAML)",
                                                metavar="TỆP.docx", show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="thư mục ghi các tệp DOCX ra",
                                                 metavar="THƯ_MỤC", show_default=False)] = None,
    templates: Annotated[Path, typer.Option("--mau", help="thư mục mẫu Word (mặc định: templates/ của vanban)",
                                            metavar="THƯ_MỤC", show_default=False)] = template_builder.TEMPLATE_DIR,
) -> None:
    if output is not None and (len(files) > 1 or out_dir is not None):
        typer.echo("vanban render: -o chỉ dùng với đúng một tệp YAML và không đi cùng --out-dir", err=True)
        raise typer.Exit(EXIT_USAGE)
    problems: list[Problem] = []
    for source in files:
        target = output or pipeline.default_output(source, out_dir)
        try:
            pipeline.render_file(source, target, templates)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        typer.echo(f"đã tạo {display_path(target)}")
    _report(problems)
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


def main() -> None:
    try:
        app(prog_name="vanban")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 — the promise is: never a traceback
        typer.echo(f"vanban: lỗi nội bộ của công cụ ({type(exc).__name__}: {exc}) — "
                   "hãy gửi tệp YAML này cho nhóm phát triển", err=True)
        sys.exit(EXIT_INTERNAL)
