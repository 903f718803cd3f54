"""Property-based fuzz tests of the whole pipeline (`pipeline.render_file`).

The promise: whatever a secretary's file holds, the result is either a clean Vietnamese error with a place
(`InputError`, every problem located and coded `VBnnn`), or a DOCX that opens and shows the text as typed
(in NFC) — never a traceback, never another exception type, never a half-written output file.

1. `test_text_field`: hypothesis text (control characters, bidi marks, zero-width characters, emoji, astral
   characters, XML specials, Jinja- and markdown-looking text, 1000+ character words, NFD Vietnamese,
   whitespace, arbitrary text) in one text field at a time of MINIMAL_YAML, checked exactly (capitals,
   recipient punctuation, emphasis stars accounted for).
   `test_text_anywhere`: the same text in any text of any bundled example (every kind, both rulebooks,
   tables, appendices), checked loosely (case, stars, list punctuation).
2. `test_whole_file`: arbitrary bytes, arbitrary text and mutations of MINIMAL_YAML and of the examples as the
   whole file; a previous DOCX at the output path must stay byte-identical whenever the render fails.
3. `test_failed_render_leaves_previous_output_whole`: the same when writing fails half way (disk full,
   Ctrl-C, fsync or rename failing) — and no temporary file is left behind.
4. `test_raw_control_character_is_reported_where_it_stands`: VB005 at the character's own line and column.

The bugs these properties found are fixed; each keeps a regression test at the end (`test_regression_*`).

Budget: the default profile generates about 1 000 examples (plus ~60 explicit ones) in about 45 s, most of it
rendering (~70–100 ms a DOCX); `HYPOTHESIS_PROFILE=fuzz` (`make fuzz`) generates 20 times as many (~20 min).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import docx
import pytest
import yaml
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, currently_in_test_context, example, given, settings
from hypothesis import note as hypothesis_note
from hypothesis import strategies as st
from lxml import etree

from generator import pipeline
from generator.errors import InputError
from generator.loader import iter_strings
from tests.conftest import EXAMPLES, MINIMAL_YAML

# ---------------------------------------------------------------------------------------------------------------
# Profiles: "vanban" (default, ~1 100 examples in all) and "fuzz" (20×), chosen by HYPOTHESIS_PROFILE.
# Both inherit the profile active at import (Hypothesis' own "ci" profile on CI: derandomised, no database).

_BASE_EXAMPLES = 100
settings.register_profile(
    "vanban",
    parent=settings.get_profile(settings.get_current_profile_name()),
    max_examples=_BASE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                           HealthCheck.large_base_example],
    print_blob=True,
)
settings.register_profile("fuzz", parent=settings.get_profile("vanban"), max_examples=20 * _BASE_EXAMPLES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "vanban"))


def budget(examples: int) -> int:
    """``examples`` under the default profile, scaled by the active profile (×20 under "fuzz")."""
    return max(1, examples * settings().max_examples // _BASE_EXAMPLES)


BASE = yaml.safe_load(MINIMAL_YAML)

# ---------------------------------------------------------------------------------------------------------------
# Text strategies

C0 = [chr(c) for c in range(0x00, 0x20)]  # includes \t \n \x0b \x0c \r
C1 = [chr(c) for c in range(0x7F, 0xA0)]  # DEL and C1, includes \x85 (NEL)
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e",
             "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
SPACES_AND_BREAKS = [" ", "\u00a0", "\u2003", "\u3000", "\u1680", "\u2028", "\u2029", "\u0085"]
XML_SPECIALS = ["&", "<", ">", '"', "'", "&amp;", "&lt;", "&#0;", "&#x1;", "<w:t>", "</w:p>", "]]>",
                "<![CDATA[x]]>", "<?xml?>", "<!-- -->"]
JINJA = ["{{ x }}", "{{", "}}", "{%", "%}", "{#", "#}", "{% if %}", "{% endif %}", "{# c #}", "{{p x }}",
         "{%p endfor %}", "{%tr for %}", "{{ co_quan }}", "{{ ''.__class__ }}", "{{ 7*7 }}", "{0}", "{so}",
         "{hoi_nghi.ten}", "{hoi_nghi.x}"]
MARKDOWN = ["*", "**", "***", "\\*", "\\", "*nghiêng*", "**đậm**", "***đậm nghiêng***", "* a *", "**a*", "_a_"]
VIETNAMESE = ["Thường trực Tỉnh ủy", unicodedata.normalize("NFD", "Thường trực Tỉnh ủy"),
              unicodedata.normalize("NFD", "Quyết định số 5 của Ban Thường vụ"), "ĐẢNG CỘNG SẢN VIỆT NAM",
              "Sở Nội vụ (b/c)", "- Sở Nội vụ,", "ngày 26 tháng 7 năm 2010", "I.", "1-", "a)", ";", ".", ",", "./."]
ODD_CHARACTERS = ["\uf8ff", "\ue000", "\ufffe", "\uffff", "\ufffd", "\U0010ffff", "\U000e0001", "ß", "ŉ", "ǰ",
                  "İ", "ﬃ", "\u0301", "\u0323"]
SPECIALS = C0 + C1 + INVISIBLE + SPACES_AND_BREAKS + XML_SPECIALS + JINJA + MARKDOWN + VIETNAMESE + ODD_CHARACTERS

emoji = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
astral = st.characters(min_codepoint=0x10000)
long_word = st.text(st.characters(categories=("L", "M", "N", "P", "S")), min_size=1, max_size=6).map(
    lambda chunk: chunk * (1000 // len(chunk) + 1))  # 1000+ characters, no space to break the line at
whitespace_only = st.text(st.sampled_from(" \t\n\u00a0\u2003\u3000"), min_size=1, max_size=6)
fragment = st.one_of(
    st.sampled_from(SPECIALS),
    st.text(max_size=12),  # arbitrary text; Hypothesis never generates surrogates
    st.characters(),
    emoji,
    astral,
    long_word,
    whitespace_only,
)
ANY_TEXT = st.one_of(st.just(""), fragment, st.lists(fragment, min_size=2, max_size=6).map("".join))

# Characters XML 1.0 cannot hold, or that docxtpl reads as layout (\a, \f, \r): escaped in a double-quoted
# YAML scalar they must be reported (VB005), never dropped or turned into breaks.
XML_UNSAFE = {*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\x0b"), "\ufffe", "\uffff"}
TEXT = ANY_TEXT

# ---------------------------------------------------------------------------------------------------------------
# Reading results

VIETNAMESE_LETTERS = set("àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ")
VIETNAMESE_LETTERS |= {c.upper() for c in VIETNAMESE_LETTERS}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def note(text: str) -> None:
    """Shown with a failing example; the plain (non-Hypothesis) tests below share the same checks."""
    if currently_in_test_context():
        hypothesis_note(text)


def nfc(text: str) -> str:
    """The text as the tool keeps it: NFC, and Word's manual line break \\x0b as a line break."""
    return unicodedata.normalize("NFC", text).replace("\x0b", "\n")


