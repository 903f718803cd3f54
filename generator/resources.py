"""Where the files vanban ships live. Installed (a wheel, or a wheel built from the sdist), the Word templates and
the JSON Schemas are inside the package, found through importlib.resources; run from a clone or an editable
install, they are the repository's `templates/` and `schema/`, which the builders write."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The folder ``name`` (``templates`` or ``schema``): the package's copy when there is one, else the clone's."""
    packaged = resources.files("generator") / name
    if packaged.is_dir():
        return Path(str(packaged))
    return REPOSITORY / name
