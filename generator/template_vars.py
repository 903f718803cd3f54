"""What a Word template reads from the render context, and the built-in templates an office copies to restyle.

Each part's Jinja source is taken exactly as docxtpl renders it (``patch_xml`` of the body, headers, footers and
footnotes; the document properties as they are), parsed, and walked: every data path the template reads is
reported with the Word paragraph its tag is written in, so that an office can find it in its copy.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes

from generator import rulebook, safe_write, template_builder
from generator.errors import Code, display_path, shorten
from generator.rendering import TemplateError, explain, package

PARAGRAPH_WIDTH = 80  # characters of a paragraph shown with a use
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The document properties docxtpl renders as templates (its render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_CORE_PART = "docProps/core.xml"
_PART_TITLES = {"word/document.xml": "thân văn bản", "word/header.xml": "đầu trang", "word/footer.xml": "chân trang",
                "word/footnotes.xml": "chú thích cuối trang", _CORE_PART: "thuộc tính tệp (File › Info)"}


@dataclass(frozen=True)
class TemplateInfo:
    """A template shipped with vanban; ``name`` is ``<rulebook>/<kind>``, as ``vanban templates copy`` takes it."""

    name: str
    path: Path
    description: str


@dataclass(frozen=True)
class VariableUse:
    """One data path a template reads — ``nguoi_ky.ho_ten``; ``noi_nhan[].noi`` for a field of every item of a
    list — with the package part it is in (``word/document.xml``, ``word/header1.xml`` …) and the visible text of
    the Word paragraph its tag is written in, shortened."""

    path: str
    part: str
    paragraph: str

    @property
    def root(self) -> str:
        return re.split(r"[.\[]", self.path, maxsplit=1)[0]


class UnknownTemplate(LookupError):
    """No built-in template has the name asked for; the Vietnamese message lists the names there are."""


def builtin_templates() -> list[TemplateInfo]:
    """Every template in ``templates/``: rulebook by rulebook, kinds in the order of the rulebook's profile."""
    found = []
    for code in rulebook.available():
        book = rulebook.load(code)
        for kind_code, kind in book.loai_van_ban.items():
            path = template_builder.template_path(code, kind_code)
            if path.is_file():
                description = f"{(kind.ten_loai or 'công văn').capitalize()} — {book.ten}"
                found.append(TemplateInfo(f"{code}/{kind_code}", path, description))
    return found


def copy_template(name: str, destination: Path) -> Path:
    """Copy the built-in template ``name`` for an office to restyle; return the path written.

    ``destination`` is the new file, or — without the ``.docx`` suffix — a templates folder as ``--mau`` takes
    it, the copy then going to ``<destination>/<rulebook>/<kind>.docx``. An existing file is never replaced:
    :class:`safe_write.TargetRefused` says so."""
    templates = builtin_templates()
    template = next((t for t in templates if t.name == name), None)
    if template is None:
        raise UnknownTemplate(f"không có mẫu có sẵn tên `{name}` — các mẫu có sẵn: "
                              + ", ".join(t.name for t in templates))
    target = destination if destination.suffix.lower() == ".docx" else destination / f"{template.name}.docx"
    if os.path.lexists(target):  # write_new refuses too, but its advice (-o) is the render command's
        raise safe_write.TargetRefused(Code.OUTPUT, f"đã có tệp {display_path(target)} — vanban không ghi đè; "
                                                    "hãy chọn tên khác, hoặc tự xóa hay đổi tên tệp cũ")
    safe_write.write_new(target, template.path.read_bytes())
    return target


def part_title(part: str) -> str:
    """Where a part is, in a Word user's words: ``đầu trang (word/header1.xml)``."""
    title = _PART_TITLES.get(re.sub(r"\d+(?=\.xml$)", "", part))
    return f"{title} ({part})" if title else part


def template_variables(path: Path) -> list[VariableUse]:
    """Every data path the template at ``path`` reads, in template order, once per part and paragraph.

    Raise :class:`TemplateError` (Vietnamese, naming the paragraph) for a file that is not a usable template."""
    return _analyse(path)[0]


def missing_data(path: Path, context: Mapping[str, Any]) -> list[VariableUse]:
    """The uses of the template at ``path`` that the render ``context`` (``layout.context``) cannot give: a root
    name it lacks, or a key lacking one level down in a dict of it (``hoi_nghi.ngay``). A value the template
    tests with `is defined` or reads through `default` may be absent, so it is not reported."""
    uses, optional = _analyse(path)
    return [use for use in uses if not _within(use.path, optional) and not _provided(use.path, context)]


# --- parts ------------------------------------------------------------------------------------------------


