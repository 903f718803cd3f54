"""Opening a file with the machine's own viewer (the PDF of `vanban xem`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def open_file(path: Path) -> bool:
    """Open ``path`` with the system viewer; False when this machine has none (a server, a terminal session)."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 — the user's own file, with the program Windows associates with it
        return True
    opener = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
    if opener is None or (sys.platform != "darwin" and not os.environ.get("DISPLAY")
                          and not os.environ.get("WAYLAND_DISPLAY")):
        return False
    subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return True
