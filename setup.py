"""The build copies the repository's `templates/` and `schema/` (written by `make templates` and
`python -m generator.schema`) into the package, so that an installed vanban has them; the project's metadata is
in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("templates", "schema")


class BuildWithShippedFiles(build_py):
    def run(self):
        super().run()
        for name in SHIPPED:
            shutil.copytree(Path(name), Path(self.build_lib) / "generator" / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithShippedFiles})