def _analyse(path: Path) -> tuple[list[VariableUse], set[str]]:
    """The uses of every part, and the paths the template guards with `is defined` or `default`."""
    data = package.read_checked(path)  # a template from elsewhere may be a zip bomb: checked before docx opens it
    template = package.opened(data, path.name)
    uses: dict[VariableUse, None] = {}  # ordered, without repeats
    optional: set[str] = set()
    for part, xml in _xml_parts(template):
        source = template.patch_xml(xml)
        found = list(_TAG.finditer(source))
        owners = _owners(_written_tags(xml), [_tag_key(html.unescape(m.group())) for m in found])
        annotated, line_paragraphs = _one_tag_per_line(source, [m.start() for m in found], owners)
        # docxtpl gives Jinja one line per Word paragraph: a syntax error is then told as the render tells it
        rendered = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        _read(annotated, line_paragraphs, rendered, path.name, part, uses, optional)
    properties = template.docx.core_properties
    for value in (getattr(properties, name) for name in _PROPERTIES):
        if value and _TAG.search(value):
            _read(value, [_shown(value)] * (value.count("\n") + 1), value, path.name, _CORE_PART, uses, optional)
    return list(uses), optional


def _xml_parts(template: DocxTemplate) -> Iterable[tuple[str, str]]:
    """(name, XML before patching) of each part docxtpl renders through ``patch_xml``, in its order."""
    yield _part_name(template.docx.part), template.get_xml()
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            yield _part_name(part), template.get_part_xml(part)
    for part in template.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob
            yield _part_name(part), blob.decode("utf-8") if isinstance(blob, bytes) else blob


def _part_name(part) -> str:
    return str(part.partname).lstrip("/")


def _shown(text: str) -> str:
    return shorten(" ".join(text.split()), PARAGRAPH_WIDTH)


def _written_tags(xml: str) -> list[tuple[str, str]]:
    """(key, shown paragraph) of every tag as typed in Word, paragraph by paragraph."""
    root = package.parse(xml.encode("utf-8"))
    tags = []
    for paragraph in root.iter(_W + "p"):
        # A text box's paragraphs sit inside a paragraph's runs: their text is theirs, not the outer paragraph's.
        text = "".join(t.text or "" for t in paragraph.iter(_W + "t")
                       if next(t.iterancestors(_W + "p"), None) is paragraph)
        tags.extend((_tag_key(tag), _shown(text)) for tag in _TAG.findall(text))
    return tags


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # what docxtpl straightens inside tags


def _tag_key(tag: str) -> str:
    """A tag reduced to what survives docxtpl's patching: no `p`/`tr`/`tc`/`r` prefix, no whitespace control,
    no spaces, straight quotes; `{% colspan x %}` and `{% cellbg x %}` become the `{{x}}` docxtpl makes of them."""
    inner = re.sub(r"^(?:tr|tc|p|r) ", "", tag[2:-2])
    inner = re.sub(r"^[-+]|[-+]$", "", inner)
    inner = re.sub(r"^\s*(?:colspan|cellbg)\s", "", inner) if tag.startswith("{%") else inner
    return re.sub(r"\s+", "", inner.translate(_QUOTES))


