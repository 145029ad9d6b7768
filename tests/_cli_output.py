"""The command's outputs without the line that names the programme used (checked here)."""

from __future__ import annotations

PROGRAMME_LINE = "programme 规划: "


def csv_body(out: str) -> str:
    """The CSV after its first line, ``# programme 规划: ...``."""
    first, _, rest = out.partition("\n")
    assert first.startswith("# " + PROGRAMME_LINE), first
    return rest


def text_body(out: str) -> str:
    """The text after its first line, ``programme 规划: ...``."""
    first, _, rest = out.partition("\n")
    assert first.startswith(PROGRAMME_LINE), first
    return rest
