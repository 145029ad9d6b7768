"""openpyxl, imported when a workbook is written or read (not by ``import ezhou_recovery``)."""

from __future__ import annotations

from typing import Any

__all__ = ["load_openpyxl"]


def load_openpyxl() -> Any:
    """The openpyxl module.

    Raises:
        ModuleNotFoundError: openpyxl is not installed; says which extra installs it.
    """
    try:
        import openpyxl
    except ModuleNotFoundError as exc:  # pragma: no cover - openpyxl is in the test extra
        raise ModuleNotFoundError(
            "workbooks need openpyxl: pip install 'ezhou-recovery[xlsx]'", name=exc.name
        ) from None
    return openpyxl
