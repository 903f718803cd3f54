"""What the recogniser is unsure of: a `# kiểm tra:` comment at a place of the draft, and a confidence for each
part of the document, for the command to print."""

from __future__ import annotations

from dataclasses import dataclass, field

Where = tuple[str | int, ...]  # keys and list indices from the top of the YAML document


@dataclass
class Notes:
    checks: list[tuple[Where, str]] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)

    def check(self, where: Where, message: str) -> None:
        self.checks.append((where, message))

    def rate(self, part: str, value: float) -> None:
        self.confidence[part] = round(min(self.confidence.get(part, 1.0), value), 2)