def _owners(written: list[tuple[str, str]], patched: list[str]) -> list[str]:
    """The paragraph each tag of the patched source was typed in. Both lists are in document order, but docxtpl
    drops the rest of a `{%p …%}` paragraph and writes tags of its own (vm, hm, colspan): those belong with the
    tag before them."""
    owners: list[str | None] = [None] * len(patched)
    matcher = difflib.SequenceMatcher(None, [key for key, _ in written], patched, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            owners[block.b + offset] = written[block.a + offset][1]
    last = next((owner for owner in owners if owner is not None), "")
    filled = []
    for owner in owners:
        last = owner if owner is not None else last
        filled.append(last)
    return filled


def _one_tag_per_line(source: str, starts: list[int], owners: list[str]) -> tuple[str, list[str]]:
    """``source`` with a line break before each tag, and the paragraph of each of its lines. Only the text
    between tags changes, so the template parses the same, and the line Jinja gives a node names its paragraph."""
    pieces, lines, previous = [], [""], 0
    for start, owner in zip(starts, owners):
        chunk = source[previous:start]
        pieces += [chunk, "\n"]
        lines += [lines[-1]] * chunk.count("\n") + [owner]
        previous = start
    tail = source[previous:]
    pieces.append(tail)
    lines += [lines[-1]] * tail.count("\n")
    return "".join(pieces), lines


def _read(source: str, line_paragraphs: list[str], rendered: str, template_name: str, part: str,
          uses: dict[VariableUse, None], optional: set[str]) -> None:
    """Add the uses of one part's ``source`` to ``uses`` and its guarded paths to ``optional``; ``rendered`` is
    the same template as docxtpl lays it out, for the words of a syntax error."""
    reader = _Reader()
    try:
        reader.body(jinja2.Environment().parse(source).body, {})  # parsing builds a tree and runs nothing
    except jinja2.TemplateSyntaxError as exc:
        where = f"mẫu {template_name} (phần {part}, đoạn «{line_paragraphs[exc.lineno - 1]}»)"
        try:
            jinja2.Environment().parse(rendered)
        except jinja2.TemplateSyntaxError as same:  # the same tags fail the same way, at render's line number
            exc = same
        raise TemplateError(f"{where} {explain.explain(exc)}") from exc
    except RecursionError as exc:  # thousands of nested brackets or blocks: no document's template
        raise TemplateError(f"mẫu {template_name} (phần {part}) có biểu thức hay khối lồng nhau quá sâu") from exc
    for data_path, line in reader.uses:
        uses.setdefault(VariableUse(data_path, part, line_paragraphs[line - 1]))
    optional |= reader.optional


# --- the walk ---------------------------------------------------------------------------------------------

# Names Jinja itself provides (range, namespace …): never data.
_NOT_DATA = frozenset(jinja2.defaults.DEFAULT_NAMESPACE) | {"self"}
_SAME_VALUE = frozenset({"default", "d", "sort", "reverse", "list", "unique", "select", "reject", "selectattr",
                         "rejectattr"})  # filters whose result is the value or some of its items
_ONE_ITEM = frozenset({"first", "last", "random"})
_GUARDS = frozenset({"defined", "undefined", "default", "d"})  # tests and filters that accept a missing value

Scope = dict[str, str | None]  # a local name → the data path it stands for, or None for a value of no data


class _Reader:
    """Walks a parsed template: ``uses`` gets (path, line) for every data path read, in template order."""

    def __init__(self) -> None:
        self.uses: list[tuple[str, int]] = []
        self.optional: set[str] = set()

    def body(self, statements: list[nodes.Node], scope: Scope) -> None:
        for statement in statements:
            self.statement(statement, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expression(child, scope)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope)
            self.body(node.body, scope)  # an if opens no scope: a set inside it stays
            self.body(node.elif_, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.For):
            self.expression(node.iter, scope)
            items = self.path(node.iter, scope)
            inner = {**scope, **_bound(node.target, f"{items}[]" if items else None), "loop": None}
            if node.test is not None:
                self.expression(node.test, inner)
            self.body(node.body, inner)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.expression(value, scope)
                inner.update(_bound(target, self.path(value, scope)))
            self.body(node.body, inner)
        elif isinstance(node, nodes.Assign):
            self.expression(node.node, scope)
            scope.update(_bound(node.target, self.path(node.node, scope)))
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scope)
            if node.filter is not None:
                self.expression(node.filter, scope)
            scope.update(_bound(node.target, None))
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
            else:
                self.expression(node.call, scope)
            for default in node.defaults:
                self.expression(default, scope)
            parameters = {argument.name: None for argument in node.args}
            self.body(node.body, {**scope, **parameters, "varargs": None, "kwargs": None, "caller": None})
        else:  # blocks, scopes, autoescape, include …: their own expressions and statements
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Stmt):
                    self.statement(child, scope)
                else:
                    self.expression(child, scope)

    def expression(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, (nodes.Filter, nodes.Test)) and node.name in _GUARDS and node.node is not None:
            guarded = self.path(node.node, scope)
            if guarded is not None:
                self.optional.add(guarded)
        found = self.path(node, scope)
        if found is not None:
            self.uses.append((found, node.lineno))
            self._inside_chain(node, scope)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            self.expression(node.node.node, scope)  # a method (`x.items()`) reads its value, not a key of it
            self._arguments(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.expression(child, scope)

    def path(self, node: nodes.Node, scope: Scope) -> str | None:
        """The data path an expression stands for (``nguoi_ky.ho_ten``, ``noi_nhan[]``), or None."""
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name in scope:
                return scope[node.name]
            return None if node.name in _NOT_DATA else node.name
        if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Filter)) and node.node is not None:
            base = self.path(node.node, scope)
            if base is None:
                return None
            if isinstance(node, nodes.Getattr):
                return f"{base}.{node.attr}"
            if isinstance(node, nodes.Filter):
                return base if node.name in _SAME_VALUE else f"{base}[]" if node.name in _ONE_ITEM else None
            if isinstance(node.arg, nodes.Slice):
                return base
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return f"{base}.{node.arg.value}"
            return f"{base}[]"
        return None

    def _inside_chain(self, node: nodes.Node, scope: Scope) -> None:
        """Read what a chain computes with besides its path: a variable index, a filter's arguments."""
        while not isinstance(node, nodes.Name):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.expression(node.arg, scope)
            elif isinstance(node, nodes.Filter):
                self._arguments(node, scope)
            node = node.node

    def _arguments(self, node: nodes.Filter | nodes.Call, scope: Scope) -> None:
        for argument in [*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs]:
            if argument is not None:
                self.expression(argument, scope)


def _bound(target: nodes.Node, path: str | None) -> Scope:
    """The names an assignment target binds, each standing for ``path`` (a namespace's attribute binds none)."""
    if isinstance(target, nodes.Name):
        return {target.name: path}
    if isinstance(target, nodes.Tuple):
        return {name.name: path for name in target.find_all(nodes.Name)}
    return {}


# --- what a context gives ---------------------------------------------------------------------------------


def _within(path: str, prefixes: set[str]) -> bool:
    return any(path == prefix or path.startswith((prefix + ".", prefix + "[")) for prefix in prefixes)


def _provided(path: str, context: Mapping[str, Any]) -> bool:
    root, key = re.match(r"([^.\[]+)(?:\.([^.\[]+))?", path).groups()
    if root not in context:
        return False
    value = context[root]
    return key is None or not isinstance(value, Mapping) or key in value
