"""YAML's own traps, as a secretary falls into them: each is reported at its line, with its real cause and the
corrected line, never with PyYAML's English or a misleading cause; and one run reports every mistake."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from generator import loader, reader
from generator.errors import InputError, Problem
from generator.reading import diagnose, shape
from tests.conftest import EXAMPLES, MINIMAL_YAML, ROOT
from tests.test_cli import run, write

ALL_EXAMPLES = EXAMPLES + sorted((ROOT / "examples").glob("*/*.yaml"))

# Messages the issue quotes as misleading: none may come back for the mistakes below.
MISLEADING = ("thiếu dấu `:` sau tên khóa", "có dấu `:` giữa dòng chữ", "thụt đầu dòng không khớp với dòng trên",
              "không có trong mẫu — các khóa dùng được", "phải là một dòng chữ, không phải một bảng khóa",
              "cú pháp YAML không hợp lệ", "thiếu `co_quan.viet_tat`")
ENGLISH = re.compile(r"\b(expected|found|while|scanning|parsing|could not|Input should|or '|document|stream|"
                     r"mapping values|token|character)\b")


def problems_of(path: Path) -> list[Problem]:
    try:
        reader.prepare(path)
    except InputError as exc:
        return exc.problems
    return []


def read(text: str) -> tuple[loader.LoadedFile | None, list[Problem]]:
    try:
        loaded = loader.read_text(text, Path("tb.yaml"))
    except InputError as exc:
        return None, exc.problems
    return loaded, loaded.problems


def lines_of(text: str) -> list[str]:
    return text.split("\n")


# ---- each rule on its own -------------------------------------------------------------------------------------

def test_value_start_skips_dashes_and_a_key():
    assert diagnose.value_start("  - noi: Sở Nội vụ") == len("  - noi: ")
    assert diagnose.value_start("    - Kết quả: đạt") == len("    - ")
    assert diagnose.value_start("dia_danh: \"Phan") == len("dia_danh: ")


def test_classify_knows_text_inside_a_block_and_an_open_quote():
    info = diagnose.classify(["a: >-", "  -Phòng: x", "b: \"mở", "  c: d\"", "e: 1"])
    assert [line.kind for line in info] == ["node", "block", "node", "quoted", "node"]


def test_tab_indent_is_replaced_by_two_spaces():
    found = diagnose.tab_indent("\tviet_tat: TU", 4)
    assert (found.line, found.column, found.code, found.fixed) == (4, 1, "VB004", "  viet_tat: TU")


def test_no_break_spaces_in_the_indentation_are_named():
    found = diagnose.odd_space_indent("\u00a0\u00a0viet_tat: TU", 4)
    assert "U+00A0" in found.message and found.fixed == "  viet_tat: TU"
    assert diagnose.odd_space_indent("  viet_tat: TU", 4) is None


def test_glued_key_gets_its_space():
    line = diagnose.classify(["ngay:30/4/2021"])[0]
    found = diagnose.glued_key(line)
    assert (found.column, found.fixed) == (5, "ngay: 30/4/2021")
    assert "thiếu dấu cách sau dấu `:` của khóa `ngay`" in found.message
    assert diagnose.glued_key(diagnose.classify(["ngay: 30/4/2021"])[0]) is None
    assert diagnose.glued_key(diagnose.classify(["- http://x.vn"])[0]) is None


def test_glued_dash_only_beside_list_lines():
    info = diagnose.classify(["noi_nhan:", "  - Sở Nội vụ", "  -Phòng Tài chính"])
    assert diagnose.glued_dash(info, info[2]).fixed == "  - Phòng Tài chính"
    info = diagnose.classify(["so: 1", "ten: -5"])
    assert diagnose.glued_dash(info, info[1]) is None


def test_wide_colon_and_curly_quoted_key():
    assert diagnose.wide_colon(diagnose.classify(["ngay：30/4/2021"])[0]).fixed == "ngay: 30/4/2021"
    assert diagnose.curly_key(diagnose.classify(["“ngay”: 30/4/2021"])[0]).fixed == "ngay: 30/4/2021"
    assert diagnose.curly_key(diagnose.classify(['"ngay": 30/4/2021'])[0]) is None  # straight quotes are YAML


def test_a_document_marker_in_the_middle_but_not_at_the_top():
    info = diagnose.classify(["---", "a: 1", "---", "b: 2"])
    assert diagnose.document_marker(info, info[0]) is None
    assert diagnose.document_marker(info, info[2]).fixed == ""


def test_a_dash_line_indented_under_the_item_above():
    info = diagnose.classify(["n:", "  - A", "   - B"])
    assert diagnose.item_swallowed(info, info[2]).fixed == "  - B"


def test_anchor_text_is_caught_although_yaml_accepts_it():
    found = diagnose.anchor_text(diagnose.classify(["  - &Tăng cường công tác"])[0], "")
    assert found.fixed == '  - "&Tăng cường công tác"'
    assert diagnose.anchor_text(diagnose.classify(["a: &x nội dung"])[0], "b: *x") is None  # a real anchor


def test_more_text_of_a_plain_value_is_not_taken_for_yaml_syntax():
    info = diagnose.classify(["noi_nhan:", "  - Các sở, ngành", "    -Phòng: x", "  - B"])
    assert [line.kind for line in info] == ["node", "node", "plain", "node"]
    long = "  - Các sở, ban, ngành tỉnh phối hợp chặt chẽ với Ủy ban nhân dân các huyện, thị xã"
    assert diagnose.scan(["noi_nhan:", long, "    - thành phố thực hiện", "  - B"]) == []


def test_a_value_ending_in_a_colon_is_named_so():
    _, found = read("noi_dung:\n  ket_qua:\n    tieu_de: Về kết quả:\n    noi_dung: [a]\n")
    assert "kết thúc bằng dấu `:`" in found[0].message
    assert found[0].message.endswith('sửa thành:     tieu_de: "Về kết quả:"')


def shape_of(text: str, tmp_path: Path) -> list[Problem]:
    path = tmp_path / "tb.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return loader.read_file(path).problems
    except InputError as exc:
        return exc.problems


def test_a_capitalised_word_before_a_colon_is_text_but_a_capitalised_key_is_a_key(tmp_path):
    (found,) = shape_of("noi_nhan:\n  - Ban: Tôn giáo tỉnh\n  - Noi: Sở Nội vụ\n", tmp_path)
    assert found.line == 2 and 'sửa thành:   - "Ban: Tôn giáo tỉnh"' in found.message


def test_a_long_file_full_of_mistakes_is_read_in_bounded_time():
    import time

    text = "".join(f"k{i}: v\n" for i in range(3000)) + "".join(f"ngay:{i}\n" for i in range(300))
    started = time.perf_counter()
    _, found = read(text)
    assert len(found) >= 300
    assert time.perf_counter() - started < 10


def error_of(text: str) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text)
    return caught.value


@pytest.mark.parametrize(("text", "rule", "line", "fixed"), [
    ("a: 1\nb: \"mở\nc: 2\nd: \"x\"\n", diagnose.unclosed_quote, 2, 'b: "mở"'),
    ("a: 1\n---\nb: 2\n", diagnose.two_documents, 2, ""),
    ("a:\n  - \"Năm 2021\" huyện\n", diagnose.quoted_then_more, 2, "  - '\"Năm 2021\" huyện'"),
    ("a:\n  - *Lưu ý\n", diagnose.leading_indicator, 2, '  - "*Lưu ý"'),
    ("a: @x\n", diagnose.leading_indicator, 1, 'a: "@x"'),
    ("a: \"C:\\dir\"\n", diagnose.bad_escape, 1, 'a: "C:\\\\dir"'),
    ("co_quan:\n  ten: A\n   viet_tat: TU\n", diagnose.indentation, 3, "  viet_tat: TU"),
    ("co_quan:\n  ten: A\n viet_tat: TU\n", diagnose.indentation, 3, "  viet_tat: TU"),
    ("noi_nhan:\n  - A\n  luu: x\n", diagnose.indentation, 3, "luu: x"),
    ("n:\n  - noi: A\n  ghi_chu: b\n", diagnose.indentation, 3, "    ghi_chu: b"),
    ("noi_dung:\n  mo_dau: Kết quả: đạt\n", diagnose.colon_in_text, 2, '  mo_dau: "Kết quả: đạt"'),
    ("n:\n  - A\n  Sở Nội vụ\n  - B\n", diagnose.no_colon, 3, "  - Sở Nội vụ"),
    ("a: 1\nngya:30/4\nb: 2\n", diagnose.no_colon, 2, "ngya: 30/4"),
    ("a: 1\nco_quan\nb: 2\n", diagnose.no_colon, 2, "co_quan:"),
])
def test_each_pyyaml_error_gets_its_cause(text, rule, line, fixed):
    found = rule(error_of(text), diagnose.classify(lines_of(text)))
    assert (found.line, found.fixed) == (line, fixed)
    assert not ENGLISH.search(found.message)


def test_explain_never_answers_in_english():
    for text in ("a: [1, 2\n", "a: {b: 1\n", "a: b: c: d\n", "- a\nb: 1\n", "a:\n  - b\n - c\n", "? a\n: b\n: c\n"):
        try:
            yaml.compose(text)
        except yaml.MarkedYAMLError as exc:
            assert not ENGLISH.search(diagnose.explain(exc, lines_of(text)).message), text


# ---- the issue's cases, in a notice ------------------------------------------------------------------------------

STATE = (ROOT / "examples" / "020-nha-nuoc-tb-ket-luan-chu-tich.yaml").read_text(encoding="utf-8")

# (mistake, text, line, cause, corrected line)
CASES = [
    ("no space after a colon", STATE.replace("ngay: 15/7/2024", "ngay:15/7/2024"), 15,
     "thiếu dấu cách sau dấu `:` của khóa `ngay`", "sửa thành: ngay: 15/7/2024"),
    ("no space after a dash", STATE.replace("  - Ban Dân vận Tỉnh ủy", "  -Ban Dân vận Tỉnh ủy"), 81,
     "thiếu dấu cách sau dấu `-`", "sửa thành:   - Ban Dân vận Tỉnh ủy"),
    ("list without dashes", STATE.replace("  - Kết luận của Chủ tịch", "  Kết luận của Chủ tịch")
     .replace("  - sơ kết công tác", "  sơ kết công tác"), 19,
     "các dòng dưới `trich_yeu:` không bắt đầu bằng `- `", "sửa thành:   - Kết luận của Chủ tịch"),
    ("one line without a dash", STATE.replace("  - Ban Dân vận Tỉnh ủy", "  Ban Dân vận Tỉnh ủy"), 81,
     "không bắt đầu bằng `- `", "sửa thành:   - Ban Dân vận Tỉnh ủy"),
    ("key indented one space too far", STATE.replace("  viet_tat: VPUBND", "   viet_tat: VPUBND"), 11,
     "thụt vào 3 dấu cách, không thẳng cột", "sửa thành:   viet_tat: VPUBND"),
    ("list item with a colon", STATE.replace("  ket_thuc:\n    - >-",
                                             "  ket_thuc:\n    - Kết quả theo từng xã: đạt 90%.\n    - >-"), 75,
     "dòng chữ có dấu `:` và dấu cách ở giữa", 'sửa thành:     - "Kết quả theo từng xã: đạt 90%."'),
    ("line ending in a colon", STATE.replace("  ket_thuc:\n    - >-", "  ket_thuc:\n    - Giao các đơn vị:\n    - >-"),
     75, "kết thúc bằng dấu `:`", 'sửa thành:     - "Giao các đơn vị:"'),
    ("quoted start then more", STATE.replace("  ket_thuc:\n    - >-",
                                             "  ket_thuc:\n    - \"Năm 2021\" huyện được giao 12 chỉ tiêu.\n    - >-"),
     75, "bắt đầu bằng ngoặc kép", "sửa thành:     - '\"Năm 2021\" huyện được giao 12 chỉ tiêu.'"),
    ("unclosed quote", STATE.replace('so: "12"', 'so: "12'), 13, "thiếu dấu ngoặc kép đóng", 'sửa thành: so: "12"'),
    ("no-break spaces from Word", STATE.replace("  viet_tat: VPUBND", "\u00a0\u00a0viet_tat: VPUBND"), 11,
     "U+00A0", None),
    ("two documents", STATE.replace("noi_nhan:", "---\nnoi_nhan:"), 79, "chia tệp thành hai văn bản",
     "sửa thành: (xóa dòng này)"),
    ("text starting with *", STATE.replace("  ket_thuc:\n    - >-", "  ket_thuc:\n    - *Lưu ý các đơn vị.\n    - >-"),
     75, "bắt đầu bằng `*`", 'sửa thành:     - "*Lưu ý các đơn vị."'),
    ("full-width colon", STATE.replace("dia_danh: Bình Thuận", "dia_danh：Bình Thuận"), 14, "toàn khổ",
     "sửa thành: dia_danh: Bình Thuận"),
    ("curly quotes around a key", STATE.replace("dia_danh: Bình Thuận", "“dia_danh”: Bình Thuận"), 14,
     "ngoặc kép cong", "sửa thành: dia_danh: Bình Thuận"),
    ("a key among list lines", STATE.replace("  - Ban Dân vận Tỉnh ủy", "  - Ban Dân vận Tỉnh ủy\n  luu: VT"), 82,
     "khóa `luu:` đứng giữa các dòng `- …`", "sửa thành: luu: VT"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_issue_s_mistakes_are_named_at_their_line_with_the_fix(make_yaml, case):
    _, text, line, cause, fix = case
    found = problems_of(make_yaml(text))
    here = [p for p in found if p.line == line and cause in p.message]
    assert here, "\n".join(map(str, found))
    if fix:
        assert fix in here[0].message
    for problem in found:
        assert not any(bad in problem.message for bad in MISLEADING), problem
        assert not ENGLISH.search(problem.message), problem


def test_a_wrong_task_status_lists_the_choices_in_vietnamese(make_yaml):
    text = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                "  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n  nhiem_vu:\n    noi_dung:\n"
                                "      - noi_dung: Tổng kết.\n        trang_thai: xong")
    (problem,) = problems_of(make_yaml(text))
    assert problem.message.endswith("chọn một trong: `chua-thuc-hien`, `dang-thuc-hien`, `hoan-thanh`")


# ---- all in one run ------------------------------------------------------------------------------------------------

def test_five_independent_mistakes_in_one_check(tmp_path):
    text = (MINIMAL_YAML.replace("  viet_tat: TU", "\tviet_tat: TU").replace("noi_nhan:", "noi_nhna:")
            .replace("26/7/2010", "31/2/2010").replace('so: "970"', 'so:"970"')
            .replace("  chuc_vu:", "  quyen_han: TM.\n  thay_mat: Ủy ban\n  chuc_vu:"))
    write(tmp_path, "tb.yaml", text)
    code, _, err = run("check", "tb.yaml", cwd=tmp_path)
    assert code == 1
    found = [line for line in err.splitlines() if line.startswith("tb.yaml:")]
    assert [line.split(": lỗi ")[1][:5] for line in found] == ["VB004", "VB001", "VB013", "VB010", "VB013"]
    assert [line.split(": lỗi ")[0] for line in found] == ["tb.yaml:4:1", "tb.yaml:5:3", "tb.yaml:7:7",
                                                           "tb.yaml:11:1", "tb.yaml:14:14"]
    assert err.splitlines()[-1] == "Có 5 lỗi, 0 cảnh báo."


def test_legacy_text_does_not_hide_the_data_errors(make_yaml):
    from generator.legacy_encoding import LegacyEncoding, from_unicode
    text = (MINIMAL_YAML.replace("Chánh Văn phòng", from_unicode("Chánh Văn phòng", LegacyEncoding.TCVN3))
            .replace("26/7/2010", "31/2/2010"))
    assert [p.code for p in problems_of(make_yaml(text))] == ["VB013", "VB008"]


def test_a_rulebook_error_comes_with_the_data_errors(make_yaml):
    text = (MINIMAL_YAML.replace("  chuc_vu:", "  quyen_han: TM.\n  thay_mat: Ủy ban\n  chuc_vu:")
            .replace("  ho_ten: Lê Tấn Lai\n", "").replace("26/7/2010", "32/7/2010"))
    found = problems_of(make_yaml(text))
    assert sorted(p.code for p in found) == ["VB011", "VB013", "VB013"]
    assert any("thẩm quyền ký `TM.`" in p.message for p in found)


def test_a_rulebook_finding_about_a_value_set_aside_is_not_reported(make_yaml):
    text = MINIMAL_YAML.replace("  chuc_vu: Chánh Văn phòng", "  quyen_han: [TM.]\n  chuc_vu: Chánh Văn phòng")
    found = problems_of(make_yaml(text))
    assert [p.code for p in found] == ["VB012"]


def test_columns_after_a_correction_are_the_file_s(make_yaml):
    text = MINIMAL_YAML.replace("  viet_tat: TU", "\tviet_tat: TU\n\tdon_vi: [x]")
    found = problems_of(make_yaml(text))
    assert [(p.line, p.column) for p in found] == [(4, 1), (5, 1), (5, 10)]  # `[` stands in column 10 after the Tab


def test_a_file_yaml_cannot_read_even_corrected_stops_with_what_was_found():
    _, found = read("a: 1\n\tb: 2\nco_quan:\n  ten: A\n  - B\n")
    assert [(p.line, p.code) for p in found] == [(2, "VB004"), (2, "VB001"), (5, "VB001")]
    assert "sửa thành: b: 2" in found[1].message
    assert "một khóa chỉ chứa một kiểu" in found[2].message and "sửa thành" not in found[2].message


# ---- no false alarm -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_the_examples_read_without_a_finding(example):
    loaded = loader.read_file(example)
    assert loaded.problems == []
    assert shape.diagnose_shape(loaded) == []


# ---- every mistake, made anywhere in every example -------------------------------------------------------------------

_ITEM = re.compile(r"^( *)- ([^\s\"'\[{|>&*!%@`#\-][^#]*)$")
_KEY_VALUE = re.compile(r"^( *)([a-z][a-z0-9_]*): ([^\s\"'\[{|>&*!%@`#][^#]*)$")


def _plain_item(text: str) -> re.Match | None:
    match = _ITEM.match(text)
    if not match or ": " in match.group(2) or match.group(2).rstrip().endswith(":") or " " not in match.group(2):
        return None
    if re.match(r"[a-z][a-z0-9_]*:", match.group(2)):
        return None
    return match


def _siblings_are_items(info, index) -> bool:
    here = info[index].indent
    for other in info[index + 1:]:
        if other.kind != "node" or other.indent > here:
            continue
        return other.indent == here and other.text.lstrip().startswith("- ")
    return False


def _candidates(lines: list[str], mistake: str) -> list[int]:
    info = diagnose.classify(lines)
    out = []
    for index, line in enumerate(info):
        if line.kind != "node":
            continue
        text = line.text
        item, pair = _plain_item(text), _KEY_VALUE.match(text)
        previous = next((p for p in reversed(info[:index]) if p.kind == "node"), None)
        if mistake == "no dashes" and re.fullmatch(r" *([a-z_]+):\s*(#.*)?", text) and \
                text.strip().split(":")[0] in shape.LINE_LISTS and len(_plain_children(info, index)) >= 2:
            out.append(index)
        elif mistake in ("glued colon", "unclosed quote", "wide colon", "curly key", "final colon value") and pair:
            out.append(index)
        elif mistake in ("glued dash", "colon in text", "final colon", "indicator", "quoted start") and item:
            if mistake != "glued dash" or _siblings_are_items(info, index) or (
                    previous and previous.text.lstrip().startswith("- ") and previous.indent == line.indent):
                out.append(index)
        elif mistake == "key too far" and pair and previous and previous.indent == line.indent \
                and _KEY_VALUE.match(previous.text) and previous.text.rstrip()[-1] not in "\"'":
            out.append(index)
        elif mistake in ("tab", "no-break") and line.indent >= 2 and pair:
            out.append(index)
        elif mistake == "second document" and line.indent == 0 and pair and index > 3:
            out.append(index)
    return out


def _plain_children(info, index) -> list[int]:
    """The lines of a list of one-line plain items right under line ``index``; [] when it holds anything else."""
    children = []
    for other in info[index + 1:]:
        if other.kind in ("blank", "comment"):
            continue
        if other.kind != "node" or other.indent <= info[index].indent:
            break
        if not _ITEM.match(other.text) or ": " in other.text or (children and other.indent != info[children[0]].indent):
            return []
        children.append(other.number - 1)
    return children


def _mutate(lines: list[str], index: int, mistake: str, rng: random.Random) -> tuple[str, str]:
    """The changed line, and a words the finding's message must hold."""
    text = lines[index]
    if mistake == "glued colon":
        return text.replace(": ", ":", 1), "thiếu dấu cách sau dấu `:`"
    if mistake == "final colon value":
        return text.rstrip().rstrip(".;,") + ":", "kết thúc bằng dấu `:`"
    if mistake == "unclosed quote":
        return text.replace(": ", ': "', 1), "thiếu dấu ngoặc kép đóng"
    if mistake == "wide colon":
        return text.replace(": ", "：", 1), "toàn khổ"
    if mistake == "curly key":
        indent = len(text) - len(text.lstrip())
        key, rest = text.strip().split(":", 1)
        return f"{' ' * indent}“{key}”:{rest}", "ngoặc kép cong"
    if mistake == "glued dash":
        return text.replace("- ", "-", 1), "thiếu dấu cách sau dấu `-`"
    if mistake == "colon in text":
        words = text.split(" ")
        dash = words.index("-")
        cut = rng.randrange(dash + 1, len(words) - 1)
        words[cut] += ":"
        return " ".join(words), "dấu `:` và dấu cách ở giữa"
    if mistake == "final colon":
        return text.rstrip().rstrip(".;,") + ":", "kết thúc bằng dấu `:`"
    if mistake == "indicator":
        char = rng.choice("*&!%@`")
        return text.replace("- ", "- " + char, 1), f"bắt đầu bằng {'dấu `' if char == '`' else f'`{char}`'}"
    if mistake == "quoted start":
        head, _, tail = text.partition("- ")
        first, _, rest = tail.partition(" ")
        return f'{head}- "{first}" {rest}', "bắt đầu bằng ngoặc kép"
    if mistake == "key too far":
        return " " + text, "không thẳng cột"
    if mistake == "tab":
        return "\t" + text[2:], "Tab"
    if mistake == "no-break":
        indent = len(text) - len(text.lstrip())
        return "\u00a0" * indent + text.lstrip(), "U+00A0"
    if mistake == "second document":
        return "---\n" + text, "chia tệp thành hai văn bản"
    raise AssertionError(mistake)


