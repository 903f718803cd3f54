"""Installed like any Python tool: the wheel built from this repository, installed into a fresh virtual
environment (offline: the dependencies come from the test environment, the wheel has no network to ask), renders,
checks and converts every example from a folder outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from generator.conversion import pdf
from tests.conftest import ROOT

SKIPPED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "drafts")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (a `build/` left in the clone must not leak into it)."""
    source = tmp_path_factory.mktemp("nguon") / "vanban"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    dist = source / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(dist), str(source)], check=True, capture_output=True)
    (built,) = dist.glob("vanban-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; its `vanban` command."""
    venv = tmp_path_factory.mktemp("moi") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / ("Scripts" if sys.platform.startswith("win") else "bin") / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies, without a network: the test environment's installed packages, behind the new ones.
    (Path(site) / "phu-thuoc.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    return python.with_name("vanban")


def test_the_wheel_holds_the_templates_and_schemas_byte_for_byte(wheel):
    with zipfile.ZipFile(wheel) as package:
        names = set(package.namelist())
        for folder in ("templates", "schema"):
            shipped = sorted(p for p in (ROOT / folder).rglob("*") if p.is_file())
            assert shipped
            for path in shipped:
                inside = f"generator/{path.relative_to(ROOT).as_posix()}"
                assert inside in names, inside
                assert package.read(inside) == path.read_bytes(), inside
        assert {"generator/rulebooks/dang.yaml", "generator/rulebooks/nha-nuoc.yaml"} <= names


def _run(vanban: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(vanban), *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_the_installed_tool_renders_and_checks_every_example_from_another_folder(installed, tmp_path):
    work = tmp_path / "van-phong"
    shutil.copytree(ROOT / "examples", work)
    where = _run(installed, "doctor", cwd=work)
    assert "✓ mẫu Word có sẵn: " in where.stdout
    assert str(ROOT / "templates") not in where.stdout, "the templates come from the installed package"
    checked = _run(installed, "check", ".", cwd=work)
    assert checked.returncode == 0, checked.stderr
    rendered = _run(installed, "render", ".", cwd=work)
    assert rendered.returncode == 0, rendered.stderr
    examples = [p for p in work.rglob("*.yaml") if p.name != "don-vi.yaml"]
    assert all(p.with_suffix(".docx").is_file() for p in examples)


@pytest.mark.skipif(pdf.soffice() is None and not __import__("os").environ.get("CI"), reason="no LibreOffice")
def test_the_installed_tool_converts_to_pdf(installed, tmp_path):
    shutil.copy(ROOT / "examples" / "020-nha-nuoc-tb-ket-luan-chu-tich.yaml", tmp_path / "tb.yaml")
    result = _run(installed, "render", "tb.yaml", "--pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tb.pdf").read_bytes().startswith(b"%PDF")


def test_the_package_runs_from_a_zip(wheel, installed, tmp_path):
    """A zip-safe environment: the package imported from a zip file finds its templates, schemas and profiles."""
    archive = tmp_path / "vanban.zip"
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(archive, "w") as target:
        for name in source.namelist():
            if name.startswith("generator/"):
                target.writestr(name, source.read(name))
    shutil.copy(ROOT / "examples" / "020-nha-nuoc-tb-ket-luan-chu-tich.yaml", tmp_path / "tb.yaml")
    script = ("import sys, generator; assert '.zip' in generator.__file__, generator.__file__; "
              "from generator.cli import main; sys.argv = ['vanban', 'render', 'tb.yaml']; main()")
    result = subprocess.run([str(installed.with_name("python")), "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=600, env={**__import__("os").environ, "PYTHONPATH": str(archive)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "đã tạo tb.docx\n"
    assert (tmp_path / "tb.docx").read_bytes()[:2] == b"PK"


def test_a_wheel_built_from_the_sdist_holds_the_templates_too(tmp_path):
    source = tmp_path / "vanban"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    subprocess.run([sys.executable, "setup.py", "-q", "sdist", "-d", str(tmp_path / "sdist")], cwd=source,
                   check=True, capture_output=True)
    (sdist,) = (tmp_path / "sdist").glob("vanban-*.tar.gz")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path / "dist"), str(sdist)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("vanban-*.whl")
    with zipfile.ZipFile(wheel) as package:
        for path in sorted((ROOT / "templates").rglob("*.docx")):
            assert package.read(f"generator/{path.relative_to(ROOT).as_posix()}") == path.read_bytes()
