"""Rendering a Word template that may come from another office: the package is checked before anything opens it
(``package``), Jinja runs with bounded values (``sandbox``), a failure is told in Vietnamese (``explain``), and a
template from elsewhere runs in a child process with a time and a memory limit (``cage``)."""

from generator.errors import shorten

SHOWN_WIDTH = 80  # characters of a template's own text (a part's name, a tag) in a message


class TemplateError(Exception):
    """The template cannot be rendered; the message is in Vietnamese and names the template."""


def shown(text: object, width: int = SHOWN_WIDTH) -> str:
    """Text a template chose — a part's name, a tag, a variable — as a message may show it: control and format
    characters escaped, since they could drive the terminal or turn the line around, and at most ``width`` long."""
    return shorten("".join(char if char.isprintable() else repr(char)[1:-1] for char in str(text)), width)
