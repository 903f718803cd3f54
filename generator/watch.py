"""Re-render on every save (`vanban watch`): the live-preview loop, with watchfiles watching the files and folders."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.batch import is_document


def changes(paths: Iterable[Path], on_change: Callable[[list[Path]], None],
            stop: threading.Event | None = None) -> None:
    """Call ``on_change`` with the documents saved since the last call, until ``stop`` is set (or Ctrl+C)."""
    from watchfiles import Change, watch

    for batch in watch(*paths, stop_event=stop, raise_interrupt=True, debounce=300):
        saved = sorted({Path(name) for change, name in batch
                        if change is not Change.deleted and is_document(Path(name)) and Path(name).is_file()})
        if saved:
            on_change(saved)