def without_stars(text: str) -> str:
    """Text as compared across inline emphasis: `\\*` is a literal star, other stars may be markers."""
    return text.replace("\\*", "").replace("*", "")


def document_text(path: Path) -> str:
    """Every paragraph of the DOCX, table cells (nested too), headers and footers included, one per line."""
    document = docx.Document(str(path))
    lines: list[str] = []

    def walk(element: Any, parent: Any) -> None:
        for child in element.iterchildren():
            if child.tag == _W + "p":
                lines.append(Paragraph(child, parent).text)
            elif child.tag == _W + "tbl":
                for row in Table(child, parent).rows:
                    for cell in row.cells:
                        walk(cell._tc, cell)
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(document.element.body, document)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                walk(part._element, part)
    return "\n".join(lines)


def template_tags(path: Path) -> Iterator[str]:
    """Every `{{ … }}`, `{% … %}`, `{# … #}` in the text of the paragraphs of the document's XML parts."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                root = etree.fromstring(archive.read(name))
                for paragraph in root.iter(_W + "p"):
                    text = "".join(node.text or "" for node in paragraph.iter(_W + "t"))
                    yield from (match.group() for match in _TAG.finditer(text))


def assert_clean_failure(error: InputError, source: Path, user_text: str = "") -> None:
    """Every problem is located in ``source``, coded and worded in Vietnamese (not only in what the user typed)."""
    assert error.problems, "InputError without a problem"
    assert any(problem.is_error for problem in error.problems), error
    assert_located(error.problems, source, user_text)


def assert_located(problems: list, source: Path, user_text: str = "") -> None:
    user_forms = sorted({user_text, nfc(user_text), nfc(user_text).strip(), nfc(user_text).strip().upper()}
                        - {""}, key=len, reverse=True)
    for problem in problems:
        assert Path(problem.file).resolve() == source.resolve(), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert re.fullmatch(r"VB\d{3}", problem.code), problem
        own_words = problem.message
        for form in user_forms:
            own_words = own_words.replace(form, "")
        own_words = re.sub(r"`[^`]*`", "", own_words)  # quoted values
        own_words = "\n".join(line for line in own_words.split("\n") if not line.startswith("    "))  # caret
        assert VIETNAMESE_LETTERS & set(own_words), f"message not in Vietnamese: {problem}"


def assert_no_stray_files(folder: Path, keep: set[str]) -> None:
    stray = sorted(p.name for p in folder.iterdir() if p.name not in keep)
    assert not stray, f"files left behind: {stray}"


# ---------------------------------------------------------------------------------------------------------------
# Property 1: arbitrary text in one text field at a time


def _strip_list_punctuation(text: str) -> str:
    """Recipients: a typed leading `- ` and trailing `,` `;` `.` are dropped (the tool punctuates)."""
    return re.sub(r"[,;.]+$", "", re.sub(r"^-\s+", "", text)).strip()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _set(path: tuple[Any, ...]) -> Callable[[dict, str], None]:
    def put(data: dict, text: str) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = text
    return put


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


PART = {"tieu_de": "Về kết quả đạt được:"}


class Field:
    """A text field: how to put text in the document and what the DOCX must then show."""

    def __init__(self, name: str, path: tuple[Any, ...], expect: Callable[[str], list[str]],
                 prepare: Callable[[dict], None] = lambda data: None, rich: bool = False, prefix: str = ""):
        self.name, self.path, self.expect, self.prepare, self.rich = name, path, expect, prepare, rich
        self.prefix = prefix  # keeps a rulebook check from refusing every value (T/M needs a collective)

    def build(self, text: str) -> dict:
        data = copy.deepcopy(BASE)
        self.prepare(data)
        _set(self.path)(data, self.prefix + text)
        return data


def _upper(value: str) -> list[str]:
    return [value.strip().upper()]


def _plain(value: str) -> list[str]:
    return [value.strip()]


def _each_line(value: str) -> list[str]:
    return _lines(value)


def _recipient(value: str) -> list[str]:  # the tool adds the `- ` and the mark at the end of the line
    return ["- " + _strip_list_punctuation(value.strip())]


def _recipient_note(value: str) -> list[str]:
    note_ = value.strip()
    return ["- " + _strip_list_punctuation(f"Ban Thường vụ ({note_})" if note_ else "Ban Thường vụ")]


def _archive(value: str) -> list[str]:
    place = _strip_list_punctuation(value.strip())
    return ["- Lưu " + place if place else "- Lưu"]


def _on_behalf(value: str) -> list[str]:
    return ["T/M " + value.strip().upper()]


def _put(path: tuple[Any, ...], value: Any) -> Callable[[dict], None]:
    return lambda data: _set(path)(data, copy.deepcopy(value))


FIELDS = [
    Field("co_quan.ten", ("co_quan", "ten"), _upper),
    Field("co_quan.cap_tren", ("co_quan", "cap_tren"), _upper),
    Field("dia_danh", ("dia_danh",), _plain),
    Field("ten_loai", ("ten_loai",), _upper),
    Field("trich_yeu", ("trich_yeu", 0), _each_line, _put(("trich_yeu",), [""]), rich=True),
    Field("noi_dung.mo_dau", ("noi_dung", "mo_dau", 0), _each_line, _put(("noi_dung", "mo_dau"), [""]), rich=True),
    Field("noi_dung.ket_thuc", ("noi_dung", "ket_thuc", 0), _each_line, _put(("noi_dung", "ket_thuc"), [""]),
          rich=True),
    Field("phan.tieu_de", ("noi_dung", "ket_qua", "tieu_de"), _plain, _put(("noi_dung", "ket_qua"), {}), rich=True),
    Field("phan.doan", ("noi_dung", "ket_qua", "noi_dung", 0), _each_line,
          _put(("noi_dung", "ket_qua"), {**PART, "noi_dung": [""]}), rich=True),
    Field("muc.tieu_de", ("noi_dung", "ket_qua", "noi_dung", 0, "tieu_de"), _plain,
          _put(("noi_dung", "ket_qua"), {**PART, "noi_dung": [{"noi_dung": ["Nội dung mục."]}]}), rich=True),
    Field("muc.noi_dung", ("noi_dung", "ket_qua", "noi_dung", 0, "noi_dung", 0), _each_line,
          _put(("noi_dung", "ket_qua"), {**PART, "noi_dung": [{"noi_dung": [""]}]}), rich=True),
    Field("gach_dau_dong", ("noi_dung", "ket_qua", "noi_dung", 0, "gach_dau_dong", 0), _each_line,
          _put(("noi_dung", "ket_qua"), {**PART, "noi_dung": [{"gach_dau_dong": [""]}]}), rich=True),
    Field("noi_nhan", ("noi_nhan", 1), _recipient, _put(("noi_nhan",), ["Sở Nội vụ", ""])),
    Field("noi_nhan.ghi_chu", ("noi_nhan", 0, "ghi_chu"), _recipient_note,
          _put(("noi_nhan",), [{"noi": "Ban Thường vụ"}])),
    Field("luu", ("luu",), _archive),
    Field("nguoi_ky.chuc_vu", ("nguoi_ky", "chuc_vu"), _upper),
    Field("nguoi_ky.thay_mat", ("nguoi_ky", "thay_mat"), _on_behalf, _put(("nguoi_ky", "quyen_han"), "T/M"),
          prefix="Ban Thường vụ "),
    Field("nguoi_ky.ho_ten", ("nguoi_ky", "ho_ten"), _plain),
    # The name is filled into the paragraph before layout, so a line break in it breaks the paragraph there,
    # as one typed in the paragraph itself does.
    Field("hoi_nghi.ten", ("hoi_nghi", "ten"), _each_line,
          lambda data: data.update(hoi_nghi={}, noi_dung={"mo_dau": ["Tại {hoi_nghi.ten}, Thường trực đã kết luận."]}),
          rich=True),
]
FIELD_IDS = [field.name for field in FIELDS]


@contextlib.contextmanager
def rendering(data: Any, path: tuple[Any, ...], *, must_render: bool = False) -> Iterator[tuple[Path | None, str]]:
    """Write ``data`` as the secretary's file and render it. Yields the DOCX and the text at ``path`` as YAML
    reads it back, or ``None`` for the DOCX when the input was refused — after checking that the refusal is
    clean, located and left nothing behind."""
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    # What the YAML file says is what PyYAML reads back (a bare U+0085 or U+2028 in a plain scalar is a line
    # break to YAML, for instance): that is the text the secretary typed.
    typed = _get(yaml.safe_load(dumped), path)
    note(f"file:\n{dumped}")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.yaml"
        output = Path(folder) / "van-ban.docx"
        source.write_text(dumped, encoding="utf-8")
        try:
            warnings = pipeline.render_file(source, output)
        except InputError as error:
            note(str(error))
            assert not must_render, f"refused: {error}"
            assert_clean_failure(error, source, typed)
            assert not output.exists()
            assert_no_stray_files(Path(folder), {source.name})
            yield None, typed
            return
        assert_located(warnings, source, typed)
        assert_no_stray_files(Path(folder), {source.name, output.name})
        yield output, typed


def check_text_field(field: Field, text: str, *, must_render: bool = False) -> None:
    with rendering(field.build(text), field.path, must_render=must_render) as (output, typed):
        if output is None:
            return
        shown = document_text(output)
        value = nfc(typed)
        for expected in field.expect(value):
            if field.rich:
                assert without_stars(expected) in without_stars(shown), (expected, shown)
            else:
                assert expected in shown, (expected, shown)
        user_forms = {without_stars(f) for f in (value, value.upper())}
        for tag in template_tags(output):
            assert any(without_stars(tag) in form for form in user_forms), f"template tag left over: {tag}"


@pytest.mark.parametrize("field", FIELDS, ids=FIELD_IDS)
@settings(max_examples=budget(16))
@given(text=TEXT)
@example(text=unicodedata.normalize("NFD", "Thường trực Tỉnh ủy"))
@example(text="& < > \" ' {{ x }} {% if %} **đậm** *nghiêng* \u202e\u200f\u200b 🇻🇳 𝔸 " + "x" * 1200)
def test_text_field(field: Field, text: str) -> None:
    check_text_field(field, text)


# ---------------------------------------------------------------------------------------------------------------
# Property 1b: arbitrary text in any text of any bundled example (every kind, both rulebooks, tables, appendices)

EXAMPLE_DATA = {path.stem[:3]: yaml.safe_load(path.read_text(encoding="utf-8")) for path in EXAMPLES}
# Values the tool reads as codes, numbers, dates or choices: fuzzed for a clean outcome, not looked for as text.
NOT_SHOWN_AS_TYPED = {"loai", "he_thong", "so", "ngay", "nam", "han", "viet_tat", "kieu", "trang_thai", "quyen_han",
                      "dau_cuoi_dong", "danh_so", "rong_cm", "so_ban", "ky_hieu", "bang_nhiem_vu", "do_khan", "do_mat",
                      "dong", "tong",
                      "don_vi",  # an item's don_vi is for follow-up, shown only in a task table
                      "hoi_nghi"}  # the meeting's facts are shown where a paragraph quotes them ({hoi_nghi.ten})
_PLACEHOLDER = re.compile(r"\{hoi_nghi\.(?:ten|ngay|chu_tri|thanh_phan)\}")


EXAMPLE_LEAVES = [(name, path) for name, data in EXAMPLE_DATA.items() for path, _ in iter_strings(data)]


def _loose(text: str) -> str:
    """Compared loosely: emphasis stars, list dashes and end marks, case and spacing are the tool's to set."""
    return " ".join(_strip_list_punctuation(without_stars(text)).casefold().split())


