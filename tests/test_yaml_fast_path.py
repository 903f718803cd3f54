"""The loader reads YAML with libyaml where libyaml reads it as PyYAML does, and with PyYAML everywhere else:
both paths give the same node tree (tags, values, styles, every mark's index, line and column), and a file
gives the same data, places and messages whichever path read it.

The places where libyaml reads otherwise were found by comparing the two parsers on mutated examples (the
property test below keeps doing so); each is shown here, with the pure-Python reading the loader falls back to.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import loader, pipeline
from generator.errors import InputError
from tests.conftest import ROOT
from tests.test_fuzz import budget

pytestmark = pytest.mark.skipif(loader._FastLoader is None, reason="PyYAML built without libyaml")

YAML_FILES = sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


def _texts(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, text) of the files the loader can decode (UTF-16 and Windows-1258 files are refused before)."""
    found = []
    for path in paths:
        try:
            found.append((path.relative_to(ROOT).as_posix(), loader.decode(path.read_bytes(), path.name)))
        except InputError:
            continue
    return found


FILES = _texts(YAML_FILES)

PARAGRAPH = ("Tiếp tục triển khai thực hiện các chương trình, kế hoạch phối hợp với Mặt trận Tổ quốc, các hội, "
             "đoàn thể; tích cực tham gia giữ gìn an ninh, chính trị")
TRICKY = {
    "vietnamese": "co_quan:\n  ten: Tỉnh ủy Bình Thuận\n  cap_tren: Ban Chấp hành Trung ương Đảng\n",
    "colon in text": 'mo_dau: "Kết quả: đạt 90%"\nnoi_dung:\n  - Giao các đơn vị:\n  - a:b và 14:30\n',
    "block scalars": "a: >-\n  dòng một\n  dòng hai\n\n  đoạn sau\nb: |\n  giữ\n    thụt\nc: |+\n  x\n\nd: >2\n   y\n",
    "flow collections": ("bang:\n  cot:\n    - { ten: Chỉ tiêu, kieu: chu, rong_cm: 4 }\n    - {ten: Số, kieu: so}\n"
                         "  dong:\n    - [Xã A, 12, \"98,5%\"]\n    - [ 'Xã B' , 3 ]\n"
                         "danh_so: [\"I.\", \"1.\", \"a)\"]\n"),
    "comments": "# đầu tệp\nloai: bao-cao   # loại\n# giữa\nnoi_nhan:   # danh sách\n  - Sở Nội vụ # cuối\n",
    "crlf": "loai: bao-cao\r\nnoi_nhan:\r\n  - Sở Nội vụ\r\nmo_dau: >-\r\n  một\r\n  hai\r\n",
    "nbsp in text": "ten: Ban\u00a0Dân vận\nso: \"12\u00a0\"\nghi_chu: a:\u00a0b\n\u00a0: c\n",
    "very long line": f"noi_dung:\n  - {PARAGRAPH * 60}\n  - \"{PARAGRAPH * 60}\"\n",
    "long key": "k" * 1024 + ": v\n",
    "no final line break": "noi_nhan:\n  - Sở Nội vụ\n  - Sở Tài chính",
    "trailing spaces at the end": "a:\n  b: c\n   ",
    "empty values": "so:\nngay: ''\nnoi_nhan:\n  -\n  - x\nd: ~\n",
    "key at the column of its list": "noi_nhan:\n- Sở Nội vụ\n- Sở Tài chính\n",
    "nested lists": "- - a\n  - b\n- - - c\n",
    "anchors and aliases": "a: &x [1, 2]\nb: *x\nc: &y\n  d: e\nf: *y\n",
    "quoted on several lines": 'a: "một\n  hai\n\n  ba"\nb: \'bốn\n\n  năm\'\nc: "x\\\n  y"\n',
    "escapes": 'a: "\\x41\\u00e9\\N\\_\\L\\P\\/\\\\"\n',
    "astral characters": "a: 😀 chữ 𝕏\n",
    "documents markers": "---\na: b\n...\n",
    "word line break": "mo_dau: dòng một\x0bdòng hai\n",
    "other line breaks": "a: b\x85c: d\u2028e: f\u2029g: h\ri: j\r\nk: l",
    "line break of Unicode last": "noi_nhan:\n  - Sở Nội vụ\u2028",
    "empty": "",
    "only a comment": "# chưa viết gì\n",
}


# ---- the node trees -----------------------------------------------------------------------------------------------

