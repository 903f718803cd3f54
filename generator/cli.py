"""The `vanban` command: a thin typer layer over ``generator.pipeline``.

Exit codes: 0 done (warnings allowed); 1 an error in the user's files (each printed as
``tệp:dòng:cột: lỗi MÃ: …``); 2 the command was used wrongly; 3 an internal fault of the tool (reported
without a traceback).
"""

# No `from __future__ import annotations`: typer reads every command's annotations at each start, and evaluating
# them here once is cheaper than typing.get_type_hints evaluating them from strings (about 15 ms).

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from generator import cli_text, defaults
from generator.errors import Code, InputError, Problem, display_path, os_reason

EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3
# The first pydantic model built would look for pydantic plugins in the metadata of every installed package
# (about 5 ms of each start); vanban uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

cli_text.install()
app = typer.Typer(
    name="vanban",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: see generator.cli_text
    cls=cli_text.VietnameseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


Files = Annotated[list[Path], typer.Argument(help="các tệp YAML", metavar="TỆP.yaml", show_default=False)]
OfficeProfile = Annotated[Path | None, typer.Option(
    "--don-vi", metavar="TỆP.yaml", show_default=False,
    help="hồ sơ đơn vị (mặc định: don-vi.yaml cạnh tệp YAML hoặc ở thư mục cha gần nhất)")]
RulebookCode = Annotated[str | None, typer.Option(
    "--he-thong", metavar="HỆ_THỐNG", show_default=False,
    help="dang hoặc nha-nuoc (mặc định: theo hồ sơ đơn vị, không có thì dang)")]
PdfFlag = Annotated[bool, typer.Option("--pdf", help="tạo thêm tệp PDF (qua LibreOffice)")]
PngFlag = Annotated[bool, typer.Option("--png", help="tạo thêm ảnh PNG từng trang để xem nhanh (kèm PDF)")]
MarginDays = Annotated[int, typer.Option(
    "--so-ngay-truoc", metavar="SỐ_NGÀY", min=0,
    help="ngày ban hành được muộn hơn hôm nay tối đa bấy nhiêu ngày")]


def _show_version(value: bool) -> None:
    if value:
        from generator import doctor

        typer.echo(f"vanban {doctor.version()}")
        raise typer.Exit()


@app.callback()
def _commands(
    version: Annotated[bool, typer.Option("--version", help="In phiên bản rồi thoát.", is_eager=True,
                                          callback=_show_version)] = False,
) -> None:
    """Soạn văn bản của Đảng (HD 36-HD/VPTW) và của Nhà nước (NĐ 30/2020/NĐ-CP) từ một tệp YAML: ra tệp DOCX
    đúng thể thức, sẵn sàng trình ký."""


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    return f"Có {errors} lỗi, {len(problems) - errors} cảnh báo."


def _report(problems: list[Problem], output_format: OutputFormat = OutputFormat.TEXT,
            profiles: dict[str, str] | None = None) -> None:
    """Every finding, sorted, then the count; ``profiles`` (file → which rulebook profile and why) goes with the
    findings in JSON, and is printed by `check` itself in text."""
    problems = sorted(problems)
    if output_format is OutputFormat.JSON:
        import json

        findings = [{"tep": p.file, "dong": p.line, "cot": p.column, "muc_do": p.severity.value, "ma": p.code,
                     "thong_bao": p.message} for p in problems]
        errors = sum(p.is_error for p in problems)
        typer.echo(json.dumps({"phat_hien": findings, "so_loi": errors, "so_canh_bao": len(problems) - errors,
                               "ho_so_the_thuc": profiles or {}}, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        typer.echo(str(problem), err=True)
    typer.echo(_summary(problems), err=True)


@app.command("render", cls=cli_text.VietnameseCommand,
             help="Kiểm tra rồi tạo tệp DOCX từ các tệp YAML, thư mục (tìm cả thư mục con, bỏ qua don-vi.yaml và "
                  "bản cũ) hoặc mẫu tên như `drafts/*.yaml`; nhiều tệp thì chạy song song trên mọi lõi máy. Mặc định "
                  "tệp DOCX nằm cạnh tệp YAML, cùng tên. Có lỗi thì không tạo và tệp DOCX cũ được giữ nguyên; cảnh "
                  "báo thì vẫn tạo; một tệp lỗi không làm dừng các tệp khác. Tệp DOCX đã bị sửa tay hoặc đang mở "
                  "trong Word thì không bị ghi đè.")
def render_command(
    files: Files,
    output: Annotated[Path | None, typer.Option("-o", "--out", help="tên tệp DOCX ra (chỉ khi có một tệp YAML)",
                                                metavar="TỆP.docx", show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="thư mục ghi các tệp DOCX ra",
                                                 metavar="THƯ_MỤC", show_default=False)] = None,
    templates: Annotated[Path | None, typer.Option(
        "--mau", metavar="THƯ_MỤC", show_default=False,
        help="thư mục mẫu Word (mặc định: thư mục `mau` của hồ sơ đơn vị, rồi mẫu có sẵn của vanban)")] = None,
    force: Annotated[bool, typer.Option("--force", help="ghi đè cả tệp DOCX đã bị sửa tay (bản cũ được giữ "
                                                         "lại với ngày giờ trong tên)")] = False,
    margin: MarginDays = defaults.FUTURE_MARGIN_DAYS,
    office: OfficeProfile = None,
    pdf: PdfFlag = False,
    png: PngFlag = False,
) -> None:
    from generator import batch

    try:
        jobs = batch.jobs_for(files, out_dir)
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    if output is not None and (len(jobs) != 1 or out_dir is not None):
        typer.echo("vanban render: -o chỉ dùng với đúng một tệp YAML và không đi cùng --out-dir", err=True)
        raise typer.Exit(EXIT_USAGE)
    if output is not None:
        jobs = [batch.Job(jobs[0].source, output)]
    options = batch.Options(templates, force, margin, office)
    outcomes = _with_progress(jobs, lambda on_done: batch.run(jobs, options, on_done))
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    written = [outcome.output for outcome in outcomes if not outcome.failed]
    if pdf or png:
        problems += _convert(written, png)
    if len(outcomes) > 1:
        _summary_table(outcomes)
    if problems:
        _report(problems)
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


def _with_progress(jobs, work):
    """Run ``work(on_done)`` with a progress bar on a terminal, or one line per document otherwise."""
    def line(outcome) -> None:
        if not outcome.failed:
            typer.echo(f"đã tạo {display_path(outcome.output)}")

    if len(jobs) < 2 or not sys.stderr.isatty():
        return work(line)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("Đang tạo văn bản", total=len(jobs))
        return work(lambda outcome: (line(outcome), progress.advance(task)))


def _summary_table(outcomes) -> None:
    """File, result, output, warnings, beside the lines of what was made (problems go to stderr): a table on a
    terminal, tab-separated lines otherwise."""
    rows = [(display_path(o.source), "lỗi" if o.failed else "đã tạo",
             "" if o.failed else display_path(o.output), str(o.warnings)) for o in outcomes]
    header = ("Tệp", "Kết quả", "Tệp ra", "Cảnh báo")
    failed = sum(o.failed for o in outcomes)
    title = f"{len(outcomes) - failed}/{len(outcomes)} văn bản đã tạo" + (f", {failed} lỗi" if failed else "")
    if not sys.stdout.isatty():
        for row in [header, *rows]:
            typer.echo("\t".join(row))
        typer.echo(title)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*header, title=title)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def _convert(documents: list[Path], png: bool) -> list[Problem]:
    """PDF (and PNG pages) of every written DOCX: one LibreOffice run per output folder."""
    from generator.conversion import pages, pdf

    problems = []
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.parent, []).append(document)
    for folder, group in by_folder.items():
        try:
            for made in pdf.to_pdf(group, folder):
                typer.echo(f"đã tạo {display_path(made)}")
                if png:
                    shown = [display_path(page) for page in pages.to_png(made)]
                    typer.echo(f"đã tạo {len(shown)} ảnh trang: {', '.join(shown)}")
        except pdf.ConversionError as exc:
            problems.append(Problem(display_path(group[0]), 1, 1, Code.CONVERSION, str(exc)))
    return problems


@app.command("pdf", cls=cli_text.VietnameseCommand,
             help="Chuyển tệp DOCX sang PDF qua LibreOffice (cả loạt trong một lần chạy); --png thêm ảnh từng trang.")
def pdf_command(
    documents: Annotated[list[Path], typer.Argument(help="các tệp DOCX", metavar="TỆP.docx", show_default=False)],
    png: PngFlag = False,
) -> None:
    missing = [Problem(display_path(d), 1, 1, Code.OUTPUT, "không có tệp này") for d in documents if not d.is_file()]
    problems = missing or _convert(list(documents), png)
    if problems:
        _report(problems)
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("xem", cls=cli_text.VietnameseCommand,
             help="Xem trước: kiểm tra, tạo văn bản và PDF trong một thư mục tạm rồi mở PDF bằng trình xem của máy "
                  "(không ghi gì cạnh tệp YAML).")
def preview_command(
    source: Annotated[Path, typer.Argument(help="tệp YAML", metavar="TỆP.yaml", show_default=False)],
    office: OfficeProfile = None,
) -> None:
    import tempfile

    from generator import pipeline
    from generator.conversion import pdf, viewer

    folder = Path(tempfile.mkdtemp(prefix="vanban-xem-"))
    target = folder / f"{source.stem}.docx"
    try:
        problems = pipeline.render_file(source, target, office=office)
        (made,) = pdf.to_pdf([target], folder)
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except pdf.ConversionError as exc:
        _report([Problem(display_path(source), 1, 1, Code.CONVERSION, str(exc))])
        raise typer.Exit(EXIT_PROBLEMS) from exc
    if problems:
        _report(problems)
    typer.echo(f"bản xem trước: {made}" + ("" if viewer.open_file(made) else " (máy không có trình xem PDF: hãy mở "
                                                                               "tệp này)"))


@app.command("watch", cls=cli_text.VietnameseCommand,
             help="Theo dõi tệp hoặc thư mục: mỗi lần lưu tệp YAML là tạo lại văn bản và in các phát hiện; "
                  "Ctrl+C để dừng.")
def watch_command(
    paths: Annotated[list[Path], typer.Argument(help="tệp YAML hoặc thư mục", metavar="TỆP_HOẶC_THƯ_MỤC",
                                                show_default=False)],
    pdf: PdfFlag = False,
    office: OfficeProfile = None,
) -> None:
    from generator import batch, watch

    def rendered(sources: list[Path]) -> None:
        for job in batch.jobs_for(sources, None):
            outcome = batch.run([job], batch.Options(office=office), processes=1)[0]
            if not outcome.failed:
                typer.echo(f"đã tạo {display_path(outcome.output)}")
            problems = list(outcome.problems) + (_convert([outcome.output], False) if pdf and not outcome.failed
                                                 else [])
            if problems:
                _report(problems)

    typer.echo("đang theo dõi — lưu tệp YAML là văn bản được tạo lại; Ctrl+C để dừng", err=True)
    rendered(list(paths))
    try:
        watch.changes(paths, rendered)
    except KeyboardInterrupt:
        typer.echo("đã dừng theo dõi", err=True)


@app.command("check", cls=cli_text.VietnameseCommand,
             help="Kiểm tra một hay nhiều tệp YAML theo thể thức, không ghi gì ra đĩa. Mỗi phát hiện một dòng "
                  "`tệp:dòng:cột: lỗi|cảnh báo MÃ: …`, rồi một dòng tổng kết. Mã thoát 1 khi có lỗi.")
def check_command(
    files: Files,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text (mặc định) hoặc json",
                                                        metavar="KIỂU", show_default=False)] = OutputFormat.TEXT,
    margin: MarginDays = defaults.FUTURE_MARGIN_DAYS,
    office: OfficeProfile = None,
) -> None:
    from generator import batch, pipeline
    from generator.cycle import register

    try:
        sources = [source for source, _ in batch.documents(files)]
    except InputError as exc:
        _report(exc.problems, output_format)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    problems: list[Problem] = []
    prepared = []
    for source in sources:
        document, found = pipeline.check_file(source, future_margin_days=margin, office=office)
        problems.extend(found)
        prepared += [document] if document is not None else []
    problems.extend(register.duplicates(prepared))
    profiles = {p.source.name: p.reason for p in prepared if p.reason}
    if output_format is OutputFormat.TEXT:
        for name, reason in profiles.items():
            typer.echo(f"{name}: trình bày theo {reason}")
    _report(problems, output_format, profiles)
    if any(p.is_error for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


@app.command("rules", cls=cli_text.VietnameseCommand,
             help="Liệt kê các quy tắc kiểm tra; `vanban rules VB121` giải thích một quy tắc.")
def rules_command(
    code: Annotated[str | None, typer.Argument(help="mã quy tắc, ví dụ VB121", metavar="MÃ",
                                               show_default=False)] = None,
) -> None:
    from generator import lint

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
    from generator import legacy_fix

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


@app.command("new", cls=cli_text.VietnameseCommand,
             help="Tạo bản nháp YAML của một loại văn bản: mỗi khóa có ghi chú, mỗi chỗ phải viết được đánh dấu "
                  "[cần viết]; cơ quan, địa danh, người ký, nơi nhận lấy từ hồ sơ đơn vị nếu có. Không ghi đè tệp "
                  "nào.")
def new_command(
    kind: Annotated[str, typer.Argument(help="loại văn bản, xem `vanban kinds`", metavar="LOẠI",
                                        show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--out", metavar="TỆP.yaml", show_default=False,
                                                help="tên tệp nháp (mặc định: LOẠI-KỲ.yaml)")] = None,
    rulebook_code: RulebookCode = None,
    period_text: Annotated[str | None, typer.Option("--ky", metavar="KỲ", show_default=False,
                                                    help="kỳ của văn bản, ví dụ \"quý II/2021\", \"6 tháng đầu năm "
                                                         "2021\" (mặc định: quý hiện tại)")] = None,
    office: OfficeProfile = None,
) -> None:
    from generator import lint, safe_write
    from generator.cycle import draft
    from generator.reader import find_office

    today = lint.current_date()
    try:
        target = output or draft.default_output(kind, draft.period_of(period_text, today))
        found = find_office(target, office)
        text = draft.new_draft(kind, rulebook_code=rulebook_code, office=found, period_text=period_text,
                               today=today)
        draft.write_draft(target, text)
    except ValueError as exc:  # unknown kind or rulebook, unreadable period: the command was used wrongly
        typer.echo(f"vanban new: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    except InputError as exc:  # the office profile has problems
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except safe_write.TargetRefused as exc:
        _report([Problem(display_path(target), 1, 1, exc.code, str(exc))])
        raise typer.Exit(EXIT_PROBLEMS) from exc
    typer.echo(f"đã tạo {display_path(target)}: hãy viết các chỗ [cần viết] rồi "
               f"`vanban check {display_path(target)}`")


@app.command("kinds", cls=cli_text.VietnameseCommand,
             help="Liệt kê các loại văn bản của từng hệ thống: mã dùng cho `vanban new`, tên loại in trên văn bản, "
                  "mô tả.")
def kinds_command() -> None:
    from generator import rulebook
    from generator.cycle import draft

    listed = draft.kinds()
    code_width = max(len(info.code) for info in listed)
    name_width = max(len(info.type_name or "") for info in listed)
    for book in map(rulebook.load, rulebook.available()):
        typer.echo(f"{book.ten} — `--he-thong {book.ma}`")
        for info in (info for info in listed if info.rulebook == book.ma):
            typer.echo(f"  {info.code:<{code_width}}  {info.type_name or '—':<{name_width}}  {info.summary}")


@app.command("so-tiep-theo", cls=cli_text.VietnameseCommand,
             help="Đề xuất số của văn bản tiếp theo thuộc một loại, từ các văn bản trong thư mục của đơn vị (số chạy "
                  "theo từng loại; văn bản Nhà nước đánh lại từ 01 mỗi năm, văn bản Đảng mỗi nhiệm kỳ — ngày bắt đầu "
                  "nhiệm kỳ ghi ở `nhiem_ky_bat_dau` của don-vi.yaml).")
def next_number_command(
    kind: Annotated[str, typer.Argument(help="loại văn bản, ví dụ thong-bao-ket-luan", metavar="LOẠI",
                                        show_default=False)],
    folder: Annotated[Path, typer.Argument(help="thư mục văn bản của đơn vị (mặc định: thư mục hiện tại)",
                                           metavar="THƯ_MỤC", show_default=False)] = Path("."),
    rulebook_code: RulebookCode = None,
    office: OfficeProfile = None,
) -> None:
    from generator import lint, rulebook
    from generator.cycle import followup, register
    from generator.reader import find_office, prepare

    try:
        found = find_office(folder, office)
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    code = rulebook_code or (found.profile.he_thong if found else None) or "dang"
    if code not in rulebook.codes() or kind not in rulebook.load(code).loai_van_ban:
        typer.echo(f"vanban so-tiep-theo: loại `{kind}` hoặc hệ thống `{code}` chưa có — xem `vanban kinds`", err=True)
        raise typer.Exit(EXIT_USAGE)
    notices = []
    for path in followup.notices([folder]):
        try:
            notices.append(prepare(path, office=office))
        except InputError:
            continue  # a notice that cannot be read has no number to count; `vanban check` says why
    term = found.profile.nhiem_ky_bat_dau if found else None
    number, last = register.next_number(notices, kind, rulebook.family(code), rulebook.load(code).so_ky_hieu.dat_lai,
                                        lint.current_date(), term)
    typer.echo(register.describe(number, last, kind))


@app.command("import", cls=cli_text.VietnameseCommand,
             help="Chuyển văn bản cũ — tệp Word (.docx) hoặc chữ sao chép từ cổng thông tin (.txt) — thành bản "
                  "nháp YAML: đọc lại các chỗ `# kiểm tra:`, rồi `vanban check`, `vanban carry` sang kỳ sau. "
                  "Không ghi đè tệp nào.")
def import_command(
    source: Annotated[Path, typer.Argument(help="văn bản cũ", metavar="TỆP.docx|TỆP.txt", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--out", metavar="TỆP.yaml", show_default=False,
                                                help="tên tệp nháp (mặc định: tên tệp cũ, đuôi .yaml)")] = None,
) -> None:
    from generator import importing, pipeline

    target = output or importing.default_output(source)
    try:
        result = importing.import_file(source)
        importing.write_draft(result, target)
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    shown = display_path(target)
    typer.echo(f"đã tạo {shown} từ {display_path(source)}")
    for line in importing.summary_lines(result):
        typer.echo(f"  {line}")
    _, problems = pipeline.check_file(target)
    if problems:
        _report(problems)
    typer.echo(f"hãy đọc lại các chỗ `# kiểm tra:` rồi `vanban check {shown}`")


@app.command("carry", cls=cli_text.VietnameseCommand,
             help="Tạo bản nháp kỳ sau từ văn bản kỳ trước: kỳ được chuyển tiếp ở mọi chỗ (quý I → quý II), số, ngày "
                  "và ngày họp được xóa, phần kết quả, hạn chế, kiến nghị thành chỗ [cần viết], mọi nhiệm vụ kỳ trước "
                  "vào danh sách `theo_doi` để ghi tình trạng, việc chưa xong được đưa lại. Không ghi đè tệp nào.")
def carry_command(
    source: Annotated[Path, typer.Argument(help="văn bản kỳ trước", metavar="TRƯỚC.yaml", show_default=False)],
    to: Annotated[str | None, typer.Option("--to", metavar="KỲ", show_default=False,
                                           help="kỳ mới: 2021-Q3 (quý), 2021-H1 (6 tháng), 2021-9M, 2021 (năm), "
                                                "2021-05 (tháng); mặc định kỳ liền sau")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--out", metavar="SAU.yaml", show_default=False,
                                                help="tên tệp nháp (mặc định: tên cũ với kỳ mới)")] = None,
    office: OfficeProfile = None,
) -> None:
    from generator import safe_write
    from generator.cycle import carry

    target = output or source
    try:
        carried = carry.carry(source, to, office)
        target = output or carry.default_output(source, carried.previous, carried.period)
        safe_write.write_new(target, carried.text.encode("utf-8"))
    except InputError as exc:
        _report(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except safe_write.TargetRefused as exc:
        _report([Problem(display_path(target), 1, 1, exc.code, str(exc))])
        raise typer.Exit(EXIT_PROBLEMS) from exc
    typer.echo(f"đã tạo {display_path(target)} ({carried.period.text()}): {carried.reviewed} nhiệm vụ kỳ trước để "
               f"ghi tình trạng, {carried.offered} việc chưa xong đưa lại; hãy viết các chỗ [cần viết] rồi "
               f"`vanban check {display_path(target)}`")


@app.command("tasks", cls=cli_text.VietnameseCommand,
             help="Liệt kê mọi nhiệm vụ của các văn bản (đơn vị, thời hạn, tình trạng theo lần xem lại mới nhất, "
                  "văn bản và dòng đã giao); lọc theo đơn vị, tình trạng, quá hạn; ghi ra CSV hoặc báo cáo theo dõi, "
                  "đôn đốc (DOCX).")
def tasks_command(
    paths: Annotated[list[Path], typer.Argument(help="các văn bản hoặc thư mục", metavar="TỆP_HOẶC_THƯ_MỤC",
                                                show_default=False)],
    unit: Annotated[str | None, typer.Option("--don-vi-thuc-hien", metavar="TÊN", show_default=False,
                                             help="chỉ nhiệm vụ của đơn vị có tên chứa chữ này")] = None,
    status: Annotated[str | None, typer.Option("--trang-thai", metavar="TÌNH_TRẠNG", show_default=False,
                                               help="hoan-thanh, dang-thuc-hien, chua-thuc-hien hoặc chua-ghi")] = None,
    overdue: Annotated[str | None, typer.Option("--qua-han", metavar="NGÀY", show_default=False,
                                                help="chỉ nhiệm vụ chưa hoàn thành đã quá hạn vào ngày này "
                                                     "(ví dụ 30/9/2021; `hom-nay` là hôm nay)")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", metavar="TỆP.csv", show_default=False,
                                                 help="ghi bảng ra tệp CSV (mở bằng Excel)")] = None,
    docx_out: Annotated[Path | None, typer.Option("--docx", metavar="TỆP.docx", show_default=False,
                                                  help="ghi báo cáo theo dõi, đôn đốc theo thể thức")] = None,
    office: OfficeProfile = None,
) -> None:
    import datetime as dt

    from generator import pipeline, safe_write, vnformat
    from generator.cycle import followup
    from generator.model import TaskStatus

    try:
        day = dt.date.today() if overdue in (None, "hom-nay") else vnformat.parse_date(overdue)
    except ValueError as exc:
        typer.echo(f"vanban tasks: --qua-han: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if status not in (None, followup.NO_STATUS, *(s.value for s in TaskStatus)):
        typer.echo(f"vanban tasks: --trang-thai `{status}` không có — chọn một trong: hoan-thanh, dang-thuc-hien, "
                   f"chua-thuc-hien, {followup.NO_STATUS}", err=True)
        raise typer.Exit(EXIT_USAGE)
    rows, problems = followup.collect(paths, office)
    rows = followup.select(rows, unit, status, day if overdue else None)
    try:
        if csv_out is not None:
            safe_write.write_new(csv_out, followup.csv_text(rows).encode("utf-8-sig"))
            typer.echo(f"đã tạo {display_path(csv_out)}")
        if docx_out is not None:
            report = followup.report(rows, followup.office_for(paths, office), day, docx_out)
            pipeline.write_docx(report, docx_out)
            typer.echo(f"đã tạo {display_path(docx_out)}")
    except safe_write.TargetRefused as exc:
        problems.append(Problem(display_path(csv_out or docx_out), 1, 1, exc.code, str(exc)))
    except InputError as exc:
        problems += exc.problems
    if csv_out is None and docx_out is None:
        _task_table(rows)
    if problems:
        _report(problems)
        raise typer.Exit(EXIT_PROBLEMS)


def _task_table(rows) -> None:
    """A table on a terminal; one tab-separated line per task otherwise (for a pipe, grep or a spreadsheet)."""
    from generator.cycle import followup

    if not sys.stdout.isatty():
        for line in [followup.COLUMNS, *(row.cells() for row in rows)]:
            typer.echo("\t".join(line))
        typer.echo(f"{len(rows)} nhiệm vụ")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*followup.COLUMNS, title=f"{len(rows)} nhiệm vụ", show_lines=True)
    for row in rows:
        table.add_row(*row.cells())
    Console().print(table)


templates_app = typer.Typer(cls=cli_text.VietnameseGroup, no_args_is_help=False, rich_markup_mode=None,
                            context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(templates_app, name="templates",
              help="Mẫu Word: liệt kê mẫu có sẵn, chép một mẫu ra để văn phòng sửa, xem một mẫu đọc những biến nào.")


@templates_app.callback(invoke_without_command=True)
def templates_command(context: typer.Context) -> None:
    """Liệt kê các mẫu Word có sẵn: tên (hệ_thống/loại) và loại văn bản."""
    if context.invoked_subcommand is not None:
        return
    from generator import template_vars

    listed = template_vars.builtin_templates()
    width = max(len(t.name) for t in listed)
    for template in listed:
        typer.echo(f"{template.name:<{width}}  {template.description}")


@templates_app.command("copy", cls=cli_text.VietnameseCommand,
                       help="Chép một mẫu có sẵn ra ĐÍCH để văn phòng sửa trong Word; không bao giờ ghi đè tệp đã có. "
                            "ĐÍCH không có đuôi .docx là một thư mục mẫu: mẫu vào ĐÍCH/hệ_thống/loại.docx, đúng chỗ "
                            "--mau và `mau:` của don-vi.yaml tìm.")
def templates_copy_command(
    name: Annotated[str, typer.Argument(help="tên mẫu, ví dụ dang/thong-bao-ket-luan (xem `vanban templates`)",
                                        metavar="TÊN", show_default=False)],
    destination: Annotated[Path, typer.Argument(help="tệp .docx mới, hoặc thư mục mẫu", metavar="ĐÍCH",
                                                show_default=False)],
) -> None:
    from generator import safe_write, template_vars

    try:
        written = template_vars.copy_template(name, destination)
    except template_vars.UnknownTemplate as exc:
        typer.echo(f"vanban templates copy: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    except safe_write.TargetRefused as exc:
        typer.echo(f"vanban templates copy: {exc}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except OSError as exc:
        typer.echo(f"vanban templates copy: không ghi được {display_path(destination)}: {os_reason(exc)}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    folder = written.parent.parent
    typer.echo(f"đã chép mẫu {name} ra {display_path(written)}")
    if written == folder / f"{name}.docx":
        typer.echo(f"sửa mẫu trong Word, rồi dùng: vanban render TỆP.yaml --mau {display_path(folder)} (hoặc ghi "
                   f"`mau: {display_path(folder)}` trong don-vi.yaml)")
    else:
        typer.echo(f"lưu ý: --mau chỉ tìm mẫu này ở THƯ_MỤC/{name}.docx", err=True)


@templates_app.command("vars", cls=cli_text.VietnameseCommand,
                       help="Liệt kê mọi biến một mẫu Word đọc, theo thứ tự trong mẫu: biến, nơi có nó (thân văn bản, "
                            "đầu trang…) và chữ của đoạn Word chứa thẻ.")
def templates_vars_command(
    template: Annotated[Path, typer.Argument(help="tệp mẫu Word", metavar="TỆP.docx", show_default=False)],
) -> None:
    from generator import render, template_vars

    try:
        uses = template_vars.template_variables(template)
    except render.TemplateError as exc:
        _report([Problem(display_path(template), 1, 1, Code.TEMPLATE, str(exc))])
        raise typer.Exit(EXIT_PROBLEMS) from exc
    places = {use.part: template_vars.part_title(use.part) for use in uses}
    path_width = max((len(use.path) for use in uses), default=0)
    place_width = max((len(place) for place in places.values()), default=0)
    for use in uses:
        typer.echo(f"{use.path:<{path_width}}  {places[use.part]:<{place_width}}  {use.paragraph}")


@app.command("doctor", cls=cli_text.VietnameseCommand,
             help="Kiểm tra máy này có đủ cho vanban: Python, mẫu Word, LibreOffice (thử chuyển một tệp), pdftoppm, "
                  "phông Times New Roman, quyền ghi thư mục, hồ sơ đơn vị — mỗi dòng ✓ hoặc ✗ kèm cách sửa.")
def doctor_command() -> None:
    from generator import doctor

    found = list(doctor.findings(Path.cwd()))
    for finding in found:
        typer.echo(str(finding))
    if not all(finding.ok for finding in found):
        raise typer.Exit(EXIT_PROBLEMS)


class SchemaName(enum.StrEnum):
    DOCUMENT = "van-ban"
    OFFICE = "don-vi"


@app.command("schema", cls=cli_text.VietnameseCommand,
             help="In lược đồ JSON (JSON Schema) của tệp văn bản (van-ban, mặc định) hoặc của hồ sơ đơn vị "
                  "(don-vi) — để trình soạn thảo (VS Code …) gợi ý khóa và báo lỗi ngay khi gõ. Bản có sẵn: "
                  "thư mục schema/.")
def schema_command(
    name: Annotated[SchemaName, typer.Argument(help="van-ban hoặc don-vi", metavar="LOẠI",
                                               show_default=False)] = SchemaName.DOCUMENT,
) -> None:
    from generator import schema

    typer.echo(schema.dumps(schema.profile_schema() if name is SchemaName.OFFICE else schema.document_schema()),
               nl=False)


def main() -> None:
    try:
        app(prog_name="vanban")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 — the promise is: never a traceback
        typer.echo(f"vanban: lỗi nội bộ của công cụ ({type(exc).__name__}: {exc}) — "
                   "hãy gửi tệp YAML này cho nhóm phát triển", err=True)
        sys.exit(EXIT_INTERNAL)