MISTAKES = ("glued colon", "unclosed quote", "wide colon", "curly key", "glued dash", "colon in text", "final colon",
            "final colon value", "indicator", "quoted start", "key too far", "tab", "no-break", "second document",
            "no dashes")
PLACES = 2


@pytest.mark.parametrize("mistake", MISTAKES)
@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_a_mistake_made_anywhere_is_found_at_its_line_with_its_cause(example, mistake, tmp_path):
    lines = example.read_text(encoding="utf-8").split("\n")
    candidates = _candidates(lines, mistake)
    if not candidates:
        pytest.skip(f"{example.name} has no line for this mistake")
    rng = random.Random(f"{example.name}/{mistake}")
    for index in rng.sample(candidates, min(PLACES, len(candidates))):
        if mistake == "no dashes":  # every item of the list loses its dash; the finding is at the first one
            items = _plain_children(diagnose.classify(lines), index)
            mutated = [line.replace("- ", "", 1) if n in items else line for n, line in enumerate(lines)]
            changed, cause, index = mutated[items[0]], "không bắt đầu bằng `- `", items[0]
        else:
            changed, cause = _mutate(lines, index, mistake, rng)
            mutated = lines[:index] + [changed] + lines[index + 1:]
        for sibling in example.parent.glob("*.yaml") if example.name == "don-vi.yaml" else [example]:
            (tmp_path / sibling.name).write_text(sibling.read_text(encoding="utf-8"), encoding="utf-8")
        for profile in example.parent.glob("don-vi.yaml"):
            (tmp_path / profile.name).write_text(profile.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / example.name).write_text("\n".join(mutated), encoding="utf-8")
        # an office profile is read with the notice beside it
        target = next(p for p in sorted(tmp_path.glob("*.yaml")) if p.name != "don-vi.yaml")
        found = problems_of(target)
        near = [p for p in found if abs(p.line - (index + 1)) <= 1 and cause in p.message]
        report = f"{mistake} at {example.name}:{index + 1}: {changed!r}\n" + "\n".join(map(str, found))
        assert near, report
        for problem in found:
            assert not any(bad in problem.message for bad in MISLEADING), report
            assert not ENGLISH.search(problem.message), report


def test_a_file_with_problems_still_gives_its_document_for_more_checks(make_yaml):
    text = MINIMAL_YAML.replace("26/7/2010", "31/2/2010").replace("noi_nhan:", "noi_nhan:\n  - Lưu VPTU")
    with pytest.raises(reader.NotReady) as caught:
        reader.prepare(make_yaml(text))
    assert [p.code for p in caught.value.problems] == ["VB013"]
    assert caught.value.set_aside == {("ngay",)}
    assert caught.value.prepared.document.noi_nhan[0].noi == "Lưu VPTU"  # what lint's VB132 would report