def tree(node: yaml.Node | None, seen: dict[int, int] | None = None) -> Any:
    """Everything a node tree holds, as comparable tuples; a node met again (an alias) as its first number."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    marks = tuple((mark.index, mark.line, mark.column) for mark in (node.start_mark, node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    style = node.flow_style
    if isinstance(node, yaml.SequenceNode):
        return ("sequence", node.tag, style, marks, tuple(tree(item, seen) for item in node.value))
    return ("mapping", node.tag, style, marks, tuple((tree(k, seen), tree(v, seen)) for k, v in node.value))


def outcome(compose, text: str) -> Any:
    """The tree, or the error PyYAML gives (what the diagnosis reads: its kind, words and marks)."""
    try:
        return tree(compose(text))
    except yaml.MarkedYAMLError as exc:
        return (type(exc).__name__, exc.context, exc.problem,
                *((mark.line, mark.column) if mark else None for mark in (exc.context_mark, exc.problem_mark)))
    except (yaml.YAMLError, loader._TooDeep) as exc:
        return type(exc).__name__


def pure_python(text: str) -> yaml.Node | None:
    return loader._BoundedLoader(text).get_single_node()


def libyaml(text: str) -> yaml.Node | None:
    """libyaml's reading, without the check of the text that keeps the loader from taking it."""
    return loader._FastLoader(text).get_single_node()


def _cases(named: list[tuple[str, str]]) -> list:
    return [pytest.param(text, id=name) for name, text in named]


@pytest.mark.parametrize("text", _cases(FILES + list(TRICKY.items())))
def test_libyaml_gives_the_same_tree_and_marks(text):
    text = text.replace(loader.WORD_LINE_BREAK, loader._LINE_BREAK_STAND_IN)  # as read_text passes it
    expected = outcome(pure_python, text)
    assert outcome(loader._compose, text) == expected
    if loader._UNLIKE_TEXT.search(text):
        return  # never given to libyaml
    try:
        read_by_libyaml = tree(libyaml(text))
    except (loader._Unlike, loader._TooDeep, yaml.YAMLError):
        return  # left to PyYAML
    assert read_by_libyaml == expected


def test_every_example_takes_the_fast_path():
    """The speed comes from here: an example (or a tricky but valid input) is never left to PyYAML."""
    clean = [(name, text) for name, text in FILES if name.startswith("examples/")] + list(TRICKY.items())
    for name, text in clean:
        text = text.replace(loader.WORD_LINE_BREAK, loader._LINE_BREAK_STAND_IN)
        assert loader._UNLIKE_TEXT.search(text) is None, name
        libyaml(text)  # raises where libyaml reads the text otherwise or fails


# Texts libyaml reads otherwise than PyYAML. Told by a character, before reading:
UNLIKE_CHARACTERS = {
    "tab after a colon": "ho_ten:\t Lê Tấn Lai\n",
    "tab inside text": "chuc_vu: Chánh\tVăn phòng\n",
    "byte order mark alone on a line": "a: b\n\ufeff\nc: d\n",
    "byte order mark starting a line": "\ufeff- a\n",
}
# Told while reading, by libyaml's events (see _FastLoader.get_event):
UNLIKE_READINGS = {
    "empty node tagged !": "a: !\nb: c\n",
    "tag handle": "!@! x\n",
    "question mark in flow text": "cot:\n  - { ten: Số, rong_? cm: 4 }\n",
    "empty value in flow": "h: {a:  , b: c}\n",
    "comment glued to a block header": "a: >-#\n  x\n",
}
UNLIKE = UNLIKE_CHARACTERS | UNLIKE_READINGS


@pytest.mark.parametrize("text", UNLIKE.values(), ids=UNLIKE.keys())
def test_where_libyaml_reads_otherwise_the_loader_reads_with_pyyaml(text):
    assert outcome(loader._compose, text) == outcome(pure_python, text)
    if text in UNLIKE_READINGS.values():
        with pytest.raises(loader._Unlike):
            libyaml(text)
    else:
        assert loader._UNLIKE_TEXT.search(text)


@pytest.mark.parametrize("text", UNLIKE_CHARACTERS.values(), ids=UNLIKE_CHARACTERS.keys())
def test_each_character_kept_from_libyaml_is_read_otherwise_by_it(text):
    assert outcome(libyaml, text) != outcome(pure_python, text)


