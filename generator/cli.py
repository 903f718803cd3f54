"""The `vanban` command: a thin typer layer over ``generator.pipeline``.

Exit codes: 0 done (warnings allowed); 1 an error in the user's files (each printed as
``tệp:dòng:cột: lỗi MÃ: …``); 2 the command was used wrongly; 3 an internal fault of the tool (reported
without a traceback).
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from generator import cli_text, legacy_fix, lint, pipeline, template_builder
from generator.errors import InputError, Problem, display_path
from generator.model import Document

EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3

cli_text.install()
app = typer.Typer(
    name="vanban",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=cli_text.VietnameseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


Files = Annotated[list[Path], typer.Argument(help="các tệp YAML", metavar="TỆP.yaml...", show_default=False)]
MarginDays = Annotated[int, typer.Option(
    "--so-ngay-truoc", metavar="SỐ_NGÀY", min=0,
    help="ngày ban hành được muộn hơn hôm nay tối đa bấy nhiêu ngày")]


@app.callback()
def _commands() -> None:
    """Soạn văn bản của Đảng (HD 36-HD/VPTW) và của Nhà nước (NĐ 30/2020/NĐ-CP) từ một tệp YAML: ra tệp DOCX
    đúng thể thức, sẵn sàng trình ký."""


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    return f"Có {errors} lỗi, {len(problems) - errors} cảnh báo."


def _report(problems: list[Problem], output_format: OutputFormat = OutputFormat.TEXT) -> None:
    problems = sorted(problems)
    if output_format is OutputFormat.JSON:
        findings = [{"tep": p.file, "dong": p.line, "cot": p.column, "muc_do": p.severity.value, "ma": p.code,
                     "thong_bao": p.message} for p in problems]
        errors = sum(p.is_error for p in problems)
        typer.echo(json.dumps({"phat_hien": findings, "so_loi": errors, "so_canh_bao": len(problems) - errors},
                              ensure_ascii=False, indent=2))
        return
    for problem in problems:
        typer.echo(str(problem), err=True)
    typer.echo(_summary(problems), err=True)


@app.command("render", cls=cli_text.VietnameseCommand,
             help="Kiểm tra rồi tạo tệp DOCX từ một hay nhiều tệp YAML. Mặc định tệp DOCX nằm cạnh tệp YAML, "
                  "cùng tên. Có lỗi thì không tạo và tệp DOCX cũ được giữ nguyên; cảnh báo thì vẫn tạo. "
                  "Tệp DOCX đã bị sửa tay hoặc đang mở trong Word thì không bị ghi đè.")
def render_command(
    files: Files,
    output: Annotated[Path | None, typer.Option("-o", "--out", help="tên tệp DOCX ra (chỉ khi có một tệp YAML)",
                                                metavar="TỆP.docx", show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="thư mục ghi các tệp DOCX ra",
                                                 metavar="THƯ_MỤC", show_default=False)] = None,
    templates: Annotated[Path, typer.Option("--mau", help="thư mục mẫu Word (mặc định: templates/ của vanban)",
                                            metavar="THƯ_MỤC", show_default=False)] = template_builder.TEMPLATE_DIR,
    force: Annotated[bool, typer.Option("--force", help="ghi đè cả tệp DOCX đã bị sửa tay (bản cũ được giữ "
                                                         "lại với ngày giờ trong tên)")] = False,
    margin: MarginDays = lint.DEFAULT_FUTURE_MARGIN_DAYS,
) -> None:
    if output is not None and (len(files) > 1 or out_dir is not None):
        typer.echo("vanban render: -o chỉ dùng với đúng một tệp YAML và không đi cùng --out-dir", err=True)
        raise typer.Exit(EXIT_USAGE)
    problems: list[Problem] = []
    for source in files:
        target = output or pipeline.default_output(source, out_dir)
        try:
            problems.extend(pipeline.render_file(source, target, templates, force=force,
                                                 future_margin_days=margin))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        typer.echo(f"đã tạo {display_path(target)}")
    if problems:
        _report(problems)
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("check", cls=cli_text.VietnameseCommand,
             help="Kiểm tra một hay nhiều tệp YAML theo thể thức, không ghi gì ra đĩa. Mỗi phát hiện một dòng "
                  "`tệp:dòng:cột: lỗi|cảnh báo MÃ: …`, rồi một dòng tổng kết. Mã thoát 1 khi có lỗi.")
def check_command(
    files: Files,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text (mặc định) hoặc json",
                                                        metavar="KIỂU", show_default=False)] = OutputFormat.TEXT,
    margin: MarginDays = lint.DEFAULT_FUTURE_MARGIN_DAYS,
) -> None:
    problems: list[Problem] = []
    for source in files:
        problems.extend(pipeline.check_file(source, future_margin_days=margin)[1])
    _report(problems, output_format)
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("rules", cls=cli_text.VietnameseCommand,
             help="Liệt kê các quy tắc kiểm tra; `vanban rules VB121` giải thích một quy tắc.")
def rules_command(
    code: Annotated[str | None, typer.Argument(help="mã quy tắc, ví dụ VB121", metavar="MÃ",
                                               show_default=False)] = None,
) -> None:
    if code is None:
        for entry in lint.RULES.values():
            typer.echo(f"{entry.code}  {entry.severity.value:<8}  {entry.summary}")
        return
    entry = lint.RULES.get(code.upper())
    if entry is None:
        typer.echo(f"vanban rules: không có quy tắc {code} — gõ `vanban rules` để xem danh sách", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(f"{entry.code} ({entry.name}) — {entry.severity.value}\n{entry.summary}\nCăn cứ: {entry.reference}")
    if entry.check.__doc__:
        typer.echo(f"\n{entry.check.__doc__.strip()}")


@app.command("fix-encoding", cls=cli_text.VietnameseCommand,
             help="Chuyển chữ gõ bằng bảng mã cũ TCVN3 (ABC, .VnTime) hoặc VNI-Windows trong tệp YAML sang "
                  "Unicode, ghi ra một tệp mới (mặc định TỆP.unicode.yaml); tệp gốc giữ nguyên.")
def fix_encoding_command(
    source: Annotated[Path, typer.Argument(help="tệp YAML có chữ gõ bằng bảng mã cũ", metavar="TỆP.yaml",
                                           show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--out", help="tên tệp YAML mới", metavar="TỆP_MỚI.yaml",
                                                show_default=False)] = None,
) -> None:
    target = output or legacy_fix.default_output(source)
    if target.resolve() == source.resolve():
        typer.echo("vanban fix-encoding: tệp mới phải khác tệp gốc — công cụ không ghi đè tệp YAML", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        count = legacy_fix.fix_file(source, target)
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    typer.echo(f"đã chuyển {count} trường sang Unicode: {display_path(target)}" if count
               else f"không thấy chữ gõ bằng bảng mã cũ; đã chép nguyên: {display_path(target)}")


@app.command("schema", cls=cli_text.VietnameseCommand,
             help="In lược đồ JSON (JSON Schema) của tệp YAML — để trình soạn thảo (VS Code …) gợi ý khóa và "
                  "báo lỗi ngay khi gõ.")
def schema_command() -> None:
    typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    try:
        app(prog_name="vanban")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 — the promise is: never a traceback
        typer.echo(f"vanban: lỗi nội bộ của công cụ ({type(exc).__name__}: {exc}) — "
                   "hãy gửi tệp YAML này cho nhóm phát triển", err=True)
        sys.exit(EXIT_INTERNAL)