def check_text_anywhere(example_name: str, path: tuple[Any, ...], text: str) -> None:
    data = copy.deepcopy(EXAMPLE_DATA[example_name])
    _set(path)(data, text)
    note(f"{example_name} {path}")
    with rendering(data, path) as (output, typed):
        if output is None or any(key in NOT_SHOWN_AS_TYPED for key in path if isinstance(key, str)):
            return
        shown = _loose(document_text(output))
        for line in _lines(nfc(typed)):
            for piece in _PLACEHOLDER.split(line):  # a meeting placeholder is replaced by the meeting's facts
                if _loose(piece):
                    assert _loose(piece) in shown or _loose(piece.upper()) in shown, (piece, shown)


def test_every_example_round_trips_through_the_fuzz_harness() -> None:
    """Baseline of property 1b: each example, loaded and dumped again as the harness does, still renders."""
    for data in EXAMPLE_DATA.values():
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "van-ban.yaml"
            source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            pipeline.render_file(source, Path(folder) / "van-ban.docx")


@settings(max_examples=budget(90))
@given(leaf=st.sampled_from(EXAMPLE_LEAVES), text=TEXT)
def test_text_anywhere(leaf: tuple[str, tuple[Any, ...]], text: str) -> None:
    check_text_anywhere(*leaf, text)


