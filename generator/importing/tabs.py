"""A line laid out with tabs — `TỈNH ỦY BÌNH THUẬN<tab>ĐẢNG CỘNG SẢN VIỆT NAM` — holds one piece per column;
a tab after a list label (`1.<tab>Công tác …`) is only the label's gap."""

from __future__ import annotations

from generator.importing import labels


def pieces(text: str) -> list[str]:
    """The line's non-empty pieces, a label's tab turned into a space."""
    parts = [part.strip() for part in text.split("\t")]
    parts = [part for part in parts if part]
    if len(parts) > 1 and labels.read(parts[0] + " x") is not None and labels.read(parts[0] + " x").rest == "x":
        parts = [f"{parts[0]} {parts[1]}"] + parts[2:]
    return parts
