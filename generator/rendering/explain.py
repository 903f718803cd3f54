"""Why a template failed while it rendered, in Vietnamese, from the exception Jinja or Python raised: the name of the
missing variable, the tag of a syntax error … and never a library's English, except a Jinja syntax message we have
no translation for."""

from __future__ import annotations

import html
import re

import jinja2
from jinja2.sandbox import SecurityError
from lxml import etree

from generator.rendering import shown
from generator.rendering.sandbox import Refused

# What a template can do wrong while it renders; anything else is not the template's doing.
TEMPLATE_FAULTS = (jinja2.TemplateError, Refused, RecursionError, TypeError, ValueError, ArithmeticError,
                   LookupError, etree.XMLSyntaxError)

# Jinja's names for tokens it expected or met, as the user typed them.
_TOKENS = {"end of print statement": "`}}`", "end of statement block": "`%}`", "begin of print statement": "`{{`",
           "begin of statement block": "`{%`", "end of template": "chỗ hết mẫu", "name": "một tên",
           "integer": "một số", "float": "một số", "string": "một chuỗi"}

# Jinja's syntax messages, most specific first; the function receives the groups (shown) and gives the cause.
_SYNTAX = [
    (r"Encountered unknown tag '(\w+)'.*innermost block that needs to be closed is '(\w+)'",
     lambda tag, block: f"gặp thẻ `{{% {tag} %}}` khi khối `{{% {block} %}}` chưa đóng (thiếu `{{% end{block} %}}`?)"),
    (r"Encountered unknown tag '(\w+)'",
     lambda tag: f"có thẻ `{{% {tag} %}}` mà Jinja không biết, hay không có thẻ mở đi cùng"),
    (r"Unexpected end of template.*innermost block that needs to be closed is '(\w+)'",
     lambda block: f"hết mẫu mà khối `{{% {block} %}}` chưa đóng: thiếu `{{% end{block} %}}`"),
    (r"unexpected end of template, expected '([^']+)'",
     lambda token: f"hết mẫu mà thẻ chưa đóng: thiếu {_token(token)}"),
    (r"No filter named '([^']+)'", lambda name: f"dùng bộ lọc `{name}` không có"),
    (r"No test named '([^']+)'", lambda name: f"dùng phép thử `is {name}` không có"),
    (r"unexpected char (.+) at \d+", lambda quoted: f"có ký tự `{quoted[1:-1]}` không đúng chỗ"),
    (r"Expected an expression, got '([^']+)'",
     lambda token: f"thiếu biểu thức (một tên hay một giá trị) trước {_token(token)}"),
    (r"expected token '([^']+)', got '([^']+)'", lambda wanted, met: f"cần {_token(wanted)} mà gặp {_token(met)}"),
    (r"unexpected '([^']+)'", lambda token: f"có {_token(token)} không đúng chỗ"),
    (r"Missing end of comment tag", lambda: "thiếu `#}` đóng lời chú thích"),
]
_UNDEFINED = [
    (r"'([^']+)' is undefined", lambda name: f"dùng biến `{name}` không có trong dữ liệu của văn bản"),
    (r"has no attribute '([^']+)'", lambda name: f"dùng thuộc tính `{name}` không có trong dữ liệu của văn bản"),
    (r"has no element (.+)", lambda index: f"dùng phần tử `{index}` không có trong dữ liệu của văn bản"),
]
# Python's errors inside a tag, most specific first.
_RUNTIME = [
    (ZeroDivisionError, "chia cho 0"),
    (OverflowError, "tính ra một số quá lớn"),
    (ArithmeticError, "có phép tính không làm được"),
    (LookupError, "lấy một phần tử không có"),
    (TypeError, "đưa cho phép tính hay bộ lọc một giá trị sai kiểu"),
    (ValueError, "đưa cho phép tính hay bộ lọc một giá trị không hợp lệ"),
]
_TAG = re.compile(r"\{[{%#].*?[}%#]\}")
_XML_TAG = re.compile(r"<[^>]*>")


def explain(exc: BaseException) -> str:
    """The cause of ``exc`` (one of TEMPLATE_FAULTS), to follow "mẫu X (phần P)"."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _syntax(exc)
    if isinstance(exc, jinja2.UndefinedError):
        return _translated(exc.message or "", _UNDEFINED, "dùng một giá trị không có trong dữ liệu của văn bản")
    if isinstance(exc, SecurityError):
        attribute = re.search(r"access to attribute '([^']+)'", str(exc))
        return "bị chặn vì tìm cách chạy mã" + (f" (dùng `{shown(attribute[1])}`)" if attribute else "")
    if isinstance(exc, Refused):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "gọi lồng nhau quá sâu — có macro (hay vòng lặp recursive) tự gọi lại chính nó mãi?"
    if isinstance(exc, etree.XMLSyntaxError):
        return "tạo ra XML hỏng — thẻ Jinja cắt ngang cấu trúc của Word, hay `|safe` chèn XML sai?"
    cause = next((text for kind, text in _RUNTIME if isinstance(exc, kind)), "dùng thẻ sai cách")
    return f"dùng thẻ hoặc phép tính không được phép: {cause}"


def _syntax(exc: jinja2.TemplateSyntaxError) -> str:
    message = exc.message or ""
    where = f"có lỗi cú pháp Jinja ở dòng {exc.lineno}"
    tag = _offending_tag(exc.source, exc.lineno, message)
    if tag:
        where += f", thẻ `{shown(tag)}`"
    return f"{where}: {_translated(message, _SYNTAX, f'thẻ viết sai ({shown(message, 200)})')}"


def _offending_tag(source: str | None, line: int, message: str) -> str | None:
    """The tag, on ``line`` of the source docxtpl gave Jinja, that fails alone as the whole failed: a line is a Word
    paragraph, or several when docxtpl has merged those of `{%p %}` tags, so it may hold many tags."""
    lines = (source or "").splitlines()
    if not 0 < line <= len(lines):
        return None
    for tag in _TAG.findall(html.unescape(_XML_TAG.sub("", lines[line - 1]))):
        try:
            jinja2.Environment().parse(tag)  # parsing builds a tree and runs nothing
        except jinja2.TemplateSyntaxError as alone:
            if alone.message == message:
                return tag
        except RecursionError:  # a tag nested past reason: not the one the message is about
            continue
    return None


def _translated(message: str, table, fallback: str) -> str:
    for pattern, cause in table:
        match = re.search(pattern, message, re.DOTALL)
        if match:
            return cause(*(shown(group) for group in match.groups()))
    return fallback


def _token(description: str) -> str:
    return _TOKENS.get(description, f"`{description}`")
