"""Done-when of the checker: the folder of broken files gives exactly the expected findings in one run."""

import datetime as dt
import os

from typer.testing import CliRunner

from generator import lint
from generator.cli import app
from tests.conftest import ROOT

BROKEN = ROOT / "tests" / "broken"


def test_one_check_run_over_the_broken_folder_finds_every_mistake(monkeypatch):
    monkeypatch.setattr(lint, "current_date", lambda: dt.date(2026, 11, 22))
    files = sorted(p.name for p in BROKEN.glob("*.yaml"))
    assert len(files) >= 35
    old = os.getcwd()
    os.chdir(BROKEN)
    try:
        result = CliRunner().invoke(app, ["check", *files])
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert result.stderr == (BROKEN / "expected.txt").read_text(encoding="utf-8")
    reported = {line.split(":")[0] for line in result.stderr.splitlines() if ".yaml:" in line}
    assert reported == set(files), "every broken file is reported"
