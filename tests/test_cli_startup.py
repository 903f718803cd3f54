"""The command starts fast: `vanban --help` and `vanban check` import only what they need, and the help is plain
text (typer's rich panels cost 150 ms of imports before every command). bench/speed.py times them; these tests
only guard what is imported and what is printed, never a time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from tests.conftest import MINIMAL_YAML, ROOT

RENDERING = ("docx", "docxtpl", "jinja2", "lxml", "xml", "babel")  # what a DOCX and its numbers are made with
RICH_HELP = ("rich", "markdown_it", "pygments")  # typer's rich help panels
POOL = ("concurrent",)  # the processes of a batch render


def _run_fresh(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    """Run `vanban ARGS` in a new interpreter; its exit code and the top-level packages it imported."""
    listing = cwd / "modules.json"
    code = ("import json, sys\n"
            f"sys.argv = ['vanban', *{args!r}]\n"
            "from generator.cli import main\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as stop:\n"
            f"    json.dump([stop.code, sorted(sys.modules)], open({str(listing)!r}, 'w'))\n")
    subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    exit_code, modules = json.loads(listing.read_text(encoding="utf-8"))
    return exit_code, {name.partition(".")[0] for name in modules}


def test_help_imports_neither_rendering_nor_rich_nor_the_models(tmp_path):
    code, packages = _run_fresh(["--help"], tmp_path)
    assert code == 0
    assert packages & {*RENDERING, *RICH_HELP, *POOL, "pydantic", "yaml"} == set()


def test_check_imports_nothing_that_renders(tmp_path):
    (tmp_path / "tb.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    code, packages = _run_fresh(["check", "tb.yaml"], tmp_path)
    assert code == 0
    assert {"generator", "pydantic", "yaml"} <= packages, "the check ran: it read and validated the notice"
    assert packages & {*RENDERING, *RICH_HELP, *POOL} == set()


runner = CliRunner()


def test_help_is_plain_vietnamese_with_defaults_and_required_marks():
    out = runner.invoke(app, ["render", "--help"]).stdout
    assert out.startswith("Cách dùng: vanban render [TÙY CHỌN] ")
    assert "\nTham số:\n" in out and "\nTùy chọn:\n" in out
    assert "[bắt buộc]" in out and "[mặc định: 30; x>=0]" in out
    assert "╭" not in out and "│" not in out
    for english in ("Arguments", "default:", "required"):
        assert english not in out


def test_the_list_of_commands_says_all_of_what_each_does():
    _, title, commands = runner.invoke(app, ["--help"]).stdout.partition("\nLệnh:\n")
    assert title
    commands = " ".join(commands.split())
    assert commands.startswith("render Kiểm tra rồi tạo tệp DOCX từ các tệp YAML, thư mục (tìm cả thư mục con, bỏ "
                               "qua don-vi.yaml và bản cũ) hoặc mẫu tên như `drafts/*.yaml`; nhiều tệp thì chạy song "
                               "song trên mọi lõi máy. Mặc định")
    assert "..." not in commands  # no description cut short


@pytest.mark.parametrize("width", [50, 61, 72, 80, 97])
def test_help_lines_break_between_words_never_inside_a_name(width):
    """`thong-bao-ket-luan`, `don-vi.yaml`, `dang-thuc-hien` are typed whole: no line ends inside one."""
    for args in (["--help"], ["tasks", "--help"], ["new", "--help"], ["so-tiep-theo", "--help"]):
        out = runner.invoke(app, args, terminal_width=width).stdout
        assert [line for line in out.splitlines() if re.search(r"\w-$", line)] == []


def test_a_usage_error_is_told_in_vietnamese_with_the_usage_line():
    result = runner.invoke(app, ["check", "a.yaml", "--khong-co"])
    assert result.exit_code == 2
    assert result.stderr == ("Cách dùng: vanban check [TÙY CHỌN] {TỆP.yaml}...\n"
                             "Gõ 'vanban check -h' để xem hướng dẫn.\n\n"
                             "Lỗi: không có tùy chọn `--khong-co`\n")