# ---------------------------------------------------------------------------------------------------------------
# Property 2: anything as the whole file (and property 3 for free: a previous output stays whole)

PREVIOUS: dict[str, bytes] = {}


def previous_docx() -> bytes:
    """A valid DOCX rendered from MINIMAL_YAML, made once."""
    if "docx" not in PREVIOUS:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "cu.yaml"
            source.write_text(MINIMAL_YAML, encoding="utf-8")
            pipeline.render_file(source, Path(folder) / "cu.docx")
            PREVIOUS["docx"] = (Path(folder) / "cu.docx").read_bytes()
    return PREVIOUS["docx"]


INSERTED = st.one_of(st.sampled_from(["\t", "\x0b", "\x00", "\r", "\x85", "\u2028", "\ufeff", ":", "-", "'", '"',
                                      "{", "}", "[", "]", "&", "*", "!", "%", "@", "`", "#", "|", ">", "?", ",",
                                      "\\", " ", "\n", "~", "=", "<<"]),
                     st.characters())


EXAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in EXAMPLES]
VALUE_LINE = re.compile(r"^(\s*(?:- )?[a-z_]*:? ?)(.*)$")


@st.composite
def mutated_minimal(draw: st.DrawFn) -> bytes:
    """MINIMAL_YAML or a bundled example changed by one to three edits a person (or a bad copy-paste) could make."""
    text = draw(st.sampled_from([MINIMAL_YAML] * 3 * len(EXAMPLE_TEXTS) + EXAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        operation = draw(st.sampled_from(["value", "value", "insert", "insert", "delete", "duplicate", "tab",
                                          "truncate"]))
        if operation == "value":  # a value typed anew, raw: control characters, \x0b from Word, quotes …
            index = draw(st.integers(0, len(lines) - 1))
            head = VALUE_LINE.match(lines[index]).group(1)
            lines[index] = head + draw(st.one_of(st.text(max_size=30), st.sampled_from(SPECIALS), INSERTED))
            text = "\n".join(lines)
        elif operation == "delete" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif operation == "duplicate":
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "\n".join(lines)
        elif operation == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(INSERTED) + text[at:]
        elif operation == "tab":
            indented = [i for i, line in enumerate(lines) if line.startswith(" ")]
            if indented:
                index = draw(st.sampled_from(indented))
                stripped = lines[index].lstrip(" ")
                lines[index] = draw(st.sampled_from(["\t", "\t\t", " \t"])) + stripped
                text = "\n".join(lines)
        elif operation == "truncate":
            text = text[:draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-16", "utf-32", "cp1258"])) if draw(st.integers(0, 7)) == 7 \
        else "utf-8"
    return text.encode(encoding, errors="replace")


WHOLE_FILES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    mutated_minimal(),
    mutated_minimal(),
    mutated_minimal(),
)


def check_whole_file(raw: bytes) -> None:
    previous = previous_docx()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.yaml"
        output = Path(folder) / "van-ban.docx"
        source.write_bytes(raw)
        output.write_bytes(previous)
        try:
            warnings = pipeline.render_file(source, output)
        except InputError as error:
            note(str(error))
            assert_clean_failure(error, source)
            assert output.read_bytes() == previous, "a failed render changed the previous output"
        else:
            assert_located(warnings, source)
            document_text(output)  # opens, and every part of it reads
        assert_no_stray_files(Path(folder), {source.name, output.name})


@settings(max_examples=budget(450))
@given(raw=WHOLE_FILES)
@example(raw=b"")
@example(raw=b"\xff\xfe\x00")
@example(raw="loai: thong-bao-ket-luan\n".encode("cp1258"))
@example(raw=MINIMAL_YAML.replace("  ten:", "\tten:").encode())
@example(raw=b"a: &a [*a]")
@example(raw=b"- 1\n- 2\n")
@example(raw=b"!!python/object:os.system {}")
@example(raw=MINIMAL_YAML.encode("utf-16"))
@example(raw=("x: " + "[" * 100).encode())
@example(raw=b"\x0b:\n  \x0b: \xe0\xa0\x80\n  (:\nso: (\n\n \xe1\x80\x80\xc3\x80")
@example(raw=b"a: &x [1]\nb: &y [*x, *x, *x, *x, *x, *x, *x, *x, *x]\nc: [*y, *y, *y, *y, *y, *y, *y, *y, *y]\n")
def test_whole_file(raw: bytes) -> None:
    check_whole_file(raw)


# ---------------------------------------------------------------------------------------------------------------
# Property 3: never a half-written file, whatever fails


class Fault:
    """A failure injected into the writing of the output (at the `os` level, whichever module writes)."""

    def __init__(self, target: str, error: BaseException | None, half_write: bool = False):
        self.target, self.error, self.half_write, self.fired = target, error, half_write, False

    def _raise(self, *args: Any, **kwargs: Any) -> Any:
        self.fired = True
        raise self.error

    def _fdopen(self, fd: int, *args: Any, **kwargs: Any) -> Any:
        fault, stream = self, _real_fdopen(fd, *args, **kwargs)

        class HalfWriter:
            def write(self, data: bytes) -> int:
                stream.write(data[: len(data) // 2])
                stream.flush()
                fault._raise()

            def __getattr__(self, name: str) -> Any:
                return getattr(stream, name)

            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: object) -> None:
                stream.close()

        return HalfWriter()

    def patch(self) -> contextlib.AbstractContextManager:
        if self.error is None:
            return contextlib.nullcontext()
        return mock.patch(self.target, self._fdopen if self.half_write else self._raise)


_real_fdopen = os.fdopen
FAULTS: dict[str, Callable[[], Fault]] = {
    "none": lambda: Fault("", None),
    "disk full while writing": lambda: Fault("os.fdopen", OSError(errno.ENOSPC, "No space left on device"), True),
    "interrupted while writing": lambda: Fault("os.fdopen", KeyboardInterrupt(), True),
    "fsync fails": lambda: Fault("os.fsync", OSError(errno.EIO, "Input/output error")),
    "rename fails": lambda: Fault("os.replace", OSError(errno.EACCES, "Permission denied")),
}


@settings(max_examples=budget(50))
@given(field=st.sampled_from(FIELDS), text=TEXT, fault=st.sampled_from(sorted(FAULTS)))
@example(field=FIELDS[0], text="Tỉnh ủy", fault="disk full while writing")
@example(field=FIELDS[0], text="Tỉnh ủy", fault="interrupted while writing")
def test_failed_render_leaves_previous_output_whole(field: Field, text: str, fault: str) -> None:
    previous = previous_docx()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.yaml"
        output = Path(folder) / "van-ban.docx"
        dumped = yaml.safe_dump(field.build(text), allow_unicode=True)
        typed = _get(yaml.safe_load(dumped), field.path)
        source.write_text(dumped, encoding="utf-8")
        output.write_bytes(previous)
        outcome: BaseException | None = None
        injected = FAULTS[fault]()
        try:
            with injected.patch():
                pipeline.render_file(source, output)
        except InputError as error:
            outcome = error
            if injected.fired:
                assert [p.code for p in error.problems if p.is_error] == ["VB021"], error
                written = next(p for p in error.problems if p.is_error)
                assert Path(written.file).resolve() == output.resolve(), error
                assert VIETNAMESE_LETTERS & set(written.message), error
            else:  # the input itself was refused, before anything was written
                assert_clean_failure(error, source, typed)
        except KeyboardInterrupt as interrupt:
            assert injected.fired and fault == "interrupted while writing"
            outcome = interrupt
        if outcome is None:
            assert fault == "none", f"{fault}: injected at {injected.target}, never reached — update the test"
            document_text(output)
        else:
            assert output.read_bytes() == previous, f"{fault}: the previous output was changed"
        assert_no_stray_files(Path(folder), {source.name, output.name})


def test_output_that_is_not_docx_is_refused_and_untouched(tmp_path: Path) -> None:
    source = tmp_path / "van-ban.yaml"
    source.write_text(MINIMAL_YAML, encoding="utf-8")
    for name in ("van-ban.yaml", "ghi-chu.txt"):
        target = tmp_path / name
        if not target.exists():
            target.write_text("giữ nguyên", encoding="utf-8")
        before = target.read_bytes()
        with pytest.raises(InputError) as caught:
            pipeline.render_file(source, target)
        assert [p.code for p in caught.value.problems] == ["VB021"]
        assert target.read_bytes() == before


# ---------------------------------------------------------------------------------------------------------------
# Property 4: a raw control character is reported exactly where it stands

RAW_CONTROL = [chr(c) for c in [*range(0x00, 0x09), *range(0x0C, 0x0D), *range(0x0E, 0x20), *range(0x7F, 0x85),
                                 *range(0x86, 0xA0)]]
# Once misreported: \x0c and \x1c–\x1e are line breaks to str.splitlines(), and a NUL was taken for UTF-16.
ONCE_MISREPORTED_CONTROL = ["\x00", "\x0c", "\x1c", "\x1d", "\x1e"]
SIGNER_LINE = "  ho_ten: Lê Tấn Lai"


def check_raw_control(character: str, at: int, before: str = "") -> None:
    """``character`` typed into the signer's name, ``at`` characters into it; ``before`` goes in the summary."""
    lines = MINIMAL_YAML.replace("trich_yeu: KẾT LUẬN", "trich_yeu: KẾT" + before + "LUẬN").split("\n")
    line = lines.index(SIGNER_LINE)
    column = len("  ho_ten: ") + at
    lines[line] = SIGNER_LINE[:column] + character + SIGNER_LINE[column:]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.yaml"
        source.write_text("\n".join(lines), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            pipeline.render_file(source, Path(folder) / "van-ban.docx")
        assert_clean_failure(caught.value, source)
        places = [(p.line, p.column, p.code) for p in caught.value.problems]
        assert (line + 1, column + 1, "VB005") in places, places


@settings(max_examples=budget(100))
@given(character=st.sampled_from(RAW_CONTROL),
       at=st.integers(0, len("Lê Tấn Lai")))
def test_raw_control_character_is_reported_where_it_stands(character: str, at: int) -> None:
    check_raw_control(character, at)


# ---------------------------------------------------------------------------------------------------------------
# Regressions: each of these failed once.

ESCAPED_UNSAFE = ANY_TEXT.filter(lambda text: any(c in XML_UNSAFE for c in text))


@settings(max_examples=budget(10))
@given(field=st.sampled_from(FIELDS), text=ESCAPED_UNSAFE)
@example(field=FIELDS[FIELD_IDS.index("nguoi_ky.ho_ten")], text="Lê\x01 Tấn Lai")
def test_regression_escaped_control_characters_are_reported(field: Field, text: str) -> None:
    check_text_field(field, text)


@pytest.mark.parametrize("field", [FIELDS[FIELD_IDS.index(name)] for name in ("nguoi_ky.ho_ten", "noi_dung.mo_dau")],
                         ids=["nguoi_ky.ho_ten", "noi_dung.mo_dau"])
def test_regression_private_use_f8ff_stays_as_typed(field: Field) -> None:
    check_text_field(field, "Logo \uf8ff Apple")


@pytest.mark.parametrize("text", ["{_{ x }_}", "a {_% b"], ids=["whole-tag", "half-tag"])
def test_regression_docxtpl_escapes_in_user_text_render_as_typed(text: str) -> None:
    check_text_field(FIELDS[FIELD_IDS.index("nguoi_ky.ho_ten")], text, must_render=True)


def test_typed_jinja_tag_renders_as_typed() -> None:
    check_text_field(FIELDS[FIELD_IDS.index("nguoi_ky.ho_ten")], "{{ x }} {% if %} {# c #}", must_render=True)


@pytest.mark.parametrize("character", ONCE_MISREPORTED_CONTROL, ids=[f"U+{ord(c):04X}" for c in ONCE_MISREPORTED_CONTROL])
def test_regression_control_characters_reported_at_their_place(character: str) -> None:
    check_raw_control(character, 2)


def test_regression_word_line_break_does_not_shift_later_line_numbers() -> None:
    check_raw_control("\x01", 2, before="\x0b")
