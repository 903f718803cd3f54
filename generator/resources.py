"""Where the files vanban ships live. Installed (a wheel, or a wheel built from the sdist), the Word templates, the
JSON Schemas and the rulebook profiles are inside the package, found through importlib.resources; run from a clone
or an editable install, the templates and schemas are the repository's `templates/` and `schema/`, which the
builders write. A package imported from a zip has no files to open: its folders are copied once per process."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` of the package (``templates``, ``schema``, ``rulebooks``) as a real folder: the
    package's own, a copy of it when the package is in a zip, else the clone's."""
    packaged = resources.files("generator") / name
    if not packaged.is_dir():
        return REPOSITORY / name
    path = Path(str(packaged))
    return path if path.is_dir() else _extracted(name)


@functools.cache
def _extracted(name: str) -> Path:
    """A folder of a package imported from a zip, copied into a temporary folder removed at exit: python-docx,
    LibreOffice and the sandbox's checks need real files."""
    target = Path(tempfile.mkdtemp(prefix="vanban-goi-")) / name
    atexit.register(shutil.rmtree, target.parent, True)
    _copy(resources.files("generator") / name, target)
    return target


def _copy(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_dir():
            _copy(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())