def test_a_lone_surrogate_is_kept_from_libyaml_which_cannot_take_it_in():
    text = "a: x\ud800\n"  # only a caller's text can hold one: a file is decoded from UTF-8
    with pytest.raises(UnicodeEncodeError):
        libyaml(text)
    assert loader._UNLIKE_TEXT.search(text)
    assert outcome(loader._compose, text) == outcome(pure_python, text) == "ReaderError"


def _events(parser: Any) -> list[tuple[Any, ...]] | None:
    """What the composer takes from each event (the style of plain text aside: None or "", the same), or
    None when the parser fails."""
    events = []
    try:
        while (event := parser.get_event()) is not None:
            events.append((type(event).__name__, getattr(event, "anchor", None), getattr(event, "tag", None),
                           getattr(event, "implicit", None), getattr(event, "value", None),
                           *((mark.index, mark.line, mark.column) for mark in (event.start_mark, event.end_mark))))
    except yaml.YAMLError:
        return None
    return events


@pytest.mark.parametrize("text", UNLIKE_READINGS.values(), ids=UNLIKE_READINGS.keys())
def test_each_reading_refused_is_read_otherwise_by_libyaml(text):
    assert _events(yaml.cyaml.CParser(text)) != _events(yaml.SafeLoader(text))


# ---- whole files, whichever parser reads them ---------------------------------------------------------------------

def _read(text: str) -> Any:
    try:
        loaded = loader.read_text(text, Path("tb.yaml"))
    except InputError as exc:
        return exc.problems
    return (loaded.data, loaded.value_positions, loaded.key_positions, loaded.scalar_spans, loaded.problems,
            loaded.text)


def _without_libyaml(monkeypatch, work):
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_FastLoader", None)
        return work()


@pytest.mark.parametrize("text", _cases(FILES + list(TRICKY.items()) + list(UNLIKE.items())))
def test_a_file_reads_the_same_without_libyaml(monkeypatch, text):
    assert _read(text) == _without_libyaml(monkeypatch, lambda: _read(text))


def _problems(path: Path) -> list:
    """What `vanban check` reports: reading errors, or else every rule's findings (on a fixed day)."""
    return pipeline.check_file(path, today=dt.date(2026, 11, 22))[1]


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_a_broken_file_gives_the_same_messages_without_libyaml(monkeypatch, path):
    found = _problems(path)
    assert found  # every file of the folder has a mistake to report
    assert found == _without_libyaml(monkeypatch, lambda: _problems(path))


# ---- limits -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["[" * 200_000, "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 60)),
                                  "- " * 5_000 + "x\n"], ids=["brackets", "keys", "dashes"])
def test_the_depth_limit_holds_on_the_fast_path(text):
    """libyaml's own composer would recurse in C with no limit: ours stops at MAX_DEPTH."""
    with pytest.raises(loader._TooDeep):
        libyaml(text)
    with pytest.raises(InputError) as caught:
        loader.read_text(text, Path("tb.yaml"))
    assert [p.code for p in caught.value.problems] == ["VB007"]
    assert "lồng quá sâu" in caught.value.problems[0].message


# ---- mutations: the two readings never part -----------------------------------------------------------------------

PIECES = ["\t", "\ufeff", "\x85", "\u2028", "\r", "\r\n", "\u00a0", ":", ": ", " ", "#", " #", "- ", '"', "'", "[",
          "]", "{", "}", ",", "?", "? ", "&a ", "*a", "!", "! ", "!!str ", "|", ">", "|-\n", ">+\n", "%", "@", "`",
          "\ufdd0", "\n", "\n  ", "ơ", "😀", "\\", "k" * 1030 + ": ", "---", "\n...\n", "<<: ", "\\x41", "~", "''"]
BASES = [text for _, text in FILES if len(text) < 6_000] + list(TRICKY.values())


@settings(max_examples=budget(150))
@given(st.integers(0, 2**32), st.lists(st.tuples(st.sampled_from(PIECES), st.floats(0, 1)), min_size=1, max_size=4))
def test_mutated_files_read_the_same_by_both_paths(seed, edits):
    chance = random.Random(seed)
    text = chance.choice(BASES)
    if chance.random() < 0.5:  # a few lines only: small texts reach the corners faster
        lines = text.split("\n")
        start = chance.randrange(len(lines))
        text = "\n".join(lines[start:start + chance.randint(1, 12)])
    for piece, where in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    assert outcome(loader._compose, text) == outcome(pure_python, text)
